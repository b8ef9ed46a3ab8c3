"""The date a family is told is the date the system enforces (#17, ADR 0017), end to end
through the gateway in stack mode: each deployable its own process, real PostgreSQL and Kafka.

The notifications service counts "today" as a fixed day in the past here
(``NOTIFICATIONS_TODAY``), so that the last day a notice tells the family has passed and an
appeal can be lodged on it (an act cannot be dated after today).
"""

import asyncio
from collections.abc import Iterator
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer

from contracts.envelope import Envelope
from contracts.topics import NOTIFICATIONS
from llwybr.settings import RuntimeSettings
from notifications.notices.verp import bounce_address

from .access_stories import (
    HOME_SCHOOL,
    LA,
    LEARNER_FOLLOWERS,
    SYSTEM,
    TRIBUNAL,
    Callers,
    as_told,
    concern,
    ok,
    parents,
    plan_of,
    pupil,
    raised,
    register_contacts,
    restart_with,
    until,
)
from .idp_date_stories import (
    ceased_by_the_school,
    challenged_on_the_told_day,
    issued_school_plan,
    notice_of,
)
from .stack import TEST_LIMITS, Stack, running_stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: The day the notifications service gives the LA's notice (its "today" here).
EMAILED_ON = "2026-08-03"
#: Where bounces come back (VERP, ADR 0014), and the key that signs their addresses.
BOUNCES_DOMAIN, BOUNCES_KEY = "bounces.llwybr.example", "k" * 40


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Stack]:
    runtime = postgres_runtime.model_copy(
        update={"kafka_bootstrap_servers": kafka_bootstrap, "consumer_start_from": "latest"}
    )
    directory = tmp_path_factory.mktemp("notice-given-stack")
    with running_stack(runtime, directory, TEST_LIMITS) as running:
        # Notices written as files (given when written) on a fixed day in the past.
        restart_with(running, "notifications", {
            "NOTIFICATIONS_EMAIL_TRANSPORT": "file",
            "NOTIFICATIONS_OUTBOX_DIR": str(directory / "outbox"),
            "NOTIFICATIONS_DELIVERY_POLL_SECONDS": "0.2",
            "NOTIFICATIONS_TODAY": EMAILED_ON,
            "NOTIFICATIONS_BOUNCES_DOMAIN": BOUNCES_DOMAIN,
            "NOTIFICATIONS_BOUNCES_SECRET_KEYS": BOUNCES_KEY,
        })  # fmt: skip
        running.wait_caught_up(LEARNER_FOLLOWERS | {"disputes.notices", "determination.given"})
        yield running


@pytest.fixture(scope="module")
def callers(stack: Stack) -> Iterator[Callers]:
    found = Callers(stack)
    yield found
    found.close()


def la_decided_has_aln(callers: Callers, email: str) -> tuple[str, str]:
    """The issue's story: a school decides "no ALN", the family asks the LA to reconsider
    (R1), the LA decides "has ALN" on 20 July and records its notice as given that day.
    (the learner's id, the reconsideration's id)."""
    school, la = callers(HOME_SCHOOL), callers(LA)
    body = {**concern(pupil()), "came_to_attention_on": "2026-06-01"}
    case_id, learner_id = raised(callers, body)
    register_contacts(school, learner_id, email)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json={
        "has_aln": False, "reasons": "Universal provision", "decided_on": "2026-06-10",
        "decided_by": HOME_SCHOOL, "person": "ALNCo"}))  # fmt: skip
    request = {"kind": "R1", "learner_id": learner_id, "subject_id": case_id,
               "school": HOME_SCHOOL, "decided_by_kind": "school",
               "requested_by_kind": "family", "requested_by": "Parent",
               "requested_on": "2026-06-15"}  # fmt: skip
    created = as_told(lambda: la.post("/v1/reconsiderations", json=request))
    reconsideration = str(ok(created)["id"])
    base = f"/v1/reconsiderations/{reconsideration}"
    for path, step in (
        ("invitation", {"invited_on": "2026-06-16", "from_party": "governing_body"}),
        ("representations", {"received_on": "2026-06-30", "summary": "The school's view"}),
        ("decision", {"decided_on": "2026-07-20", "outcome": "has_aln", "reasons": "Needs ALP"}),
        ("notice", {"issued_on": "2026-07-20", "recipients": ["family"]}),
    ):
        ok(la.post(f"{base}/{path}", json=step))
    return learner_id, reconsideration


