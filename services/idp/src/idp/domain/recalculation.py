"""Deadlines this service carries that count a setting's school days (the preparation deadline
carried from a school's or FEI's decision, D1/D2; the FEI's answer, D13), recalculated when the
calendar they count on is published or corrected (docs/domain.md section 11, "No calendar").

Until the calendar arrives such a deadline is counted on working days and marked provisional;
the determination service stops recalculating its decision clock once it has decided, so the
plan's copy is this service's to keep right. ``DeadlinesOnCalendar`` (one per calendar id) lists
the plans whose deadline may count on that calendar, so a publication finds them without a read
model that may lag. The new deadline is computed by the service layer and passed in.

Each event class of ``Recalculating`` is bound to the method that applies it in ``Idp``
(``idp.domain.plan``), so it is stored as ``Idp.<Event>``.
"""

import uuid
from copy import deepcopy
from typing import Any

from eventsourcing.domain import Aggregate, event

from idp.domain.errors import WrongDeadlineError
from idp.domain.state import ENDED, PENDING, PREPARATION, TRANSFER, PlanEvent, PlanState
from llwybr.clock import Deadline

_NAMESPACE = uuid.UUID("0b7f7a3e-5d0c-5a43-9c52-6465616431f3")
#: The deadlines a calendar can move, while they still run.
ON_CALENDAR = frozenset({PREPARATION, TRANSFER})


class Recalculating(PlanState):
    """A carried deadline recomputed on the calendar its count now has."""

    fei_request: dict[str, Any] | None

    class DeadlineRecalculated(PlanEvent):
        """A published or corrected calendar moved a deadline (or made it firm): never a
        silent change; ``previous`` is the deadline it replaces."""

        key: str
        previous: dict[str, Any]
        deadline: dict[str, Any]
        reason: str

    def still_runs(self, key: str) -> bool:
        """Whether the deadline ``key`` still runs: the preparation until version 1 is issued,
        the FEI's answer until it is given; neither once the plan has ended."""
        if key not in ON_CALENDAR or key not in self.deadlines or self.status in ENDED:
            return False
        if key == PREPARATION:
            return not self.versions
        return self.fei_request is not None and self.fei_request["status"] == PENDING

    def recalculate_deadline(self, *, key: str, new: Deadline, reason: str) -> bool:
        """Replace the running deadline ``key`` with ``new`` (same rule, same trigger). False,
        and nothing recorded, when it no longer runs or nothing changed."""
        previous = self.deadline(key)
        if previous is None or not self.still_runs(key):
            return False
        if (new.rule_id, new.trigger_date) != (previous.rule_id, previous.trigger_date):
            raise WrongDeadlineError(
                f"a recalculation keeps {previous.rule_id} from {previous.trigger_date}"
            )
        if (new.due_on, new.provisional) == (previous.due_on, previous.provisional):
            return False
        self._recalculate_deadline(
            key=key, previous=previous.as_dict(), deadline=new.as_dict(), reason=reason
        )
        return True

    def _recalculate_deadline(
        self, key: str, previous: dict[str, Any], deadline: dict[str, Any], reason: str
    ) -> None:
        self.deadlines[key] = deepcopy(deadline)


class DeadlinesOnCalendar(Aggregate):
    """The plans with a deadline that may count on one calendar (``school:6652001``,
    ``la:665``, ``fei:...``), and, for each, the calendars it counts on in order of preference
    (a school's own, else its LA's)."""

    class Started(Aggregate.Created):
        calendar_id: str

    class Counted(Aggregate.Event):
        idp_id: str
        key: str
        calendars: list[str]

    @staticmethod
    def create_id(calendar_id: str) -> uuid.UUID:
        return deadlines_on_calendar_id(calendar_id)

    @event(Started)
    def __init__(self, calendar_id: str) -> None:
        self.calendar_id = calendar_id
        self.entries: dict[str, list[str]] = {}

    def count(self, idp_id: uuid.UUID, key: str, calendars: list[str]) -> bool:
        """Note that the plan's deadline ``key`` counts on ``calendars`` (this one among
        them). False when it was noted already."""
        entry = f"{idp_id}/{key}"
        if self.entries.get(entry) == calendars:
            return False
        self._count(idp_id=str(idp_id), key=key, calendars=list(calendars))
        return True

    @event(Counted)
    def _count(self, idp_id: str, key: str, calendars: list[str]) -> None:
        self.entries[f"{idp_id}/{key}"] = list(calendars)

    def plans(self) -> list[tuple[uuid.UUID, str, list[str]]]:
        """Each plan's deadline noted here: (plan id, deadline key, calendars in order)."""
        found = []
        for entry, calendars in self.entries.items():
            idp_id, key = entry.split("/", 1)
            found.append((uuid.UUID(idp_id), key, list(calendars)))
        return found


def deadlines_on_calendar_id(calendar_id: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"deadlines-on:{calendar_id}")
