"""The auditors' history of the determination service (ADR 0015, ``llwybr.history_access``):
the service owns the learner registry, so it says whose each of its records is. An LA's
auditor reads the history of its learners (the registry's record first, then their cases),
their cases, the registry's indexes and open-case index that name them; another LA's auditor
gets the one 404, as for an id never used; a calendar is no learner's."""

import uuid
from typing import Any

import httpx

from determination.domain.calendar import calendar_aggregate_id
from determination.domain.registry import index_id, open_determination_id, upn_key
from llwybr.access import JURISDICTION_HEADER
from llwybr_testkit import ActingAs, eventually

from .test_api import SCHOOL, concern

AUDITOR, OTHER_AUDITOR, WALES = (ActingAs(f"auditor:{a}") for a in ("665", "666", "wales"))
CALENDAR = {
    "name": "Wrexham",
    "terms": [{"name": "Spring 1", "start": "2026-01-05", "end": "2026-02-13"}],
    "closures": [],
}


def without_request(problem: httpx.Response) -> dict[str, Any]:
    return {k: v for k, v in problem.json().items() if k not in {"instance", "request_id"}}


async def raised(client: httpx.AsyncClient) -> dict[str, Any]:
    """A concern raised, once the read model that indexes a learner's records has it (the
    history finds a learner's cases through it; a loaded machine lags)."""
    body = concern()
    response = await client.post("/v1/determinations", json=body)
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    answer["upn"] = body["learner"]["upn"]
    app: Any = client.app  # type: ignore[attr-defined]
    await eventually(lambda: app.state.projections["determination.cases"].catch_up() == 0)
    return answer


async def test_an_las_auditor_reads_its_learners_history_registry_first(
    client: httpx.AsyncClient,
) -> None:
    case = await raised(client)
    learner = case["learner_id"]
    response = await client.get(f"/internal/history/learners/{learner}", auth=AUDITOR)
    assert response.status_code == 200, response.text
    assert response.headers[JURISDICTION_HEADER] == "665"
    events = response.json()["events"]
    assert [(e["aggregate_id"], e["event"]) for e in events[:2]] == [
        (learner, "Registered"),
        (case["id"], "ConcernRaised"),
    ]
    assert {e["aggregate_id"] for e in events} == {learner, case["id"]}


async def test_an_las_auditor_reads_each_record_about_its_learner(
    client: httpx.AsyncClient,
) -> None:
    case = await raised(client)
    learner = case["learner_id"]
    for aggregate in (
        case["id"],
        learner,
        str(index_id(upn_key(case["upn"]))),
        str(open_determination_id(learner)),
    ):
        for auditor in (AUDITOR, WALES):
            response = await client.get(f"/internal/history/aggregates/{aggregate}", auth=auditor)
            assert response.status_code == 200, (aggregate, response.text)
            assert response.headers[JURISDICTION_HEADER] == "665"


async def test_another_las_auditor_gets_the_one_404_for_each_record(
    client: httpx.AsyncClient,
) -> None:
    case = await raised(client)
    learner = case["learner_id"]
    unknown = await client.get(f"/internal/history/aggregates/{uuid.uuid4()}", auth=OTHER_AUDITOR)
    assert unknown.status_code == 404
    for path in (
        f"/internal/history/learners/{learner}",
        f"/internal/history/aggregates/{case['id']}",
        f"/internal/history/aggregates/{case['id']}/in-force",
        f"/internal/history/aggregates/{learner}",
        f"/internal/history/aggregates/{index_id(upn_key(case['upn']))}",
        f"/internal/history/aggregates/{open_determination_id(learner)}",
    ):
        response = await client.get(path, auth=OTHER_AUDITOR)
        assert response.status_code == 404, (path, response.text)
        assert without_request(response) == without_request(unknown)


async def test_a_learner_the_registry_never_recorded_is_the_one_404(
    client: httpx.AsyncClient,
) -> None:
    for learner in (str(uuid.uuid4()), "not-a-registry-id"):
        response = await client.get(f"/internal/history/learners/{learner}", auth=WALES)
        assert response.status_code == 404, response.text


async def test_a_calendar_is_no_learners(client: httpx.AsyncClient) -> None:
    la = ActingAs("la:665")
    put = await client.put("/v1/calendars/la:665?set_by=la:665", json=CALENDAR, auth=la)
    assert put.status_code in (200, 201), put.text
    path = f"/internal/history/aggregates/{calendar_aggregate_id('la:665')}"
    assert (await client.get(path, auth=AUDITOR)).status_code == 404
    assert (await client.get(path, auth=WALES)).status_code == 200


async def test_each_event_names_the_public_event_it_is_published_as(
    client: httpx.AsyncClient,
) -> None:
    """The publisher decides each event's public name (issue 18: the bundle reads it); the
    graduated response stays in the service."""
    case = await raised(client)
    recorded = await client.post(
        f"/v1/determinations/{case['id']}/graduated-response",
        headers={"If-Match": '"1"'},
        json={"level": "targeted", "description": "Small group literacy",
              "small_steps_targets": ["Read 20 words"], "termly_reviews": [],
              "recorded_on": "2026-03-02", "recorded_by": SCHOOL},
    )  # fmt: skip
    assert recorded.is_success, recorded.text

    response = await client.get(f"/internal/history/learners/{case['learner_id']}", auth=AUDITOR)

    assert response.status_code == 200, response.text
    assert [(e["event"], e["public_event"]) for e in response.json()["events"]] == [
        ("Registered", "wales.aln.determination.learner-relations-recorded.v1"),
        ("ConcernRaised", "wales.aln.determination.concern-raised.v2"),
        ("GraduatedResponseRecorded", None),
    ]
