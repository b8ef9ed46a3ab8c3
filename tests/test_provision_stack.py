"""Provision planned against delivered (#24), end to end through the gateway in stack mode:
each deployable its own process, real PostgreSQL and Kafka.

A school publishes its calendar (the determination service owns it), decides "has ALN", and
issues a plan with a scheduled element (3 sessions of 30 minutes a week). Two sessions a week
are recorded over the autumn: the IDP service's monitor (``idp.provision``, polled often here)
finds the shortfall and publishes it; the notifications service reminds the provider and
alerts the learner's LA; the catch-up sessions are recorded and the shortfall ends.

The calendar ends before today, so the school days counted (and the judgement) are the same
whatever day the test runs.

The same stack shows a poison event (#21): the IDP service's consumer fails on one learner's
"has ALN" decision (a bug, planted from outside with a ``sitecustomize`` module on its
``PYTHONPATH``), sets it aside as a dead letter without holding up the events behind it; an
operator lists it with ``llwybr-audit dead-letters``, the service is restarted without the
bug, and the letter replayed opens the learner's plan once, however often it is replayed.
"""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from contracts.determination import Decided

from .access_stories import (
    HOME_SCHOOL,
    LA,
    LEARNER_FOLLOWERS,
    SECOND_SCHOOL,
    Callers,
    concern,
    decision,
    ok,
    plan_of,
    pupil,
    raised,
    restart_with,
    until,
)
from .stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SHORTFALL_POLL = "IDP_SHORTFALL_POLL_SECONDS"
#: The school: the Powys one, whose calendar no other stack test publishes (the stacks of a
#: machine share Kafka's topics); the learner is Wrexham's (LA 665), who is alerted.
SCHOOL = SECOND_SCHOOL
#: The school's autumn (two half terms), as its owner publishes it.
AUTUMN = {
    "name": "Ysgol Example autumn 2026",
    "terms": [
        {"name": "Autumn 1", "start": "2026-09-07", "end": "2026-10-23"},
        {"name": "Autumn 2", "start": "2026-11-02", "end": "2026-11-27"},
    ],
    "closures": [],
}
#: 3 sessions of 30 minutes a week, in term time, from the first day of term.
ELEMENT = {
    "element_id": "e1",
    "intended_outcome": "Cerys reads 100 high-frequency words by July",
    "provision": "Structured phonics in a small group",
    "delivered_by": "Teaching assistant trained in phonics",
    "in_welsh": True,
    "provider_kind": "school",
    "provider_organisation": SCHOOL,
    "start_on": "2026-09-07",
    "review_or_end_on": "2027-07-16",
    "rationale": "Limited progress with universal provision",
    "schedule": {"sessions": 3, "minutes_each": 30, "per": "week"},
}


@pytest.fixture(scope="module")
def stack(shared_stack: Stack) -> Stack:
    """The shared stack, its IDP service looking for shortfalls every half second (once
    restarted so, it stays so: a quicker poll changes nothing else)."""
    shared_stack.ensure_running()
    if shared_stack.processes["idp"].env.get(SHORTFALL_POLL) != "0.5":
        restart_with(shared_stack, "idp", {SHORTFALL_POLL: "0.5"})
    shared_stack.wait_caught_up(LEARNER_FOLLOWERS)
    return shared_stack


@pytest.fixture(scope="module")
def callers(stack: Stack) -> Iterator[Callers]:
    found = Callers(stack)
    yield found
    found.close()


