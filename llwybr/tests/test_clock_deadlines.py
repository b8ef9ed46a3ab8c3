"""The statutory clock's rules and deadlines: the rule table, deadlines computed from it, and
corrections to calendars and rules."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
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
    Rule,
    RuleHasNoLengthError,
    RuleTable,
    Unit,
    UnknownRuleError,
    compute_deadline,
    is_working_day,
    recalculate,
)

from .calendars import LA, MID_NOVEMBER

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


def test_an_idp_review_is_due_within_twelve_months_starting_with_the_day() -> None:
    assert compute_deadline(DEFAULT_RULES, "D14", date(2026, 3, 15)).due_on == date(2027, 3, 14)


def test_a_tribunal_review_application_is_due_28_days_on() -> None:
    assert compute_deadline(DEFAULT_RULES, "D19", date(2026, 6, 1)).due_on == date(2026, 6, 29)


def test_no_transitional_notice_clock_runs_after_the_move_from_sen_ended() -> None:
    with pytest.raises(UnknownRuleError):
        DEFAULT_RULES.rule("D22")


def test_a_working_day_rule_added_by_a_correction_counts_working_days() -> None:
    # Wednesday 1 April: 2 Apr 1, Good Friday and Easter Monday skipped, 7-10 Apr 5, 13-17 Apr 10
    added = Rule(
        "D22", "transitional notice", 10, Unit.WORKING_DAYS, "request", "[C]", Confidence.CONFIRMED
    )
    table = DEFAULT_RULES.corrected("2026.2", added)
    assert compute_deadline(table, "D22", date(2026, 4, 1)).due_on == date(2026, 4, 17)


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

COUNTABLE_RULES = [
    rule.id
    for rule in DEFAULT_RULES.rules.values()
    if rule.length is not None and rule.rolls_to_working_day
]


@given(st.sampled_from(COUNTABLE_RULES), st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_a_due_date_that_rolls_is_always_a_working_day(rule_id: str, trigger: date) -> None:
    assert is_working_day(compute_deadline(DEFAULT_RULES, rule_id, trigger).due_on)


@given(st.sampled_from(COUNTABLE_RULES), st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_a_due_date_is_always_after_the_trigger(rule_id: str, trigger: date) -> None:
    assert compute_deadline(DEFAULT_RULES, rule_id, trigger).due_on > trigger


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
