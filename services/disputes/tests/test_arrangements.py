"""The LA's disagreement resolution cases and advocacy through the API, and the appeal windows
they extend."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.determination import Decided, NoticeIssued
from contracts.envelope import Envelope
from disputes.decisions import learn
from disputes.main import create_app
from disputes.settings import Settings
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, started_client

from .learners import registered

SCHOOL = "school:6652001"
LA = "la:665"
TRIBUNAL = ActingAs("tribunal:etw")


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    async with started_client(create_app(Settings(runtime=runtime)), "disputes", LA) as c:
        # the registry's facts: the LA's learner, at the school (only the LA opens cases)
        registered(c, "learner-1", LA, enrolled_at=(SCHOOL,))
        yield c


async def post(client: httpx.AsyncClient, url: str, body: dict[str, Any], **kw: Any) -> str:
    response = await client.post(url, json=body, **kw)
    assert response.is_success, response.text
    return str(response.json()["id"])


def stored_events(client: httpx.AsyncClient) -> int:
    app: Any = client.app  # type: ignore[attr-defined]
    return int(app.state.application.recorder.max_notification_id() or 0)


def case(**changes: Any) -> dict[str, Any]:
    return {"learner_id": "learner-1", "opened_on": "2026-04-20",
            "arrangements": "Commissioned independent mediation",
            "facilitator": {"name": "A. Mediator", "organisation": "Mediation Cymru"},
            "parties": [{"name": "Parent", "role": "family"},
                        {"name": "Head teacher", "role": "school", "organisation": SCHOOL}],
            **changes}  # fmt: skip


def appeal(lodged_on: str, **changes: Any) -> dict[str, Any]:
    return {"learner_id": "learner-1", "learner_is_young_person": False,
            "appellant_kind": "parent", "appellant": "Parent", "respondent": LA,
            "matter": "whether_aln", "lodged_on": lodged_on, **changes}  # fmt: skip


def las_no_aln_decision(client: httpx.AsyncClient) -> uuid.UUID:
    """An LA's decision that the learner has no ALN, noticed on 20 March (window: 15 May)."""
    determination_id = uuid.uuid4()
    facts = {"determination_id": determination_id, "learner_id": "learner-1"}
    events = [
        Decided(**facts, has_aln=False, decided_on=date(2026, 3, 20), decided_by=LA,
                deciding_body="local_authority", local_authority=LA,
                reconsidering_authority=None, within_time=True, young_person=False,
                looked_after=False, decision_deadline=None),
        NoticeIssued(**facts, notice_type="no_aln", recipients=["parent"], issued_by=LA,
                     issued_on=date(2026, 3, 20)),
    ]  # fmt: skip
    app: Any = client.app  # type: ignore[attr-defined]
    for version, event in enumerate(events, start=1):
        envelope = Envelope.wrap(
            event, learner_id="learner-1", aggregate_id=determination_id,
            aggregate_version=version, time=datetime.now(UTC), integrity_hash="0" * 64,
        )  # fmt: skip
        with app.state.engine.begin() as conn:
            learn(conn, envelope)
    return determination_id


async def test_a_case_opened_in_the_window_of_an_las_decision_extends_it_by_8_weeks(
    client: httpx.AsyncClient,
) -> None:
    decision = las_no_aln_decision(client)
    about = {"subject_id": str(decision), "matter": "whether_aln"}
    case_id = await post(client, "/v1/disagreement-resolutions", case(**about))
    body = (await client.get(f"/v1/disagreement-resolutions/{case_id}")).json()
    assert body["deadlines"]["appeal_window"]["due_on"] == "2026-07-10"  # 15 May + 56 days
    assert body["recalculations"][0]["previous"]["due_on"] == "2026-05-15"
    again = await client.post("/v1/disagreement-resolutions", json=case(**about))
    assert again.status_code == 409  # one case per decision
    subject = {"subject_id": str(decision)}
    lodged = await post(client, "/v1/appeals", appeal("2026-07-10", **subject), auth=TRIBUNAL)
    assert (await client.get(f"/v1/appeals/{lodged}", auth=TRIBUNAL)).json()["late"] is False
    late = await client.post("/v1/appeals", json=appeal("2026-07-13", **subject), auth=TRIBUNAL)
    assert late.status_code == 422, late.text