def issued_plan(callers: Callers, element: dict[str, Any] = ELEMENT) -> tuple[str, str]:
    """A plan with ``element``, issued on the first day of term: (plan id, learner id)."""
    school = callers(SCHOOL)
    body = {**concern(pupil(SCHOOL), by=SCHOOL), "came_to_attention_on": "2026-06-01"}
    case_id, learner_id = raised(callers, body, by=SCHOOL)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json={
        "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-06-10",
        "decided_by": SCHOOL, "person": "ALNCo"}))  # fmt: skip
    plan = str(plan_of(school, learner_id)["id"])
    base = f"/v1/idps/{plan}/draft"
    for path, section in (
        ("section-1", {"learner_name": "Cerys Jones", "date_of_birth": "2017-05-02",
                       "home_language": "Cymraeg", "consent_and_capacity": "Parents consulted"}),
        ("one-page-profile", {"what_people_like_and_admire": "Kind and funny",
                              "what_is_important": "Football",
                              "how_best_to_support": "Short, clear instructions"}),
        ("aln-description", {"description": "Specific learning difficulty in literacy",
                             "impact_on_learning": "Reading age two years below"}),
        ("welsh-language-decision", {"decision": "ALP in Welsh: she is taught through Welsh"}),
        ("section-3", {"information_used": "Educational psychologist's report",
                       "review_and_transition": "Review before moving to secondary school"}),
    ):  # fmt: skip
        ok(school.put(f"{base}/{path}", json=section))
    ok(school.post(f"{base}/alp-elements", json=element))
    ok(school.post(f"/v1/idps/{plan}/issue", json={"issued_on": "2026-09-07",
                                                    "issued_by": SCHOOL}))  # fmt: skip
    return plan, learner_id


def mondays(first: str, last: str) -> list[date]:
    """Each Monday from ``first`` to ``last`` outside the half-term break."""
    day, end, found = date.fromisoformat(first), date.fromisoformat(last), []
    while day <= end:
        if not date(2026, 10, 24) <= day <= date(2026, 11, 1):
            found.append(day)
        day += timedelta(days=7)
    return found


def record(callers: Callers, plan: str, on: date, sessions: int) -> None:
    ok(callers(SCHOOL).post(f"/v1/idps/{plan}/deliveries", json={
        "element_id": "e1", "on": on.isoformat(), "delivered": True, "sessions": sessions,
        "minutes": 30 * sessions, "recorded_by": SCHOOL, "language": "cy"}))  # fmt: skip


def notices_of(callers: Callers, organisation: str, learner_id: str) -> list[dict[str, Any]]:
    page = callers(organisation).get("/v1/notices", params={"learner_id": learner_id})
    return [n for n in ok(page)["items"] if n["kind"].startswith("provision_shortfall")]


def shortfalls_listed(callers: Callers, plan: str) -> list[dict[str, Any]]:
    response = callers(LA).get("/v1/idps-shortfalls", params={"provider": SCHOOL})
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return [r for r in rows if r["idp_id"] == plan]


def test_under_delivery_over_a_term_is_found_told_and_ends_when_delivery_catches_up(
    stack: Stack, callers: Callers
) -> None:
    school = callers(SCHOOL)
    ok(school.put(f"/v1/calendars/{SCHOOL}?set_by={SCHOOL}", json=AUTUMN))
    plan, learner_id = issued_plan(callers)
    weeks = mondays("2026-09-07", "2026-11-23")
    for monday in weeks:  # two of the three sessions due each week: 2/3 of the schedule
        record(callers, plan, monday, sessions=2)

    short = until(lambda: ok(school.get(f"/v1/idps/{plan}"))["shortfalls"].get("e1"),
                  what="the monitor finds the shortfall")  # fmt: skip
    assert short["kinds"] == ["below_share"]
    provision = ok(school.get(f"/v1/idps/{plan}/provision"))
    assert provision["calendar"] == f"Ysgol Example autumn 2026 ({SCHOOL} v1)"
    (element,) = provision["elements"]
    # 11 school weeks of 3 sessions (the half term is none), 22 sessions delivered
    assert (element["expected_sessions"], element["delivered_sessions"]) == (33.0, 22)
    assert (element["gap_minutes"], element["window_share"]) == (330.0, 0.7)
    assert provision["short"] == ["e1"]
    assert len(shortfalls_listed(callers, plan)) == 1

    reminded = until(lambda: [n for n in notices_of(callers, SCHOOL, learner_id)
                              if n["kind"] == "provision_shortfall"],
                     what="the provider's reminder")  # fmt: skip
    # the school both maintains the plan and provides the element: reminded once
    assert [(n["recipient_organisation"], n["recipient_role"]) for n in reminded] == [
        (SCHOOL, "provider")
    ]
    alerted = until(lambda: [n for n in notices_of(callers, LA, learner_id)
                             if n["kind"] == "provision_shortfall_alert"],
                    what="the LA's alert")  # fmt: skip
    assert [(n["recipient_organisation"], n["recipient_role"]) for n in alerted] == [
        (LA, "local_authority")
    ]

    for monday in weeks[-6:]:  # the third session of each of the last six weeks, on Friday
        record(callers, plan, monday + timedelta(days=4), sessions=1)
    until(lambda: not ok(school.get(f"/v1/idps/{plan}"))["shortfalls"],
          what="the shortfall ends")  # fmt: skip
    until(lambda: not shortfalls_listed(callers, plan), what="the shortfall unlisted")
    (element,) = ok(school.get(f"/v1/idps/{plan}/provision"))["elements"]
    assert (element["delivered_sessions"], element["shortfalls"]) == (28, [])


