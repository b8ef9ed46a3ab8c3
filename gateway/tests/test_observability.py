"""What operators see of the whole system (#21): one command's trace through the gateway, the
service, the bus and the consumer that acts on it; every service's figures on one
``/metrics``; an access line per request.

Embedded mode in this process (the gateway and every service, their real SQLite stores and
the durable in-process bus), with the OpenTelemetry SDK and an in-memory exporter standing in
for the collector. Stack mode runs the same code with Kafka: ``llwybr/tests/test_tracing.py``
shows the trace context crossing a real broker.
"""

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from prometheus_client.parser import text_string_to_metric_families

from gateway.main import create_app
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings
from llwybr_testkit.spans import in_trace, recorded_spans

SCHOOL = "school:6652001"
CONCERN = {
    "learner": {"given_name": "Cerys", "family_name": "Jones", "date_of_birth": "2017-05-02",
                "setting": "maintained_school", "setting_id": "6652001", "local_authority": "665"},
    "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
}  # fmt: skip
GRADUATED_RESPONSE = {
    "level": "targeted", "description": "Small group literacy, 3 x 20 min a week",
    "small_steps_targets": ["Read 20 high-frequency words", "Write a sentence unaided"],
    "termly_reviews": [{"reviewed_on": "2026-02-20", "outcome": "limited progress"}],
    "recorded_on": "2026-03-02", "recorded_by": SCHOOL,
}  # fmt: skip
HAS_ALN = {"has_aln": True, "reasons": "Significantly greater difficulty in learning",
           "decided_on": "2026-03-20", "decided_by": SCHOOL, "person": "ALNCo"}  # fmt: skip


@pytest.fixture(scope="module")
def exporter() -> Iterator[InMemorySpanExporter]:
    with recorded_spans() as exporter:
        yield exporter


@pytest.fixture
async def client(
    tmp_path: Path, exporter: InMemorySpanExporter
) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            credentials = json.loads((tmp_path / "gateway" / "dev-credentials.json").read_text())
            school = next(c for c in credentials if c["organisation"] == SCHOOL)
            token = await http.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(school["client_id"], school["client_secret"]),
            )
            http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
            exporter.clear()
            yield http


async def _decide_has_aln(client: httpx.AsyncClient) -> httpx.Response:
    raised = await client.post("/v1/determinations", json=CONCERN)
    assert raised.status_code == 201, raised.text
    path = raised.headers["location"]
    evidence = await client.post(
        f"{path}/graduated-response", json=GRADUATED_RESPONSE, headers={"If-Match": '"1"'}
    )
    assert evidence.status_code < 300, evidence.text
    decided = await client.post(
        f"{path}/decision", json=HAS_ALN, headers={"If-Match": evidence.headers["etag"]}
    )
    assert decided.status_code < 300, decided.text
    return decided


def _opened(spans: list[ReadableSpan]) -> list[ReadableSpan]:
    """The IDP service's consumer applying an event of this trace, with an effect."""
    return [
        s
        for s in spans
        if s.kind == SpanKind.CONSUMER
        and str((s.attributes or {}).get("messaging.consumer.group.name", "")).startswith("idp.")
        and (s.attributes or {}).get("llwybr.effect.applied") is True
    ]


