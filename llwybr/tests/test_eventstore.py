import sqlite3
import threading
import uuid

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError

from llwybr import context
from llwybr.integrity import GENESIS
from llwybr.settings import ServiceSettings
from llwybr_testkit import CountingRecorder, ExampleCase, ExampleService, postgres_conninfo


def tamper(settings: ServiceSettings, case_id: uuid.UUID, version: int, old: str, new: str) -> None:
    """Change a stored event's payload behind the application's back."""
    if settings.runtime.mode == "stack":
        sql = (
            f'UPDATE "{settings.schema_name}".example_events '
            "SET state = convert_to(replace(convert_from(state, 'UTF8'), %s, %s), 'UTF8') "
            "WHERE originator_id = %s AND originator_version = %s"
        )
        with psycopg.connect(postgres_conninfo(settings.runtime), autocommit=True) as conn:
            assert conn.execute(sql, (old, new, case_id, version)).rowcount == 1
    else:
        path = settings.data_dir / "events.sqlite"
        with sqlite3.connect(path) as conn:
            row = conn.execute(
                "SELECT state FROM stored_events "
                "WHERE originator_id = ? AND originator_version = ?",
                (case_id.hex, version),
            ).fetchone()
            changed = bytes(row[0]).replace(old.encode(), new.encode())
            conn.execute(
                "UPDATE stored_events SET state = ? "
                "WHERE originator_id = ? AND originator_version = ?",
                (changed, case_id.hex, version),
            )


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
    service: ExampleService, store_settings: ServiceSettings
) -> None:
    case_id = service.open_case("learner-1")
    service.note(case_id, "attended speech therapy")
    service.note(case_id, "reviewed")
    tamper(store_settings, case_id, 2, "attended", "declined")

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
