"""Term calendars in a service that counts school days but does not own them: one owner, the
determination service, sets and corrects each calendar and publishes each version
(``CalendarPublished``); a service that counts on them keeps the latest version of each it
received in its own event store (so a restart or a replay counts the same days).
"""

import uuid
from datetime import date
from typing import Any

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, event

from contracts.determination import CalendarPublished
from llwybr.clock import Term, TermCalendar
from llwybr.eventstore import ChainedApplication

_NAMESPACE = uuid.UUID("4f1d8a52-0c3e-5b7a-9e21-63616c656e64")


def calendar_known_id(calendar_id: str) -> uuid.UUID:
    """The id of the record of one calendar (``la:665``, ``school:6652001``) here."""
    return uuid.uuid5(_NAMESPACE, f"calendar:{calendar_id}")


class CalendarKnown(Aggregate):
    """The latest version of one calendar received from its owner."""

    class Received(Aggregate.Created):
        calendar: dict[str, Any]

    class Replaced(Aggregate.Event):
        calendar: dict[str, Any]

    @staticmethod
    def create_id(calendar: dict[str, Any]) -> uuid.UUID:
        return calendar_known_id(str(calendar["id"]))

    @event(Received)
    def __init__(self, calendar: dict[str, Any]) -> None:
        self.calendar = calendar

    def adopt(self, calendar: dict[str, Any]) -> None:
        """A higher version replaces the one kept; an older or the same one changes nothing."""
        if int(calendar["version"]) > int(self.calendar["version"]):
            self._replace(calendar=calendar)

    @event(Replaced)
    def _replace(self, calendar: dict[str, Any]) -> None:
        self.calendar = calendar

    def term_calendar(self) -> TermCalendar:
        data = self.calendar
        return TermCalendar(
            id=data["id"],
            name=data["name"],
            version=int(data["version"]),
            terms=tuple(
                Term(_day(t["start"]), _day(t["end"]), str(t["name"])) for t in data["terms"]
            ),
            closures=frozenset(_day(d) for d in data["closures"]),
        )


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def calendar_dict(published: CalendarPublished) -> dict[str, Any]:
    """What a published calendar is kept as (JSON-ready)."""
    return {
        "id": published.calendar_id,
        "name": published.calendar_name,
        "version": published.calendar_version,
        "terms": [
            {"name": t.name, "start": t.start.isoformat(), "end": t.end.isoformat()}
            for t in published.terms
        ],
        "closures": sorted(d.isoformat() for d in published.closures),
    }


class FollowsCalendars(ChainedApplication):
    """An Application that counts school days on the calendars their owner published."""

    def calendar(self, calendar_id: str) -> TermCalendar | None:
        """The latest version received of a calendar, or None if none has arrived."""
        try:
            return self.get_as(calendar_known_id(calendar_id), CalendarKnown).term_calendar()
        except AggregateNotFoundError:
            return None

    def adopt_calendar(self, published: CalendarPublished) -> list[Aggregate]:
        """A consumer's effect of a published calendar: the record to save (none when a
        version as high is kept already)."""
        data = calendar_dict(published)
        try:
            record = self.get_as(calendar_known_id(published.calendar_id), CalendarKnown)
        except AggregateNotFoundError:
            return [CalendarKnown(calendar=data)]
        before = record.version
        record.adopt(data)
        return [record] if record.version != before else []