def family_told(callers: Callers, learner_id: str) -> dict[str, Any]:
    """The LA's notice of its decision, once given to the parent."""

    def given() -> dict[str, Any] | None:
        items = callers(LA).get("/v1/notices", params={"learner_id": learner_id}).json()["items"]
        found = [n for n in items if n["kind"] == "reconsideration_decided"
                 and n["recipient_role"] == "parent" and n["status"] == "given"]  # fmt: skip
        return found[0] if found else None

    return until(given, what="the LA's notice given to the parent")


def appeal(callers: Callers, learner_id: str, case: str, lodged_on: str) -> httpx.Response:
    return callers(TRIBUNAL).post("/v1/appeals", json={
        "learner_id": learner_id, "learner_is_young_person": False,
        "appellant_kind": "parent", "appellant": "Siân Jones", "respondent": LA,
        "matter": "la_reconsideration_decision", "reconsideration_id": case,
        "lodged_on": lodged_on})  # fmt: skip


def accepted_once_learned(callers: Callers, learner_id: str, case: str, on: str) -> str:
    """An appeal lodged ``on`` the last day the family was told: accepted once the disputes
    service has learned the notice (a refusal changes nothing, so it is asked again)."""

    def lodged() -> str | None:
        response = appeal(callers, learner_id, case, on)
        if response.status_code == 422 and response.json()["type"].endswith("outside-window"):
            return None
        return str(ok(response)["id"])

    return until(lodged, what=f"an appeal lodged on {on} accepted")


def test_an_appeal_on_the_last_day_the_email_told_is_accepted_and_the_day_after_refused(
    callers: Callers,
) -> None:
    learner_id, case = la_decided_has_aln(callers, "sian-told@example.org")
    notice = family_told(callers, learner_id)
    # the LA's own record runs to 14 September; the email, given on 3 August, tells
    # 28 September: 8 weeks beginning with 3 August end on Sunday 27 September
    assert (notice["given_on"], notice["window"]["until"]) == (EMAILED_ON, "2026-09-28")
    appeal_id = accepted_once_learned(callers, learner_id, case, "2026-09-28")
    lodged = ok(callers(TRIBUNAL).get(f"/v1/appeals/{appeal_id}"))
    assert (lodged["window_until"], lodged["late"]) == ("2026-09-28", False)
    late = appeal(callers, learner_id, case, "2026-09-29")
    assert late.status_code == 422, late.text
    assert late.json()["type"].endswith("outside-window")


def test_disagreement_resolution_within_the_told_window_extends_it_by_eight_weeks(
    callers: Callers,
) -> None:
    learner_id, case = la_decided_has_aln(callers, "sian-mediates@example.org")
    family_told(callers, learner_id)
    accepted_once_learned(callers, learner_id, case, "2026-09-28")  # the disputes service knows
    # opened on 21 September: after the LA's own window, within the one the family was told
    opened = as_told(lambda: callers(LA).post("/v1/disagreement-resolutions", json={
        "learner_id": learner_id, "reconsideration_id": case, "opened_on": "2026-09-21",
        "arrangements": "Commissioned independent mediation",
        "facilitator": {"name": "A. Mediator", "organisation": "Mediation Cymru"},
        "parties": [{"name": "Parent", "role": "family"},
                    {"name": "Head teacher", "role": "school", "organisation": HOME_SCHOOL}],
    }))  # fmt: skip
    dispute = ok(callers(LA).get(f"/v1/disagreement-resolutions/{ok(opened)['id']}"))
    # 16 weeks beginning with 3 August end on Sunday 22 November: due Monday 23 November
    window = dispute["deadlines"]["appeal_window"]
    assert (window["trigger_date"], window["due_on"]) == (EMAILED_ON, "2026-11-23"), dispute
    ok(appeal(callers, learner_id, case, "2026-11-23"))
    late = appeal(callers, learner_id, case, "2026-11-24")
    assert late.status_code == 422, late.text
    assert late.json()["type"].endswith("outside-window")


