"""The disputes API: reconsiderations by the LA, appeals to the Tribunal, NHS recommendations."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.determination import Decided, NoticeIssued
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from contracts.idp import IdpIssued
from disputes.decisions import learn
from disputes.main import create_app
from disputes.settings import Settings
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline
from llwybr.edge import today_in_wales
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, started_client

from .learners import registered

SCHOOL = "school:6652001"
LA = "la:665"
TRIBUNAL = "tribunal:etw"
LHB = "lhb:7A1"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    async with started_client(create_app(Settings(runtime=runtime)), "disputes", LA) as c:
        registered(c, "learner-1", LA, enrolled_at=(SCHOOL,))  # the registry's facts
        yield c


#: The events stored before any test acts: the registry's facts about learner-1.
FACTS = 1


def stored_events(client: httpx.AsyncClient) -> int:
    app: Any = client.app  # type: ignore[attr-defined]
    return int(app.state.application.recorder.max_notification_id() or 0)


def problem(response: httpx.Response, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["type"].endswith(f"/{kind}"), body
    return body


async def ok(client: httpx.AsyncClient, url: str, body: dict[str, Any], **kw: Any) -> str:
    response = await client.post(url, json=body, **kw)
    assert response.is_success, response.text
    return str(response.json()["id"])


def reconsideration(kind: str = "R1", **changes: Any) -> dict[str, Any]:
    return {"kind": kind, "learner_id": "learner-1", "subject_id": str(uuid.uuid4()),
            "school": SCHOOL, "decided_by_kind": "school", "requested_by_kind": "family",
            "requested_by": "Parent of Cerys", "requested_on": "2026-04-01", **changes}  # fmt: skip


async def decided_r1(client: httpx.AsyncClient, outcome: str = "has_aln") -> str:
    case = await ok(client, "/v1/reconsiderations", reconsideration())
    base = f"/v1/reconsiderations/{case}"
    await ok(client, f"{base}/invitation", {"invited_on": "2026-04-02",
                                            "from_party": "governing_body"})  # fmt: skip
    await ok(client, f"{base}/representations", {"received_on": "2026-04-10",
                                                 "summary": "The school's evidence"})  # fmt: skip
    await ok(client, f"{base}/decision", {"decided_on": "2026-05-01", "outcome": outcome,
                                          "reasons": "Needs ALP"})  # fmt: skip
    return case


async def test_an_r1_request_runs_to_an_appealable_outcome_on_the_las_clock(
    client: httpx.AsyncClient,
) -> None:
    case = await decided_r1(client)
    body = (await client.get(f"/v1/reconsiderations/{case}")).json()
    assert body["deadlines"]["decision"]["rule_id"] == "D8"
    assert body["decision"]["outcome"] == "has_aln"
    assert body["deadlines"]["appeal_window"]["rule_id"] == "D18"
    assert body["deadlines"]["appeal_window"]["due_on"] == "2026-06-26"


async def test_disagreement_resolution_in_time_extends_the_appeal_window_by_8_weeks(
    client: httpx.AsyncClient,
) -> None:
    case = await decided_r1(client)
    await ok(client, f"/v1/reconsiderations/{case}/notice",
             {"issued_on": "2026-05-01", "recipients": ["parent", SCHOOL]})  # fmt: skip
    await ok(client, f"/v1/reconsiderations/{case}/disagreement-resolution",
             {"started_on": "2026-05-20"})  # fmt: skip
    body = (await client.get(f"/v1/reconsiderations/{case}")).json()
    assert body["deadlines"]["appeal_window"]["due_on"] == "2026-08-21"  # 26 June + 56 days
    again = await client.post(f"/v1/reconsiderations/{case}/disagreement-resolution",
                              json={"started_on": "2026-05-21"})  # fmt: skip
    assert again.status_code == 409


async def test_who_may_act_is_checked_before_the_version_if_match_names(
    client: httpx.AsyncClient,
) -> None:
    """A caller that may not see the case learns nothing of it, not even its version."""
    case = await decided_r1(client)
    notice = {"issued_on": "2026-05-01", "recipients": ["parent"]}
    url = f"/v1/reconsiderations/{case}/notice"
    stale = {"If-Match": '"1"'}
    hidden = await client.post(url, json=notice, headers=stale, auth=ActingAs("la:666"))
    problem(hidden, 404, "not-found")
    school = await client.post(url, json=notice, headers=stale, auth=ActingAs(SCHOOL))
    assert school.status_code == 403  # it sees the case, and may not give the LA's notice
    problem(await client.post(url, json=notice, headers=stale), 412, "stale-version")
    version = (await client.get(f"/v1/reconsiderations/{case}")).headers["ETag"]
    assert (await client.post(url, json=notice, headers={"If-Match": version})).is_success


async def test_only_a_schools_decision_can_be_reconsidered(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/reconsiderations", json=reconsideration(decided_by_kind="local_authority")
    )
    problem(response, 422, "not-a-school-decision")
    assert stored_events(client) == FACTS


async def test_appeals_that_may_not_be_lodged_are_refused_and_nothing_is_stored(
    client: httpx.AsyncClient,
) -> None:
    tribunal = ActingAs(TRIBUNAL)
    appeal = {"learner_id": "learner-1", "learner_is_young_person": False,
              "appellant_kind": "parent", "appellant": "Parent of Cerys", "respondent": LA,
              "matter": "whether_aln", "notice_given_on": "2026-05-01",
              "lodged_on": "2026-05-20"}  # fmt: skip
    against_school = await client.post(
        "/v1/appeals", json={**appeal, "respondent": SCHOOL}, auth=tribunal
    )
    problem(against_school, 422, "respondent-not-allowed")
    late = await client.post("/v1/appeals", json={**appeal, "lodged_on": "2026-09-01"},
                             auth=tribunal)  # fmt: skip
    problem(late, 422, "outside-window")
    no_standing = await client.post(
        "/v1/appeals", json={**appeal, "learner_is_young_person": True}, auth=tribunal
    )
    problem(no_standing, 422, "no-standing")
    not_tribunal = await client.post("/v1/appeals", json=appeal)
    assert not_tribunal.status_code == 403
    assert stored_events(client) == FACTS
    admitted = {**appeal, "lodged_on": "2026-09-01", "late_admitted_by_president": True,
                "admission_reference": "ETW/P/2026/17"}  # fmt: skip
    assert (await client.post("/v1/appeals", json=admitted, auth=tribunal)).status_code == 201


async def acknowledged_alp_appeal(client: httpx.AsyncClient, reference: str) -> str:
    """A parent's appeal about the ALP of learner-1's plan (against the LA), acknowledged."""
    tribunal = ActingAs(TRIBUNAL)
    appeal = await ok(client, "/v1/appeals", {
        "learner_id": "learner-1", "learner_is_young_person": False, "appellant_kind": "parent",
        "appellant": "Parent of Cerys", "respondent": LA, "matter": "alp",
        "notice_given_on": "2026-05-01", "lodged_on": "2026-05-20"}, auth=tribunal)  # fmt: skip
    await ok(client, f"/v1/appeals/{appeal}/acknowledgement",
             {"acknowledged_on": "2026-05-22", "tribunal_reference": reference},
             auth=tribunal)  # fmt: skip
    return appeal


async def test_a_recommendation_is_answered_by_its_health_board_and_hidden_from_others(
    client: httpx.AsyncClient,
) -> None:
    tribunal = ActingAs(TRIBUNAL)
    appeal = await acknowledged_alp_appeal(client, "ETW/2026/0042")
    await ok(client, f"/v1/appeals/{appeal}/hearing", {"hearing_on": "2026-08-20"},
             auth=tribunal)  # fmt: skip
    await ok(client, f"/v1/appeals/{appeal}/decision", {
        "decided_on": "2026-09-01", "outcome": "orders",
        "orders": [{"order_id": "o1", "kind": "revise_idp", "addressed_to": LA,
                    "wording": "Add weekly speech therapy", "comply_by": "2026-10-01"}],
        "recommendations": [{"recommendation_id": "r1", "nhs_body": LHB,
                             "wording": "Provide speech and language therapy"}]},
        auth=tribunal)  # fmt: skip
    other = ActingAs("lhb:7A2")
    assert (await client.get(f"/v1/appeals/{appeal}", auth=other)).status_code == 404
    report = {"reported_on": "2026-10-01", "report": "x"}
    url = f"/v1/appeals/{appeal}/recommendations/r1/report"
    hidden = await client.post(url, json=report, auth=other)
    assert hidden.status_code == 404
    await ok(client, f"/v1/appeals/{appeal}/recommendations/r1/report",
             {"reported_on": "2026-10-01", "report": "Therapy arranged weekly"},
             auth=ActingAs(LHB))  # fmt: skip
    body = (await client.get(f"/v1/appeals/{appeal}", auth=ActingAs(LHB))).json()
    assert body["recommendations"]["r1"]["report"]["reported_by"] == LHB
    plan = uuid.uuid4()
    announce(client, issued(plan, 2, date(2026, 9, 15)))  # the IDP service issued it
    partial = await client.post(f"/v1/appeals/{appeal}/orders/o1/compliance", json={
        "complied_on": "2026-09-20", "evidence": "IDP version 2",
        "idp_revision": {"idp_id": str(plan), "version": 2, "wording_found": False,
                         "differences": ["therapy is fortnightly, not weekly"]}})  # fmt: skip
    assert partial.is_success, partial.text
    appeal_state = (await client.get(f"/v1/appeals/{appeal}")).json()
    assert appeal_state["orders"]["o1"]["status"] == "open"


def issued(plan: uuid.UUID, version: int, on: date, learner_id: str = "learner-1") -> IdpIssued:
    """The IDP service's public event: version ``version`` of ``plan`` issued ``on``."""
    review = compute_deadline(DEFAULT_RULES, RuleId.D14, on).as_dict()
    return IdpIssued(
        idp_id=plan, learner_id=learner_id, plan_version=version, issued_on=on, issued_by=LA,
        review_deadline=review, revision_reason="tribunal_order", nhs_bodies_securing_alp=[],
        alp_in_welsh=0, alp_elements=1,
    )  # fmt: skip


