"""Planned against delivered over a simulated autumn term of a school's calendar (issue 24)."""

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from idp.domain import AlpSchedule, Period
from idp.domain.provision import Shortfall, ShortfallPolicy, expected_sessions, provision_of
from llwybr.clock import Term, TermCalendar

from .plans import ELEMENT

AUTUMN = TermCalendar(
    "school:6652001", "Ysgol Gymraeg 2026/27", 1,
    (Term(date(2026, 9, 1), date(2026, 10, 23), "Autumn 1"),
     Term(date(2026, 11, 2), date(2026, 12, 18), "Autumn 2")),
)  # fmt: skip
WEEKLY = AlpSchedule(sessions=3, minutes_each=30, per=Period.WEEK)
PLANNED = replace(
    ELEMENT, start_on=date(2026, 9, 1), review_or_end_on=date(2026, 12, 18), schedule=WEEKLY
).as_dict()
POLICY = ShortfallPolicy()


def sessions_on(weekdays: set[int], until: date, minutes: int = 30) -> list[dict[str, Any]]:
    """One delivered session on each of ``weekdays`` that is a school day, to ``until``."""
    days = (date(2026, 9, 1) + timedelta(n) for n in range((until - date(2026, 9, 1)).days + 1))
    return [
        {"on": d, "delivered": True, "sessions": 1, "minutes": minutes, "key": ""}
        for d in days
        if d.weekday() in weekdays and AUTUMN.is_school_day(d)
    ]


def judged(records: list[dict[str, Any]], as_of: date) -> tuple[Shortfall, ...]:
    provision = provision_of(
        PLANNED, records, AUTUMN, issued_on=date(2026, 9, 1), as_of=as_of, policy=POLICY
    )
    return provision.shortfalls


def test_an_element_delivered_at_two_thirds_of_its_schedule_is_flagged_after_the_window() -> None:
    two_a_week = sessions_on({0, 2}, date(2026, 10, 16))
    assert judged(two_a_week, date(2026, 10, 9)) == ()  # not yet six school weeks in
    assert judged(two_a_week, date(2026, 10, 16)) == (Shortfall.BELOW_SHARE,)


def test_an_element_with_nothing_recorded_is_flagged() -> None:
    assert judged([], date(2026, 9, 25)) == (Shortfall.NOTHING_RECORDED,)
    assert judged([], date(2026, 10, 16)) == (Shortfall.BELOW_SHARE, Shortfall.NOTHING_RECORDED)


def test_an_element_delivered_in_full_is_not_flagged() -> None:
    assert judged(sessions_on({0, 2, 4}, date(2026, 10, 16)), date(2026, 10, 16)) == ()


def test_shorter_sessions_than_planned_are_a_shortfall() -> None:
    twenty_minutes = sessions_on({0, 2, 4}, date(2026, 10, 16), minutes=20)
    assert judged(twenty_minutes, date(2026, 10, 16)) == (Shortfall.BELOW_SHARE,)


def test_a_half_term_is_never_a_gap() -> None:
    in_full = sessions_on({0, 2, 4}, date(2026, 10, 23))
    before, after = (
        provision_of(PLANNED, in_full, AUTUMN, issued_on=date(2026, 9, 1), as_of=day, policy=POLICY)
        for day in (date(2026, 10, 23), date(2026, 10, 30))
    )  # fmt: skip
    # nothing more was due in the half term: the gap is the first (four-day) week's 0.4
    assert after.expected_sessions == before.expected_sessions
    assert (after.gap_minutes, after.shortfalls) == (before.gap_minutes, ())
    assert after.gap_minutes == Fraction(12)
    resumed = in_full + sessions_on({0, 2, 4}, date(2026, 11, 13))[len(in_full) :]
    assert judged(resumed, date(2026, 11, 13)) == ()


def test_the_figures_add_up_what_was_due_delivered_and_missed() -> None:
    records = [
        *sessions_on({0}, date(2026, 9, 11)),  # Monday 7 September
        {"on": date(2026, 9, 9), "delivered": False, "sessions": 2, "minutes": None,
         "missed_reason": "Teaching assistant absent", "key": ""},
    ]  # fmt: skip
    provision = provision_of(
        PLANNED, records, AUTUMN, issued_on=date(2026, 9, 1), as_of=date(2026, 9, 11),
        policy=POLICY,
    )  # fmt: skip
    assert provision.expected_sessions == Fraction(27, 5)  # 9 school days of 3 a week
    assert (provision.delivered_sessions, provision.delivered_minutes) == (1, 30)
    assert (provision.missed_sessions, provision.missed_reasons) == (
        2, ("Teaching assistant absent",)
    )  # fmt: skip
    assert provision.gap_minutes == Fraction(27 * 30, 5) - 30


def test_amounts_per_half_term_and_term_are_spread_over_the_half_terms_school_days() -> None:
    per_half_term = AlpSchedule(sessions=6, minutes_each=60, per=Period.HALF_TERM)
    termly = replace(per_half_term, per=Period.TERM)
    start, end = date(2026, 9, 1), date(2026, 10, 23)
    assert expected_sessions(per_half_term, AUTUMN, start, end, ends_on=None) == 6
    assert expected_sessions(termly, AUTUMN, start, date(2026, 12, 18), ends_on=None) == 6
    # without a calendar: provisional, on the 39 working days to 23 October, each due a
    # 32.5th of the half term's amount (was None, and the element never judged: #24)
    assert expected_sessions(per_half_term, None, start, end, ends_on=None) == Fraction(36, 5)


def test_term_time_provision_without_a_calendar_is_provisional_and_never_judged() -> None:
    """No calendar for the school nor its learner's LA: counted on working days (the
    half-term week counts, so the figures overstate what was due), shown provisional, and
    never flagged short, although nothing was recorded."""
    provision = provision_of(
        PLANNED, [], None, issued_on=date(2026, 9, 1), as_of=date(2026, 11, 6), policy=POLICY
    )
    assert (provision.provisional, provision.measurable) == (True, True)
    assert provision.expected_sessions == Fraction(3 * 49, 5)  # 49 working days
    assert (provision.shortfalls, provision.window_share) == ((), None)
    assert provision.as_dict()["provisional"] is True
    on_calendar = provision_of(
        PLANNED, [], AUTUMN, issued_on=date(2026, 9, 1), as_of=date(2026, 11, 6), policy=POLICY
    )
    assert not on_calendar.provisional
    assert on_calendar.expected_sessions == Fraction(3 * 44, 5)  # the half term is none


def test_an_element_without_a_schedule_is_not_measurable_and_never_judged() -> None:
    text_only = {**PLANNED, "schedule": None}
    provision = provision_of(
        text_only, [], AUTUMN, issued_on=date(2026, 9, 1), as_of=date(2026, 11, 6), policy=POLICY
    )
    assert (provision.measurable, provision.provisional) == (False, False)
    assert (provision.expected_sessions, provision.gap_minutes, provision.shortfalls) == (
        None, None, ()
    )  # fmt: skip
    assert provision.as_dict()["measurable"] is False