async def test_a_decision_s_trace_spans_the_gateway_the_service_the_bus_and_the_idp_it_opens(
    client: httpx.AsyncClient, exporter: InMemorySpanExporter
) -> None:
    decided = await _decide_has_aln(client)
    request_id = decided.headers["x-request-id"]
    gateway = next(
        s
        for s in exporter.get_finished_spans()
        if s.kind == SpanKind.SERVER
        and (s.attributes or {}).get("llwybr.service") == "gateway"
        and str((s.attributes or {}).get("http.target", "")).endswith("/decision")
    )
    assert gateway.context is not None
    trace_id = gateway.context.trace_id
    spans: list[ReadableSpan] = []
    for _ in range(100):  # the IDP is opened once the decision has crossed the bus
        spans = in_trace(exporter, trace_id)
        if _opened(spans):
            break
        await asyncio.sleep(0.1)
    by_id = {s.context.span_id: s for s in spans if s.context is not None}

    def parent(span: ReadableSpan) -> ReadableSpan | None:
        return by_id.get(span.parent.span_id) if span.parent is not None else None

    # SERVER in stack mode; in embedded mode the service runs inside the gateway's client
    # call, and the instrumentation makes it an INTERNAL span of that call.
    service = next(
        s
        for s in spans
        if s.kind in (SpanKind.SERVER, SpanKind.INTERNAL)
        and (s.attributes or {}).get("llwybr.service") == "determination"
    )
    publish = next(s for s in spans if s.kind == SpanKind.PRODUCER and "determination" in s.name)
    opened = _opened(spans)
    assert opened, [s.name for s in spans]
    # The chain: gateway -> (its client span) -> determination -> publish -> IDP's consumer.
    client_span = parent(service)
    assert client_span is not None
    assert client_span.kind == SpanKind.CLIENT
    assert parent(client_span) is gateway
    assert parent(publish) is service
    assert parent(opened[0]) is publish
    assert (publish.attributes or {})["messaging.system"] == "llwybr-bus"
    assert str((publish.attributes or {})["cloudevents.event_type"]).startswith(
        "wales.aln.determination."
    )
    # The plan is there, and no span names the learner or a query string.
    plans = (await client.get("/v1/idps")).json()["items"]
    assert len(plans) == 1
    assert request_id
    _no_personal_data(spans)


def _no_personal_data(spans: list[ReadableSpan]) -> None:
    for span in spans:
        for value in (span.attributes or {}).values():
            assert "Cerys" not in str(value), (span.name, value)
            assert "?" not in str(value), (span.name, value)


async def test_a_query_string_is_not_recorded_in_a_span(
    client: httpx.AsyncClient, exporter: InMemorySpanExporter
) -> None:
    response = await client.get("/v1/idps", params={"learner_id": "secret-learner-123"})
    assert response.status_code == 200, response.text
    spans = exporter.get_finished_spans()
    assert spans
    for span in spans:
        for value in (span.attributes or {}).values():
            assert "secret-learner-123" not in str(value), (span.name, value)


async def test_one_metrics_page_shows_every_service_s_figures_in_embedded_mode(
    client: httpx.AsyncClient,
) -> None:
    await _decide_has_aln(client)  # the parent has no contact yet: the notice is escalated
    text = ""
    for _ in range(100):
        text = (await client.get("/metrics")).text
        if 'llwybr_notices_escalated{recipient_role="parent",service="notifications"}' in text:
            break
        await asyncio.sleep(0.1)
    families = {family.name: family for family in text_string_to_metric_families(text)}

    def services(name: str) -> set[str]:
        return {s.labels.get("service", "") for s in families[name].samples}

    everyone = {"gateway", "determination", "idp", "disputes", "notifications"}
    assert {"gateway", "determination"} <= services("http_requests")
    assert {"determination", "idp", "disputes", "notifications"} <= services(
        "llwybr_outbox_backlog_events"
    )
    assert services("llwybr_figures_up") == everyone - {"gateway"}
    assert all(s.value == 1 for s in families["llwybr_figures_up"].samples)
    assert "idp" in services("consumer_lag_messages")
    escalated = families["llwybr_notices_escalated"].samples
    assert [(s.labels["recipient_role"], s.value) for s in escalated] == [("parent", 1.0)]
    assert "llwybr_deadlines_missed" in families
    assert "llwybr_integrity_failures" in families


async def test_each_request_to_the_gateway_writes_an_access_line_naming_its_client(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="llwybr.access"):
        response = await client.get("/v1/idps", params={"learner_id": "secret-learner-9"})
    assert response.status_code == 200
    lines = [r for r in caplog.records if r.name == "llwybr.access"]
    fields = [vars(r) for r in lines]
    mine = [f for f in fields if f.get("client_id") and f["path"] == "/v1/idps"]
    assert len(mine) == 2  # the gateway's line, and the IDP service's own
    assert all(f["status"] == 200 for f in mine)
    assert {f["request_id"] for f in mine} == {response.headers["x-request-id"]}
    assert all("secret" not in r.getMessage() for r in lines)
