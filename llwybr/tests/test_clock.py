from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from llwybr.clock import (
    DEFAULT_RULES,
    CalendarTooShortError,
    ClockError,
    Confidence,
    Deadline,
    InvalidCalendarError,
    InvalidDeadlineError,
    InvalidRuleError,
    NegativePeriodError,
    RuleHasNoLengthError,
    RuleTable,
    Term,
    TermCalendar,
    Unit,
    UnknownRuleError,
    add_months,
    add_school_days,
    add_weeks,
    add_working_days,
    compute_deadline,
    is_working_day,
    next_working_day,
    recalculate,
    school_days_before,
    welsh_bank_holidays,
    working_days_before,
)

# A Welsh LA's 2025/26 term dates, each term split at its half term. Holidays between the pieces:
# half term 27-31 Oct, Christmas 22 Dec-2 Jan, half term 16-20 Feb, Easter 30 Mar-10 Apr (Good
# Friday 3 Apr, Easter Monday 6 Apr), half term 25-29 May (Spring Bank Holiday 25 May).
# 4 May 2026 (May Day) is a bank holiday inside the summer term.
LA_TERMS = (
    Term(date(2025, 9, 1), date(2025, 10, 24), "Autumn 1"),
    Term(date(2025, 11, 3), date(2025, 12, 19), "Autumn 2"),
    Term(date(2026, 1, 5), date(2026, 2, 13), "Spring 1"),
    Term(date(2026, 2, 23), date(2026, 3, 27), "Spring 2"),
    Term(date(2026, 4, 13), date(2026, 5, 22), "Summer 1"),
    Term(date(2026, 6, 1), date(2026, 7, 20), "Summer 2"),
)
INSET_DAYS = frozenset({date(2025, 9, 1), date(2026, 1, 5), date(2026, 7, 20)})
LA = TermCalendar("la:example", "Wrexham", 3, LA_TERMS, INSET_DAYS)

MID_NOVEMBER = date(2025, 11, 17)  # a Monday


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


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


# The rule table


def test_the_default_rules_hold_every_row_of_the_domain_table() -> None:
    expected = [
        "D1",
        "D2",
        "D3",
        "D4",
        "D5",
        "D7",
        "D8",
        "D9",
        "D10",
        "D12",
        "D11",
        "D13",
        "D14",
        "D15",
        "D16",
        "D18",
        "D19",
        "D20",
        "D22",
    ]
    assert list(DEFAULT_RULES.rules) == expected
    assert DEFAULT_RULES.version == "2026.1"


@pytest.mark.parametrize(
    ("rule_id", "length", "unit", "confidence"),
    [
        ("D1", 35, Unit.SCHOOL_DAYS, Confidence.SECONDARY),
        ("D2", 35, Unit.TERM_TIME_DAYS, Confidence.SECONDARY),
        ("D3", 12, Unit.WEEKS, Confidence.SECONDARY),
        ("D4", 12, Unit.WEEKS, Confidence.SECONDARY),
        ("D5", 12, Unit.WEEKS, Confidence.CONFIRMED),
        ("D7", 6, Unit.WEEKS, Confidence.CONFIRMED),
        ("D8", 7, Unit.WEEKS, Confidence.SECONDARY),
        ("D9", 7, Unit.WEEKS, Confidence.UNCONFIRMED),
        ("D10", 7, Unit.WEEKS, Confidence.UNCONFIRMED),
        ("D12", 7, Unit.WEEKS, Confidence.UNCONFIRMED),
        ("D11", 4, Unit.WEEKS, Confidence.CONFIRMED),
        ("D13", 20, Unit.TERM_TIME_DAYS, Confidence.CONFIRMED),
        ("D14", 12, Unit.MONTHS, Confidence.CONFIRMED),
        ("D15", 12, Unit.MONTHS, Confidence.CONFIRMED),
        ("D16", None, Unit.WEEKS, Confidence.CONFIRMED),
        ("D18", 8, Unit.WEEKS, Confidence.SECONDARY),
        ("D19", 28, Unit.DAYS, Confidence.CONFIRMED),
        ("D20", None, Unit.WEEKS, Confidence.UNCONFIRMED),
        ("D22", 10, Unit.WORKING_DAYS, Confidence.CONFIRMED),
    ],
)
def test_each_default_rule_has_the_length_unit_and_tag_of_the_domain_table(
    rule_id: str, length: int | None, unit: Unit, confidence: Confidence
) -> None:
    rule = DEFAULT_RULES.rule(rule_id)
    assert (rule.length, rule.unit, rule.confidence) == (length, unit, confidence)