def test_a_no_aln_decision_clock_is_met_on_the_day_its_notice_is_given(callers: Callers) -> None:
    """s.4(6): the school decides "no ALN" on Friday 31 July (its 30th working day from a
    concern of 19 June, no calendar: D1 provisional, due 7 August); the notice is given on
    Monday 3 August. The case view and the reminders say the clock was met on 3 August."""
    school = callers(HOME_SCHOOL)
    body = {**concern(pupil()), "came_to_attention_on": "2026-06-19"}
    case_id, learner_id = raised(callers, body)
    register_contacts(school, learner_id, "sian-given@example.org")
    ok(school.post(f"/v1/determinations/{case_id}/decision", json={
        "has_aln": False, "reasons": "Universal provision", "decided_on": "2026-07-31",
        "decided_by": HOME_SCHOOL, "person": "ALNCo"}))  # fmt: skip

    def notice() -> dict[str, Any] | None:
        items = school.get("/v1/notices", params={"learner_id": learner_id}).json()["items"]
        found = [n for n in items if n["kind"] == "decision_no_aln"
                 and n["recipient_role"] == "parent" and n["status"] == "given"]  # fmt: skip
        return found[0] if found else None

    given_on = until(notice, what="the school's notice given to the parent")["given_on"]
    assert given_on == EMAILED_ON

    def met_in_view() -> dict[str, Any] | None:
        shown = ok(school.get(f"/v1/determinations/{case_id}"))["deadlines"]["decision"]
        return shown if shown["state"] == "met" else None

    shown = until(met_in_view, what="the case view's decision clock met")
    assert (shown["met_on"], shown["due_on"], shown["overdue"]) == (given_on, "2026-08-07", False)
    assert shown["days_left"] == 4  # what was left on the day it was given, not at the decision

    def met_in_reminders() -> dict[str, Any] | None:
        items = school.get("/v1/reminders", params={"learner_id": learner_id}).json()["items"]
        found = [d for d in items if d["subject_id"] == case_id and d["kind"] == "decision"]
        return found[0] if found and found[0]["status"] == "met" else None

    watched = until(met_in_reminders, what="the reminders' decision clock met")
    assert (watched["met_on"], watched["due_on"]) == (given_on, "2026-08-07")


