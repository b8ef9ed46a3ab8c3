"""The statutory clock's days: Welsh bank holidays and working days, term calendars, counting
school days, and calendar arithmetic (weeks, months)."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from llwybr.clock import (
    DEFAULT_RULES,
    CalendarTooShortError,
    InvalidCalendarError,
    NegativePeriodError,
    Term,
    TermCalendar,
    add_months,
    add_school_days,
    add_weeks,
    add_working_days,
    is_working_day,
    next_working_day,
    school_days_before,
    welsh_bank_holidays,
    working_days_before,
)

from .calendars import INSET_DAYS, LA, LA_TERMS, MID_NOVEMBER, days_between

# Bank holidays and working days


def test_welsh_bank_holidays_include_easter_monday_and_boxing_day() -> None:
    assert {date(2026, 4, 6), date(2026, 12, 26)} <= welsh_bank_holidays(2026)


def test_the_second_of_january_is_a_scottish_not_a_welsh_bank_holiday() -> None:
    assert date(2026, 1, 2) not in welsh_bank_holidays(2026)


def test_a_substitute_bank_holiday_is_not_a_working_day() -> None:
    # Boxing Day 2026 is a Saturday, so Monday 28 December is the bank holiday
    assert not is_working_day(date(2026, 12, 28))


def test_the_next_working_day_after_christmas_skips_boxing_day_and_the_weekend() -> None:
    assert next_working_day(date(2025, 12, 25)) == date(2025, 12, 29)


def test_a_working_day_is_its_own_next_working_day() -> None:
    assert next_working_day(date(2026, 4, 8)) == date(2026, 4, 8)


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    # Thursday 2 April, then Good Friday, the weekend and Easter Monday, then Tuesday 7 April
    assert add_working_days(date(2026, 4, 1), 2) == date(2026, 4, 7)


# Term calendars


def test_a_weekday_in_term_is_a_school_day() -> None:
    assert LA.is_school_day(date(2025, 11, 18))


def test_a_bank_holiday_inside_a_term_is_not_a_school_day() -> None:
    assert LA.term_on(date(2026, 5, 4)) is not None
    assert not LA.is_school_day(date(2026, 5, 4))


def test_an_inset_day_is_not_a_school_day() -> None:
    assert LA.term_on(date(2026, 1, 5)) is not None
    assert not LA.is_school_day(date(2026, 1, 5))


def test_a_half_term_weekday_is_not_a_school_day() -> None:
    assert not LA.is_school_day(date(2025, 10, 29))


def test_a_weekend_in_term_is_not_a_school_day() -> None:
    assert not LA.is_school_day(date(2025, 11, 22))


def test_a_calendar_covers_the_days_from_its_first_term_to_its_last() -> None:
    assert LA.covers(date(2025, 9, 1))
    assert LA.covers(date(2025, 12, 25))
    assert LA.covers(date(2026, 7, 20))
    assert not LA.covers(date(2025, 8, 31))
    assert not LA.covers(date(2026, 7, 21))


def test_a_school_calendar_is_its_las_terms_plus_its_own_closures() -> None:
    school = LA.with_closures("school:6612001", "Ysgol Example", 1, [date(2025, 11, 18)])
    assert (school.id, school.name, school.version) == ("school:6612001", "Ysgol Example", 1)
    assert school.terms == LA.terms
    assert school.closures == INSET_DAYS | {date(2025, 11, 18)}
    assert not school.is_school_day(date(2025, 11, 18))


def test_terms_out_of_order_are_rejected() -> None:
    with pytest.raises(InvalidCalendarError, match="date order"):
        TermCalendar("la:x", "X", 1, (LA_TERMS[1], LA_TERMS[0]))


def test_overlapping_terms_are_rejected() -> None:
    overlapping = Term(date(2025, 10, 20), date(2025, 12, 19), "Autumn 2")
    with pytest.raises(InvalidCalendarError, match="overlap"):
        TermCalendar("la:x", "X", 1, (LA_TERMS[0], overlapping))


def test_a_term_ending_before_it_starts_is_rejected() -> None:
    backwards = Term(date(2025, 10, 24), date(2025, 9, 1), "Autumn 1")
    with pytest.raises(InvalidCalendarError, match=r"ends .* before it starts"):
        TermCalendar("la:x", "X", 1, (backwards,))


def test_a_calendar_without_terms_is_rejected() -> None:
    with pytest.raises(InvalidCalendarError, match="no terms"):
        TermCalendar("la:x", "X", 1, ())


# Counting school days


def test_35_school_days_from_mid_november_cross_the_christmas_holiday() -> None:
    # Counting from Tuesday 18 November: 18-21 Nov 4, 24-28 Nov 9, 1-5 Dec 14, 8-12 Dec 19,
    # 15-19 Dec 24; Christmas holiday; 5 Jan is INSET; 6-9 Jan 28, 12-16 Jan 33, 19 Jan 34,
    # 20 Jan 35.
    assert add_school_days(LA, MID_NOVEMBER, 35) == date(2026, 1, 20)


def test_35_school_days_from_mid_december_cross_christmas_and_the_february_half_term() -> None:
    # Thursday 18 December: 19 Dec 1; Christmas holiday; 5 Jan INSET; 6-9 Jan 5, 12-16 Jan 10,
    # 19-23 Jan 15, 26-30 Jan 20, 2-6 Feb 25, 9-13 Feb 30; half term 16-20 Feb; 23-27 Feb 35.
    assert add_school_days(LA, date(2025, 12, 18), 35) == date(2026, 2, 27)


def test_a_count_started_in_the_holidays_begins_on_the_first_school_day() -> None:
    # Saturday 25 October, in half term: 3-7 Nov 5, 10-14 Nov 10, ... 15-19 Dec 35
    assert add_school_days(LA, date(2025, 10, 25), 35) == date(2025, 12, 19)


def test_zero_school_days_after_a_day_is_that_day() -> None:
    assert add_school_days(LA, MID_NOVEMBER, 0) == MID_NOVEMBER


def test_a_calendar_that_ends_too_soon_is_named_in_the_error() -> None:
    with pytest.raises(
        CalendarTooShortError, match=r"Wrexham \(la:example v3\) ends on 2026-07-20"
    ):
        add_school_days(LA, date(2026, 7, 1), 35)


def test_a_calendar_that_starts_after_the_count_cannot_answer() -> None:
    with pytest.raises(CalendarTooShortError, match="begins on 2025-09-01"):
        add_school_days(LA, date(2025, 8, 15), 5)


def test_a_count_may_start_on_the_day_before_the_calendar() -> None:
    # 1 September is INSET, so the first school day is Tuesday 2 September
    assert add_school_days(LA, date(2025, 8, 31), 1) == date(2025, 9, 2)


def test_five_school_days_before_a_day_after_christmas_reach_back_into_december() -> None:
    # Tuesday 13 January 2026: 12 Jan 1, 9 Jan 2, 8 Jan 3, 7 Jan 4, 6 Jan 5 (5 Jan is INSET)
    assert school_days_before(LA, date(2026, 1, 13), 5) == date(2026, 1, 6)
    # one more crosses the INSET day and the Christmas holiday to Friday 19 December
    assert school_days_before(LA, date(2026, 1, 13), 6) == date(2025, 12, 19)


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=250))
def test_counting_school_days_back_undoes_counting_them_forwards(n: int, offset: int) -> None:
    start = date(2025, 9, 2) + timedelta(days=offset)
    if not LA.is_school_day(start):
        return
    try:
        end = add_school_days(LA, start, n)
    except CalendarTooShortError:  # a late start counted past the calendar's last term
        assume(False)
    assert school_days_before(LA, end, n) == start


def test_counting_back_past_the_calendars_first_term_cannot_answer() -> None:
    with pytest.raises(CalendarTooShortError, match="begins on 2025-09-01"):
        school_days_before(LA, date(2025, 9, 5), 10)


def test_working_days_before_skip_the_weekend_and_easter_monday() -> None:
    # Wednesday 8 April 2026: 7 Apr 1, 6 Apr Easter Monday, 3 Apr Good Friday, 2 Apr 2
    assert working_days_before(date(2026, 4, 8), 2) == date(2026, 4, 2)


# Calendar arithmetic


def test_a_month_after_31_january_is_the_end_of_february() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_twelve_months_cross_into_the_next_year() -> None:
    assert add_months(date(2025, 11, 30), 12) == date(2026, 11, 30)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_weeks_are_seven_days_each() -> None:
    assert add_weeks(date(2026, 2, 23), 6) == date(2026, 4, 6)


@pytest.mark.parametrize("add", [add_weeks, add_months, add_working_days])
def test_a_negative_period_is_rejected(add: Callable[[date, int], date]) -> None:
    with pytest.raises(NegativePeriodError):
        add(date(2026, 1, 1), -1)


def test_a_negative_number_of_school_days_is_rejected() -> None:
    with pytest.raises(NegativePeriodError):
        add_school_days(LA, MID_NOVEMBER, -1)


# Properties

SCHOOL_YEAR_STARTS = st.dates(date(2025, 8, 31), date(2026, 5, 1))
COUNTABLE_RULES = [
    rule.id
    for rule in DEFAULT_RULES.rules.values()
    if rule.length is not None and rule.rolls_to_working_day
]


@given(SCHOOL_YEAR_STARTS, st.integers(1, 30))
def test_school_days_land_on_a_school_day_after_the_start(start: date, n: int) -> None:
    result = add_school_days(LA, start, n)
    assert result > start
    assert LA.is_school_day(result)


@given(SCHOOL_YEAR_STARTS, st.integers(1, 30))
def test_school_days_count_exactly_n_school_days(start: date, n: int) -> None:
    result = add_school_days(LA, start, n)
    counted = [
        day for day in days_between(start + timedelta(days=1), result) if LA.is_school_day(day)
    ]
    assert len(counted) == n


@given(SCHOOL_YEAR_STARTS, st.integers(0, 20), st.integers(0, 20))
def test_adding_school_days_in_two_steps_equals_adding_them_at_once(
    start: date, n: int, m: int
) -> None:
    assert add_school_days(LA, add_school_days(LA, start, n), m) == add_school_days(
        LA, start, n + m
    )


@given(st.dates(date(2020, 1, 1), date(2035, 12, 31)), st.integers(0, 40), st.integers(0, 40))
def test_adding_working_days_in_two_steps_equals_adding_them_at_once(
    start: date, n: int, m: int
) -> None:
    assert add_working_days(add_working_days(start, n), m) == add_working_days(start, n + m)


@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 500), st.integers(0, 500))
def test_more_weeks_never_end_sooner(start: date, n: int, m: int) -> None:
    low, high = sorted((n, m))
    assert add_weeks(start, low) <= add_weeks(start, high)


@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 600), st.integers(0, 600))
def test_more_months_never_end_sooner(start: date, n: int, m: int) -> None:
    low, high = sorted((n, m))
    assert add_months(start, low) <= add_months(start, high)


@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 600))
def test_a_month_later_is_never_more_than_a_month_away(start: date, n: int) -> None:
    result = add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    assert result.day <= start.day