#: The bug: the IDP consumer's effect of a decision raises for one learner (``POISONED``).
BUG = """
import os

from contracts import determination
from idp import consumers

_effect = consumers.effect.dispatch(determination.Decided)


def _buggy(event, service):
    if event.learner_id == os.environ["POISONED"]:
        raise KeyError("directed_school")
    return _effect(event, service)


consumers.effect.register(determination.Decided, _buggy)
"""
LLWYBR_AUDIT = Path(sys.executable).parent / "llwybr-audit"


def dead_letters(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    """``llwybr-audit dead-letters ARGS`` where the IDP service's settings are (its code as
    deployed now: without the bug once it is fixed)."""
    env = {k: v for k, v in stack.processes["idp"].env.items() if k not in ("PYTHONPATH",)}
    return subprocess.run(
        [str(LLWYBR_AUDIT), "dead-letters", *args], env={**os.environ, **env},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def letters(stack: Stack) -> list[dict[str, Any]]:
    """The IDP service's dead letters, as ``llwybr-audit dead-letters list idp --json`` lists
    them."""
    listed = dead_letters(stack, "list", "idp", "--json")
    assert listed.returncode == 0, listed.stderr
    items: list[dict[str, Any]] = json.loads(listed.stdout)["items"]
    # other stacks on this machine publish on the same topics: only the bug's letters count
    return [i for i in items if "KeyError('directed_school')" in i["error"]]


def plans_of(callers: Callers, learner_id: str) -> list[dict[str, Any]]:
    page = callers(HOME_SCHOOL).get("/v1/idps", params={"learner_id": learner_id})
    items: list[dict[str, Any]] = ok(page)["items"]
    return items


def test_a_poison_event_is_set_aside_listed_and_replayed_once_after_the_fix(
    stack: Stack, callers: Callers, tmp_path: Path
) -> None:
    school = callers(HOME_SCHOOL)
    poisoned_case, poisoned = raised(callers, concern(pupil()))
    healthy_case, healthy = raised(callers, concern(pupil()))
    (tmp_path / "sitecustomize.py").write_text(BUG)
    planted = {"PYTHONPATH": str(tmp_path), "POISONED": poisoned,
               "LLWYBR_CONSUMER_MAX_ATTEMPTS": "2"}  # fmt: skip
    restart_with(stack, "idp", planted)
    for case in (poisoned_case, healthy_case):
        ok(school.post(f"/v1/determinations/{case}/decision", json=decision()))

    # the decision behind the poison is not held up: its plan opens, the consumer catches up
    until(lambda: plans_of(callers, healthy), what="the healthy learner's plan")
    stack.wait_caught_up({"idp.determinations"}, timeout=120)
    (letter,) = until(lambda: letters(stack), what="the poison event set aside")
    assert letter["event_id"]
    assert (letter["consumer"], letter["event_type"], letter["attempts"]) == (
        "idp.determinations", Decided.cloudevent_type(), 2
    )  # fmt: skip
    assert "KeyError('directed_school')" in letter["error"]
    assert letter["replayed_at"] is None
    assert plans_of(callers, poisoned) == []

    stack.stop("idp")  # the fix deployed: the service without the bug
    for name in planted:
        stack.processes["idp"].env.pop(name)
    stack.start("idp")
    replayed = dead_letters(stack, "replay", "idp", str(letter["id"]))
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert "applied" in replayed.stdout
    (plan,) = until(lambda: plans_of(callers, poisoned), what="the plan opened by the replay")
    again = dead_letters(stack, "replay", "idp", str(letter["id"]))
    assert "already-replayed" in again.stdout
    (listed_again,) = letters(stack)
    assert listed_again["replay_outcome"] == "applied"
    assert plans_of(callers, poisoned) == [plan]
