"""The "in force" axis: an aggregate's state on a domain date, whatever order it was recorded in."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from eventsourcing.domain import Aggregate, event

from llwybr.eventstore import RecordedEvent
from llwybr.in_force import (
    in_force_dates,
    state_in_force,
    states_on_each_day,
    unmapped,
)


class Case(Aggregate):
    class Opened(Aggregate.Created):
        opened_on: date

    class Asked(Aggregate.Event):
        request_id: str
        asked_on: date

    class Answered(Aggregate.Event):
        request_id: str
        answered_on: date

    class Decided(Aggregate.Event):
        decided_on: date

    class Noted(Aggregate.Event):
        text: str

    @event(Opened)
    def __init__(self, opened_on: date) -> None:
        self.opened_on = opened_on
        self.requests: dict[str, Any] = {}
        self.decision: date | None = None
        self.notes: list[str] = []

    @event(Asked)
    def ask(self, request_id: str, asked_on: date) -> None:
        self.requests[request_id] = {"answered_on": None}

    @event(Answered)
    def answer(self, request_id: str, answered_on: date) -> None:
        self.requests[request_id]["answered_on"] = answered_on  # KeyError unless asked

    @event(Decided)
    def decide(self, decided_on: date) -> None:
        self.decision = decided_on

    @event(Noted)
    def note(self, text: str) -> None:
        self.notes.append(text)


class Other(Aggregate):
    class Gone(Aggregate.Event):
        pass

    @event(Gone)
    def go(self) -> None:
        pass


DATES: dict[type, str | None] = {
    Case.Opened: "opened_on",
    Case.Asked: "asked_on",
    Case.Answered: "answered_on",
    Case.Decided: "decided_on",
    Case.Noted: None,
}
RECORDED = datetime(2026, 6, 1, 9, tzinfo=UTC)


def recorded(case: Case) -> list[RecordedEvent]:
    """The case's events as the store gives them back (recorded a minute apart)."""
    return [
        RecordedEvent(e, e.originator_id, e.originator_version, type(e).__qualname__, "h", "p",
                      {}, None)
        for e in case.collect_events()
    ]  # fmt: skip


def late_decision() -> list[RecordedEvent]:
    """Opened on 2 March; evidence asked for on 25 March; the decision, dated 20 March, is
    entered after that; a note follows it; the answer comes on 1 April."""
    case = Case(date(2026, 3, 2))
    case.ask("r1", date(2026, 3, 25))
    case.decide(date(2026, 3, 20))
    case.note("decision letter scanned")
    case.answer("r1", date(2026, 4, 1))
    events = recorded(case)
    for minutes, e in enumerate(events):
        object.__setattr__(e.event, "timestamp", RECORDED + timedelta(minutes=minutes))
    return events


def test_each_event_takes_effect_on_its_own_date_else_when_recorded_or_by_the_next() -> None:
    events = late_decision()
    # the note, recorded on 1 June, was part of the answer entered with it, dated 1 April
    assert in_force_dates(events, DATES) == [
        date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 20), date(2026, 4, 1),
        date(2026, 4, 1),
    ]  # fmt: skip
    noted_last = late_decision()[:4]
    assert in_force_dates(noted_last, DATES)[-1] == date(2026, 6, 1)  # when it was recorded


def test_a_decision_entered_late_is_in_force_from_its_own_date() -> None:
    events = late_decision()
    days = in_force_dates(events, DATES)
    on_21_march = state_in_force(events, days, date(2026, 3, 21))
    assert isinstance(on_21_march.aggregate, Case)
    assert on_21_march.aggregate.decision == date(2026, 3, 20)
    assert on_21_march.aggregate.requests == {}  # the request is dated later
    assert (on_21_march.versions, on_21_march.not_in_force) == ([1, 3], [2, 4, 5])
    assert state_in_force(events, days, date(2026, 3, 1)).aggregate is None


def test_an_event_that_needs_one_not_yet_in_force_is_not_in_force_either() -> None:
    case = Case(date(2026, 3, 2))
    case.ask("r1", date(2026, 3, 25))
    case.answer("r1", date(2026, 3, 10))  # dated before the request it answers
    events = recorded(case)
    result = state_in_force(events, in_force_dates(events, DATES), date(2026, 3, 12))
    assert (result.versions, result.not_in_force_dated_by_then) == ([1], [3])


def test_the_states_on_each_day_match_a_replay_of_each_day() -> None:
    events = late_decision()
    days = in_force_dates(events, DATES)
    each = states_on_each_day(events, days)
    assert [s.on for s in each] == sorted(set(days))
    for state in each:
        alone = state_in_force(events, days, state.on)
        assert state.versions == alone.versions
        assert vars(state.aggregate) == vars(alone.aggregate)


def test_every_event_of_an_aggregate_needs_its_date_field_named() -> None:
    assert unmapped([Case], DATES) == []
    missing = {k: v for k, v in DATES.items() if k is not Case.Noted}
    assert unmapped([Case], missing) == ["Case.Noted: no in-force date (or None) given"]
    wrong = {**DATES, Case.Asked: "request_id", Other.Gone: None}
    assert unmapped([Case], wrong) == [
        "Case.Asked.request_id is not a date field",
        "Other.Gone: not an event of these aggregates",
    ]


def test_a_replayed_event_is_a_deep_copy_of_its_mutable_values_only() -> None:
    """An aggregate may keep an event's list or dict: the replay's copy must not share them
    with the recorded event (the same events are replayed for another day), while strings,
    dates and ids are kept as they are (issue 19: deep-copying each event whole was a third of
    an in-force replay)."""
    from uuid import uuid4

    from llwybr.in_force import _fresh

    original = Case.Noted(  # type: ignore[call-arg]  # the library makes the dataclass
        originator_id=uuid4(), originator_version=2, timestamp=datetime.now(UTC), text="x"
    )
    vars(original)["extra"] = {"items": [1, 2]}
    copied = _fresh(original)
    assert type(copied) is Case.Noted
    assert vars(copied) == vars(original)
    assert vars(copied)["extra"] is not vars(original)["extra"]
    assert vars(copied)["extra"]["items"] is not vars(original)["extra"]["items"]
    assert copied.text is original.text
    assert copied.originator_id is original.originator_id
