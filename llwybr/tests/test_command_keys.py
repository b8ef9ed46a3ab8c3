"""Command keys (``llwybr.command_keys``): a repeated command is answered from its record, on
SQLite and PostgreSQL, whatever became of the first answer."""

import dataclasses
import hashlib
import time
import uuid
from collections.abc import AsyncIterator, Generator
from typing import Annotated

import httpx
import pytest
import sqlalchemy as sa
from fastapi import APIRouter, Body, Request, Response

from llwybr import command_keys, context
from llwybr.edge import Accepted, created
from llwybr.principal import COMMAND_KEY_HEADER, Principal, sign_principal
from llwybr.service import ServiceSpec, build_service
from llwybr.settings import ServiceSettings
from llwybr_testkit import TEST_SECRET, ExampleCase, ExampleService, translate_example

router = APIRouter()


class AnswerLostError(Exception):
    """The connection dropped after the commit, before the answer."""


def _service(request: Request) -> ExampleService:
    service: ExampleService = request.app.state.application
    return service


@router.post("/v1/cases", status_code=201)
def open_case(
    request: Request, response: Response, learner_id: Annotated[str, Body(embed=True)]
) -> Accepted:
    case_id = _service(request).open_case(learner_id)
    if learner_id.startswith("lost"):
        raise AnswerLostError(learner_id)
    return created(response, f"/v1/cases/{case_id}", case_id, 1)


@router.post("/v1/racing-cases", status_code=201)
def open_case_racing(
    request: Request, response: Response, learner_id: Annotated[str, Body(embed=True)]
) -> Accepted:
    """A first run of the same command commits while this one runs (after its look-up)."""
    mine = context.current()
    assert mine.command is not None
    first = dataclasses.replace(mine.command, request_id="the-first-run", aggregates=[])
    with context.acting(dataclasses.replace(mine, command=first)):
        _service(request).open_case(learner_id)
    case_id = _service(request).open_case(learner_id)  # fails on the key: rolled back
    return created(response, f"/v1/racing-cases/{case_id}", case_id, 1)


@router.post("/v1/hooks", status_code=201)
def create_hook(request: Request, response: Response) -> dict[str, str]:
    hook_id = str(uuid.uuid4())
    with request.app.state.engine.begin() as conn:
        command_keys.record(conn, hook_id, f"/v1/hooks/{hook_id}")
    response.headers["Location"] = f"/v1/hooks/{hook_id}"
    response.headers["Cache-Control"] = "no-store"
    return {"id": hook_id, "secret": "shown-once"}


SPEC = ServiceSpec(
    name="example",
    title="Example",
    application=ExampleService,
    translator=lambda _app: translate_example,
    routers=[router],
)


class Keyed(httpx.Auth):
    """Signs as the gateway would, with ``key`` as the command key."""

    def __init__(self, key: str | None) -> None:
        self.key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        principal = Principal("mis", "la:665", frozenset())
        request.headers.update(
            sign_principal(principal, TEST_SECRET.encode(), int(time.time()), self.key)
        )
        yield request


def new_key() -> str:
    return hashlib.sha256(uuid.uuid4().bytes).hexdigest()


@pytest.fixture
async def client(
    store_settings: ServiceSettings, kafka_bootstrap: str
) -> AsyncIterator[httpx.AsyncClient]:
    # kafka_bootstrap: in stack mode the relay's topic exists before the service starts (a
    # service stopped while its relay was still finding the topic left a connection open).
    app = build_service(store_settings, SPEC)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://example") as http:
            http.app = app  # type: ignore[attr-defined]
            yield http


def cases(client: httpx.AsyncClient, learner_id: str) -> int:
    application: ExampleService = client.app.state.application  # type: ignore[attr-defined]
    found = 0
    after = 0
    while batch := application.select_notifications(after, 500):
        for notification in batch:
            event = application.chained_mapper.to_recorded_event(notification).event
            found += getattr(event, "learner_id", None) == learner_id
        after = batch[-1].id
    return found


async def test_a_repeated_create_is_answered_from_its_record_and_not_run_again(
    client: httpx.AsyncClient,
) -> None:
    key, learner = new_key(), f"l-{uuid.uuid4().hex[:8]}"
    first = await client.post("/v1/cases", json={"learner_id": learner}, auth=Keyed(key))
    again = await client.post("/v1/cases", json={"learner_id": learner}, auth=Keyed(key))
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["location"] == first.headers["location"]
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"]
    assert cases(client, learner) == 1


async def test_a_command_whose_answer_was_lost_after_its_commit_is_answered_once(
    client: httpx.AsyncClient,
) -> None:
    key, learner = new_key(), f"lost-{uuid.uuid4().hex[:8]}"
    first = await client.post("/v1/cases", json={"learner_id": learner}, auth=Keyed(key))
    again = await client.post("/v1/cases", json={"learner_id": learner}, auth=Keyed(key))
    assert first.status_code == again.status_code == 201
    case_id = again.json()["id"]
    assert again.headers["location"] == f"/v1/cases/{case_id}"
    assert first.json()["id"] == case_id
    assert cases(client, learner) == 1


async def test_a_run_that_loses_the_race_to_the_first_gets_the_first_runs_answer(
    client: httpx.AsyncClient,
) -> None:
    key, learner = new_key(), f"l-{uuid.uuid4().hex[:8]}"
    answer = await client.post("/v1/racing-cases", json={"learner_id": learner}, auth=Keyed(key))
    assert answer.status_code == 201, answer.text
    assert answer.headers["idempotent-replayed"] == "true"
    application: ExampleService = client.app.state.application  # type: ignore[attr-defined]
    assert application.load(uuid.UUID(answer.json()["id"]), ExampleCase).learner_id == learner
    assert cases(client, learner) == 1


async def test_commands_without_a_key_run_each_time(client: httpx.AsyncClient) -> None:
    learner = f"l-{uuid.uuid4().hex[:8]}"
    for _ in range(2):
        answer = await client.post("/v1/cases", json={"learner_id": learner}, auth=Keyed(None))
        assert answer.status_code == 201
        assert "idempotent-replayed" not in answer.headers
    assert cases(client, learner) == 2


async def test_a_plain_table_command_with_a_secret_is_replayed_without_it(
    client: httpx.AsyncClient,
) -> None:
    key = new_key()
    first = await client.post("/v1/hooks", auth=Keyed(key))
    again = await client.post("/v1/hooks", auth=Keyed(key))
    assert first.status_code == again.status_code == 201
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["cache-control"] == "no-store"
    assert again.content == b""
    engine: sa.Engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        kept = conn.execute(sa.select(command_keys.command_keys)).all()
    assert [(r.key, r.answer, r.status) for r in kept] == [(key, "no-store", 201)]


async def test_a_command_key_the_gateway_did_not_sign_is_refused(
    client: httpx.AsyncClient,
) -> None:
    signed = sign_principal(Principal("mis", "la:665", frozenset()), TEST_SECRET.encode(), 0)
    answer = await client.post(
        "/v1/cases",
        json={"learner_id": "x"},
        headers={**signed, COMMAND_KEY_HEADER: new_key()} | {"x-llwybr-principal-signature": (
            sign_principal(Principal("mis", "la:665", frozenset()), TEST_SECRET.encode(),
                           int(time.time()))["x-llwybr-principal-signature"]
        )},
    )  # fmt: skip
    assert answer.status_code == 401
    assert "does not match" in answer.json()["detail"]
