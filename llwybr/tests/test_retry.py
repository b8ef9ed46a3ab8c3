"""A command racing a background writer on the same aggregate (issue 21): without ``If-Match``
it is run again on a fresh load; with one, the client is told its version is stale.

The race is made deterministic: a hook between the command's load and its save lets a second
writer (another application on the same store, as a consumer would be) save to the aggregate.
"""

import contextvars
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Body, Header, Request

from llwybr import retry
from llwybr.principal import sign_principal
from llwybr.service import ServiceSpec, build_service
from llwybr.settings import ServiceSettings
from llwybr_testkit import TEST_SECRET, ActingAs, ExampleCase, ExampleService, translate_example

router = APIRouter()


@router.post("/cases", status_code=201)
def open_case(request: Request, learner_id: Annotated[str, Body(embed=True)]) -> dict[str, str]:
    service: ExampleService = request.app.state.application
    return {"case_id": str(service.open_case(learner_id))}


@router.post("/cases/{case_id}/notes")
def add_note(
    request: Request,
    case_id: uuid.UUID,
    text: Annotated[str, Body(embed=True)],
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, int]:
    service: ExampleService = request.app.state.application
    expected = None if if_match is None else int(if_match.strip('"'))
    version = service.act(case_id, ExampleCase, expected, lambda case: case.note(text))
    return {"version": version}


@router.post("/cases/{first}/and/{second}/notes")
def add_notes(
    request: Request, first: uuid.UUID, second: uuid.UUID, text: Annotated[str, Body(embed=True)]
) -> None:
    """A command that saves twice: the first save commits before the second can lose."""
    service: ExampleService = request.app.state.application
    service.act(first, ExampleCase, None, lambda case: case.note(text))
    service.act(second, ExampleCase, None, lambda case: case.note(text))


SPEC = ServiceSpec(
    name="example",
    title="Example",
    application=ExampleService,
    translator=lambda _app: translate_example,
    routers=[router],
)


class Racer:
    """Another writer that notes a case each time the service has just loaded it (``times``
    loads at most), before the service saves: the service's save then loses the race."""

    def __init__(self, service: ExampleService, writer: ExampleService) -> None:
        self.service, self.writer = service, writer
        self.target: uuid.UUID | None = None
        self.times = 0
        self.raced = 0
        self._get: Callable[..., Any] = service.repository.get
        service.repository.get = self._loaded  # type: ignore[method-assign]

    def _loaded(self, aggregate_id: uuid.UUID, *args: Any, **kwargs: Any) -> Any:
        found = self._get(aggregate_id, *args, **kwargs)
        if aggregate_id == self.target and self.raced < self.times:
            self.raced += 1
            # In a context of its own, as a consumer's task is: not this request's.
            contextvars.Context().run(self.writer.note, aggregate_id, f"consumer {self.raced}")
        return found


@pytest.fixture
def settings(store_settings: ServiceSettings, request: pytest.FixtureRequest) -> ServiceSettings:
    if store_settings.runtime.mode == "stack":
        request.getfixturevalue("kafka_bootstrap")  # the relay publishes to it
    return store_settings


@pytest.fixture
async def raced(settings: ServiceSettings) -> AsyncIterator[tuple[httpx.AsyncClient, Racer]]:
    app = build_service(settings, SPEC)
    async with app.router.lifespan_context(app):
        writer = ExampleService(settings.eventsourcing_env())
        racer = Racer(app.state.application, writer)
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(
                transport=transport, base_url="http://example", auth=ActingAs("la:665")
            ) as client:
                yield client, racer
        finally:
            writer.close()


async def opened(client: httpx.AsyncClient) -> uuid.UUID:
    response = await client.post("/cases", json={"learner_id": "l-1"})
    assert response.status_code == 201, response.text
    return uuid.UUID(response.json()["case_id"])


def notes(racer: Racer, case_id: uuid.UUID) -> list[str]:
    case: ExampleCase = racer.writer.repository.get(case_id)
    return list(case.notes)


async def noted_while_racing(
    raced: tuple[httpx.AsyncClient, Racer], times: int, headers: dict[str, str] | None = None
) -> tuple[uuid.UUID, httpx.Response]:
    """A case, and the answer to noting it while another writer saves to it at each of the
    service's first ``times`` loads."""
    client, racer = raced
    case_id = await opened(client)
    racer.target, racer.times = case_id, times
    response = await client.post(
        f"/cases/{case_id}/notes", json={"text": "school"}, headers=headers
    )
    return case_id, response


async def test_a_command_without_if_match_that_lost_a_race_is_run_again(
    raced: tuple[httpx.AsyncClient, Racer],
) -> None:
    case_id, response = await noted_while_racing(raced, 2)

    racer = raced[1]
    assert response.status_code == 200, response.text
    assert racer.raced == 2  # lost twice, then won on the third run
    assert notes(racer, case_id) == ["consumer 1", "consumer 2", "school"]
    assert response.json() == {"version": 4}


async def test_a_command_with_if_match_is_told_its_version_is_stale(
    raced: tuple[httpx.AsyncClient, Racer],
) -> None:
    case_id, response = await noted_while_racing(raced, 1, {"If-Match": '"1"'})

    racer = raced[1]
    assert response.status_code == 412, response.text
    assert response.json()["type"].endswith("/stale-version")
    assert notes(racer, case_id) == ["consumer 1"]


async def test_a_command_that_keeps_losing_is_a_conflict_and_changes_nothing(
    raced: tuple[httpx.AsyncClient, Racer],
) -> None:
    case_id, response = await noted_while_racing(raced, 100)

    racer = raced[1]
    assert response.status_code == 409, response.text
    assert response.json()["type"].endswith("/concurrent-change")
    assert racer.raced == retry.ATTEMPTS
    assert "school" not in notes(racer, case_id)


async def test_a_command_that_committed_a_save_before_losing_is_not_run_again(
    raced: tuple[httpx.AsyncClient, Racer],
) -> None:
    client, racer = raced
    first, second = await opened(client), await opened(client)
    racer.target, racer.times = second, 100

    response = await client.post(f"/cases/{first}/and/{second}/notes", json={"text": "once"})

    assert response.status_code == 409, response.text
    assert racer.raced == 1
    assert notes(racer, first) == ["once"]  # not noted again by a retry


async def test_a_keyed_command_is_run_again_and_recorded_once(
    raced: tuple[httpx.AsyncClient, Racer],
) -> None:
    client, racer = raced
    case_id = await opened(client)
    racer.target, racer.times = case_id, 1
    key, principal = secrets.token_hex(32), ActingAs("la:665").principal

    answers = []
    for _ in range(2):
        request = client.build_request("POST", f"/cases/{case_id}/notes", json={"text": "school"})
        request.headers.update(
            sign_principal(principal, TEST_SECRET.encode(), int(time.time()), command_key=key)
        )
        answers.append(await client.send(request, auth=None))

    assert [a.status_code for a in answers] == [200, 200], answers[0].text
    assert answers[1].headers["Idempotent-Replayed"] == "true"
    assert notes(racer, case_id) == ["consumer 1", "school"]
