"""Many aggregates read in one round trip (a bulk sync's reads, issue 19), checked against
their chains as a load of one is: on SQLite and PostgreSQL."""

import uuid

import pytest

from llwybr.integrity import ChainBrokenError
from llwybr_testkit import CountingRecorder, ExampleCase, ExampleService

from .stored_rows import StoredRows


def test_many_aggregates_are_read_in_one_round_trip_as_one_by_one(
    service: ExampleService,
) -> None:
    ids = [service.open_case(f"learner-{n}") for n in range(5)]
    for n, case_id in enumerate(ids):
        for note in range(n):
            service.note(case_id, f"note {note}")
    missing = uuid.uuid4()
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one
    found = service.get_many([*ids, missing, ids[0]])
    assert (counting.many_reads, counting.reads) == (1, 0)
    assert set(found) == set(ids)  # no events: absent
    for case_id in ids:
        alone: ExampleCase = service.repository.get(case_id)
        read = found[case_id]
        assert isinstance(read, ExampleCase)
        assert (read.version, read.notes, read.learner_id) == (
            alone.version, alone.notes, alone.learner_id,
        )  # fmt: skip


def test_a_tampered_event_among_many_is_refused(service: ExampleService, rows: StoredRows) -> None:
    ids = [service.open_case(f"learner-{n}") for n in range(3)]
    for case_id in ids:
        service.note(case_id, "declined speech therapy")
    rows.rewrite(ids[1], 2, {**rows.state(ids[1], 2), "text": "accepted speech therapy"})
    with pytest.raises(ChainBrokenError) as refused:
        service.get_many(ids)
    assert (refused.value.aggregate_id, refused.value.version) == (str(ids[1]), 2)


def test_a_save_after_a_read_of_many_links_each_to_the_head_it_read(
    service: ExampleService,
) -> None:
    ids = [service.open_case(f"learner-{n}") for n in range(3)]
    cases = service.get_many(ids)
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]
    for case in cases.values():
        assert isinstance(case, ExampleCase)
        case.note("seen")
    service.save(*cases.values())
    assert counting.reads == 0  # each head was known from the read
    assert all(service.verify(i).ok for i in ids)
