import logging
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError

from llwybr import context
from llwybr.db import create_engine
from llwybr.integrity import GENESIS, ChainBrokenError, chain_hash
from llwybr.settings import ServiceSettings
from llwybr_testkit import CountingRecorder, ExampleCase, ExampleService

from .stored_rows import StoredRows


def test_each_stored_event_is_chained_to_the_one_before(service: ExampleService) -> None:
    case_id = service.open_case("learner-1")
    service.note(case_id, "first")
    service.note(case_id, "second")
    recorded = list(service.recorded_events(case_id))
    assert [r.originator_version for r in recorded] == [1, 2, 3]
    assert recorded[0].previous_hash == GENESIS
    assert recorded[1].previous_hash == recorded[0].integrity_hash
    assert recorded[2].previous_hash == recorded[1].integrity_hash
    assert service.verify(case_id).ok


def test_the_aggregate_replays_unchanged_through_the_chained_store(
    service: ExampleService,
) -> None:
    case_id = service.open_case("learner-1")
    service.note(case_id, "first")
    case: ExampleCase = service.repository.get(case_id)
    assert case.notes == ["first"]
    assert case.learner_id == "learner-1"
    earlier: ExampleCase = service.repository.get(case_id, version=1)
    assert earlier.notes == []


def test_the_acting_principal_is_recorded_with_each_event(service: ExampleService) -> None:
    with context.acting(context.CommandContext("alnco:42", "req-1", "cause-1")):
        case_id = service.open_case("learner-1")
    recorded = next(service.recorded_events(case_id))
    assert recorded.meta == {
        "actor": "alnco:42",
        "correlation_id": "req-1",
        "causation_id": "cause-1",
    }


