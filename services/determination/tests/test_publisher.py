"""What the relay publishes: each event translated from its own fields, dispatched on its
class; the store is read again only for an event stored before it carried a fact."""

import dataclasses
import json
from datetime import date
from typing import Any

from contracts import determination as public
from contracts.sealed import Sealed
from determination.application import DeterminationService
from determination.domain.calendar import calendar_aggregate_id
from determination.domain.rules import RULE_TABLE_ID
from determination.publisher import translator
from llwybr.clock import DEFAULT_RULES, RuleId
from llwybr.eventstore import RecordedEvent
from llwybr.principal import Principal
from llwybr_testkit import CountingRecorder, published_envelopes

from .test_api import valid_upn
from .test_application import SCHOOL, WREXHAM, at, decided_at_school, pupil, set_calendar
from .test_registry import ON

ADMINISTRATOR = Principal("admin", "system:admin", frozenset())


def stored_before(recorded: RecordedEvent, *fields: str) -> RecordedEvent:
    """The event as the mapper rebuilds one stored before ``fields`` existed: its state
    lacks them."""
    state = {k: v for k, v in vars(recorded.event).items() if k not in fields}
    event = object.__new__(type(recorded.event))
    object.__setattr__(event, "__dict__", state)
    return dataclasses.replace(recorded, event=event)


def counting_reads(service: DeterminationService) -> CountingRecorder:
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one
    return counting


def test_a_decision_is_published_from_its_own_event_without_reading_the_case(
    service: DeterminationService,
) -> None:
    raised, decided = service.recorded_events(decided_at_school(service))
    translate = translator(service)
    assert translate(raised) is not None  # the learner id is taken as the concern passes
    counting = counting_reads(service)
    publication = translate(decided)
    assert counting.reads == 0
    assert publication is not None
    event = publication.event
    assert isinstance(event, public.Decided)
    assert (event.deciding_body, event.local_authority, event.reconsidering_authority) == (
        "school", "la:665", "la:665",  # v2: the LA in its one form (issue 20)
    )  # fmt: skip
    assert (event.young_person, event.looked_after, event.within_time) == (False, False, True)
    assert event.decision_deadline is not None
    assert event.decision_deadline.rule_id == RuleId.D1
    assert event.reasons == "Progress is good"  # the notice quotes them (s.13(3))


def test_a_decision_stored_before_it_carried_its_facts_is_published_the_same(
    service: DeterminationService,
) -> None:
    raised, decided = service.recorded_events(decided_at_school(service))
    translate = translator(service)
    translate(raised)
    now = translate(decided)
    old = stored_before(
        decided, "deciding_body", "local_authority", "reconsidering_authority", "young_person",
        "looked_after", "decision_deadline",
    )  # fmt: skip
    counting = counting_reads(service)
    assert translate(old) == now
    assert counting.reads == 1  # only such an old decision replays the case


def test_a_calendar_and_its_correction_are_published_with_their_versions(
    service: DeterminationService,
) -> None:
    set_calendar(service, WREXHAM)
    corrected = WREXHAM.with_closures("la:665", WREXHAM.name, 2, {date(2025, 12, 1)})
    set_calendar(service, corrected)
    first, second = service.recorded_events(calendar_aggregate_id("la:665"))
    translate = translator(service)
    counting = counting_reads(service)
    published = [translate(first), translate(second)]
    assert counting.reads == 0
    events: list[Any] = [p.event for p in published if p is not None]
    assert [(e.calendar_id, e.calendar_version) for e in events] == [("la:665", 1), ("la:665", 2)]
    assert events[1].closures == sorted(corrected.closures)
    old = translate(stored_before(second, "calendar_id"))
    assert old is not None
    assert (old.event, old.learner_id, counting.reads) == (events[1], "la:665", 1)


def test_a_rule_correction_is_published_and_the_tables_start_is_not(
    service: DeterminationService,
) -> None:
    d7 = DEFAULT_RULES.rules[RuleId.D7]
    longer = dataclasses.replace(d7, length=8)
    service.correct_rules(
        ADMINISTRATOR, "2026.2", [longer], corrected_by="system:admin", reason="checked"
    )
    started, corrected = service.recorded_events(RULE_TABLE_ID)
    translate = translator(service)
    assert translate(started) is None
    publication = translate(corrected)
    assert publication is not None
    event: Any = publication.event
    assert (event.rule_table_version, event.corrected_by) == ("2026.2", "system:admin")
    assert {r["id"]: r["length"] for r in event.rules}[RuleId.D7] == 8
    assert publication.learner_id == "rule-table"


def test_every_event_about_a_learner_carries_the_upn_the_registry_knows(
    service: DeterminationService,
) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(upn=valid_upn()), ON))
    unknown = service.raise_concern(SCHOOL, at("school:6652001", pupil(), ON, "mis-9"))
    envelopes = published_envelopes(service, translator(service))
    by_learner = {
        (e.subject, e.type.rpartition(".")[0].rpartition(".")[2]): e.data for e in envelopes
    }
    assert by_learner[(raised.learner_id, "concern-raised")]["upn"] == valid_upn()
    assert by_learner[(raised.learner_id, "learner-relations-recorded")]["upn"] == valid_upn()
    assert by_learner[(unknown.learner_id, "concern-raised")]["upn"] is None  # not known yet


def test_the_relay_reads_each_learners_upn_once_a_batch(service: DeterminationService) -> None:
    """Not once an event: each read loads the learner's record (~1-3 ms on PostgreSQL)."""
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(upn=valid_upn()), ON))
    read: list[str] = []

    class Counting:
        def learner_upn(self, learner_id: str) -> str | None:
            read.append(learner_id)
            return service.learner_upn(learner_id)

    envelopes = published_envelopes(service, translator(service), Counting())
    about = [e for e in envelopes if e.subject == raised.learner_id]
    assert len(about) >= 2  # the concern and the registry's facts, at least
    assert {e.data["upn"] for e in about} == {valid_upn()}
    assert read.count(raised.learner_id) == 1


def test_a_decisions_reasons_leave_as_the_seal_the_store_holds(
    service: DeterminationService,
) -> None:
    """Issue 23: the same ciphertext on the topic as in the store; the notice's reader opens it
    with the learner's key."""
    decided_at_school(service)
    [envelope] = [
        e for e in published_envelopes(service, translator(service)) if "reasons" in e.data
    ]
    assert "Progress is good" not in json.dumps(envelope.data)
    seal = public.Decided.model_validate(envelope.data).reasons
    assert isinstance(seal, Sealed)
    stored = service.recorder.select_notifications(1, 100)
    assert any(seal.sealed.encode() in n.state for n in stored)  # the very seal stored
    assert service.vault is not None
    opened = service.vault.open(seal.learner_id, seal.sealed, seal.field)
    assert json.loads(opened) == "Progress is good"
