"""The IDP review cycle (D14/D15, Act s.23(2)-(4)) against the worked dates in docs/domain.md
(Appendix A, the review cycle table)."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llwybr.clock import DEFAULT_RULES, Deadline, compute_deadline, next_review, review_period_start

DOMAIN = Path(__file__).resolve().parents[2] / "docs" / "domain.md"
_ROW = re.compile(r"\| (D1[45]) \| (\S+) \| (\S+) \| (\S+) \| (\S+) \|")


def review_cycle_rows() -> list[tuple[str, date, date, date, date]]:
    text = DOMAIN.read_text(encoding="utf-8")
    table = text.split("<!-- review-cycle:start -->")[1].split("<!-- review-cycle:end -->")[0]
    return [
        (rule, *(date.fromisoformat(d) for d in days))  # type: ignore[misc]
        for rule, *days in (m.groups() for m in map(_ROW.match, table.splitlines()) if m)
    ]


def period_ending(rule: str, end: date) -> Deadline:
    """The period of 12 months that ends on ``end``."""
    for back in (364, 365, 366):
        deadline = compute_deadline(DEFAULT_RULES, rule, end - timedelta(days=back))
        if deadline.due_on == end:
            return deadline
    raise AssertionError(f"no 12-month period ends on {end}")


def test_the_review_cycle_table_has_late_and_timely_reviews() -> None:
    rows = review_cycle_rows()
    assert len(rows) >= 6
    assert any(given_on > ended for _, ended, given_on, _, _ in rows)
    assert any(given_on <= ended for _, ended, given_on, _, _ in rows)


@pytest.mark.parametrize(("rule", "ended", "given_on", "starts", "due"), review_cycle_rows())
def test_each_review_cycle_row_is_what_the_clock_computes(
    rule: str, ended: date, given_on: date, starts: date, due: date
) -> None:
    deadline = next_review(DEFAULT_RULES, rule, period_ending(rule, ended), given_on)
    assert (deadline.trigger_date, deadline.due_on) == (starts, due)


def test_the_first_period_starts_with_the_day_the_plan_is_given() -> None:
    deadline = next_review(DEFAULT_RULES, "D14", None, date(2026, 3, 10))
    assert deadline.due_on == date(2027, 3, 9)
    assert review_period_start(None, date(2026, 3, 10)) == date(2026, 3, 10)


def test_a_late_review_says_why_the_cycle_ran_on() -> None:
    previous = period_ending("D14", date(2027, 3, 9))
    deadline = next_review(DEFAULT_RULES, "D14", previous, date(2027, 5, 1))
    assert "s.23(4)" in deadline.explanation
    assert "9 March 2027" in deadline.explanation


@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    delay=st.integers(min_value=0, max_value=1200),
)
def test_the_next_review_is_never_more_than_a_year_after_the_notice_nor_before_it(
    start: date, delay: int
) -> None:
    previous = compute_deadline(DEFAULT_RULES, "D14", start)
    given_on = start + timedelta(days=delay)
    deadline = next_review(DEFAULT_RULES, "D14", previous, given_on)
    assert deadline.trigger_date <= given_on <= deadline.due_on
    assert deadline.due_on - deadline.trigger_date < timedelta(days=366)
    if given_on <= previous.due_on:
        assert deadline.trigger_date == given_on
    else:
        # the cycle is unbroken: the period runs on from the missed end, never from the notice
        assert deadline.trigger_date > previous.due_on
        assert deadline.trigger_date.day in {previous.due_on.day + 1, 1}
