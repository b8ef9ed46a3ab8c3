"""Provision planned against provision delivered (issue 24): what an element's schedule made due
by a day, over the school-day calendar, what the ledger shows was delivered or missed, and
whether the element is short.

Pure: the calendar, the day and the thresholds are passed in. Counting follows the calendar:
a weekly amount in term time is due pro rata per school day (a fifth of the week's sessions a
day), so a half term or a closure makes nothing due and is never a gap; an amount all year
round is due per calendar day. The calendar's terms are half terms (as Welsh LAs publish
them): an amount per half term is due pro rata over each one's school days, a termly amount
over two of them. An amount "in all" is due by the element's review or end date.

Without a calendar (neither the school's nor its LA's is known here), term-time provision is
counted on working days, as the statutory clocks are, and its figures are **provisional**: they
are shown, marked so, and never judged short (holidays would count as due). An element with no
schedule (its amount is text) is **not measurable**: delivered is shown, nothing is due.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from typing import Any

from idp.domain.values import AlpSchedule, Period
from llwybr.clock import TermCalendar, is_working_day

_ONE_DAY = timedelta(days=1)
#: Without a calendar, a half term counted as a sixth of the 195 school days of a Welsh year.
_HALF_TERM_DAYS = Fraction(195, 6)


class Shortfall(StrEnum):
    """Why an element is flagged."""

    BELOW_SHARE = "below_share"  # less than the share due was delivered over the window
    NOTHING_RECORDED = "nothing_recorded"  # no record at all for the silent weeks


@dataclass(frozen=True)
class ShortfallPolicy:
    """When an element is short: below ``share`` of what was due over the last
    ``window_weeks`` school weeks, or nothing recorded for ``silent_weeks`` school weeks.
    An element is judged only once it has run for the window."""

    share: Fraction = Fraction(4, 5)
    window_weeks: int = 6
    silent_weeks: int = 3


@dataclass(frozen=True)
class ElementProvision:
    """One element, planned against delivered, to a day. Sessions are fractions where a
    schedule is due pro rata (2.4 sessions after 4 school days of 3 a week)."""

    element_id: str
    provider_organisation: str
    expected_sessions: Fraction | None  # None: not measurable (no schedule)
    expected_minutes: Fraction | None
    delivered_sessions: int
    delivered_minutes: int
    missed_sessions: int
    missed_reasons: tuple[str, ...]
    shortfalls: tuple[Shortfall, ...]
    window_share: Fraction | None  # delivered / due over the window, once judged
    measurable: bool = True  # False: no schedule, the amount is text (nothing is due)
    provisional: bool = False  # True: counted on working days, no calendar known (not judged)

    @property
    def gap_minutes(self) -> Fraction | None:
        """Minutes due and not delivered (never below 0: more is not a credit)."""
        if self.expected_minutes is None:
            return None
        return max(Fraction(0), self.expected_minutes - self.delivered_minutes)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, fractions rounded to one place."""

        def number(value: Fraction | None) -> float | None:
            return None if value is None else round(float(value), 1)

        return {
            "element_id": self.element_id,
            "provider_organisation": self.provider_organisation,
            "expected_sessions": number(self.expected_sessions),
            "expected_minutes": number(self.expected_minutes),
            "delivered_sessions": self.delivered_sessions,
            "delivered_minutes": self.delivered_minutes,
            "missed_sessions": self.missed_sessions,
            "missed_reasons": list(self.missed_reasons),
            "gap_minutes": number(self.gap_minutes),
            "window_share": number(self.window_share),
            "shortfalls": [s.value for s in self.shortfalls],
            "measurable": self.measurable,
            "provisional": self.provisional,
        }


def sessions_of(record: Mapping[str, Any]) -> int:
    """The sessions a record counts: one for a record stored before records counted them."""
    sessions = record.get("sessions")
    return 1 if sessions is None else int(sessions)