async def noticed_reconsideration(
    client: httpx.AsyncClient, requested_on: str = "2026-04-01", decided_on: str = "2026-05-01"
) -> str:
    """The LA's decision on a reconsideration, noticed the day it is decided (by default 1 May,
    window: 26 June)."""
    reconsideration = await post(client, "/v1/reconsiderations", {
        "kind": "R1", "learner_id": "learner-1", "subject_id": str(uuid.uuid4()),
        "school": SCHOOL, "decided_by_kind": "school", "requested_by_kind": "family",
        "requested_by": "Parent", "requested_on": requested_on})  # fmt: skip
    base = f"/v1/reconsiderations/{reconsideration}"
    day_after = (date.fromisoformat(requested_on) + timedelta(days=1)).isoformat()
    for path, body in (
        ("invitation", {"invited_on": day_after, "from_party": "governing_body"}),
        ("representations", {"received_on": day_after, "summary": "The school's view"}),
        ("decision", {"decided_on": decided_on, "outcome": "no_aln", "reasons": "No ALP"}),
        ("notice", {"issued_on": decided_on, "recipients": ["parent", SCHOOL]}),
    ):
        await post(client, f"{base}/{path}", body)
    return reconsideration


async def test_the_extended_window_is_the_lawful_date_not_8_weeks_after_the_rolled_one(
    client: httpx.AsyncClient,
) -> None:
    """Issue #17's worked example: noticed 6 February 2026, the window's 8 weeks end on Good
    Friday, so it is due Tuesday 7 April; disagreement resolution in time makes it the first
    working day after 16 weeks beginning with 6 February: Friday 29 May. The date the old
    4-day tolerance allowed (2 June, 8 weeks after 7 April) is refused with a 422."""
    reconsideration = await noticed_reconsideration(client, "2026-01-05", "2026-02-06")
    base = f"/v1/reconsiderations/{reconsideration}"
    assert (await client.get(base)).json()["deadlines"]["appeal_window"]["due_on"] == "2026-04-07"
    await post(client, f"{base}/disagreement-resolution", {"started_on": "2026-03-02"})
    window = (await client.get(base)).json()["deadlines"]["appeal_window"]
    assert (window["due_on"], window["extension"]) == ("2026-05-29", 8)
    against = {"reconsideration_id": reconsideration, "matter": "la_reconsideration_decision"}
    before = stored_events(client)
    for tolerated in ("2026-06-01", "2026-06-02"):
        late = await client.post("/v1/appeals", json=appeal(tolerated, **against), auth=TRIBUNAL)
        assert late.status_code == 422, late.text
        assert late.headers["content-type"] == "application/problem+json"
        assert late.json()["type"].endswith("/outside-window")
        assert "2026-05-29" in late.json()["detail"]
    assert stored_events(client) == before
    await post(client, "/v1/appeals", appeal("2026-05-29", **against), auth=TRIBUNAL)


async def test_a_case_about_an_las_reconsideration_extends_its_window_too(
    client: httpx.AsyncClient,
) -> None:
    reconsideration = await noticed_reconsideration(client)
    base = f"/v1/reconsiderations/{reconsideration}"
    await post(client, "/v1/disagreement-resolutions",
               case(opened_on="2026-05-20", reconsideration_id=reconsideration))  # fmt: skip
    window = (await client.get(base)).json()["deadlines"]["appeal_window"]
    assert window["due_on"] == "2026-08-21"  # 26 June + exactly 8 weeks
    against = {"reconsideration_id": reconsideration, "matter": "la_reconsideration_decision"}
    late = await client.post("/v1/appeals", json=appeal("2026-08-24", **against), auth=TRIBUNAL)
    assert late.status_code == 422, late.text
    await post(client, "/v1/appeals", appeal("2026-08-21", **against), auth=TRIBUNAL)
    assert published(client)[-5:] == [
        "reconsideration-notice-issued",
        "disagreement-resolution-opened",
        "appeal-window-recalculated",
        "disagreement-resolution-started",
        "appeal-lodged",
    ]


def published(client: httpx.AsyncClient) -> list[str]:
    """The names of the public events the service's store holds so far, in order."""
    from disputes.publisher import translator

    app: Any = client.app  # type: ignore[attr-defined]
    application = app.state.application
    translate, mapper = translator(application), application.chained_mapper
    return [
        p.event.name
        for n in application.select_notifications(0, 1000)
        if (p := translate(mapper.to_recorded_event(n))) is not None
    ]


