"""Dates at the determination API's edge (issue #17): an act cannot be dated after today in
Wales, and a deadline's state (open / met / missed / cancelled) says what the reminders say, so
a met deadline is never shown overdue.

Dates are fixed in the past (spring 2026) or relative to today, so the tests hold next year."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import httpx

from llwybr.edge import today_in_wales
from llwybr_testkit import ActingAs

from .test_api import NO_ALN_NOTICE, SCHOOL, assert_problem, concern, open_case, stored_events
from .test_given import notice_given

NHS = "lhb:7A1"
TOMORROW = (today_in_wales() + timedelta(days=1)).isoformat()


def decision(on: str, has_aln: bool = False) -> dict[str, Any]:
    return {"has_aln": has_aln, "reasons": "r", "decided_on": on, "decided_by": SCHOOL,
            "person": "ALNCo"}  # fmt: skip


async def post_ok(client: httpx.AsyncClient, url: str, json: dict[str, Any], **kw: Any) -> None:
    response = await client.post(url, json=json, **kw)
    assert response.is_success, response.text


async def referred(client: httpx.AsyncClient) -> tuple[str, str]:
    """A case (2 March 2026) whose NHS referral r1 was received on 3 March (D7: 14 April)."""
    case_id, _ = await open_case(client)
    base = f"/v1/determinations/{case_id}"
    referral = {"referral_id": "r1", "nhs_body": NHS, "received_on": "2026-03-03"}
    await post_ok(client, f"{base}/nhs-referrals", referral)
    return case_id, base


async def deadlines(client: httpx.AsyncClient, case_id: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = (await client.get(f"/v1/determinations/{case_id}")).json()[
        "deadlines"
    ]
    return found


def refused_as_after_today(response: httpx.Response, field: str) -> None:
    problem = assert_problem(response, 422, "validation")
    [error] = problem["errors"]
    assert error["location"][-1] == field, error
    assert error["type"] == "date_after_today"
    assert f"{field} records something done, so it cannot be after today" in error["message"]


# -- an act cannot be dated after today -----------------------------------------------------


async def test_a_decision_dated_tomorrow_is_refused_and_nothing_stored(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    before = stored_events(client)
    response = await client.post(f"/v1/determinations/{case_id}/decision", json=decision(TOMORROW))
    refused_as_after_today(response, "decided_on")
    assert stored_events(client) == before


async def test_a_decision_dated_today_is_accepted(client: httpx.AsyncClient) -> None:
    case_id, _ = await open_case(client)
    today = today_in_wales().isoformat()
    await post_ok(client, f"/v1/determinations/{case_id}/decision", decision(today))


async def test_a_concern_brought_to_attention_tomorrow_is_refused(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/v1/determinations", json={**concern(), "came_to_attention_on": TOMORROW}
    )
    refused_as_after_today(response, "came_to_attention_on")
    assert stored_events(client) == 0


async def test_notices_answers_evidence_and_withdrawals_dated_tomorrow_are_refused(
    client: httpx.AsyncClient,
) -> None:
    _, base = await referred(client)
    await post_ok(client, f"{base}/decision", decision("2026-03-10"))
    before = stored_events(client)
    notice = {"notice_type": "no_aln", "recipients": ["parent"], "content": NO_ALN_NOTICE,
              "issued_on": TOMORROW, "issued_by": SCHOOL}  # fmt: skip
    refused_as_after_today(await client.post(f"{base}/notices", json=notice), "issued_on")
    answer = {"answer": "none", "answered_on": TOMORROW, "answered_by": NHS, "details": "d"}
    refused_as_after_today(
        await client.post(f"{base}/nhs-referrals/r1/answer", json=answer, auth=ActingAs(NHS)),
        "answered_on",
    )
    evidence = await client.post(
        f"{base}/evidence",
        data={"submitted_by": SCHOOL, "summary": "report", "submitted_on": TOMORROW},
    )
    assert_problem(evidence, 422, "validation")
    assert "cannot be after today" in evidence.text
    withdrawal = {"reason": "r", "withdrawn_on": TOMORROW, "withdrawn_by": SCHOOL}
    refused_as_after_today(await client.post(f"{base}/withdrawal", json=withdrawal), "withdrawn_on")
    assert stored_events(client) == before


# -- a met deadline is never overdue --------------------------------------------------------


def notice_given_on(client: httpx.AsyncClient, case_id: str, on: date) -> None:
    """The notifications service's ``notice-given`` of the no-ALN notice, learned."""
    app: Any = client.app  # type: ignore[attr-defined]
    service = app.state.application
    service.save(*service.on_public_event(notice_given(UUID(case_id), on)))


