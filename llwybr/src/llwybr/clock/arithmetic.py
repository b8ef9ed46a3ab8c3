"""Date arithmetic in the units the rules use. Every count starts after ``start`` (or, counting
back, before ``end``), never on it."""

from calendar import monthrange
from datetime import date, timedelta

from llwybr.clock.errors import CalendarTooShortError, NegativePeriodError
from llwybr.clock.terms import TermCalendar
from llwybr.clock.working_days import is_working_day

_ONE_DAY = timedelta(days=1)


def _check(n: int) -> None:
    if n < 0:
        raise NegativePeriodError(f"periods are counted forwards: {n} is negative")


def add_school_days(calendar: TermCalendar, start: date, n: int) -> date:
    """The ``n``-th school day after ``start`` (``start`` itself never counts).

    Raises CalendarTooShortError when the calendar cannot answer: it ends before the ``n``-th
    school day, or it begins after the day the count starts (the days in between are unknown).
    """
    _check(n)
    if start + _ONE_DAY < calendar.first_day:
        raise CalendarTooShortError(
            f"calendar {calendar.label} begins on {calendar.first_day}, after a count starting "
            f"on {start + _ONE_DAY}: it needs the term dates before it"
        )
    day = start
    for _ in range(n):
        day += _ONE_DAY
        while not calendar.is_school_day(day):
            if day > calendar.last_day:
                raise CalendarTooShortError(
                    f"calendar {calendar.label} ends on {calendar.last_day}, before {n} school "
                    f"days after {start}: it needs the next term dates"
                )
            day += _ONE_DAY
    return day


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself never counts)."""
    _check(n)
    day = start
    for _ in range(n):
        day += _ONE_DAY
        while not is_working_day(day):
            day += _ONE_DAY
    return day


def school_days_before(calendar: TermCalendar, end: date, n: int) -> date:
    """The ``n``-th school day before ``end`` (``end`` itself never counts).

    Counting back, e.g. to remind a body some school days before its deadline. Raises
    CalendarTooShortError when the calendar begins before the count is done.
    """
    _check(n)
    day = end
    for _ in range(n):
        day -= _ONE_DAY
        while not calendar.is_school_day(day):
            if day < calendar.first_day:
                raise CalendarTooShortError(
                    f"calendar {calendar.label} begins on {calendar.first_day}, after the "
                    f"{n}-th school day before {end}: it needs the earlier term dates"
                )
            day -= _ONE_DAY
    return day


def working_days_before(end: date, n: int) -> date:
    """The ``n``-th working day before ``end`` (``end`` itself never counts)."""
    _check(n)
    day = end
    for _ in range(n):
        day -= _ONE_DAY
        while not is_working_day(day):
            day -= _ONE_DAY
    return day


def add_weeks(start: date, n: int) -> date:
    """``n`` weeks after ``start``: the same weekday, ``7 * n`` days later."""
    _check(n)
    return start + timedelta(weeks=n)


def add_months(start: date, n: int) -> date:
    """The same day of the month ``n`` months later, clipped to that month's last day.

    So 31 January plus one month is 28 (or 29) February.
    """
    _check(n)
    year, month_index = divmod(start.year * 12 + start.month - 1 + n, 12)
    month = month_index + 1
    return start.replace(year=year, month=month, day=min(start.day, monthrange(year, month)[1]))