async def test_an_order_to_revise_is_complied_with_only_by_a_version_issued_after_it(
    client: httpx.AsyncClient,
) -> None:
    """Issue #18: compliance citing a plan version that does not exist returned 200, marked
    the order complied and closed the appeal."""
    tribunal = ActingAs(TRIBUNAL)
    appeal = await acknowledged_alp_appeal(client, "ETW/2026/0044")
    await ok(client, f"/v1/appeals/{appeal}/decision", {
        "decided_on": "2026-09-01", "outcome": "orders",
        "orders": [{"order_id": "o1", "kind": "revise_idp", "addressed_to": LA,
                    "wording": "Add weekly speech therapy", "comply_by": "2026-10-01"}]},
        auth=tribunal)  # fmt: skip
    plan, other_plan = uuid.uuid4(), uuid.uuid4()
    announce(client, issued(plan, 1, date(2026, 3, 9)), issued(plan, 2, date(2026, 9, 15)),
             issued(other_plan, 2, date(2026, 9, 15), learner_id="learner-2"))  # fmt: skip
    url = f"/v1/appeals/{appeal}/orders/o1/compliance"

    def citing(idp_id: uuid.UUID, version: int) -> dict[str, Any]:
        return {"complied_on": "2026-09-20", "evidence": f"IDP version {version}",
                "idp_revision": {"idp_id": str(idp_id), "version": version,
                                 "wording_found": True, "differences": []}}  # fmt: skip

    before = stored_events(client)
    for idp_id, version, status, kind in (
        (plan, 3, 409, "version-not-issued"),  # never issued
        (uuid.uuid4(), 2, 409, "version-not-issued"),  # no such plan
        (plan, 1, 409, "version-not-issued"),  # issued before the order
        (other_plan, 2, 422, "facts-differ"),  # another learner's plan
    ):
        refused = await client.post(url, json=citing(idp_id, version))
        problem(refused, status, kind)
    assert stored_events(client) == before
    body = (await client.get(f"/v1/appeals/{appeal}", auth=tribunal)).json()
    assert (body["orders"]["o1"]["status"], body["status"]) == ("open", "decided")
    await ok(client, url, citing(plan, 2))
    for caller in (tribunal, ActingAs(LA)):  # the order's status, to the Tribunal and the LA
        body = (await client.get(f"/v1/appeals/{appeal}", auth=caller)).json()
        assert (body["orders"]["o1"]["status"], body["status"]) == ("complied", "closed")


