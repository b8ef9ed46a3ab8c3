"""The disputes read models: open cases by LA with their deadlines, outcomes, NHS reports due."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.determination import LearnerRelationsRecorded
from contracts.notifications import NoticeGiven
from disputes.consumers import effect
from disputes.main import create_app
from disputes.settings import Settings
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, started_client

from .learners import registered

SCHOOL = "school:6652001"
LA = "la:665"
TRIBUNAL = ActingAs("tribunal:etw")
LHB = "lhb:7A1"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    async with started_client(create_app(Settings(runtime=runtime)), "disputes", LA) as c:
        registered(c, "learner-1", LA, enrolled_at=(SCHOOL,))  # the registry's facts
        yield c


async def ok(client: httpx.AsyncClient, url: str, body: dict[str, Any], **kw: Any) -> str:
    response = await client.post(url, json=body, **kw)
    assert response.is_success, response.text
    return str(response.json()["id"])


async def read(client: httpx.AsyncClient, url: str, **kw: Any) -> Any:
    app: Any = client.app  # type: ignore[attr-defined]
    for runner in app.state.projections.values():
        while runner.catch_up():
            pass
    response = await client.get(url, **kw)
    assert response.is_success, response.text
    return response.json()


async def r1(client: httpx.AsyncClient, *steps: str) -> str:
    case = await ok(client, "/v1/reconsiderations", {
        "kind": "R1", "learner_id": "learner-1", "subject_id": str(uuid.uuid4()),
        "school": SCHOOL, "decided_by_kind": "school", "requested_by_kind": "family",
        "requested_by": "Parent", "requested_on": "2026-04-01"})  # fmt: skip
    bodies: dict[str, dict[str, Any]] = {
        "invitation": {"invited_on": "2026-04-02", "from_party": "governing_body"},
        "representations": {"received_on": "2026-04-10", "summary": "The school's view"},
        "decision": {"decided_on": "2026-05-01", "outcome": "has_aln", "reasons": "ALP"},
        "notice": {"issued_on": "2026-05-01", "recipients": ["parent", SCHOOL]},
        "disagreement-resolution": {"started_on": "2026-05-20"},
    }
    for step in steps:
        await ok(client, f"/v1/reconsiderations/{case}/{step}", bodies[step])
    return case


async def test_open_cases_show_the_las_deadline_then_the_appeal_window(
    client: httpx.AsyncClient,
) -> None:
    requested = await r1(client)
    extended = await r1(client, "invitation", "representations", "decision", "notice",
                        "disagreement-resolution")  # fmt: skip
    url = f"/v1/disputes/local-authorities/{LA}/open"
    rows = {r["case_id"]: r for r in await read(client, url, params={"on": "2026-06-01"})}
    assert (rows[requested]["deadline_rule"], rows[requested]["due_on"]) == ("D8", "2026-05-20")
    assert rows[requested]["overdue"] is True  # 7 weeks from 1 April passed on 20 May
    assert rows[extended]["status"] == "notice_issued"
    # 8 weeks from the notice (26 June), extended by exactly 8 weeks by disagreement resolution
    assert (rows[extended]["deadline_rule"], rows[extended]["due_on"]) == ("D18", "2026-08-21")
    assert rows[extended]["overdue"] is False
    after_window = await read(client, url, params={"on": "2026-08-22"})
    assert [r["case_id"] for r in after_window] == [requested]


async def test_outcomes_are_counted_per_kind_and_matter(client: httpx.AsyncClient) -> None:
    await r1(client, "invitation", "representations", "decision")
    await r1(client, "invitation", "representations", "decision")
    appeal = await ok(client, "/v1/appeals", {
        "learner_id": "learner-1", "learner_is_young_person": False, "appellant_kind": "parent",
        "appellant": "Parent", "respondent": LA, "matter": "alp",
        "notice_given_on": "2026-05-01", "lodged_on": "2026-05-20"}, auth=TRIBUNAL)  # fmt: skip
    await ok(
        client,
        f"/v1/appeals/{appeal}/acknowledgement",
        {"acknowledged_on": "2026-05-22", "tribunal_reference": "ETW/1"},
        auth=TRIBUNAL,
    )
    await ok(
        client,
        f"/v1/appeals/{appeal}/decision",
        {"decided_on": "2026-08-01", "outcome": "dismissed"},
        auth=TRIBUNAL,
    )
    rows = await read(client, f"/v1/disputes/local-authorities/{LA}/outcomes")
    assert rows == [
        {"case_type": "appeal", "kind": "alp", "outcome": "dismissed", "n": 1},
        {"case_type": "reconsideration", "kind": "R1", "outcome": "has_aln", "n": 2},
    ]
    # another LA's figures show the caller only the cases it may read: none
    assert await read(client, "/v1/disputes/local-authorities/la:666/outcomes") == []
    assert await read(client, f"/v1/disputes/local-authorities/{LA}/outcomes",
                      auth=ActingAs("la:666")) == []  # fmt: skip


async def test_an_order_sets_the_appeals_deadline_and_a_report_clears_the_nhs_list(
    client: httpx.AsyncClient,
) -> None:
    appeal = await ok(client, "/v1/appeals", {
        "learner_id": "learner-1", "learner_is_young_person": False, "appellant_kind": "parent",
        "appellant": "Parent", "respondent": LA, "matter": "alp",
        "notice_given_on": "2026-05-01", "lodged_on": "2026-05-20"}, auth=TRIBUNAL)  # fmt: skip
    base = f"/v1/appeals/{appeal}"
    await ok(
        client,
        f"{base}/acknowledgement",
        {"acknowledged_on": "2026-05-22", "tribunal_reference": "ETW/2"},
        auth=TRIBUNAL,
    )
    await ok(client, f"{base}/decision", {
        "decided_on": "2026-09-01", "outcome": "orders",
        "orders": [{"order_id": "o1", "kind": "maintain_idp", "addressed_to": LA,
                    "wording": "Maintain the IDP", "comply_by": "2026-10-01"}],
        "recommendations": [{"recommendation_id": "r1", "nhs_body": LHB,
                             "wording": "Speech therapy", "report_by": "2026-11-01"}]},
        auth=TRIBUNAL)  # fmt: skip
    [row] = await read(client, f"/v1/disputes/local-authorities/{LA}/open",
                       params={"on": "2026-10-02"})  # fmt: skip
    assert (row["deadline_rule"], row["due_on"], row["overdue"]) == ("order", "2026-10-01", True)
    waiting = "/v1/disputes/recommendations-awaiting-report"
    [due] = await read(client, waiting, auth=ActingAs(LHB))
    assert (due["appeal_id"], due["report_by"]) == (appeal, "2026-11-01")
    assert await read(client, waiting, auth=ActingAs("lhb:7A2")) == []
    await ok(
        client,
        f"{base}/recommendations/r1/report",
        {"reported_on": "2026-10-10", "report": "Arranged"},
        auth=ActingAs(LHB),
    )
    await ok(
        client,
        f"{base}/orders/o1/compliance",
        {"complied_on": "2026-10-05", "evidence": "Maintained"},
    )
    assert await read(client, waiting, auth=ActingAs(LHB)) == []
    assert await read(client, f"/v1/disputes/local-authorities/{LA}/open") == []  # closed


async def test_an_open_case_shows_the_window_the_familys_later_notice_opened(
    client: httpx.AsyncClient,
) -> None:
    case = await r1(client, "invitation", "representations", "decision", "notice")
    app: Any = client.app  # type: ignore[attr-defined]
    service = app.state.application
    given = NoticeGiven(
        notice_id=uuid.uuid4(), learner_id="learner-1", kind="reconsideration_decided",
        subject_id=case, issuer=LA, recipient_role="parent", recipient_organisation=None,
        channel="email", content_sha256="0" * 64, delivered_at=datetime(2026, 5, 8, tzinfo=UTC),
        given_on=date(2026, 5, 8), window_kind="appeal", window_rule="D18",
        window_until=date(2026, 7, 3),
    )  # fmt: skip
    service.save(*effect(given, service))
    url = f"/v1/disputes/local-authorities/{LA}/open"
    rows = {r["case_id"]: r for r in await read(client, url, params={"on": "2026-06-01"})}
    # the LA's notice of 1 May: 26 June; the email of 8 May: 8 weeks end 2 July, due 3 July
    assert (rows[case]["deadline_rule"], rows[case]["due_on"]) == ("D18", "2026-07-03")
    # and the learner's history says so
    service.save(*service.adopt_learner(LearnerRelationsRecorded(
        learner_id="learner-1", responsible_authority=LA, enrolled_at=[SCHOOL],
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1),
    )))  # fmt: skip
    history = await read(client, "/internal/history/learners/learner-1",
                         auth=ActingAs("auditor:665"))  # fmt: skip
    [given_event] = [e for e in history["events"] if e["event"] == "Given"]
    assert (given_event["in_force_on"], given_event["data"]["given_on"]) == (
        "2026-05-08", "2026-05-08",
    )  # fmt: skip


async def test_an_las_lists_take_its_one_id_form_the_bare_number_deprecated(
    client: httpx.AsyncClient,
) -> None:
    """Issue 20: the path is an LA's id (`la:665`); the bare number answers the same, with a
    `Deprecation` header, as the other LA paths do; any other kind of id is a 422 problem."""
    await r1(client, "invitation", "representations", "decision")
    for kind in ("open", "outcomes"):
        assert await read(client, f"/v1/disputes/local-authorities/{LA}/{kind}")  # caught up
        current = await client.get(f"/v1/disputes/local-authorities/{LA}/{kind}")
        bare = await client.get(f"/v1/disputes/local-authorities/665/{kind}")
        assert current.status_code == bare.status_code == 200, bare.text
        assert bare.json() == current.json() != []
        assert "Deprecation" in bare.headers
        assert "Deprecation" not in current.headers
        for wrong in ("school:6652001", "la:66", "Wrexham"):
            refused = await client.get(f"/v1/disputes/local-authorities/{wrong}/{kind}")
            assert refused.status_code == 422, refused.text
            assert refused.headers["content-type"].startswith("application/problem+json")
