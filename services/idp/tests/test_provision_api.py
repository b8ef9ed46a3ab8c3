"""Provision planned against provision delivered, through the IDP API: scheduled ALP, the
delivery ledger, and the reports built on them (issue 24)."""

import io
from datetime import date

import httpx
from pypdf import PdfReader

from contracts.determination import CalendarPublished, Term
from llwybr_testkit import ActingAs

from .learners import receive
from .test_api import (
    DECLO,
    ELEMENT,
    SCHOOL,
    add_nhs_alp,
    caught_up,
    draft,
    issue,
    ok,
    open_plan,
    problem,
    service_of,
    stored_events,
)

SCHEDULED = {**ELEMENT, "frequency": "", "duration": "",
             "schedule": {"sessions": 3, "minutes_each": 30, "per": "week"}}  # fmt: skip


async def test_a_scheduled_element_is_issued_with_its_text_rendered_in_welsh_and_english(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan, SCHEDULED)
    assert (await issue(client, plan)).is_success
    response = await ok(client, "GET", f"/v1/idps/{plan}/versions/1/pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "3 sesiwn o 30 munud yr wythnos" in text
    assert "3 sessions of 30 minutes a week, term time only" in text


async def test_a_schedule_that_is_not_specific_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    bad = {**SCHEDULED, "element_id": "e2", "schedule": {"sessions": 0, "minutes_each": 30,
                                                         "per": "week"}}  # fmt: skip
    response = await client.post(f"/v1/idps/{plan}/draft/alp-elements", json=bad)
    assert response.status_code == 422, response.text
    body = (await client.get(f"/v1/idps/{plan}")).json()
    assert [e["element_id"] for e in body["draft"]["alp"]] == ["e1"]


async def issued_deliveries(client: httpx.AsyncClient, *, nhs: bool = False) -> str:
    """Where the deliveries of a plan issued with ELEMENT (and the NHS body's, ``nhs``) go."""
    plan = await open_plan(client)
    if nhs:
        await add_nhs_alp(client, plan)
    await draft(client, plan)
    await issue(client, plan)
    return f"/v1/idps/{plan}/deliveries"


async def test_a_provider_records_only_its_own_elements_and_the_maintainer_any(
    client: httpx.AsyncClient,
) -> None:
    url = await issued_deliveries(client, nhs=True)
    health = {"on": "2026-04-21", "delivered": True, "minutes": 45, "recorded_by": DECLO}
    before = stored_events(client)
    refused = await client.post(url, json={**health, "element_id": "e1"}, auth=ActingAs(DECLO))
    assert problem(refused, 403, "not-provider")
    assert stored_events(client) == before
    await ok(client, "POST", url, json={**health, "element_id": "n1"}, auth=ActingAs(DECLO))
    on_behalf = {**health, "element_id": "n1", "recorded_by": SCHOOL, "key": "2"}
    await ok(client, "POST", url, json=on_behalf)


async def test_counts_are_the_sums_recorded_and_a_repeated_record_counts_once(
    client: httpx.AsyncClient,
) -> None:
    url = await issued_deliveries(client)
    three = {"element_id": "e1", "on": "2026-04-21", "delivered": True, "sessions": 3,
             "minutes": 90, "recorded_by": SCHOOL, "language": "en"}  # fmt: skip
    short = {**three, "on": "2026-04-22", "sessions": 1, "minutes": 20, "language": "cy"}
    missed = {**three, "on": "2026-04-23", "delivered": False, "sessions": 2, "minutes": None,
              "missed_reason": "Teaching assistant absent"}  # fmt: skip
    for record in (three, short, three, missed):  # the first record again: counted once
        await ok(client, "POST", url, json=record)
    other = await client.post(url, json={**short, "minutes": 25})
    assert problem(other, 409, "delivery-conflict")
    await caught_up(client)
    (row,) = (await client.get("/v1/idps-alp", params={"provider": SCHOOL})).json()
    assert (row["sessions_delivered"], row["minutes_delivered"], row["sessions_missed"]) == (
        4, 110, 2
    )  # fmt: skip
    assert row["welsh_sessions_delivered"] == 1  # planned in Welsh; 3 of 4 given in English


SUMMER = CalendarPublished(
    calendar_id=SCHOOL, calendar_name="Ysgol Gymraeg 2025/26", calendar_version=1,
    terms=[Term(name="Summer 1", start=date(2026, 4, 13), end=date(2026, 5, 22)),
           Term(name="Summer 2", start=date(2026, 6, 1), end=date(2026, 7, 20))],
    closures=[],
)  # fmt: skip


async def one_session_recorded(client: httpx.AsyncClient) -> str:
    """A plan with SCHEDULED from 20 April, on the school's SUMMER calendar, and one session
    recorded on 21 April."""
    receive(service_of(client), SUMMER, SCHOOL)
    plan = await open_plan(client)
    await draft(client, plan, SCHEDULED)
    await issue(client, plan)
    record = {"element_id": "e1", "on": "2026-04-21", "delivered": True, "sessions": 1,
              "minutes": 30, "recorded_by": SCHOOL}  # fmt: skip
    await ok(client, "POST", f"/v1/idps/{plan}/deliveries", json=record)
    return plan


async def test_planned_against_delivered_counts_the_schools_calendar_and_flags_a_shortfall(
    client: httpx.AsyncClient,
) -> None:
    """The school's calendar, as its owner published it; 3 a week from 20 April: by 15 May,
    19 school days (the early May bank holiday is none) make 11.4 sessions due, and one
    record in four weeks is a shortfall that the maintainer, the provider and the LA see."""
    plan = await one_session_recorded(client)
    url = f"/v1/idps/{plan}/provision"
    body = (await ok(client, "GET", url, params={"as_of": "2026-05-15"})).json()
    assert body["calendar"] == "Ysgol Gymraeg 2025/26 (school:6652001 v1)"
    (element,) = body["elements"]
    assert (element["expected_sessions"], element["delivered_sessions"]) == (11.4, 1)
    assert (element["gap_minutes"], element["shortfalls"]) == (312.0, ["nothing_recorded"])
    assert body["short"] == ["e1"]
    la = await ok(client, "GET", url, params={"as_of": "2026-05-15"}, auth=ActingAs("la:665"))
    assert la.json()["short"] == ["e1"]
    stranger = await client.get(url, auth=ActingAs("lhb:7A9"))
    assert problem(stranger, 404, "not-found")


async def test_a_calendar_is_kept_at_its_highest_version_received(
    client: httpx.AsyncClient,
) -> None:
    service = service_of(client)
    corrected = SUMMER.model_copy(update={"calendar_version": 2, "closures": [date(2026, 5, 1)]})
    receive(service, corrected, SCHOOL)
    assert receive(service, SUMMER, SCHOOL) == []  # an older version, redelivered late
    calendar = service.calendar(SCHOOL)
    assert calendar is not None
    assert (calendar.version, calendar.closures) == (2, frozenset({date(2026, 5, 1)}))


async def test_a_plan_deciding_alp_in_welsh_with_all_its_alp_in_english_is_not_issued(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan, {**SCHEDULED, "in_welsh": False})
    decision = {"decision": "ALP in Welsh: she is taught through Welsh", "alp_in_welsh": True}
    await ok(client, "PUT", f"/v1/idps/{plan}/draft/welsh-language-decision", json=decision)
    refused = problem(await issue(client, plan), 422, "idp-incomplete")
    assert "welsh_language_decision" in str(refused)
    assert (await client.get(f"/v1/idps/{plan}")).json()["status"] == "draft"


async def test_the_provider_report_shows_expected_delivered_and_the_gap_to_a_day(
    client: httpx.AsyncClient,
) -> None:
    """The same figures as the plan's provision view (one owner counts them), per row."""
    plan = await one_session_recorded(client)
    await caught_up(client)
    params = {"provider": SCHOOL, "as_of": "2026-05-15"}
    (row,) = (await ok(client, "GET", "/v1/idps-alp", params=params)).json()
    assert row["idp_id"] == plan
    to_date = row["to_date"]
    assert (to_date["expected_sessions"], to_date["expected_minutes"]) == (11.4, 342.0)
    assert (to_date["delivered_sessions"], to_date["gap_minutes"]) == (1, 312.0)
    assert (to_date["measurable"], to_date["provisional"]) == (True, False)
    assert to_date["calendar"] == "Ysgol Gymraeg 2025/26 (school:6652001 v1)"
    future = await client.get("/v1/idps-alp", params={**params, "as_of": "2999-01-01"})
    assert problem(future, 422, "validation")


async def test_an_element_without_a_schedule_is_issued_with_a_warning_and_not_measurable(
    client: httpx.AsyncClient,
) -> None:
    """No calendar is known for the school nor the learner's LA: the scheduled element's
    figures are provisional (counted on working days, never judged); the text-only element
    is issued (the Code asks for quantified ALP; ADR 0021) but is not measurable."""
    plan = await open_plan(client)
    await draft(client, plan, SCHEDULED)
    text_only = {**ELEMENT, "element_id": "e2"}
    await ok(client, "POST", f"/v1/idps/{plan}/draft/alp-elements", json=text_only)
    answer = (await issue(client, plan)).json()
    assert [(w["element_id"], w["type"]) for w in answer["warnings"]] == [("e2", "not-measurable")]
    assert "cannot be measured" in answer["warnings"][0]["detail"]
    body = (await ok(client, "GET", f"/v1/idps/{plan}/provision",
                     params={"as_of": "2026-06-19"})).json()  # fmt: skip
    assert (body["calendar"], body["provisional"], body["short"]) == (None, True, [])
    scheduled, unscheduled = body["elements"]
    assert scheduled["provisional"] is True
    # 43 working days from 20 April (45 weekdays but for two bank holidays), 3 a week
    assert scheduled["expected_sessions"] == 25.8
    assert scheduled["shortfalls"] == []  # nothing recorded, but not judged without a calendar
    assert (unscheduled["measurable"], unscheduled["expected_sessions"]) == (False, None)