def test_tampering_with_a_stored_payload_is_detected_naming_the_event(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = service.open_case("learner-1")
    service.note(case_id, "attended speech therapy")
    service.note(case_id, "reviewed")
    rows.rewrite(case_id, 2, {**rows.state(case_id, 2), "text": "declined speech therapy"})

    result = service.verify(case_id)
    assert result.broken is not None
    assert (result.broken.originator_id, result.broken.originator_version) == (str(case_id), 2)
    assert "altered" in result.broken.reason

    whole_store = service.verify_all()
    assert whole_store.broken is not None
    assert whole_store.broken.originator_version == 2
    assert whole_store.broken.notification_id is not None


def test_verify_all_passes_on_an_untouched_store(service: ExampleService) -> None:
    for n in range(3):
        case_id = service.open_case(f"learner-{n}")
        service.note(case_id, "note")
    result = service.verify_all(section=2)
    assert result.ok
    assert (result.events_checked, result.aggregates_checked) == (6, 3)


def test_concurrent_changes_to_one_case_cannot_both_be_recorded(service: ExampleService) -> None:
    case_id = service.open_case("learner-1")
    first: ExampleCase = service.repository.get(case_id)
    second: ExampleCase = service.repository.get(case_id)
    first.note("from one ALNCo")
    second.note("from another")
    service.save(first)
    with pytest.raises(IntegrityError):
        service.save(second)
    assert service.verify(case_id).ok
    assert len(list(service.recorded_events(case_id))) == 2


def test_saves_from_many_threads_keep_every_chain_intact(service: ExampleService) -> None:
    case_ids = [service.open_case(f"learner-{n}") for n in range(4)]

    def add_notes(case_id: uuid.UUID) -> None:
        for n in range(10):
            service.note(case_id, f"note {n}")

    threads = [threading.Thread(target=add_notes, args=(c,)) for c in case_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert service.verify_all().ok


def test_an_application_without_a_real_store_refuses_to_start() -> None:
    with pytest.raises(RuntimeError, match="PERSISTENCE_MODULE"):
        ExampleService({"PERSISTENCE_MODULE": "eventsourcing.popo"})


def test_a_command_links_its_event_to_the_head_it_just_read_without_reading_again(
    service: ExampleService,
) -> None:
    case_id = service.open_case("learner-1")
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one
    service.note(case_id, "first")  # reads the case once, then saves
    service.note(case_id, "second")
    assert counting.reads == 2
    assert service.verify(case_id).ok


def test_a_head_written_by_another_instance_is_read_from_the_store(
    store_settings: ServiceSettings, service: ExampleService
) -> None:
    """Two replicas on one store: what one remembers never links past what the other wrote."""
    other = ExampleService(store_settings.eventsourcing_env())
    try:
        case_id = service.open_case("learner-1")
        stale: ExampleCase = service.repository.get(case_id)  # remembers version 1
        other.note(case_id, "from the other replica")  # version 2, elsewhere
        stale.note("from this one, on version 1")
        with pytest.raises(IntegrityError):
            service.save(stale)
        service.note(case_id, "after reading again")  # version 3, linked to version 2
        assert [r.originator_version for r in service.recorded_events(case_id)] == [1, 2, 3]
        assert service.verify(case_id).ok
    finally:
        other.close()


# -- verify on load: a broken chain is refused (ADR 0005, issue #21) ---------------------------


def a_case(service: ExampleService, notes: int = 3) -> uuid.UUID:
    case_id = service.open_case("learner-1")
    for n in range(notes):
        service.note(case_id, f"note {n}")
    return case_id


def refusal(service: ExampleService, case_id: uuid.UUID) -> ChainBrokenError:
    with pytest.raises(ChainBrokenError) as refused:
        service.repository.get(case_id)
    assert refused.value.aggregate_id == str(case_id)
    return refused.value


def test_a_clean_chain_loads_as_before(service: ExampleService) -> None:
    case_id = a_case(service)
    case: ExampleCase = service.repository.get(case_id)
    assert (case.version, case.notes) == (4, ["note 0", "note 1", "note 2"])
    assert service.load(case_id, ExampleCase, 4).notes == case.notes


def test_an_altered_payload_is_refused_naming_the_event(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    state = rows.state(case_id, 2)
    rows.rewrite(case_id, 2, {**state, "text": "no note at all"})
    error = refusal(service, case_id)
    assert error.version == 2
    assert "altered" in error.broken.reason
    assert "event version 2" in str(error)
    assert str(case_id) in str(error)


def other_hash(state: dict[str, Any]) -> None:
    state["__integrity__"]["hash"] = "f" * 64


def no_chain_fields(state: dict[str, Any]) -> None:
    del state["__integrity__"]


def first_linked_to_something(state: dict[str, Any]) -> None:
    assert state["__integrity__"]["previous_hash"] == GENESIS
    state["__integrity__"]["previous_hash"] = "1" * 64


@pytest.mark.parametrize(
    ("version", "change"),
    [(3, other_hash), (4, no_chain_fields), (1, first_linked_to_something)],
    ids=["stored-hash", "unchained-row", "genesis-link"],
)
def test_an_event_whose_chain_fields_were_changed_is_refused(
    service: ExampleService,
    rows: StoredRows,
    version: int,
    change: Callable[[dict[str, Any]], None],
) -> None:
    case_id = a_case(service)
    state = rows.state(case_id, version)
    change(state)
    rows.rewrite(case_id, version, state)
    assert refusal(service, case_id).version == version


def test_an_event_rewritten_with_a_fresh_hash_is_refused_at_the_next_event(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    topic = list(service.recorded_events(case_id))[1].topic
    state = rows.state(case_id, 2)
    forged = {k: v for k, v in state.items() if k != "__integrity__"} | {"text": "forged"}
    previous = state["__integrity__"]["previous_hash"]
    fresh = chain_hash(
        originator_id=str(case_id),
        originator_version=2,
        topic=topic,
        state=forged,
        previous_hash=previous,
    )
    rows.rewrite(case_id, 2, forged | {"__integrity__": {"previous_hash": previous, "hash": fresh}})
    error = refusal(service, case_id)
    assert error.version == 3
    assert "previous hash" in error.broken.reason


def test_a_missing_event_is_refused_not_an_unexpected_error(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    rows.delete(case_id, 2)
    error = refusal(service, case_id)
    assert error.version == 3
    assert "missing" in error.broken.reason


def test_a_missing_first_event_is_refused(service: ExampleService, rows: StoredRows) -> None:
    case_id = a_case(service)
    rows.delete(case_id, 1)
    assert refusal(service, case_id).version == 2


def test_reordered_events_are_refused(service: ExampleService, rows: StoredRows) -> None:
    case_id = a_case(service)
    rows.swap(case_id, 2, 3)
    assert refusal(service, case_id).version == 2


def test_a_command_on_a_broken_chain_is_refused_and_stores_nothing(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    rows.rewrite(case_id, 2, {**rows.state(case_id, 2), "text": "changed"})
    before = service.recorder.max_notification_id()
    with pytest.raises(ChainBrokenError):
        service.note(case_id, "on top of the altered history")
    with pytest.raises(ChainBrokenError):
        service.act(case_id, ExampleCase, None, lambda case: case.note("through act"))
    assert service.recorder.max_notification_id() == before
    assert [r.originator_version for r in service.recorded_events(case_id)] == [1, 2, 3, 4]


def test_an_earlier_version_loads_when_the_chain_holds_up_to_it(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    rows.rewrite(case_id, 3, {**rows.state(case_id, 3), "text": "changed"})
    earlier: ExampleCase = service.repository.get(case_id, version=2)
    assert earlier.notes == ["note 0"]
    with pytest.raises(ChainBrokenError):
        service.repository.get(case_id, version=3)


def test_state_for_auditors_is_refused_but_the_raw_events_stay_readable(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    assert [e.originator_version for e in service.verified_events(case_id)] == [1, 2, 3, 4]
    rows.rewrite(case_id, 2, {**rows.state(case_id, 2), "text": "changed"})
    with pytest.raises(ChainBrokenError):
        service.verified_events(case_id)
    assert len(list(service.recorded_events(case_id))) == 4


def test_a_refusal_is_alerted_once_and_each_one_is_told_to_listeners(
    service: ExampleService, rows: StoredRows, caplog: pytest.LogCaptureFixture
) -> None:
    told: list[ChainBrokenError] = []
    service.add_integrity_listener(told.append)
    case_id = a_case(service)
    rows.rewrite(case_id, 2, {**rows.state(case_id, 2), "text": "changed"})
    with caplog.at_level(logging.WARNING, logger="llwybr.eventstore.application"):
        for _ in range(3):
            refusal(service, case_id)
    assert [(e.aggregate_id, e.version) for e in told] == [(str(case_id), 2)] * 3
    records = [r for r in caplog.records if r.name == "llwybr.eventstore.application"]
    assert [r.levelno for r in records] == [logging.ERROR, logging.WARNING, logging.WARNING]
    alert = records[0]
    assert alert.aggregate_id == str(case_id)  # type: ignore[attr-defined]
    assert alert.event_version == 2  # type: ignore[attr-defined]


def test_verify_all_lists_every_break_in_every_aggregate(
    service: ExampleService, rows: StoredRows
) -> None:
    first, untouched, second = a_case(service), a_case(service), a_case(service)
    rows.rewrite(first, 2, {**rows.state(first, 2), "text": "changed"})
    rows.delete(second, 3)

    result = service.verify_all(section=3)
    assert not result.ok
    assert [(b.originator_id, b.originator_version) for b in result.breaks] == [
        (str(first), 2),
        (str(second), 4),
    ]
    assert all(b.notification_id is not None for b in result.breaks)
    assert result.broken == result.breaks[0]
    assert (result.events_checked, result.aggregates_checked) == (11, 3)
    assert service.verify(untouched).ok


def test_verify_lists_two_separate_breaks_in_one_aggregate(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service, notes=4)
    for version in (2, 4):
        rows.rewrite(case_id, version, {**rows.state(case_id, version), "text": "changed"})
    breaks = service.verify(case_id).breaks
    assert [(b.originator_version, "altered" in b.reason) for b in breaks] == [(2, True), (4, True)]


def test_snapshots_are_refused_because_they_would_bypass_the_check(
    sqlite_settings: ServiceSettings,
) -> None:
    env = {**sqlite_settings.eventsourcing_env(), "IS_SNAPSHOTTING_ENABLED": "y"}
    with pytest.raises(RuntimeError, match="snapshots"):
        ExampleService(env)


def test_with_the_librarys_aggregate_cache_a_later_alteration_is_still_refused(
    store_settings: ServiceSettings, rows: StoredRows
) -> None:
    """A cached aggregate is brought up to date with the events after it (``gt``), and those
    are cut from a chain checked from its first event."""
    create_engine(store_settings).dispose()
    cached = ExampleService({**store_settings.eventsourcing_env(), "AGGREGATE_CACHE_MAXSIZE": "10"})
    try:
        case_id = a_case(cached)
        assert cached.repository.cache is not None
        assert cached.load(case_id, ExampleCase).notes == ["note 0", "note 1", "note 2"]
        rows.rewrite(case_id, 2, {**rows.state(case_id, 2), "text": "changed"})
        assert refusal(cached, case_id).version == 2
    finally:
        cached.close()
