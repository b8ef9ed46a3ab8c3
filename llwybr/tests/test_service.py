"""A service assembled by build_service: the HTTP edge, and the pipeline in both modes."""

import asyncio
import dataclasses
import json
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Body, FastAPI, Request

from llwybr.logs import configure_logging
from llwybr.service import ServiceSpec, WorkerSpec, build_service
from llwybr.settings import ServiceSettings
from llwybr_testkit import (
    EXAMPLE_TOPIC,
    ActingAs,
    ExampleCase,
    ExampleService,
    eventually,
    read_envelopes,
    translate_example,
)

from .stored_rows import StoredRows


class CaseClosedError(Exception):
    """A domain error the service maps to 409."""


router = APIRouter()


@router.post("/cases", status_code=201)
def open_case(
    request: Request, learner_id: Annotated[str, Body(embed=True, min_length=1)]
) -> dict[str, str]:
    service: ExampleService = request.app.state.application
    return {"case_id": str(service.open_case(learner_id))}


@router.get("/cases/{case_id}")
def read_case(request: Request, case_id: uuid.UUID) -> dict[str, list[str]]:
    service: ExampleService = request.app.state.application
    return {"notes": service.load(case_id, ExampleCase).notes}


@router.post("/cases/{case_id}/notes", status_code=204)
def add_note(request: Request, case_id: uuid.UUID, text: Annotated[str, Body(embed=True)]) -> None:
    service: ExampleService = request.app.state.application
    service.note(case_id, text)


@router.post("/closed")
def closed() -> None:
    raise CaseClosedError("the case is closed")


SPEC = ServiceSpec(
    name="example",
    title="Example",
    application=ExampleService,
    translator=lambda _app: translate_example,
    routers=[router],
    error_statuses={CaseClosedError: (409, "case-closed")},
)


async def started(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://example", auth=ActingAs("la:665")
        ) as client:
            yield client


