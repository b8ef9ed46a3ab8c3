"""The "in force" time axis: an aggregate's state on a domain date, by replay.

Every stored event has two times: when it was recorded (the store's timestamp: what the system
knew, and when) and the day it took effect in the case's own terms (the decision's
``decided_on``, the plan's ``issued_on``): a decision entered late but dated earlier is in force
from its date. Each service says which field dates each of its events (``InForceDates``, keyed
by the event class, e.g. ``Determination.Decided``); an event with no date
of its own (a draft edit, a recalculation) takes effect on the day it was recorded (in Wales),
or with the next dated event if that is earlier (``in_force_dates``).

The state in force on a day is the replay, in version order, of the events in force by then.
An event that only makes sense after one that is not in force yet (its replay fails without
it) is not in force either. Pure: the events come in, the aggregate comes out.
"""

import copy
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from eventsourcing.domain import Aggregate

from llwybr.eventstore import RecordedEvent

#: Event class -> the name of its ``date`` field, or None (no date of its own).
InForceDates = Mapping[type, str | None]

WALES = ZoneInfo("Europe/London")
#: Classes every eventsourcing aggregate has that are never stored themselves.
_BASE_EVENTS = frozenset({"Event", "Created"})


def in_force_dates(events: Sequence[RecordedEvent], dates: InForceDates) -> list[date]:
    """The day each event (in version order) took effect.

    An event with a date of its own takes effect on it. One without (a draft edit, a listing)
    takes effect when it was recorded, or by the next dated event if that is earlier (it was
    part of what that event did: entered late together), and never before the event it
    follows."""
    own: list[date | None] = []
    for recorded in events:
        name = dates.get(type(recorded.event))
        value: Any = getattr(recorded.event, name, None) if name else None
        if isinstance(value, str):
            value = date.fromisoformat(value)
        own.append(value if isinstance(value, date) and not isinstance(value, datetime) else None)
    next_dated: list[date | None] = []
    running: date | None = None
    for day in reversed(own):
        next_dated.append(running)
        running = day or running
    next_dated.reverse()
    found: list[date] = []
    for recorded, day, following in zip(events, own, next_dated, strict=True):
        if day is None:
            day = recorded.timestamp.astimezone(WALES).date()
            if following is not None:
                day = min(day, following)
            if found:
                day = max(day, found[-1])
        found.append(day)
    return found


@dataclass
class InForce:
    """An aggregate as in force on a day: None if it did not exist yet."""

    on: date
    aggregate: Aggregate | None
    versions: list[int] = field(default_factory=list)  # the events replayed, in order
    not_in_force: list[int] = field(default_factory=list)  # recorded, but not in force
    #: Events dated by ``on`` that could not apply without one dated later.
    not_in_force_dated_by_then: list[int] = field(default_factory=list)

    @property
    def version(self) -> int:
        """The last event replayed (0: none)."""
        return self.versions[-1] if self.versions else 0


def replay(events: Sequence[RecordedEvent], include: Iterable[int]) -> Aggregate | None:
    """The aggregate from the events whose versions are in ``include`` (version order); a
    failing event raises ``_NotApplicable`` naming it."""
    wanted = set(include)
    aggregate: Aggregate | None = None
    for recorded in events:
        version = recorded.originator_version
        if version not in wanted:
            continue
        # A copy: an event body may keep the event's lists and dicts in the aggregate, and
        # the same events are replayed again (another day, or without a failing one).
        domain_event: Any = _fresh(recorded.event)
        try:
            if aggregate is None:
                aggregate = domain_event.mutate(None)
            else:
                domain_event.apply(aggregate)
                aggregate.version = version
                aggregate.modified_on = recorded.timestamp
        except Exception as error:
            raise _NotApplicableError(version) from error
    return aggregate


#: Values a deep copy gives back as they are, or as an equal immutable value: copying them
#: is wasted work.
_IMMUTABLE = frozenset({str, int, float, bool, type(None), bytes, date, datetime, UUID})


