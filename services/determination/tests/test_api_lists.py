"""The determination API's calendars, rule corrections, lists and bulk intake: what the read
model answers, and the recalculations a correction makes."""

from typing import Any

import httpx

from llwybr.clock import RuleId
from llwybr_testkit import ActingAs, eventually

from .test_api import SCHOOL, assert_problem, concern, open_case, post_ok, stored_events, valid_upn


async def test_a_calendar_correction_through_the_api_recalculates_open_cases(
    client: httpx.AsyncClient,
) -> None:
    calendar = {
        "name": "Wrexham 2025/26",
        "terms": [
            {"name": "Spring 2", "start": "2026-02-23", "end": "2026-03-27"},
            {"name": "Summer 1", "start": "2026-04-13", "end": "2026-05-22"},
            {"name": "Summer 2", "start": "2026-06-01", "end": "2026-07-20"},
        ],
        "closures": [],
    }
    url = "/v1/calendars/la:665?set_by=la:665"
    la = ActingAs("la:665")
    assert (await client.put(url, json=calendar, auth=la)).json()["version"] == 1
    case_id, _ = await open_case(client)
    deadline = (await client.get(f"/v1/determinations/{case_id}")).json()["deadlines"]["decision"]
    assert deadline["calendar_id"] == "la:665"
    assert not deadline["provisional"]

    async def listed() -> bool:
        page = (await client.get("/v1/determinations", params={"organisation": SCHOOL})).json()
        return any(i["determination_id"] == case_id for i in page["items"])

    for _ in range(50):
        if await listed():
            break
    corrected = await client.put(url, json={**calendar, "closures": ["2026-03-04"]}, auth=la)
    assert corrected.json()["version"] == 2
    assert corrected.json()["recalculated"] == [case_id]
    body = (await client.get(f"/v1/determinations/{case_id}")).json()
    assert body["deadlines"]["decision"]["calendar_version"] == 2
    assert body["recalculations"][0]["previous"]["due_on"] == deadline["due_on"]


async def test_a_calendar_can_be_set_from_an_icalendar_file(client: httpx.AsyncClient) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Wrexham//Term dates//EN\r\n"
        "BEGIN:VEVENT\r\nUID:a@wrexham\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Summer Term\r\n"
        "DTSTART;VALUE=DATE:20260413\r\nDTEND;VALUE=DATE:20260721\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b@wrexham\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:INSET day\r\n"
        "DTSTART;VALUE=DATE:20260720\r\nDTEND;VALUE=DATE:20260721\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    response = await client.put(
        "/v1/calendars/la:665?set_by=la:665&name=Wrexham",
        content=ics.encode(),
        headers={"content-type": "text/calendar"},
        auth=ActingAs("la:665"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["closures"] == ["2026-07-20"]
    garbage = await client.put(
        "/v1/calendars/la:665?set_by=la:665",
        content=b"not a calendar",
        headers={"content-type": "text/calendar"},
        auth=ActingAs("la:665"),
    )
    assert_problem(garbage, 422, "invalid-calendar")


async def test_lists_and_statistics_come_from_the_read_model(client: httpx.AsyncClient) -> None:
    case_id, _ = await open_case(client)
    await client.post(
        f"/v1/determinations/{case_id}/decision",
        json={"has_aln": True, "reasons": "r", "decided_on": "2026-03-12", "decided_by": SCHOOL,
              "person": "ALNCo"},
    )  # fmt: skip
    app: Any = client.app  # type: ignore[attr-defined]
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)
    la = ActingAs("la:665")
    stats = (await client.get("/v1/statistics/local-authorities/665", auth=la)).json()
    assert (stats["decisions"], stats["decisions_within_time"]) == (1, 1)
    assert stats["average_days_to_decision"] == 10.0
    # decided, but its IDP is not given yet: the decision clock still runs (s.4(6)), so the
    # case is missed long after its due date, as the case view says
    overdue = await client.get("/v1/determinations", params={"overdue_on": "2030-01-01"})
    assert [i["determination_id"] for i in overdue.json()["items"]] == [case_id]
    assert overdue.json()["items"][0]["decision_clock"]["state"] == "missed"
    assert runner.rebuild() == 2 + 3  # the case's, and the learner's record and two indexes
    assert (await client.get("/v1/statistics/local-authorities/665", auth=la)).json() == stats