def test_there_is_no_six_monthly_review_for_under_fives() -> None:
    assert not any(
        rule.unit is Unit.MONTHS and rule.length == 6 for rule in DEFAULT_RULES.rules.values()
    )


def test_an_unknown_rule_is_a_lookup_error_naming_the_table() -> None:
    with pytest.raises(LookupError, match=r"rule table 2026\.1 has no rule 'D6'"):
        DEFAULT_RULES.rule("D6")


def test_the_default_rule_table_cannot_be_changed_in_place() -> None:
    with pytest.raises(TypeError):
        DEFAULT_RULES.rules["D1"] = DEFAULT_RULES.rule("D3")  # type: ignore[index]


def test_a_correction_needs_a_new_version() -> None:
    with pytest.raises(InvalidRuleError, match="new version"):
        DEFAULT_RULES.corrected("2026.1", replace(DEFAULT_RULES.rule("D9"), length=8))


def test_a_rule_cannot_have_a_length_of_zero() -> None:
    with pytest.raises(InvalidRuleError, match="positive"):
        replace(DEFAULT_RULES.rule("D1"), length=0)


def test_a_rule_table_survives_a_round_trip_through_a_dict() -> None:
    assert RuleTable.from_dict(DEFAULT_RULES.as_dict()) == DEFAULT_RULES


def test_a_rule_table_from_a_malformed_dict_is_rejected() -> None:
    broken = {"version": "2026.2", "rules": [{**DEFAULT_RULES.rule("D1").as_dict(), "unit": "x"}]}
    with pytest.raises(InvalidRuleError, match="D1"):
        RuleTable.from_dict(broken)


# Deadlines


def test_d3_gives_an_la_twelve_weeks_whatever_the_school_holidays() -> None:
    # Wednesday 14 January + 84 days is Wednesday 8 April, in the Easter holidays but a working day
    deadline = compute_deadline(DEFAULT_RULES, "D3", date(2026, 1, 14), LA)
    assert deadline.due_on == date(2026, 4, 8)


def test_a_weeks_rule_does_not_record_the_calendar_it_did_not_use() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D3", date(2026, 1, 14), LA)
    assert (deadline.calendar_id, deadline.calendar_version, deadline.provisional) == (
        None,
        None,
        False,
    )


def test_six_weeks_after_a_monday_receipt_end_on_the_monday_six_weeks_later() -> None:
    assert compute_deadline(DEFAULT_RULES, "D7", date(2026, 3, 2)).due_on == date(2026, 4, 13)


def test_d7_ending_on_easter_monday_runs_to_the_tuesday() -> None:
    # received Monday 23 February: six weeks end on Easter Monday, 6 April 2026
    deadline = compute_deadline(DEFAULT_RULES, "D7", date(2026, 2, 23))
    assert deadline.due_on == date(2026, 4, 7)


def test_d7_ending_on_christmas_day_runs_past_boxing_day_and_the_weekend() -> None:
    # received Thursday 13 November: six weeks end on Thursday 25 December 2025
    deadline = compute_deadline(DEFAULT_RULES, "D7", date(2025, 11, 13))
    assert deadline.due_on == date(2025, 12, 29)


def test_a_rolled_deadline_explains_why_it_moved() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D7", date(2026, 2, 23))
    assert deadline.explanation == (
        "6 weeks from 23 February 2026 under D7 (rules 2026.1): "
        "6 April 2026 is not a working day, so due 7 April 2026"
    )


def test_a_rule_that_does_not_roll_may_end_on_a_bank_holiday() -> None:
    table = DEFAULT_RULES.corrected(
        "2026.2", replace(DEFAULT_RULES.rule("D7"), rolls_to_working_day=False)
    )
    assert compute_deadline(table, "D7", date(2026, 2, 23)).due_on == date(2026, 4, 6)


