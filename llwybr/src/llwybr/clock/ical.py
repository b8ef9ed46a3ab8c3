"""Term calendars read from the iCalendar (.ics) files Welsh LAs publish their term dates in.

Each event is classified by its SUMMARY, in English or Welsh, case-insensitively:

- half terms ("half term", "half-term", "hanner tymor") split any term they fall inside;
- closures ("INSET", "training day", "closure", "closed", "bank holiday", "HMS", "ar gau",
  "gŵyl y banc") become closure days, one per day of the event;
- holidays ("holiday", "gwyliau") are ignored, even when they mention a term;
- terms (any other summary containing "term" or "tymor") become terms;
- everything else (open evenings, parents' evenings) is ignored, as are cancelled events.

The checks run in that order because "Spring term INSET day" is a closure, not a term.
The data arrives as bytes: reading the file or URL is the caller's job.
"""

import re
from datetime import date, datetime, timedelta
from typing import Literal

import icalendar

from llwybr.clock.errors import InvalidCalendarError
from llwybr.clock.terms import Term, TermCalendar

_ONE_DAY = timedelta(days=1)

_HALF_TERM = re.compile(r"half[- ]?term|hanner[- ]?tymor", re.IGNORECASE)
_BANK_HOLIDAY = re.compile(r"bank holiday|g[wŵ]yl y banc", re.IGNORECASE)
_CLOSURE = re.compile(r"inset|training day|closure|closed|\bhms\b|\bar gau\b", re.IGNORECASE)
_HOLIDAY = re.compile(r"holiday|gwyliau", re.IGNORECASE)
_TERM = re.compile(r"term|tymor", re.IGNORECASE)


def _kind(summary: str) -> Literal["half term", "bank holiday", "closure", "term"] | None:
    if _HALF_TERM.search(summary):
        return "half term"
    if _BANK_HOLIDAY.search(summary):
        return "bank holiday"
    if _CLOSURE.search(summary):
        return "closure"
    if _HOLIDAY.search(summary):
        # "Summer holidays (term ends 20 July)" mentions a term but is not one
        return None
    if _TERM.search(summary):
        return "term"
    return None


def _as_date(value: date, *, exclusive_end: bool) -> date:
    if isinstance(value, datetime):
        # a timed event ending at midnight ends on the day before; any later time, that day
        return (value - timedelta(microseconds=1)).date() if exclusive_end else value.date()
    # an all-day DTEND is the day after the event (RFC 5545)
    return value - _ONE_DAY if exclusive_end else value


def _days(event: icalendar.Event, summary: str, label: str) -> tuple[date, date]:
    """The first and last day of ``event``, both inclusive."""
    try:
        start, end = event.start, event.end
    except ValueError as exc:  # icalendar's IncompleteComponent and InvalidCalendar
        message = f"{label}: event {summary!r} has no readable dates: {exc}"
        raise InvalidCalendarError(message) from None
    first = _as_date(start, exclusive_end=False)
    return first, max(first, _as_date(end, exclusive_end=True))


def _each_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _split(name: str, first: date, last: date, half_terms: list[tuple[date, date]]) -> list[Term]:
    """The term ``first``..``last`` less any half terms inside it, as one or more Terms."""
    pieces = [(first, last)]
    for half_first, half_last in half_terms:
        remaining = []
        for start, end in pieces:
            if half_last < start or half_first > end:
                remaining.append((start, end))
                continue
            # the weekend around a half term belongs to neither half: "Autumn 1" ends on Friday
            before, after = half_first - _ONE_DAY, half_last + _ONE_DAY
            while before.weekday() >= 5:
                before -= _ONE_DAY
            while after.weekday() >= 5:
                after += _ONE_DAY
            if start <= before:
                remaining.append((start, before))
            if after <= end:
                remaining.append((after, end))
        pieces = remaining
    if len(pieces) == 1:
        return [Term(pieces[0][0], pieces[0][1], name)]
    return [
        Term(start, end, f"{name} ({number} of {len(pieces)})")
        for number, (start, end) in enumerate(pieces, start=1)
    ]


def calendar_from_ical(data: bytes, *, calendar_id: str, name: str, version: int) -> TermCalendar:
    """A term calendar read from iCalendar data (see the module docstring for the rules).

    Raises InvalidCalendarError when the data is not iCalendar, an event that matters has no
    readable dates or recurs, there are no terms, or the terms overlap.
    """
    label = f"{name} ({calendar_id} v{version})"
    try:
        parsed = icalendar.Calendar.from_ical(data)
    except ValueError as exc:  # icalendar's parse errors, and undecodable bytes
        raise InvalidCalendarError(f"{label}: not readable as iCalendar: {exc}") from None
    if parsed.name != "VCALENDAR":
        raise InvalidCalendarError(f"{label}: expected a VCALENDAR, found a {parsed.name}")

    terms: list[tuple[str, date, date]] = []
    half_terms: list[tuple[date, date]] = []
    closures: set[date] = set()
    for event in parsed.events:
        summary = str(event.get("SUMMARY", "")).strip()
        kind = _kind(summary)
        if kind is None or str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        # Recurrences are not expanded, and ignoring one would silently drop school days or
        # closures. Bank holidays are the exception: they are never school days anyway.
        if kind != "bank holiday" and ("RRULE" in event or "RDATE" in event):
            raise InvalidCalendarError(f"{label}: recurring event {summary!r} is not supported")
        first, last = _days(event, summary, label)
        if kind == "half term":
            half_terms.append((first, last))
        elif kind == "term":
            terms.append((summary, first, last))
        else:
            closures.update(_each_day(first, last))

    if not terms:
        raise InvalidCalendarError(
            f"{label}: no term events (a SUMMARY containing 'term' or 'tymor') were found"
        )
    # the same term published twice is harmless; two different overlapping terms are not
    unique = sorted({(first, last): summary for summary, first, last in terms}.items())
    split = [
        piece
        for (first, last), summary in unique
        for piece in _split(summary, first, last, half_terms)
    ]
    return TermCalendar(calendar_id, name, version, tuple(split), frozenset(closures))