def test_the_lists_say_a_decided_case_runs_until_its_notice_is_given(callers: Callers) -> None:
    """s.4(6) in the lists: two "no ALN" decisions of 31 July (D1 due 7 August, provisional).
    One family's notice is given on 3 August: the lists show that case's clock met that day.
    The other family has no contact, so nothing is given: on 8 August that case is listed
    overdue (missed), decided or not, as its case view says."""
    school = callers(HOME_SCHOOL)
    cases = {}
    for who in ("told", "not_told"):
        body = {**concern(pupil()), "came_to_attention_on": "2026-06-19"}
        cases[who], learner_id = raised(callers, body)
        if who == "told":
            register_contacts(school, learner_id, "sian-lists@example.org")
        ok(school.post(f"/v1/determinations/{cases[who]}/decision", json={
            "has_aln": False, "reasons": "Universal provision", "decided_on": "2026-07-31",
            "decided_by": HOME_SCHOOL, "person": "ALNCo"}))  # fmt: skip

    def clock(params: dict[str, str], case_id: str) -> dict[str, Any] | None:
        page = ok(school.get("/v1/determinations", params={"limit": "500", **params}))
        found = [i["decision_clock"] for i in page["items"] if i["determination_id"] == case_id]
        return found[0] if found else None

    def told_met() -> dict[str, Any] | None:
        shown = clock({}, cases["told"])
        return shown if shown is not None and shown["state"] == "met" else None

    assert until(told_met, what="the told case's clock met in the list")["met_on"] == EMAILED_ON
    assert clock({"overdue_on": "2026-08-08"}, cases["told"]) is None
    missed = until(lambda: clock({"overdue_on": "2026-08-08"}, cases["not_told"]),
                   what="the untold case listed overdue")  # fmt: skip
    assert (missed["state"], missed["met_on"]) == ("missed", None)
    view = ok(school.get(f"/v1/determinations/{cases['not_told']}"))["deadlines"]["decision"]
    assert view["state"] == "missed"
    soon = school.get("/v1/determinations-due-soon",
                      params={"today": "2026-08-05", "within_days": "5"})  # fmt: skip
    assert soon.is_success, soon.text
    ids = {i["determination_id"] for i in soon.json()}
    assert cases["not_told"] in ids
    assert cases["told"] not in ids


def bounce_report(notice: dict[str, Any]) -> bytes:
    """The permanent bounce a recipient's mail server sends back for ``notice`` (RFC 3464)."""
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.org>"
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report.attach(MIMEText("Your message could not be delivered.\n"))
    recipient = Message()
    recipient["Final-Recipient"] = f"rfc822; {notice['recipient_address']}"
    recipient["Action"] = "failed"
    recipient["Status"] = "5.1.1"
    status = MIMEBase("message", "delivery-status")
    status.set_payload([Message(), recipient])
    report.attach(status)
    return report.as_bytes(policy=SMTP)


def bounced_for_good(callers: Callers, notice: dict[str, Any]) -> None:
    """The recipient's mail server's permanent bounce of ``notice``, reported as a mail
    provider forwards it."""
    address = bounce_address("bounces", BOUNCES_DOMAIN, BOUNCES_KEY.encode(), notice["notice_id"])
    reported = callers(SYSTEM).post(
        "/v1/notices/bounces", params={"to": address}, content=bounce_report(notice),
        headers={"Content-Type": "message/rfc822"},
    )  # fmt: skip
    assert ok(reported)["bounce"] == "permanent"


def test_a_bounced_notice_sent_again_later_moves_the_window_forward(
    stack: Stack, callers: Callers
) -> None:
    learner_id, case = la_decided_has_aln(callers, "sian-bounces@example.org")
    first = family_told(callers, learner_id)
    bounced_for_good(callers, first)
    bounced = ok(callers(LA).get(f"/v1/notices/{first['notice_id']}"))
    assert (bounced["status"], bounced["counts_as_given"]) == ("bounced", False)
    # a week later the LA has the right address and sends it again
    restart_with(stack, "notifications", {"NOTIFICATIONS_TODAY": "2026-08-10"})
    ok(callers(LA).put(f"/v1/contacts/learners/{learner_id}", json=parents("sian@example.org")))
    ok(callers(LA).post(f"/v1/notices/{first['notice_id']}/redelivery"))

    def given_again() -> dict[str, Any] | None:
        again = [n for n in callers(LA).get("/v1/notices", params={"learner_id": learner_id})
                 .json()["items"] if n["kind"] == "reconsideration_decided"
                 and n["status"] == "given" and n["notice_id"] != first["notice_id"]]  # fmt: skip
        return again[0] if again else None

    second = until(given_again, what="the notice given again")
    # 8 weeks beginning with 10 August end on Sunday 4 October
    assert (second["given_on"], second["window"]["until"]) == ("2026-08-10", "2026-10-05")
    accepted_once_learned(callers, learner_id, case, "2026-10-05")
    late = appeal(callers, learner_id, case, "2026-10-06")
    assert late.status_code == 422, late.text
    assert late.json()["type"].endswith("outside-window")


