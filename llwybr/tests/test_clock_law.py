"""The statutory clock against the worked dates in docs/domain.md (Appendix A) and the law's
readings of docs/domain.md sections 3 and 11: which periods roll, which begin with their
trigger, and how the appeal window is extended."""

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llwybr.clock import (
    DEFAULT_RULES,
    Deadline,
    Rule,
    RuleId,
    Term,
    TermCalendar,
    compute_deadline,
    is_working_day,
    recalculate,
)

DOMAIN = Path(__file__).resolve().parents[2] / "docs" / "domain.md"

EXAMPLE = TermCalendar(
    "la:example",
    "Example LA",
    1,
    (
        Term(date(2025, 9, 1), date(2025, 10, 24), "Autumn 1"),
        Term(date(2025, 11, 3), date(2025, 12, 19), "Autumn 2"),
        Term(date(2026, 1, 5), date(2026, 2, 13), "Spring 1"),
        Term(date(2026, 2, 23), date(2026, 3, 27), "Spring 2"),
        Term(date(2026, 4, 13), date(2026, 5, 22), "Summer 1"),
        Term(date(2026, 6, 1), date(2026, 7, 20), "Summer 2"),
    ),
    frozenset({date(2025, 9, 1), date(2026, 1, 5), date(2026, 7, 20)}),
)


def worked_dates() -> list[tuple[str, date, int, date]]:
    text = DOMAIN.read_text(encoding="utf-8")
    table = text.split("<!-- worked-dates:start -->")[1].split("<!-- worked-dates:end -->")[0]
    rows = []
    for line in table.splitlines():
        found = re.match(r"\| (D\d+) \| (\S+) \| (\d+) \| (\S+) \|", line)
        if found:
            rule, trigger, extension, due = found.groups()
            rows.append(
                (rule, date.fromisoformat(trigger), int(extension), date.fromisoformat(due))
            )
    return rows


def test_the_worked_table_has_at_least_twenty_dates_of_each_kind_asked_for() -> None:
    rows = worked_dates()
    assert len(rows) >= 20
    assert {r for r, *_ in rows} >= {"D1", "D3", "D7", "D11", "D14", "D18"}
    assert any(rule == "D18" and extension for rule, _, extension, _ in rows)


@pytest.mark.parametrize(("rule", "trigger", "extension", "due"), worked_dates())
def test_each_worked_date_is_what_the_clock_computes(
    rule: str, trigger: date, extension: int, due: date
) -> None:
    calendar = EXAMPLE if rule == "D1" else None
    deadline = compute_deadline(DEFAULT_RULES, rule, trigger, calendar, extension=extension)
    assert deadline.due_on == due


@pytest.mark.parametrize("rule", [RuleId.D5, RuleId.D7, RuleId.D11, RuleId.D13])
def test_only_periods_the_regulations_set_roll_to_a_working_day(rule: RuleId) -> None:
    assert DEFAULT_RULES.rule(rule).rolls_to_working_day


@pytest.mark.parametrize(
    "rule",
    [RuleId.D1, RuleId.D2, RuleId.D3, RuleId.D4, RuleId.D8, RuleId.D9, RuleId.D10, RuleId.D12,
     RuleId.D14, RuleId.D15],
)  # fmt: skip
def test_periods_the_code_or_the_act_set_never_roll(rule: RuleId) -> None:
    assert not DEFAULT_RULES.rule(rule).rolls_to_working_day


@given(st.dates(date(2025, 1, 1), date(2030, 12, 31)))
def test_an_appeal_is_due_on_a_working_day_after_the_period_beginning_with_the_notice(
    notice: date,
) -> None:
    due = compute_deadline(DEFAULT_RULES, RuleId.D18, notice).due_on
    end = notice + timedelta(weeks=8, days=-1)
    assert is_working_day(due)
    assert due > end
    assert all(not is_working_day(end + timedelta(days=n)) for n in range(1, (due - end).days))


def _first_working_day_after(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@given(st.dates(date(2025, 1, 1), date(2030, 12, 31)))
def test_an_extended_appeal_window_never_runs_from_the_rolled_first_window(notice: date) -> None:
    first = compute_deadline(DEFAULT_RULES, RuleId.D18, notice)
    extended = compute_deadline(DEFAULT_RULES, RuleId.D18, notice, extension=8)
    assert (
        extended.due_on
        == compute_deadline(
            DEFAULT_RULES.corrected("x", _with_length(RuleId.D18, 16)), RuleId.D18, notice
        ).due_on
    )
    end = notice + timedelta(weeks=16, days=-1)
    assert extended.due_on == _first_working_day_after(end)
    assert first.due_on == _first_working_day_after(notice + timedelta(weeks=8, days=-1))


@given(st.dates(date(2025, 1, 1), date(2030, 12, 31)))
def test_a_review_is_due_within_twelve_months_starting_with_the_day(given_on: date) -> None:
    due = compute_deadline(DEFAULT_RULES, RuleId.D14, given_on).due_on
    # the last day of the 12 months that begin with the day: a year less a day, leap days
    # counted (a period beginning with 29 February ends on 28 February)
    assert (due - given_on).days in (364, 365)
    assert (due + timedelta(days=1)).month in (given_on.month, 3)


def test_an_extension_survives_a_recalculation_and_its_round_trip() -> None:
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 2, 6), extension=8)
    assert Deadline.from_dict(deadline.as_dict()) == deadline
    corrected = DEFAULT_RULES.corrected("2026.2", _with_length(RuleId.D18, 9))
    moved = recalculate(deadline, corrected, None)
    assert moved is not None
    assert (moved.length, moved.extension) == (17, 8)


def test_a_deadline_stored_before_extensions_existed_still_loads() -> None:
    stored = compute_deadline(DEFAULT_RULES, RuleId.D7, date(2026, 3, 2)).as_dict()
    assert "extension" not in stored
    assert Deadline.from_dict(stored).extension == 0


def _with_length(rule: RuleId, length: int) -> Rule:
    return replace(DEFAULT_RULES.rule(rule), length=length)