async def test_a_case_opened_after_the_window_closed_leaves_it_as_it_was(
    client: httpx.AsyncClient,
) -> None:
    decision = las_no_aln_decision(client)
    late = case(opened_on="2026-05-18", subject_id=str(decision), matter="whether_aln")
    case_id = await post(client, "/v1/disagreement-resolutions", late)
    body = (await client.get(f"/v1/disagreement-resolutions/{case_id}")).json()
    assert (body["deadlines"]["appeal_window"], body["recalculations"]) == (None, [])


async def test_a_case_about_another_las_reconsideration_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    """Another LA could open a case about this LA's reconsideration and extend its window."""
    reconsideration = await noticed_reconsideration(client)
    before = stored_events(client)
    other = case(opened_on="2026-05-20", reconsideration_id=reconsideration)
    response = await client.post("/v1/disagreement-resolutions", json=other,
                                 auth=ActingAs("la:666"))  # fmt: skip
    assert response.status_code == 404, response.text  # not a case it may see
    assert stored_events(client) == before
    window = (await client.get(f"/v1/reconsiderations/{reconsideration}")).json()
    assert window["deadlines"]["appeal_window"]["due_on"] == "2026-06-26"


async def test_a_facilitator_of_a_party_or_a_case_opened_by_a_school_is_refused(
    client: httpx.AsyncClient,
) -> None:
    partial = case(facilitator={"name": "Deputy head", "organisation": SCHOOL})
    response = await client.post("/v1/disagreement-resolutions", json=partial)
    assert response.status_code == 422
    assert response.json()["type"].endswith("/not-independent")
    by_school = await client.post("/v1/disagreement-resolutions", json=case(),
                                  auth=ActingAs(SCHOOL))  # fmt: skip
    assert by_school.status_code == 403
    assert by_school.json()["type"].endswith("/la-only")
    assert stored_events(client) == 1  # the registry's facts only


async def test_cases_and_advocacy_are_open_until_concluded_and_ended(
    client: httpx.AsyncClient,
) -> None:
    case_id = await post(client, "/v1/disagreement-resolutions", case())
    assert (await client.get(f"/v1/disagreement-resolutions/{case_id}",
                             auth=ActingAs(SCHOOL))).status_code == 200  # a party  # fmt: skip
    advocacy = await post(client, "/v1/advocacy", {
        "learner_id": "learner-1", "for_person": "child", "requested_by": "Parent",
        "requested_on": "2026-04-21", "related_case_id": case_id})  # fmt: skip
    assert (await client.get(f"/v1/advocacy/{advocacy}",
                             auth=ActingAs(SCHOOL))).status_code == 404  # fmt: skip
    await post(client, f"/v1/advocacy/{advocacy}/provision", {
        "advocate": {"name": "B. Advocate", "organisation": "Advocacy Cymru"},
        "provided_on": "2026-04-24"})  # fmt: skip
    app: Any = client.app  # type: ignore[attr-defined]
    for runner in app.state.projections.values():
        runner.catch_up()
    url = f"/v1/disputes/local-authorities/{LA}/open"
    rows = {r["case_type"]: r for r in (await client.get(url)).json()}
    assert (rows["disagreement_resolution"]["status"], rows["advocacy"]["status"]) == (
        "open", "provided",
    )  # fmt: skip
    await post(
        client,
        f"/v1/disagreement-resolutions/{case_id}/conclusion",
        {"concluded_on": "2026-05-05", "outcome": "resolved", "summary": "Agreed"},
    )
    await post(
        client,
        f"/v1/advocacy/{advocacy}/end",
        {"ended_on": "2026-05-06", "reason": "Disagreement resolved"},
    )
    for runner in app.state.projections.values():
        runner.catch_up()
    assert (await client.get(url)).json() == []
    assert published(client) == [
        "disagreement-resolution-opened", "advocacy-requested", "advocacy-provided",
        "disagreement-resolution-concluded", "advocacy-ended",
    ]  # fmt: skip
    outcomes = (await client.get(f"/v1/disputes/local-authorities/{LA}/outcomes")).json()
    assert {"case_type": "disagreement_resolution", "kind": "general", "outcome": "resolved",
            "n": 1} in outcomes  # fmt: skip