@pytest.fixture
async def embedded(sqlite_settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
    async for client in started(build_service(sqlite_settings, SPEC)):
        yield client


async def test_an_invalid_request_is_a_problem_and_changes_nothing(
    embedded: httpx.AsyncClient, sqlite_settings: ServiceSettings
) -> None:
    response = await embedded.post("/cases", json={"learner_id": ""})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/validation")
    assert problem["errors"][0]["location"] == ["body", "learner_id"]
    app = ExampleService(sqlite_settings.eventsourcing_env())
    assert not app.recorder.max_notification_id()
    app.close()


async def test_a_domain_error_is_rendered_from_the_services_table(
    embedded: httpx.AsyncClient,
) -> None:
    response = await embedded.post("/closed")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/case-closed")
    assert response.json()["detail"] == "the case is closed"


async def test_the_request_id_is_the_correlation_id_of_the_stored_event(
    embedded: httpx.AsyncClient, sqlite_settings: ServiceSettings
) -> None:
    response = await embedded.post(
        "/cases", json={"learner_id": "l-1"}, headers={"X-Request-ID": "req-42"}
    )
    case_id = uuid.UUID(response.json()["case_id"])
    app = ExampleService(sqlite_settings.eventsourcing_env())
    recorded = next(app.recorded_events(case_id))
    app.close()
    assert recorded.meta["correlation_id"] == "req-42"


async def test_a_case_whose_stored_history_was_altered_is_not_served_nor_changed(
    embedded: httpx.AsyncClient, sqlite_settings: ServiceSettings
) -> None:
    case_id = (await embedded.post("/cases", json={"learner_id": "l-1"})).json()["case_id"]
    assert (await embedded.post(f"/cases/{case_id}/notes", json={"text": "seen"})).is_success
    rows = StoredRows(sqlite_settings)
    rows.rewrite(uuid.UUID(case_id), 2, {**rows.state(uuid.UUID(case_id), 2), "text": "unseen"})

    for response in (
        await embedded.get(f"/cases/{case_id}"),
        await embedded.post(f"/cases/{case_id}/notes", json={"text": "on top"}),
    ):
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["type"].endswith("/integrity")
        assert (problem["aggregate_id"], problem["event_version"]) == (case_id, 2)
        assert "unseen" not in response.text
    app = ExampleService(sqlite_settings.eventsourcing_env())
    assert len(list(app.recorded_events(uuid.UUID(case_id)))) == 2  # nothing written on it
    app.close()
    metrics = (await embedded.get("/metrics")).text
    assert 'llwybr_integrity_failures_total{service="example"} 2.0' in metrics


async def test_auditors_see_every_break_but_no_state_of_a_broken_record(
    embedded: httpx.AsyncClient, sqlite_settings: ServiceSettings
) -> None:
    cases = [(await embedded.post("/cases", json={"learner_id": f"l-{n}"})).json()["case_id"]
             for n in range(3)]  # fmt: skip
    for case_id in cases:
        assert (await embedded.post(f"/cases/{case_id}/notes", json={"text": "n"})).is_success
    rows = StoredRows(sqlite_settings)
    for case_id in cases[0], cases[2]:
        rows.delete(uuid.UUID(case_id), 1)
    auditor = ActingAs("auditor:665")

    whole_of_wales = ActingAs("auditor:wales")  # a whole store is every LA's learners
    report = (await embedded.get("/internal/history/verify", auth=whole_of_wales)).json()
    assert (report["ok"], report["broken"]["originator_id"]) == (False, cases[0])
    assert [(b["originator_id"], b["originator_version"]) for b in report["breaks"]] == [
        (cases[0], 2),
        (cases[2], 2),
    ]
    state = await embedded.get(f"/internal/history/aggregates/{cases[2]}", auth=auditor)
    assert (state.status_code, state.json()["type"]) == (
        503,
        "https://llwybr.wales/problems/integrity",
    )
    untouched = await embedded.get(f"/internal/history/aggregates/{cases[1]}", auth=auditor)
    assert untouched.json()["state"]["notes"] == ["n"]


@pytest.mark.integration
async def test_in_stack_mode_a_command_is_stored_in_postgres_and_published_to_kafka(
    postgres_settings: ServiceSettings, kafka_bootstrap: str
) -> None:
    async for client in started(build_service(postgres_settings, SPEC)):
        ready = await client.get("/readyz")
        assert ready.json()["checks"] == {"startup": "ok", "kafka": "ok", "database": "ok"}
        response = await client.post("/cases", json={"learner_id": "l-1"})
        assert response.status_code == 201
        case_id = response.json()["case_id"]
        received = await read_envelopes(kafka_bootstrap, EXAMPLE_TOPIC.name, {case_id}, 1)
    assert [e.type for e in received] == ["wales.aln.example.opened.v1"]


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers: put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_logs_are_json_lines_carrying_the_request_id(
    capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    from llwybr.logs import request_id

    configure_logging("INFO")
    token = request_id.set("req-9")
    try:
        logging.getLogger("llwybr.test").info("decision recorded")
    finally:
        request_id.reset(token)
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["message"] == "decision recorded"
    assert line["request_id"] == "req-9"
    assert line["level"] == "INFO"


async def test_a_failing_worker_is_restarted_and_stopped_with_the_service(
    sqlite_settings: ServiceSettings,
) -> None:
    runs: list[str] = []

    async def flaky(settings: ServiceSettings, engine: object, application: object) -> None:
        runs.append(settings.service)
        if len(runs) < 3:
            raise RuntimeError("database restarting")
        await asyncio.Event().wait()  # then runs until the service stops

    spec = dataclasses.replace(SPEC, workers=[WorkerSpec("flaky", flaky)])
    async for _client in started(build_service(sqlite_settings, spec)):
        await eventually(lambda: len(runs) == 3, timeout=5)
    await asyncio.sleep(0.3)
    assert runs == ["example"] * 3  # not restarted once it ran, nor after the stop