async def test_a_review_of_the_tribunals_decision_must_be_asked_within_28_days(
    client: httpx.AsyncClient,
) -> None:
    tribunal = ActingAs(TRIBUNAL)
    appeal = await ok(client, "/v1/appeals", {
        "learner_id": "learner-1", "learner_is_young_person": False, "appellant_kind": "parent",
        "appellant": "Parent", "respondent": LA, "matter": "whether_aln",
        "notice_given_on": "2026-05-01", "lodged_on": "2026-05-20"}, auth=tribunal)  # fmt: skip
    base = f"/v1/appeals/{appeal}"
    await ok(client, f"{base}/acknowledgement", {"acknowledged_on": "2026-05-22",
             "tribunal_reference": "ETW/2026/0043"}, auth=tribunal)  # fmt: skip
    await ok(client, f"{base}/case-friend", {"appointed_on": "2026-05-25",
             "case_friend": "Aunt of Cerys"}, auth=tribunal)  # fmt: skip
    await ok(client, f"{base}/decision", {"decided_on": "2026-08-03", "outcome": "dismissed"},
             auth=tribunal)  # fmt: skip
    late = await client.post(f"{base}/review-applications", auth=tribunal, json={
        "applied_on": "2026-09-15", "by": "Parent", "grounds": "new evidence"})  # fmt: skip
    problem(late, 422, "outside-window")
    await ok(client, f"{base}/review-applications", {"applied_on": "2026-08-20",
             "by": "Parent", "grounds": "new evidence"}, auth=tribunal)  # fmt: skip