async def test_a_rule_correction_recalculates_open_deadlines_explicitly(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    referral = {"referral_id": "r1", "nhs_body": "lhb:7A1", "received_on": "2026-03-03"}
    await post_ok(client, f"/v1/determinations/{case_id}/nhs-referrals", referral)
    before = (await client.get(f"/v1/determinations/{case_id}")).json()["deadlines"]["nhs:r1"]
    assert before["due_on"] == "2026-04-14"
    d7 = next(
        r for r in (await client.get("/v1/rule-table")).json()["rules"] if r["id"] == RuleId.D7
    )
    app: Any = client.app  # type: ignore[attr-defined]
    await eventually(lambda: app.state.projections["determination.cases"].catch_up() == 0)

    response = await client.post(
        "/v1/rule-table/corrections",
        json={"version": "2026.2", "rules": [{**d7, "length": 8}],
              "corrected_by": "system:admin", "reason": "checked against the Regulations"},
        auth=ActingAs("system:admin"),
    )  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["version"] == "2026.2"
    assert response.json()["recalculated"] == [case_id]
    body = (await client.get(f"/v1/determinations/{case_id}")).json()
    after = body["deadlines"]["nhs:r1"]
    assert (after["due_on"], after["rule_table_version"]) == ("2026-04-28", "2026.2")
    assert body["recalculations"][0]["reason"] == "rule D7 corrected (rules 2026.2)"
    assert body["deadlines"]["decision"]["rule_table_version"] == "2026.1"  # D1 unchanged


async def test_a_nightly_sync_raises_many_concerns_with_a_result_per_item(
    client: httpx.AsyncClient,
) -> None:
    good = concern(upn=valid_upn("665200125002"))
    bad_upn = concern(upn="B" + valid_upn("665200125003")[1:])
    other_school = concern(setting_id="6652999", upn=None)
    response = await client.post("/v1/determinations/bulk", json={"items": [good, other_school]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["existing"], body["failed"]) == (1, 0, 1)
    assert [r["status"] for r in body["results"]] == [201, 403]
    invalid = await client.post("/v1/determinations/bulk", json={"items": [good, bad_upn]})
    assert_problem(invalid, 422, "validation")  # the whole request is validated first
    assert stored_events(client) == 4  # the case, the learner, its UPN and open-case indexes


async def test_the_change_feed_gives_each_changed_case_once_after_a_cursor(
    client: httpx.AsyncClient,
) -> None:
    first, _ = await open_case(client)
    second, _ = await open_case(client, upn=valid_upn("665200125002"))
    app: Any = client.app  # type: ignore[attr-defined]
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)
    page = (await client.get("/v1/determinations-changes")).json()
    assert [i["determination_id"] for i in page["items"]] == [first, second]
    await client.post(
        f"/v1/determinations/{first}/withdrawal",
        json={"reason": "left", "withdrawn_on": "2026-03-05", "withdrawn_by": SCHOOL},
    )
    await eventually(lambda: runner.catch_up() == 0)
    later = (
        await client.get("/v1/determinations-changes", params={"after": page["next_after"]})
    ).json()
    assert [(i["determination_id"], i["status"]) for i in later["items"]] == [(first, "withdrawn")]
    position = later["next_after"]
    unchanged = await client.get("/v1/determinations-changes", params={"after": position})
    # One cursor name for lists and feeds (#20): `cursor` is still sent, and deprecated.
    assert unchanged.json() == {"items": [], "next_after": position, "cursor": position}
    assert unchanged.headers["deprecation"] == "@1796601600"


async def test_a_rule_corrected_through_the_api_keeps_how_its_due_date_is_counted(
    client: httpx.AsyncClient,
) -> None:
    """D18's appeal is due the first working day after its period ends: a correction of its
    length, sent as the rule table gave it, keeps that (it was refused, and a correction
    without the field would have made D18 due on the period's last day)."""
    rules = (await client.get("/v1/rule-table")).json()["rules"]
    d18 = next(r for r in rules if r["id"] == RuleId.D18)
    assert d18["due_after_period"] is True
    response = await client.post(
        "/v1/rule-table/corrections",
        json={"version": "2026.3", "rules": [{**d18, "length": 9}],
              "corrected_by": "system:admin", "reason": "checked against the Regulations"},
        auth=ActingAs("system:admin"),
    )  # fmt: skip
    assert response.status_code == 200, response.text
    corrected = {r["id"]: r for r in (await client.get("/v1/rule-table")).json()["rules"]}
    assert (corrected[RuleId.D18]["length"], corrected[RuleId.D18]["due_after_period"]) == (9, True)