def test_the_notice_given_on_the_bus_names_the_learners_upn(
    callers: Callers, kafka_bootstrap: str
) -> None:
    """#20: the notifications service names the UPN the registry published on its events, as
    every other service does (an MIS finds the learner by it)."""
    school = callers(HOME_SCHOOL)
    learner = pupil()
    case_id, learner_id = raised(
        callers, {**concern(learner), "came_to_attention_on": "2026-06-19"}
    )
    register_contacts(school, learner_id, "sian-upn@example.org")
    ok(school.post(f"/v1/determinations/{case_id}/decision", json={
        "has_aln": False, "reasons": "Universal provision", "decided_on": "2026-07-31",
        "decided_by": HOME_SCHOOL, "person": "ALNCo"}))  # fmt: skip

    def given() -> list[Envelope] | None:
        found = asyncio.run(on_topic(kafka_bootstrap, NOTIFICATIONS.name, learner_id))
        return [e for e in found if e.type.endswith(".notice-given.v1")] or None

    events = until(given, what="the notice given, on the bus")
    assert {e.data["upn"] for e in events} == {learner["upn"]}


async def on_topic(bootstrap: str, topic: str, learner_id: str) -> list[Envelope]:
    """The events about the learner on the topic (read whole, without a group)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        partitions = list(consumer.assignment())
        ends = await consumer.end_offsets(partitions)
        seen = []
        while [p for p in partitions if await consumer.position(p) < ends[p]]:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                for r in records:
                    envelope = Envelope.from_kafka(r.topic, r.key, r.value or b"", list(r.headers))
                    if envelope.subject == learner_id:
                        seen.append(envelope)
        return seen
    finally:
        await consumer.stop()


# -- the IDP's dates: the calendar published later, and D11 from the cease notice given ------


def test_the_schools_calendar_published_after_the_decision_makes_the_idp_date_firm(
    callers: Callers,
) -> None:
    """No calendar when the school decides "has ALN" (26 June, from a concern of 15 June):
    D1 counted on working days, 3 August, provisional, and the family is told the date will
    follow. The school's calendar published later: the IDP service recounts it (14 September,
    the summer holiday not counted), the reminder follows, and the family is told that date."""
    school = callers(HOME_SCHOOL)
    case_id, learner_id = raised(
        callers, {**concern(pupil()), "came_to_attention_on": "2026-06-15"}
    )
    register_contacts(school, learner_id, "sian-calendar@example.org")
    ok(school.post(f"/v1/determinations/{case_id}/decision", json={
        "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-06-26",
        "decided_by": HOME_SCHOOL, "person": "ALNCo"}))  # fmt: skip
    plan_id = str(plan_of(school, learner_id)["id"])
    preparation = ok(school.get(f"/v1/idps/{plan_id}"))["deadlines"]["preparation"]
    assert (preparation["due_on"], preparation["provisional"]) == ("2026-08-03", True)
    told = notice_of(school, learner_id, "decision_has_aln")
    text = ok(school.get(f"/v1/notices/{told['notice_id']}"))["content_text"]
    assert "3 August 2026" not in text  # never a provisional date to a family
    assert "3 Awst 2026" not in text
    ok(school.put(f"/v1/calendars/{HOME_SCHOOL}?set_by={HOME_SCHOOL}", json={
        "name": "Ysgol Example 2026/27",
        "terms": [{"name": "Summer 2", "start": "2026-06-01", "end": "2026-07-20"},
                  {"name": "Autumn 1", "start": "2026-09-01", "end": "2026-10-23"}]}))  # fmt: skip

    def firm() -> dict[str, Any] | None:
        shown = ok(school.get(f"/v1/idps/{plan_id}"))["deadlines"]["preparation"]
        return shown if not shown["provisional"] else None

    assert until(firm, what="the plan's date firm")["due_on"] == "2026-09-14"
    confirmed = notice_of(school, learner_id, "idp_date_confirmed")
    text = ok(school.get(f"/v1/notices/{confirmed['notice_id']}"))["content_text"]
    assert "14 September 2026" in text or "14 Medi 2026" in text

    def reminded() -> dict[str, Any] | None:
        items = school.get("/v1/reminders", params={"learner_id": learner_id}).json()["items"]
        found = [d for d in items if d["kind"] == "idp_preparation" and not d["provisional"]]
        return found[0] if found else None

    assert until(reminded, what="the reminder moved")["due_on"] == "2026-09-14"


def test_d11_runs_from_the_cease_notice_given_then_bounced_and_given_again(
    stack: Stack, callers: Callers
) -> None:
    """The school decides to cease on Friday 31 July (D11 from the decision: 28 August, which
    the notice quotes as the IDP service published it); the email is given on 3 August, so the
    IDP service runs D11 to Tuesday 1 September (4 weeks end on the summer bank holiday) and
    the family is told so. The email bounces (D11 back to 28 August); sent again on 10 August,
    D11 runs to 7 September, told to the family; a challenge that day is accepted."""
    restart_with(stack, "notifications", {"NOTIFICATIONS_TODAY": EMAILED_ON})
    learner_id, plan_id = issued_school_plan(callers, "sian-cease@example.org")
    ceased_by_the_school(callers, plan_id, "2026-07-31")
    school, la = callers(HOME_SCHOOL), callers(LA)
    first = notice_of(school, learner_id, "idp_ceased")
    assert (first["given_on"], first["window"]["until"]) == (EMAILED_ON, "2026-08-28")
    corrected = notice_of(school, learner_id, "cease_window_corrected")
    assert corrected["window"]["until"] == "2026-09-01"
    bounced_for_good(callers, first)
    restart_with(stack, "notifications", {"NOTIFICATIONS_TODAY": "2026-08-10"})
    ok(la.put(f"/v1/contacts/learners/{learner_id}", json=parents("sian-cease2@example.org")))
    ok(la.post(f"/v1/notices/{first['notice_id']}/redelivery"))
    again = notice_of(school, learner_id, "idp_ceased", after=1)
    assert (again["given_on"], again["window"]["until"]) == ("2026-08-10", "2026-08-28")
    told = notice_of(school, learner_id, "cease_window_corrected", after=1)
    assert told["window"]["until"] == "2026-09-07"
    challenged_on_the_told_day(callers, learner_id, plan_id, "2026-09-07")


def test_d11_runs_from_a_cease_notice_posted_on_the_second_working_day(
    stack: Stack, callers: Callers
) -> None:
    """No contact for the parent: the cease notice escalates; the school posts it on Monday
    10 August, so it counts as given on Wednesday 12 August and D11 runs to 9 September, not
    the 4 September the decision of 7 August gave; the family is told so."""
    restart_with(stack, "notifications", {"NOTIFICATIONS_TODAY": "2026-08-10"})
    learner_id, plan_id = issued_school_plan(callers, None)
    ceased_by_the_school(callers, plan_id, "2026-08-07")
    school = callers(HOME_SCHOOL)
    escalated = notice_of(school, learner_id, "idp_ceased", status="escalated")
    posted = school.post(f"/v1/notices/{escalated['notice_id']}/given-outside",
                         json={"channel": "post", "on": "2026-08-10"})  # fmt: skip
    given = ok(posted)
    assert (given["given_on"], given["window"]["until"]) == ("2026-08-12", "2026-09-04")
    told = notice_of(school, learner_id, "cease_window_corrected", status="escalated")
    # escalated too (no contact yet): it states the day once given, as its facts say
    facts = ok(school.get(f"/v1/notices/{told['notice_id']}"))["facts"]
    assert (facts["previous_due_on"], facts["reconsideration_window_until"]) == (
        "2026-09-04", "2026-09-09"
    )  # fmt: skip
    challenged_on_the_told_day(callers, learner_id, plan_id, "2026-09-09")