def announce(client: httpx.AsyncClient, *events: IntegrationEvent) -> None:
    """Let the service learn other services' public events, as its consumer would."""
    app: Any = client.app  # type: ignore[attr-defined]
    for version, event in enumerate(events, start=1):
        envelope = Envelope.wrap(
            event, learner_id="learner-1", aggregate_id=uuid.uuid4(), aggregate_version=version,
            time=datetime.now(UTC), integrity_hash="0" * 64,
        )  # fmt: skip
        with app.state.engine.begin() as conn:
            learn(conn, envelope)


def decided_by(body: str, kind: str, determination_id: uuid.UUID) -> Decided:
    return Decided(
        determination_id=determination_id, learner_id="learner-1", has_aln=False,
        decided_on=date(2026, 3, 20), decided_by=body, deciding_body=kind,
        local_authority=LA, reconsidering_authority=None, within_time=True,
        young_person=False, looked_after=False, decision_deadline=None,
    )  # fmt: skip


def noticed(body: str, determination_id: uuid.UUID) -> NoticeIssued:
    return NoticeIssued(
        determination_id=determination_id, learner_id="learner-1", notice_type="no_aln",
        recipients=["parent"], issued_by=body, issued_on=date(2026, 3, 20),
    )  # fmt: skip


async def test_a_request_is_checked_against_the_decision_its_owner_announced(
    client: httpx.AsyncClient,
) -> None:
    determination_id = uuid.uuid4()
    announce(client, decided_by(LA, "local_authority", determination_id))
    response = await client.post(
        "/v1/reconsiderations", json=reconsideration(subject_id=str(determination_id))
    )
    problem(response, 422, "facts-differ")  # the LA decided: appeal, not reconsideration
    assert stored_events(client) == FACTS


