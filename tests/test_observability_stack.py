"""What operators see in stack mode (issue #21), each deployable its own process: one
command's trace, exported over OTLP/HTTP (the standard ``OTEL_*`` variables) to a collector
this test runs, from the gateway to the determination service, through a real Kafka broker in
the CloudEvent's ``traceparent``, to the IDP service opening the plan; and each service's
domain figures on its own ``/metrics``."""

import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

from llwybr.settings import RuntimeSettings
from tests.stack import TEST_LIMITS, Stack, running_stack
from tests.workload import GRADUATED_RESPONSE, decision

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"
CONCERN = {
    "learner": {"given_name": "Cerys", "family_name": "Jones", "date_of_birth": "2017-05-02",
                "setting": "maintained_school", "setting_id": "6652001", "local_authority": "665"},
    "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
}  # fmt: skip
SERVER, CLIENT, PRODUCER, CONSUMER = 2, 3, 4, 5  # OTLP's span kinds


@dataclass(frozen=True)
class Span:
    service: str
    name: str
    kind: int
    trace_id: str
    span_id: str
    parent_id: str
    attributes: dict[str, Any]


class Collector(ThreadingHTTPServer):
    """An OTLP/HTTP trace receiver (protobuf), keeping every span it is sent."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Receive)
        self.spans: list[Span] = []
        self.lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Receive(BaseHTTPRequestHandler):
    server: Collector

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        request = ExportTraceServiceRequest.FromString(body)
        with self.server.lock:
            for resource in request.resource_spans:
                resource_attributes = _values(resource.resource.attributes)
                for scope in resource.scope_spans:
                    self.server.spans += [
                        Span(
                            resource_attributes["service.name"],
                            s.name,
                            s.kind,
                            s.trace_id.hex(),
                            s.span_id.hex(),
                            s.parent_span_id.hex(),
                            _values(s.attributes),
                        )
                        for s in scope.spans
                    ]
        answer = ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        return None


def _values(attributes: Any) -> dict[str, Any]:
    return {
        a.key: getattr(a.value, a.value.WhichOneof("value") or "string_value") for a in attributes
    }


@pytest.fixture(scope="module")
def collector() -> Iterator[Collector]:
    server = Collector()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
    collector: Collector,
) -> Iterator[Stack]:
    runtime = postgres_runtime.model_copy(update={"kafka_bootstrap_servers": kafka_bootstrap})
    with pytest.MonkeyPatch.context() as env:  # every process reads the standard variables
        env.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint)
        env.setenv("OTEL_BSP_SCHEDULE_DELAY", "200")
        env.delenv("OTEL_SDK_DISABLED", raising=False)
        env.delenv("OTEL_TRACES_EXPORTER", raising=False)
        env.delenv("OTEL_SERVICE_NAME", raising=False)
        with running_stack(runtime, tmp_path_factory.mktemp("stack"), TEST_LIMITS) as stack:
            yield stack


@pytest.fixture(scope="module")
def decided(stack: Stack) -> None:
    """A school decides that a learner has ALN (the parent's contact is not registered)."""
    headers = {"Authorization": f"Bearer {stack.token(SCHOOL)}"}
    with httpx.Client(base_url=stack.gateway_url, headers=headers, timeout=15.0) as client:
        raised = client.post("/v1/determinations", json=CONCERN)
        assert raised.status_code == 201, raised.text
        path = raised.headers["location"]
        evidence = client.post(
            f"{path}/graduated-response", json=GRADUATED_RESPONSE, headers={"If-Match": '"1"'}
        )
        assert evidence.status_code < 300, evidence.text
        decided = client.post(
            f"{path}/decision",
            json=decision(has_aln=True),
            headers={"If-Match": evidence.headers["etag"]},
        )
        assert decided.status_code < 300, decided.text


def test_a_decision_s_trace_crosses_every_process_and_kafka_to_the_idp_it_opens(
    collector: Collector, decided: None
) -> None:
    def spans() -> list[Span]:
        with collector.lock:
            return list(collector.spans)

    deadline = time.monotonic() + 60
    opened: list[Span] = []
    while time.monotonic() < deadline:
        gateway = [s for s in spans() if s.service == "llwybr-gateway" and s.kind == SERVER
                   and str(s.attributes.get("http.target", "")).endswith("/decision")]  # fmt: skip
        if gateway:
            trace = [s for s in spans() if s.trace_id == gateway[0].trace_id]
            opened = [s for s in trace if s.service == "llwybr-idp" and s.kind == CONSUMER
                      and s.attributes.get("llwybr.effect.applied") is True]  # fmt: skip
            if opened:
                break
        time.sleep(0.5)
    assert opened, [(s.service, s.name) for s in spans()]
    by_id = {s.span_id: s for s in trace}
    chain = [opened[0]]
    while chain[-1].parent_id in by_id:
        chain.append(by_id[chain[-1].parent_id])
    assert [(s.service, s.kind) for s in reversed(chain)] == [
        ("llwybr-gateway", SERVER),
        ("llwybr-gateway", CLIENT),
        ("llwybr-determination", SERVER),
        ("llwybr-determination", PRODUCER),
        ("llwybr-idp", CONSUMER),
    ]
    publish = chain[1]
    assert publish.attributes["messaging.system"] == "kafka"
    assert all("Cerys" not in str(v) for s in trace for v in s.attributes.values())


def test_each_service_shows_its_domain_figures_on_its_own_metrics(
    stack: Stack, decided: None
) -> None:
    """The decision's notice to the parent (no contact registered) is escalated."""
    deadline = time.monotonic() + 30
    text = ""
    while time.monotonic() < deadline:
        text = httpx.get(f"{stack.processes['notifications'].url}/metrics", timeout=5).text
        if 'llwybr_notices_escalated{recipient_role="parent",service="notifications"}' in text:
            break
        time.sleep(0.5)
    assert 'llwybr_notices_escalated{recipient_role="parent",service="notifications"} 1.0' in text
    assert 'llwybr_figures_up{service="notifications"} 1.0' in text
    assert "# TYPE llwybr_deadlines_missed gauge" in text
    for service in ("determination", "idp", "disputes"):
        own = httpx.get(f"{stack.processes[service].url}/metrics", timeout=5).text
        assert f'llwybr_outbox_backlog_events{{service="{service}"}}' in own
        assert f'llwybr_figures_up{{service="{service}"}} 1.0' in own