async def test_a_decision_met_in_time_is_met_not_overdue_months_later(
    client: httpx.AsyncClient,
) -> None:
    """The decision clock is met when the notice is given, not at the decision (s.4(6))."""
    case_id, _ = await open_case(client)  # came to attention 2 March 2026
    await post_ok(client, f"/v1/determinations/{case_id}/decision", decision("2026-03-10"))
    shown = (await deadlines(client, case_id))["decision"]
    assert (shown["state"], shown["overdue"]) == ("missed", True)  # decided, never given
    notice_given_on(client, case_id, date(2026, 3, 12))
    shown = (await deadlines(client, case_id))["decision"]
    assert (shown["state"], shown["overdue"], shown["met_on"]) == ("met", False, "2026-03-12")
    # the clock stopped on 12 March: what was left that day, not a count into the past
    left = date.fromisoformat(shown["due_on"]) - date(2026, 3, 12)
    assert shown["days_left"] == left.days > 0


async def test_an_nhs_answer_weeks_early_is_met_and_the_undecided_decision_missed(
    client: httpx.AsyncClient,
) -> None:
    case_id, base = await referred(client)
    answer = {"answer": "none", "answered_on": "2026-03-20", "answered_by": NHS, "details": "d"}
    await post_ok(client, f"{base}/nhs-referrals/r1/answer", answer, auth=ActingAs(NHS))
    shown = await deadlines(client, case_id)
    nhs = shown["nhs:r1"]
    assert (nhs["state"], nhs["overdue"], nhs["days_left"]) == ("met", False, 25)  # due 14 Apr
    # the school has not decided and 5 May 2026 is long past: missed, and overdue says so
    assert (shown["decision"]["state"], shown["decision"]["overdue"]) == ("missed", True)
    assert shown["decision"]["days_left"] < 0


async def test_a_decision_met_late_is_met_with_nothing_left(client: httpx.AsyncClient) -> None:
    case_id, _ = await open_case(client)  # D1 due in April or May 2026
    await post_ok(client, f"/v1/determinations/{case_id}/decision", decision("2026-06-01"))
    notice_given_on(client, case_id, date(2026, 6, 2))
    shown = (await deadlines(client, case_id))["decision"]
    assert (shown["state"], shown["overdue"], shown["days_left"]) == ("met", False, 0)


async def test_a_running_deadline_is_open(client: httpx.AsyncClient) -> None:
    today = today_in_wales().isoformat()
    response = await client.post(
        "/v1/determinations", json={**concern(), "came_to_attention_on": today}
    )
    assert response.status_code == 201, response.text
    shown = (await deadlines(client, response.json()["id"]))["decision"]
    assert (shown["state"], shown["overdue"]) == ("open", False)
    assert shown["days_left"] > 0


async def test_a_withdrawn_concerns_deadline_is_cancelled_not_overdue(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    withdrawal = {"reason": "left the school", "withdrawn_on": "2026-03-05", "withdrawn_by": SCHOOL}
    await post_ok(client, f"/v1/determinations/{case_id}/withdrawal", withdrawal)
    shown = (await deadlines(client, case_id))["decision"]
    assert (shown["state"], shown["overdue"]) == ("cancelled", False)
    assert shown["days_left"] >= 0
