"""The history endpoints ask the one access policy: auditors read the history of their
jurisdiction, everything else is the one 404, and every answer names the jurisdiction the
request touched (for the gateway's access audit)."""

import uuid
from collections.abc import AsyncIterator
from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Body, Request

from llwybr.access import (
    JURISDICTION_HEADER,
    REFUSAL_HEADER,
    Capability,
    Relations,
    require,
)
from llwybr.eventstore import ChainedApplication
from llwybr.history_access import learner_relations, relations_of_aggregate
from llwybr.problems import ProblemError
from llwybr.service import ServiceSpec, build_service
from llwybr.settings import ServiceSettings
from llwybr_testkit import ActingAs, ExampleCase, translate_example

from .test_service import SPEC, started

router = APIRouter()


@router.post("/silent-cases", status_code=201)
def open_silent_case(
    request: Request, learner_id: Annotated[str, Body(embed=True)]
) -> dict[str, str]:
    app: ChainedApplication = request.app.state.application
    case = ExampleCase(learner_id)
    app.save(case)
    return {"case_id": str(case.id)}


@router.get("/touch/{la}")
def touch(request: Request, la: str) -> dict[str, str]:
    """Reads a record of LA ``la`` as the caller (the policy notes its jurisdiction)."""
    require(request.state.principal, Capability.READ, Relations.of([], jurisdiction=[la]))
    return {"ok": "yes"}


class SaysNothing(ChainedApplication):
    """A service that has not said whose its records are."""

    name = "example"


@pytest.fixture
async def example(sqlite_settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
    spec = ServiceSpec(**{**vars(SPEC), "routers": [*SPEC.routers, router]})
    async for client in started(build_service(sqlite_settings, spec)):
        yield client


async def opened(client: httpx.AsyncClient, learner_id: str) -> str:
    response = await client.post("/cases", json={"learner_id": learner_id})
    assert response.status_code == 201, response.text
    case_id: str = response.json()["case_id"]
    return case_id


def without_request(problem: httpx.Response) -> dict[str, object]:
    return {k: v for k, v in problem.json().items() if k not in {"instance", "request_id"}}


async def test_an_auditor_reads_the_history_of_its_own_jurisdiction(
    example: httpx.AsyncClient,
) -> None:
    case_id = await opened(example, "665:l-1")
    auditor = ActingAs("auditor:665")
    for path in (
        f"/internal/history/aggregates/{case_id}",
        f"/internal/history/aggregates/{case_id}/in-force",
        "/internal/history/learners/665:l-1",
    ):
        response = await example.get(path, auth=auditor)
        assert response.status_code == 200, (path, response.text)
        assert response.headers[JURISDICTION_HEADER] == "665"


async def test_another_las_auditor_gets_the_one_404_as_for_an_unknown_record(
    example: httpx.AsyncClient,
) -> None:
    case_id = await opened(example, "665:l-1")
    other = ActingAs("auditor:666")
    unknown = await example.get(f"/internal/history/aggregates/{uuid.uuid4()}", auth=other)
    assert unknown.status_code == 404
    for path in (
        f"/internal/history/aggregates/{case_id}",
        f"/internal/history/aggregates/{case_id}/in-force",
        "/internal/history/learners/665:l-1",
    ):
        response = await example.get(path, auth=other)
        assert response.status_code == 404, (path, response.text)
        assert without_request(response) == without_request(unknown)
        assert response.headers[REFUSAL_HEADER] == "not-found"
        # The refusal is noted in the record's jurisdiction: LA 665's auditors see the probing.
        assert response.headers[JURISDICTION_HEADER] == "665"


async def test_the_auditor_for_wales_reads_every_las_history(example: httpx.AsyncClient) -> None:
    case_id = await opened(example, "667:l-3")
    response = await example.get(
        f"/internal/history/aggregates/{case_id}", auth=ActingAs("auditor:wales")
    )
    assert response.status_code == 200
    assert response.headers[JURISDICTION_HEADER] == "667"


async def test_a_service_that_says_nothing_refuses_every_auditor(
    example: httpx.AsyncClient, sqlite_settings: ServiceSettings
) -> None:
    spec = ServiceSpec(
        name="example", title="Silent", application=SaysNothing,
        translator=lambda _app: translate_example, routers=[router],
    )  # fmt: skip
    async for client in started(build_service(sqlite_settings, spec)):
        case_id = (await client.post("/silent-cases", json={"learner_id": "l-1"})).json()
        for auditor in ("auditor:665", "auditor:wales"):
            for path in (
                f"/internal/history/aggregates/{case_id['case_id']}",
                "/internal/history/learners/l-1",
            ):
                response = await client.get(path, auth=ActingAs(auditor))
                assert response.status_code == 404, (auditor, path, response.text)


def test_the_default_hook_is_the_one_404() -> None:
    with pytest.raises(ProblemError) as refused:
        learner_relations(object(), "l-1")
    assert refused.value.status == 404
    with pytest.raises(ProblemError) as refused:
        relations_of_aggregate(object(), ExampleCase("l-1"))
    assert refused.value.status == 404


async def test_a_school_is_refused_the_history(example: httpx.AsyncClient) -> None:
    case_id = await opened(example, "665:l-1")
    school = ActingAs("school:6652001")
    assert (
        await example.get(f"/internal/history/aggregates/{case_id}", auth=school)
    ).status_code == 404
    verify = await example.get("/internal/history/verify", auth=school)
    assert (verify.status_code, verify.headers[REFUSAL_HEADER]) == (403, "not-auditor")


async def test_every_answer_names_the_jurisdictions_its_request_touched(
    example: httpx.AsyncClient,
) -> None:
    la = ActingAs("la:665")
    refused = await example.get("/touch/665", auth=la)
    assert (refused.status_code, refused.headers[JURISDICTION_HEADER]) == (404, "665")
    granted = await example.get("/touch/665", auth=ActingAs("auditor:665"))
    assert (granted.status_code, granted.headers[JURISDICTION_HEADER]) == (200, "665")
    untouched = await example.get("/healthz")
    assert JURISDICTION_HEADER not in untouched.headers


async def test_a_whole_store_is_verified_by_the_auditor_for_wales_only(
    example: httpx.AsyncClient,
) -> None:
    case_id = await opened(example, "665:l-1")
    la_auditor = ActingAs("auditor:665")
    whole = await example.get("/internal/history/verify", auth=la_auditor)
    assert (whole.status_code, whole.headers[REFUSAL_HEADER]) == (403, "not-whole-of-wales")
    one = await example.get(
        "/internal/history/verify", params={"aggregate_id": case_id}, auth=la_auditor
    )
    assert one.status_code == 200, one.text
    for everyone in ("auditor:wales", "system:ops"):
        response = await example.get("/internal/history/verify", auth=ActingAs(everyone))
        assert response.status_code == 200, (everyone, response.text)
