"""Term calendars set by local authorities (and schools' closures): versioned aggregates.

Every correction is a new version; deadlines computed from an earlier version are recalculated
by explicit events, never silently.
"""

import uuid
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from llwybr.clock import Term, TermCalendar

_NAMESPACE = uuid.UUID("2f0e0d7c-6a8e-5f0b-8b43-63616c656e64")


def calendar_aggregate_id(calendar_id: str) -> uuid.UUID:
    """One aggregate per calendar id ("la:665", "school:6652001", "fei:6659001")."""
    return uuid.uuid5(_NAMESPACE, calendar_id)


def terms_as_dicts(calendar: TermCalendar) -> list[dict[str, Any]]:
    return [{"name": t.name, "start": t.start, "end": t.end} for t in calendar.terms]


class CalendarRecord(Aggregate):
    """The history of one term calendar."""

    @staticmethod
    def create_id(calendar_id: str) -> uuid.UUID:
        return calendar_aggregate_id(calendar_id)

    class Set(Aggregate.Created):
        """A calendar was set for the first time (version 1)."""

        calendar_id: str
        name: str
        terms: list[dict[str, Any]]
        closures: list[date]
        set_by: str
        source: str

    @event(Set)
    def __init__(
        self,
        calendar_id: str,
        name: str,
        terms: list[dict[str, Any]],
        closures: list[date],
        set_by: str,
        source: str,
    ) -> None:
        self.calendar_id = calendar_id
        self.name = name
        self.terms = terms
        self.closures = closures
        self.set_by = set_by
        self.source = source
        self.calendar_version = 1

    @classmethod
    def set(cls, calendar: TermCalendar, *, set_by: str, source: str) -> "CalendarRecord":
        return cls(
            calendar_id=calendar.id,
            name=calendar.name,
            terms=terms_as_dicts(calendar),
            closures=sorted(calendar.closures),
            set_by=set_by,
            source=source,
        )

    def correct(self, calendar: TermCalendar, *, set_by: str, source: str) -> None:
        self._correct(
            calendar_id=self.calendar_id,
            name=calendar.name,
            terms=terms_as_dicts(calendar),
            closures=sorted(calendar.closures),
            set_by=set_by,
            source=source,
        )

    class Corrected(Aggregate.Event):
        """The calendar was corrected: a new version (its number is the aggregate's version)."""

        name: str
        terms: list[dict[str, Any]]
        closures: list[date]
        set_by: str
        source: str
        # The calendar's id, so the correction is published without reading the calendar
        # again; corrections stored before it was recorded here lack it (None).
        calendar_id: str | None = None

    @event(Corrected)
    def _correct(
        self,
        name: str,
        terms: list[dict[str, Any]],
        closures: list[date],
        set_by: str,
        source: str,
        calendar_id: str | None = None,
    ) -> None:
        self.name, self.terms, self.closures = name, terms, closures
        self.set_by, self.source = set_by, source
        self.calendar_version += 1

    def term_calendar(self) -> TermCalendar:
        return TermCalendar(
            id=self.calendar_id,
            name=self.name,
            version=self.calendar_version,
            terms=tuple(Term(start=t["start"], end=t["end"], name=t["name"]) for t in self.terms),
            closures=frozenset(self.closures),
        )
