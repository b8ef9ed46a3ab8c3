"""The decision clock of a case's row, judged the one way the case view and `/v1/reminders`
judge it (``llwybr.clock.read_due``): met on the day the decision was *given* (s.4(6); the row's
``decision_given_on``, which the case decided), cancelled when the concern was withdrawn or
consent refused, otherwise running: missed from the day after its due date, open until then.

A decided case whose notice (or IDP) has not been given is still running. The lists filter in
SQL with ``running`` (the rows ``read_due`` would read without a stop) and the due date, and
show each row's reading from ``read_due`` itself, so a list and the case view never disagree
(``tests/test_lists_clock.py`` checks the filters against ``read_due``).
"""

from datetime import date
from typing import Any

import sqlalchemy as sa

from determination.domain import Status
from determination.projections.model import cases
from llwybr.clock import ClockState, Stopped, read_due

#: Statuses in which the decision clock was cancelled (no decision is made any more).
CANCELLED_STATUSES = (Status.WITHDRAWN.value, Status.NO_DECISION_REQUIRED.value)


def running() -> sa.ColumnElement[bool]:
    """Rows whose decision clock runs: it has a due date, was not met (the decision not given,
    whether made or not) and was not cancelled."""
    return sa.and_(
        cases.c.decision_due_on.is_not(None),
        cases.c.decision_given_on.is_(None),
        cases.c.status.not_in(CANCELLED_STATUSES),
    )


def missed_on(day: date) -> sa.ColumnElement[bool]:
    """Rows whose decision clock ``read_due`` reads as missed on ``day``."""
    return sa.and_(running(), cases.c.decision_due_on < day)


def open_between(day: date, last: date) -> sa.ColumnElement[bool]:
    """Rows whose decision clock is open on ``day`` and due by ``last``."""
    return sa.and_(running(), cases.c.decision_due_on >= day, cases.c.decision_due_on <= last)


def stopped(row: dict[str, Any]) -> Stopped | None:
    """Why and when a row's decision clock stopped, as the case view says (met first)."""
    if row["decision_given_on"] is not None:
        return Stopped(ClockState.MET, row["decision_given_on"])
    if row["status"] in CANCELLED_STATUSES:
        # a row kept before the day was recorded (rebuild the read model to fill it): the
        # cancellation is known, its day is not
        return Stopped(ClockState.CANCELLED, row["decision_cancelled_on"] or row["decision_due_on"])
    return None


def decision_clock(row: dict[str, Any], today: date) -> dict[str, Any] | None:
    """The row's decision clock on ``today`` (state, overdue, days left, the day it was met),
    or None while it has no deadline (awaiting consent)."""
    due_on: date | None = row["decision_due_on"]
    if due_on is None:
        return None
    stop = stopped(row)
    reading = read_due(due_on, today, stop).as_dict()
    met = stop is not None and stop.state is ClockState.MET
    return reading | {"met_on": stop.on if met and stop is not None else None}


def with_clock(rows: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """The rows, each with its ``decision_clock`` on ``today``."""
    return [row | {"decision_clock": decision_clock(row, today)} for row in rows]
