"""JSON log lines in UTC and one access line per request (issue #21)."""

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from llwybr import tracing
from llwybr.logs import configure_logging, path_template, utc_timestamp
from llwybr.metrics import Metrics
from llwybr.request_context import install_request_context
from llwybr_testkit.spans import recorded_spans


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers: put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]


def test_a_log_line_s_time_is_iso_8601_in_utc_with_z(
    capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    configure_logging("INFO")
    logging.getLogger("llwybr.test").info("decision recorded")
    [line] = lines(capsys)
    stamp = str(line["time"])
    assert stamp.endswith("Z")
    logged = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - logged) < timedelta(seconds=5)


def test_utc_timestamps_do_not_follow_the_server_s_time_zone() -> None:
    assert utc_timestamp(0.25) == "1970-01-01T00:00:00.250Z"


def test_a_line_written_inside_a_trace_names_it(
    capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    configure_logging("INFO")
    with recorded_spans(), tracing.tracer().start_as_current_span("command") as span:
        logging.getLogger("llwybr.test").info("in a trace")
    logging.getLogger("llwybr.test").info("outside")
    inside, outside = lines(capsys)
    context = span.get_span_context()
    assert inside["trace_id"] == f"{context.trace_id:032x}"
    assert inside["span_id"] == f"{context.span_id:016x}"
    assert "trace_id" not in outside


def app_with_a_route() -> FastAPI:
    app = FastAPI()
    install_request_context(app, Metrics("example"))

    @app.get("/v1/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str]:
        return {"id": thing_id}

    return app


async def test_each_request_writes_one_access_line_with_its_route_and_no_query_string(
    capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    configure_logging("INFO")
    transport = httpx.ASGITransport(app=app_with_a_route())
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.get(
            "/v1/things/0b7c?learner_id=L-secret", headers={"X-Request-ID": "req-7"}
        )
        assert response.status_code == 200
        missing = await client.get("/v1/nothing/school:6652001")
        assert missing.status_code == 404
    access = [line for line in lines(capsys) if line["logger"] == "llwybr.access"]
    assert len(access) == 2
    first, second = access
    assert first["method"] == "GET"
    assert first["path"] == "/v1/things/{thing_id}"
    assert first["status"] == 200
    assert first["request_id"] == "req-7"
    assert isinstance(first["duration_ms"], float)
    assert "client_id" in first
    assert str(first["time"]).endswith("Z")
    assert second["path"] == "/v1/nothing/{id}"
    assert second["status"] == 404
    assert "secret" not in json.dumps(access)
    assert "6652001" not in json.dumps(access)


def test_a_catch_all_route_logs_the_path_with_its_ids_masked() -> None:
    forward = "/v1/{resource}/{rest:path}"
    assert path_template(forward, "/v1/idps/3f2c1d9e-0b7c-4a51-9a1e-2b0c6d7e8f90/issue") == (
        "/v1/idps/{id}/issue"
    )
    assert path_template(forward, "/v1/contacts/organisations/la:665") == (
        "/v1/contacts/organisations/{id}"
    )
    assert path_template("/v1/{resource}", "/v1/idps-welsh-medium") == "/v1/idps-welsh-medium"
    assert path_template("/v1/idps/{idp_id}", "/v1/idps/abc") == "/v1/idps/{idp_id}"
    assert path_template(None, "/v1/audit/learners/a%40b/timeline") == (
        "/v1/audit/learners/{id}/timeline"
    )
