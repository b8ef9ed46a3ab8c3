"""Embedded mode: the same relay and consumer over SQLite and the in-process bus."""

import asyncio
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from contracts.envelope import Envelope
from llwybr.bus import InProcessBus
from llwybr.consumer import TableEffect, TrackedConsumer
from llwybr.metrics import Metrics
from llwybr.outbox import OutboxRelay, PositionConflictError, RelayPositions, relay_lock
from llwybr.settings import ServiceSettings
from llwybr_testkit import EXAMPLE_TOPIC, ExampleService, eventually, translate_example


@pytest.fixture
def service(sqlite_settings: ServiceSettings) -> Iterator[ExampleService]:
    app = ExampleService(sqlite_settings.eventsourcing_env())
    yield app
    app.close()


def relay_for(
    service: ExampleService, engine: sa.Engine, bus: InProcessBus, name: str = "example.outbox"
) -> OutboxRelay:
    return OutboxRelay(
        name,
        service,
        translate_example,
        bus.publisher(),
        RelayPositions(engine),
        relay_lock(engine, name),
        Metrics("example"),
        poll_seconds=5,  # long: a save must wake the relay, not the poll
    )


async def test_a_saved_event_reaches_a_consumer_through_the_in_process_bus(
    service: ExampleService, sqlite_engine: sa.Engine
) -> None:
    bus = InProcessBus()
    seen: list[Envelope] = []
    consumer = TrackedConsumer(
        "example.reader",
        lambda: bus.subscription([EXAMPLE_TOPIC.name], "example.reader"),
        TableEffect(sqlite_engine, "example.reader", lambda _conn, envelope: seen.append(envelope)),
        sqlite_engine,
        Metrics("example"),
    )
    tasks = [
        asyncio.create_task(relay_for(service, sqlite_engine, bus).run()),
        asyncio.create_task(consumer.run()),
    ]
    try:
        await asyncio.sleep(0.2)
        case_id = await asyncio.to_thread(service.open_case, "learner-1")
        await asyncio.to_thread(service.note, case_id, "hello")
        await eventually(lambda: len(seen) == 2, timeout=3)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    assert [e.aggregate_version for e in seen] == [1, 2]
    assert seen[1].data == {"case_id": str(case_id), "text": "hello"}


async def test_a_relay_restarted_after_publishing_resumes_from_its_stored_position(
    service: ExampleService, sqlite_engine: sa.Engine
) -> None:
    bus = InProcessBus()
    service.open_case("learner-1")
    first = relay_for(service, sqlite_engine, bus)
    assert await first.run_once() == 1
    service.open_case("learner-2")
    again = relay_for(service, sqlite_engine, bus)
    assert await again.run_once() == 1
    assert await again.run_once() == 0
    assert len(bus.log(EXAMPLE_TOPIC.name)) == 2


async def test_a_relay_that_remembers_its_position_finds_it_moved_and_skips_nothing(
    service: ExampleService, sqlite_engine: sa.Engine
) -> None:
    """A relay keeps its position in memory between batches; if another relay moved the
    stored one meanwhile (a failover), the compare-and-set finds it and the relay reads the
    stored position again: events may be published twice, never skipped."""
    bus = InProcessBus()
    first, other = relay_for(service, sqlite_engine, bus), relay_for(service, sqlite_engine, bus)
    cases = [service.open_case("learner-1")]
    assert await first.run_once() == 1
    cases.append(service.open_case("learner-2"))
    assert await other.run_once() == 1  # the stored position moved under ``first``
    cases.append(service.open_case("learner-3"))
    with pytest.raises(PositionConflictError):
        await first.run_once()
    assert await first.run_once() == 1  # from the stored position: learner-3 only
    assert await first.run_once() == 0
    published = {str(e.aggregate_id) for e in bus.log(EXAMPLE_TOPIC.name)}
    assert published == {str(c) for c in cases}
    assert RelayPositions(sqlite_engine).get("example.outbox") == 3


def test_only_one_relay_per_service_is_active_in_a_process(sqlite_engine: sa.Engine) -> None:
    first, second = relay_lock(sqlite_engine, "x.outbox"), relay_lock(sqlite_engine, "x.outbox")
    assert first.try_acquire()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()