def appeal_against(determination_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    return {"learner_id": "learner-1", "learner_is_young_person": False,
            "appellant_kind": "parent", "appellant": "Parent of Cerys", "respondent": LA,
            "matter": "whether_aln", "subject_id": str(determination_id),
            "lodged_on": "2026-05-15", **changes}  # fmt: skip


async def test_an_appeal_window_runs_from_the_notice_date_the_la_announced(
    client: httpx.AsyncClient,
) -> None:
    tribunal = ActingAs(TRIBUNAL)
    determination_id = uuid.uuid4()
    announce(client, decided_by(LA, "local_authority", determination_id),
             noticed(LA, determination_id))  # fmt: skip
    # 8 weeks from the notice of 20 March end on 15 May, whatever the appellant says
    other_date = appeal_against(determination_id, notice_given_on="2026-04-01")
    problem(await client.post("/v1/appeals", json=other_date, auth=tribunal), 422,
            "facts-differ")  # fmt: skip
    late = appeal_against(determination_id, lodged_on="2026-05-18")
    problem(await client.post("/v1/appeals", json=late, auth=tribunal), 422, "outside-window")
    assert stored_events(client) == FACTS
    in_time = await ok(client, "/v1/appeals", appeal_against(determination_id), auth=tribunal)
    body = (await client.get(f"/v1/appeals/{in_time}", auth=tribunal)).json()
    assert (body["window_until"], body["late"]) == ("2026-05-15", False)
    admitted = {**late, "late_admitted_by_president": True, "admission_reference": "ETW/P/9"}
    late_id = await ok(client, "/v1/appeals", admitted, auth=tribunal)
    body = (await client.get(f"/v1/appeals/{late_id}", auth=tribunal)).json()
    assert (body["late"], body["admission_reference"]) == (True, "ETW/P/9")


async def test_an_appeal_against_what_a_school_decided_or_an_unknown_notice_is_refused(
    client: httpx.AsyncClient,
) -> None:
    tribunal = ActingAs(TRIBUNAL)
    schools = uuid.uuid4()
    announce(client, decided_by(SCHOOL, "school", schools), noticed(SCHOOL, schools))
    response = await client.post("/v1/appeals", json=appeal_against(schools), auth=tribunal)
    body = problem(response, 422, "facts-differ")
    assert "a school's decisions go to the LA first" in body["detail"]
    unknown = await client.post("/v1/appeals", json=appeal_against(uuid.uuid4()), auth=tribunal)
    problem(unknown, 422, "notice-unknown")
    assert stored_events(client) == FACTS


async def test_an_appeal_against_an_idp_not_necessary_runs_from_its_learned_notice(
    client: httpx.AsyncClient,
) -> None:
    tribunal = ActingAs(TRIBUNAL)
    determination_id, other = uuid.uuid4(), uuid.uuid4()
    not_necessary = decided_by(LA, "local_authority", determination_id).model_copy(
        update={"has_aln": True, "idp_necessary": False, "young_person": True}
    )
    notice = noticed(LA, determination_id).model_copy(
        update={"notice_type": "idp_not_necessary", "recipients": ["young_person"]}
    )
    has_aln = decided_by(LA, "local_authority", other).model_copy(update={"has_aln": True})
    announce(client, not_necessary, notice, has_aln)
    appeal = appeal_against(determination_id, matter="idp_not_necessary",
                            learner_is_young_person=True, appellant_kind="young_person",
                            appellant="Dylan")  # fmt: skip
    stated = {**appeal, "notice_given_on": "2026-04-01"}
    problem(await client.post("/v1/appeals", json=stated, auth=tribunal), 422, "facts-differ")
    late = {**appeal, "lodged_on": "2026-05-18"}
    problem(await client.post("/v1/appeals", json=late, auth=tribunal), 422, "outside-window")
    # a plain "has ALN" decision holds no "IDP not necessary" to appeal against
    unknown = {**appeal, "subject_id": str(other)}
    problem(await client.post("/v1/appeals", json=unknown, auth=tribunal), 422, "notice-unknown")
    assert stored_events(client) == FACTS
    lodged = await ok(client, "/v1/appeals", appeal, auth=tribunal)
    body = (await client.get(f"/v1/appeals/{lodged}", auth=tribunal)).json()
    assert (body["window_until"], body["late"]) == ("2026-05-15", False)


async def test_acts_dated_after_today_are_refused_but_a_hearing_may_be_planned(
    client: httpx.AsyncClient,
) -> None:
    """Issue #17: what was done (lodged, given, decided) cannot be after today in Wales; a date
    planned (a hearing) can."""
    tribunal = ActingAs(TRIBUNAL)
    tomorrow = (today_in_wales() + timedelta(days=1)).isoformat()
    appeal = {"learner_id": "learner-1", "learner_is_young_person": False,
              "appellant_kind": "parent", "appellant": "Parent of Cerys", "respondent": LA,
              "matter": "whether_aln", "notice_given_on": "2026-05-01",
              "lodged_on": "2026-05-20"}  # fmt: skip
    for field in ("lodged_on", "notice_given_on"):
        refused = await client.post("/v1/appeals", json={**appeal, field: tomorrow}, auth=tribunal)
        [error] = problem(refused, 422, "validation")["errors"]
        assert (error["location"], error["type"]) == (["body", field], "date_after_today")
        assert f"{field} records something done, so it cannot be after today" in error["message"]
    request = await client.post("/v1/reconsiderations", json=reconsideration(requested_on=tomorrow))
    assert problem(request, 422, "validation")["errors"][0]["location"] == ["body", "requested_on"]
    assert stored_events(client) == FACTS
    case = await ok(client, "/v1/appeals", appeal, auth=tribunal)
    await ok(client, f"/v1/appeals/{case}/acknowledgement",
             {"acknowledged_on": "2026-05-22", "tribunal_reference": "ETW/2026/0042"},
             auth=tribunal)  # fmt: skip
    next_month = (today_in_wales() + timedelta(days=31)).isoformat()
    await ok(client, f"/v1/appeals/{case}/hearing", {"hearing_on": next_month}, auth=tribunal)
    decided = await client.post(
        f"/v1/appeals/{case}/decision",
        json={"decided_on": tomorrow, "outcome": "dismissed"},
        auth=tribunal,
    )
    assert problem(decided, 422, "validation")["errors"][0]["location"] == ["body", "decided_on"]


async def test_a_case_answers_id_version_and_deadlines_as_every_service_does(
    client: httpx.AsyncClient,
) -> None:
    case = await decided_r1(client)
    response = await client.get(f"/v1/reconsiderations/{case}")
    body = response.json()
    assert body["id"] == case
    assert response.headers["etag"] == f'"{body["version"]}"'
    assert set(body["deadlines"]) == {"decision", "appeal_window"}
    assert not [key for key in body if key.startswith("_") or key.endswith("_data")]
