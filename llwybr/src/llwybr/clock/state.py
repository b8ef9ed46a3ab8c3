"""Where a deadline stands on a day, judged the one way every case view and ``/v1/reminders``
judge it: open (running), met (done), missed (past its due date and not done) or cancelled (no
longer runs). Pure: the day and when the clock stopped are passed in."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from llwybr.clock.deadline import Deadline


class ClockState(StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Stopped:
    """A clock that stopped: met (the act was done) or cancelled, on ``on``."""

    state: ClockState
    on: date


@dataclass(frozen=True)
class Reading:
    state: ClockState
    overdue: bool
    #: calendar days left: on ``today`` while it runs, on the day it stopped once stopped
    #: (never below 0 then: a met deadline is never shown overdue)
    days_left: int

    def as_dict(self) -> dict[str, object]:
        return {"state": self.state.value, "overdue": self.overdue, "days_left": self.days_left}


def read_due(due_on: date, today: date, stopped: Stopped | None = None) -> Reading:
    """A duty due on ``due_on`` (the due date itself is still in time), on ``today``;
    ``stopped``: its clock stopped (met or cancelled) that day."""
    if stopped is not None:
        return Reading(stopped.state, False, max((due_on - stopped.on).days, 0))
    overdue = today > due_on
    state = ClockState.MISSED if overdue else ClockState.OPEN
    return Reading(state, overdue, (due_on - today).days)


def read_deadline(deadline: Deadline, today: date, stopped: Stopped | None = None) -> Reading:
    """``deadline`` on ``today``; ``stopped``: its clock stopped (met or cancelled) that day.

    A deadline met late is still met (the history says when); ``provisional`` is the
    deadline's own flag, shown beside this reading."""
    return read_due(deadline.due_on, today, stopped)