def test_a_rule_counting_the_trigger_day_ends_a_day_sooner() -> None:
    table = DEFAULT_RULES.corrected(
        "2026.2", replace(DEFAULT_RULES.rule("D1"), starts_day_after=False)
    )
    # the trigger day, Monday 17 November, is the first of the 35
    assert compute_deadline(table, "D1", MID_NOVEMBER, LA).due_on == date(2026, 1, 19)


def test_a_school_day_deadline_records_the_calendar_and_its_version() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA)
    assert deadline.due_on == date(2026, 1, 20)
    assert (deadline.calendar_id, deadline.calendar_version) == ("la:example", 3)
    assert (deadline.rule_table_version, deadline.unit, deadline.length) == (
        "2026.1",
        Unit.SCHOOL_DAYS,
        35,
    )
    assert not deadline.provisional


def test_a_school_day_deadline_explains_itself() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA)
    assert deadline.explanation == (
        "35 school days from 17 November 2025 under D1 (rules 2026.1), Wrexham calendar v3: "
        "due 20 January 2026"
    )


def test_without_a_calendar_a_school_day_rule_is_provisional_on_working_days() -> None:
    # 35 working days from Tuesday 18 November, skipping 25 and 26 December and 1 January
    deadline = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER)
    assert deadline.provisional
    assert deadline.due_on == date(2026, 1, 8)
    assert deadline.calendar_id is None
    assert "provisional" in deadline.explanation


def test_a_term_time_rule_counts_on_the_fei_calendar() -> None:
    # D13, 20 term-time days from Friday 13 February: half term, then 23 Feb-20 Mar
    fei = LA.with_closures("fei:coleg", "Coleg Example", 1, [])
    assert compute_deadline(DEFAULT_RULES, "D13", date(2026, 2, 13), fei).due_on == date(
        2026, 3, 20
    )


def test_an_idp_review_is_due_twelve_months_on() -> None:
    assert compute_deadline(DEFAULT_RULES, "D14", date(2026, 3, 15)).due_on == date(2027, 3, 15)


def test_a_tribunal_review_application_is_due_28_days_on() -> None:
    assert compute_deadline(DEFAULT_RULES, "D19", date(2026, 6, 1)).due_on == date(2026, 6, 29)


def test_a_transitional_notice_is_due_ten_working_days_on() -> None:
    # Wednesday 1 April: 2 Apr 1, Good Friday and Easter Monday skipped, 7-10 Apr 5, 13-17 Apr 10
    assert compute_deadline(DEFAULT_RULES, "D22", date(2026, 4, 1)).due_on == date(2026, 4, 17)


def test_a_rule_without_a_length_must_be_configured() -> None:
    with pytest.raises(RuleHasNoLengthError, match="must be configured"):
        compute_deadline(DEFAULT_RULES, "D20", date(2026, 1, 5))


def test_a_deadline_beyond_the_calendar_names_the_calendar() -> None:
    with pytest.raises(CalendarTooShortError, match="Wrexham"):
        compute_deadline(DEFAULT_RULES, "D1", date(2026, 7, 1), LA)


def test_a_deadline_is_not_overdue_on_its_due_date() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA)
    assert not deadline.is_overdue(date(2026, 1, 20))
    assert deadline.is_overdue(date(2026, 1, 21))


def test_days_left_counts_calendar_days_and_goes_negative_when_overdue() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA)
    assert deadline.days_left(date(2026, 1, 10)) == 10
    assert deadline.days_left(date(2026, 1, 20)) == 0
    assert deadline.days_left(date(2026, 1, 23)) == -3


def test_a_deadline_dict_holds_only_json_values() -> None:
    as_dict = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA).as_dict()
    assert as_dict["due_on"] == "2026-01-20"
    assert as_dict["unit"] == "school_days"
    assert all(isinstance(v, str | int | bool | None) for v in as_dict.values())


