"""The IDP review cycle (D14, D15 for a looked-after child): Act s.23(2)-(4), s.24(2)-(4).

The first review period is 12 months starting with the day the plan is given. Each later
period is 12 months starting with the day, *during the preceding period*, on which the revised
plan or the notice of the decision not to revise it was given (s.23(3)). When neither was given
during the preceding period (a late review), the next period starts with the first day after
the end of the preceding one (s.23(4)): a late review does not reset the cycle.

Pure, like the rest of ``llwybr.clock``: the previous period's deadline and the given date are
passed in.
"""

from dataclasses import replace
from datetime import date, timedelta

from llwybr.clock.deadline import Deadline, compute_deadline, long_date
from llwybr.clock.rules import RuleTable

_ONE_DAY = timedelta(days=1)


def review_period_start(previous_due: date | None, given_on: date) -> date | None:
    """The day the next period starts with, when the law fixes it from the given date alone:
    ``given_on`` for the first period or for a document given during the preceding one; None
    when the document came after the preceding period ended (the cycle decides: s.23(4))."""
    if previous_due is None or given_on <= previous_due:
        return given_on
    return None


def next_review(
    table: RuleTable, rule_id: str, previous: Deadline | None, given_on: date
) -> Deadline:
    """The review period that follows ``previous`` once a revised plan or a notice of no
    revision is given on ``given_on`` (``previous`` None: the plan is first given).

    Given during the preceding period: 12 months starting with ``given_on``. Given after it
    ended: the cycle runs on unbroken from the day after the missed end (s.23(4)), period after
    period, and the review answers the period it falls in, whose end is the next review date.
    """
    start = review_period_start(None if previous is None else previous.due_on, given_on)
    if start is not None:
        return compute_deadline(table, rule_id, start)
    assert previous is not None  # review_period_start returns a date without one
    missed = previous.due_on
    deadline = compute_deadline(table, rule_id, missed + _ONE_DAY)
    while deadline.due_on < given_on:
        deadline = compute_deadline(table, rule_id, deadline.due_on + _ONE_DAY)
    reason = (
        f"nothing was given by {long_date(missed)}, the end of the period before, so the "
        f"cycle runs on from the day after it (s.23(4)), not from {long_date(given_on)}: "
    )
    return replace(deadline, explanation=reason + deadline.explanation)