def _days(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        day += _ONE_DAY


def due_days(
    schedule: AlpSchedule, calendar: TermCalendar | None, start: date, end: date
) -> list[date]:
    """The days provision is due on between ``start`` and ``end`` (both included): school
    days for term time (working days, provisionally, without a calendar), every day all year
    round."""
    if not schedule.term_time_only:
        return list(_days(start, end))
    if calendar is None:
        return [d for d in _days(start, end) if is_working_day(d)]
    return [d for d in _days(start, end) if calendar.is_school_day(d)]


def _per_day(schedule: AlpSchedule, calendar: TermCalendar | None, day: date) -> Fraction:
    """The sessions due on one due day."""
    if schedule.per is Period.WEEK:
        return Fraction(schedule.sessions, 5 if schedule.term_time_only else 7)
    per_term = Fraction(schedule.sessions, 2 if schedule.per is Period.TERM else 1)
    if calendar is None:  # provisional: an average half term of working days
        return per_term / _HALF_TERM_DAYS
    term = calendar.term_on(day)  # term-based periods are term time only (``AlpSchedule``)
    assert term is not None
    in_term = sum(1 for d in _days(term.start, term.end) if calendar.is_school_day(d))
    return per_term / in_term


def expected_sessions(
    schedule: AlpSchedule,
    calendar: TermCalendar | None,
    start: date,
    end: date,
    *,
    ends_on: date | None,
) -> Fraction:
    """Sessions due from ``start`` to ``end``; an amount in all is due on ``ends_on``."""
    if schedule.per is Period.ONCE:
        return Fraction(schedule.sessions if ends_on is not None and ends_on <= end else 0)
    days = due_days(schedule, calendar, start, end)
    if schedule.per is Period.WEEK:  # the same on every due day: no sum of fractions
        return len(days) * _per_day(schedule, calendar, start)
    return sum((_per_day(schedule, calendar, d) for d in days), Fraction(0))


def _minutes(record: Mapping[str, Any], schedule: AlpSchedule) -> int:
    """A record's minutes; one that does not say is taken as the sessions planned."""
    minutes = record.get("minutes")
    return sessions_of(record) * schedule.minutes_each if minutes is None else int(minutes)


def provision_of(
    element: Mapping[str, Any],
    records: Sequence[Mapping[str, Any]],
    calendar: TermCalendar | None,
    *,
    issued_on: date,
    as_of: date,
    policy: ShortfallPolicy,
) -> ElementProvision:
    """An element of the version in force, planned against delivered on ``as_of``. Nothing is
    due (and nothing short) for an element without a schedule: its amount is text; nothing is
    judged short on provisional figures (term time with no calendar)."""
    if element.get("schedule") is None:
        return _unscheduled(element, records, as_of)
    schedule = AlpSchedule.from_dict(element["schedule"])
    start = max(d for d in (issued_on, _date(element.get("start_on"))) if d is not None)
    ends_on = _date(element.get("review_or_end_on"))
    end = min(as_of, ends_on) if ends_on is not None else as_of
    delivered = [r for r in records if r["delivered"] and start <= r["on"] <= end]
    missed = [r for r in records if not r["delivered"] and start <= r["on"] <= end]
    expected = expected_sessions(schedule, calendar, start, end, ends_on=ends_on)
    shortfalls: list[Shortfall] = []
    share: Fraction | None = None
    days = due_days(schedule, calendar, start, end) if end >= start else []
    per_week = 5 if schedule.term_time_only else 7
    provisional = schedule.term_time_only and calendar is None
    if not provisional and schedule.per is not Period.ONCE:
        window = days[-policy.window_weeks * per_week :]
        if len(days) >= policy.window_weeks * per_week:  # judged once it has run a window
            due = expected_sessions(schedule, calendar, window[0], end, ends_on=ends_on)
            given = sum(_minutes(r, schedule) for r in delivered if r["on"] >= window[0])
            if due:
                share = Fraction(given, 1) / (due * schedule.minutes_each)
                if share < policy.share:
                    shortfalls.append(Shortfall.BELOW_SHARE)
        silent = days[-policy.silent_weeks * per_week :]
        if len(days) >= policy.silent_weeks * per_week and not any(
            r["on"] >= silent[0] for r in (*delivered, *missed)
        ):
            shortfalls.append(Shortfall.NOTHING_RECORDED)
    return ElementProvision(
        element_id=str(element["element_id"]),
        provider_organisation=str(element["provider_organisation"]),
        expected_sessions=expected,
        expected_minutes=expected * schedule.minutes_each,
        delivered_sessions=sum(sessions_of(r) for r in delivered),
        delivered_minutes=sum(_minutes(r, schedule) for r in delivered),
        missed_sessions=sum(sessions_of(r) for r in missed),
        missed_reasons=tuple(str(r["missed_reason"]) for r in missed),
        shortfalls=tuple(shortfalls),
        window_share=share,
        provisional=provisional,
    )


def _unscheduled(
    element: Mapping[str, Any], records: Sequence[Mapping[str, Any]], as_of: date
) -> ElementProvision:
    delivered = [r for r in records if r["delivered"] and r["on"] <= as_of]
    missed = [r for r in records if not r["delivered"] and r["on"] <= as_of]
    return ElementProvision(
        element_id=str(element["element_id"]),
        provider_organisation=str(element["provider_organisation"]),
        expected_sessions=None,
        expected_minutes=None,
        delivered_sessions=sum(sessions_of(r) for r in delivered),
        delivered_minutes=sum(int(r.get("minutes") or 0) for r in delivered),
        missed_sessions=sum(sessions_of(r) for r in missed),
        missed_reasons=tuple(str(r["missed_reason"]) for r in missed),
        shortfalls=(),
        window_share=None,
        measurable=False,
    )


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