def test_a_malformed_deadline_dict_is_rejected() -> None:
    as_dict = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA).as_dict()
    with pytest.raises(InvalidDeadlineError, match="due_on"):
        Deadline.from_dict({**as_dict, "due_on": "20 January"})


# Corrections


def test_a_calendar_correction_adding_a_closure_moves_the_deadline_later() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA)
    snow_day = date(2025, 12, 10)
    corrected = LA.with_closures(LA.id, LA.name, 4, [snow_day])
    moved = recalculate(deadline, DEFAULT_RULES, corrected)
    assert moved is not None
    assert moved.due_on == date(2026, 1, 21)
    assert moved.calendar_version == 4


def test_a_calendar_correction_after_the_due_date_changes_nothing() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER, LA)
    corrected = LA.with_closures(LA.id, LA.name, 4, [date(2026, 3, 2)])
    assert recalculate(deadline, DEFAULT_RULES, corrected) is None


def test_a_rule_table_correction_gives_a_new_version_and_a_new_deadline() -> None:
    deadline = compute_deadline(DEFAULT_RULES, "D9", date(2026, 1, 14))
    table = DEFAULT_RULES.corrected("2026.2", replace(DEFAULT_RULES.rule("D9"), length=8))
    moved = recalculate(deadline, table, None)
    assert moved is not None
    assert (deadline.due_on, moved.due_on) == (date(2026, 3, 4), date(2026, 3, 11))
    assert moved.rule_table_version == "2026.2"


def test_a_correction_keeps_the_rules_it_does_not_mention() -> None:
    table = DEFAULT_RULES.corrected("2026.2", replace(DEFAULT_RULES.rule("D9"), length=8))
    assert table.rule("D1") == DEFAULT_RULES.rule("D1")
    assert DEFAULT_RULES.rule("D9").length == 7


def test_configuring_a_length_lets_a_rule_compute_a_deadline() -> None:
    table = DEFAULT_RULES.corrected("2026.2", replace(DEFAULT_RULES.rule("D20"), length=4))
    assert compute_deadline(table, "D20", date(2026, 1, 5)).due_on == date(2026, 2, 2)


def test_a_provisional_deadline_becomes_final_once_a_calendar_arrives() -> None:
    provisional = compute_deadline(DEFAULT_RULES, "D1", MID_NOVEMBER)
    final = recalculate(provisional, DEFAULT_RULES, LA)
    assert final is not None
    assert not final.provisional
    assert final.due_on == date(2026, 1, 20)


@pytest.mark.parametrize(
    "error",
    [
        UnknownRuleError("D6", "2026.1"),
        RuleHasNoLengthError("D20", "2026.1"),
        InvalidRuleError("x"),
        InvalidCalendarError("x"),
        CalendarTooShortError("x"),
        NegativePeriodError("x"),
        InvalidDeadlineError("x"),
    ],
)
def test_every_clock_error_is_a_clock_error(error: Exception) -> None:
    assert isinstance(error, ClockError)


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


@given(st.sampled_from(COUNTABLE_RULES), st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_a_due_date_that_rolls_is_always_a_working_day(rule_id: str, trigger: date) -> None:
    assert is_working_day(compute_deadline(DEFAULT_RULES, rule_id, trigger).due_on)


@given(st.sampled_from(COUNTABLE_RULES), st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_a_due_date_is_always_after_the_trigger(rule_id: str, trigger: date) -> None:
    assert compute_deadline(DEFAULT_RULES, rule_id, trigger).due_on > trigger


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


deadlines = st.builds(
    Deadline,
    rule_id=st.text(max_size=5),
    rule_table_version=st.text(max_size=8),
    unit=st.sampled_from(Unit),
    length=st.integers(1, 1000),
    trigger_date=st.dates(),
    due_on=st.dates(),
    calendar_id=st.none() | st.text(max_size=20),
    calendar_version=st.none() | st.integers(1, 10**6),
    provisional=st.booleans(),
    explanation=st.text(),
)


@given(deadlines)
def test_a_deadline_survives_a_round_trip_through_a_dict(deadline: Deadline) -> None:
    assert Deadline.from_dict(deadline.as_dict()) == deadline