def _fresh(event: Any) -> Any:
    """``copy.deepcopy(event)``, copying only its mutable values (lists, dicts, objects):
    deep-copying every event whole was a third of an in-force replay's time (issue 19), and
    most of an event's values are strings, numbers, dates and ids."""
    if not hasattr(event, "__dict__"):
        return copy.deepcopy(event)
    fresh = object.__new__(type(event))
    memo: dict[int, Any] = {}
    state = {
        name: value if type(value) in _IMMUTABLE else copy.deepcopy(value, memo)
        for name, value in vars(event).items()
    }
    object.__setattr__(fresh, "__dict__", state)
    return fresh


class _NotApplicableError(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(f"event version {version} cannot apply without earlier-recorded events")
        self.version = version


def state_in_force(events: Sequence[RecordedEvent], days: Sequence[date], on: date) -> InForce:
    """The replay of the events (version order) in force on ``on``: dated by then, and
    applicable without any event that is not."""
    if not events or days[0] > on:  # the aggregate did not exist yet
        return InForce(on, None, [], [e.originator_version for e in events])
    candidates = [e.originator_version for e, day in zip(events, days, strict=True) if day <= on]
    while True:
        try:
            aggregate = replay(events, candidates)
            break
        except _NotApplicableError as failure:
            if failure.version == candidates[0]:
                raise  # the first event always applies: this is a defect, not a late entry
            candidates.remove(failure.version)
    included = set(candidates)
    excluded = [e.originator_version for e in events if e.originator_version not in included]
    held_back = [v for v, day in zip((e.originator_version for e in events), days, strict=True)
                 if day <= on and v not in included]  # fmt: skip
    return InForce(on, aggregate, candidates, excluded, held_back)


def states_on_each_day(events: Sequence[RecordedEvent], days: Sequence[date]) -> list[InForce]:
    """The state in force on each distinct day an event took effect, earliest first.

    When a day only adds events after every one already in force (the usual case: entered in
    date order), the previous day's state is carried forward instead of replayed from the
    start; otherwise (a late entry dated earlier) that day is replayed whole."""
    found: list[InForce] = []
    for on in sorted(set(days)):
        dated = [e for e, day in zip(events, days, strict=True) if day <= on]
        previous = found[-1] if found else None
        carried = _carried_forward(previous, on, dated, events) if previous else None
        found.append(carried or state_in_force(events, days, on))
    return found


def _carried_forward(
    previous: InForce, on: date, dated: Sequence[RecordedEvent], events: Sequence[RecordedEvent]
) -> InForce | None:
    if previous.aggregate is None or previous.not_in_force_dated_by_then:
        return None  # something was held back: replay the whole day
    new = [e for e in dated if e.originator_version > previous.version]
    if len(new) + len(previous.versions) != len(dated):
        return None  # an earlier version comes into force: replay the whole day
    aggregate = copy.deepcopy(previous.aggregate)
    try:
        for recorded in new:
            copy.deepcopy(recorded.event).apply(aggregate)  # type: ignore[attr-defined]
            aggregate.version = recorded.originator_version
            aggregate.modified_on = recorded.timestamp
    except Exception:
        return None
    versions = previous.versions + [e.originator_version for e in new]
    included = set(versions)
    not_in_force = [e.originator_version for e in events if e.originator_version not in included]
    return InForce(on, aggregate, versions, not_in_force)


def unmapped(aggregates: Iterable[type[Aggregate]], dates: InForceDates) -> list[str]:
    """What is wrong with a service's ``InForceDates``: events of its aggregates not listed,
    listed events that do not exist, and dating fields that are not ``date`` fields."""
    problems = []
    known = set()
    for aggregate in aggregates:
        for name, value in vars(aggregate).items():
            if not (isinstance(value, type) and issubclass(value, Aggregate.Event)):
                continue
            if name in _BASE_EVENTS:
                continue
            qualname = value.__qualname__
            known.add(value)
            if value not in dates:
                problems.append(f"{qualname}: no in-force date (or None) given")
                continue
            field_name = dates[value]
            annotation = typing.get_type_hints(value).get(field_name) if field_name else None
            if field_name is not None and annotation is not date:
                problems.append(f"{qualname}.{field_name} is not a date field")
    strangers = sorted(c.__qualname__ for c in set(dates) - known)
    problems += [f"{q}: not an event of these aggregates" for q in strangers]
    return problems
