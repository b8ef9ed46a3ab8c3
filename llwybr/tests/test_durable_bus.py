"""The embedded bus keeps what it acknowledged: published envelopes and committed offsets are in
its SQLite file before the call returns, and a new bus on the same file (a restarted process)
goes on from there (ADR 0006)."""

import asyncio
import contextlib
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from contracts.envelope import Envelope
from llwybr.bus import FILE_NAME, Delivery, InProcessBus
from llwybr.consumer import TableEffect, TrackedConsumer
from llwybr.metrics import Metrics
from llwybr.outbox import OutboxRelay, RelayPositions, relay_lock
from llwybr.service import ServiceSpec, build_service
from llwybr.settings import ServiceSettings
from llwybr_testkit import (
    EXAMPLE_TOPIC,
    ExampleNoted,
    ExampleService,
    eventually,
    translate_example,
)

TOPIC = EXAMPLE_TOPIC.name
GROUP = "example.reader"


def noted(text: str, version: int = 1) -> Envelope:
    return Envelope.wrap(
        ExampleNoted(case_id=uuid.uuid4(), text=text),
        learner_id="learner-1",
        aggregate_id=uuid.uuid4(),
        aggregate_version=version,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )


def texts(deliveries: list[Delivery]) -> list[str]:
    return [d.envelope.data["text"] for d in deliveries if d.envelope is not None]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "var" / FILE_NAME


async def published(path: Path, *names: str) -> None:
    """``names`` published by a bus that is then closed, as a process that stopped."""
    bus = InProcessBus(path)
    await bus.attach()
    await bus.publisher().publish([noted(n) for n in names])
    await bus.detach()


async def test_a_published_envelope_is_in_the_file_when_publish_returns(path: Path) -> None:
    bus = InProcessBus(path)
    envelope = noted("kept")
    await bus.publisher().publish([envelope])
    with contextlib.closing(sqlite3.connect(path)) as other:  # as another process would
        rows = other.execute("SELECT topic, position FROM messages").fetchall()
    assert rows == [(TOPIC, 0)]
    assert InProcessBus(path).log(TOPIC) == [envelope]  # the record Kafka would hold, read back


async def test_a_new_bus_on_the_same_file_delivers_what_the_old_one_acknowledged(
    path: Path,
) -> None:
    await published(path, "a", "b")
    restarted = InProcessBus(path)
    subscription = restarted.subscription([TOPIC], GROUP)
    await subscription.start()
    deliveries = await subscription.fetch(timeout=1)
    assert texts(deliveries) == ["a", "b"]
    assert [d.offset for d in deliveries] == [0, 1]
    await restarted.publisher().publish([noted("c")])
    assert [d.offset for d in await subscription.fetch(timeout=1)] == [2]  # the topic goes on


async def test_a_group_resumes_from_its_committed_offset_and_gets_uncommitted_ones_again(
    path: Path,
) -> None:
    await published(path, "a", "b", "c")
    bus = InProcessBus(path)
    first = bus.subscription([TOPIC], GROUP)
    await first.start()
    deliveries = await first.fetch(timeout=1)
    await first.commit(deliveries[:1])  # "a" done; the process dies while applying "b"
    await bus.detach()

    restarted = InProcessBus(path)
    again = restarted.subscription([TOPIC], GROUP)
    await again.start()
    assert texts(await again.fetch(timeout=1)) == ["b", "c"]  # delivered again, from "b"
    assert again.lag() == 0
    other = restarted.subscription([TOPIC], "another.group")  # a new group: from the start
    await other.start()
    assert texts(await other.fetch(timeout=1)) == ["a", "b", "c"]


async def test_a_committed_offset_never_moves_back(path: Path) -> None:
    await published(path, "a", "b", "c")
    bus = InProcessBus(path)
    subscription = bus.subscription([TOPIC], GROUP)
    await subscription.start()
    a, _, c = await subscription.fetch(timeout=1)
    await subscription.commit([c])
    await subscription.commit([a])  # late, from an earlier batch
    again = InProcessBus(path).subscription([TOPIC], GROUP)
    await again.start()
    assert await again.fetch(timeout=0.1) == []
    assert again.lag() == 0


async def test_a_waiting_reader_is_woken_by_a_publish_not_by_its_timeout(path: Path) -> None:
    bus = InProcessBus(path)
    subscription = bus.subscription([TOPIC], GROUP)
    await subscription.start()
    waiting = asyncio.create_task(subscription.fetch(timeout=10))
    await asyncio.sleep(0.1)
    started = asyncio.get_running_loop().time()
    await bus.publisher().publish([noted("now")])
    assert texts(await waiting) == ["now"]
    assert asyncio.get_running_loop().time() - started < 2


async def test_a_stored_message_that_is_no_cloudevent_is_delivered_for_the_dead_letters(
    path: Path,
) -> None:
    await published(path, "a")
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.execute(
            "INSERT INTO messages VALUES (?, 1, NULL, ?, '[]')", (TOPIC, b"not a cloudevent")
        )
        other.commit()
    subscription = InProcessBus(path).subscription([TOPIC], GROUP)
    await subscription.start()
    good, bad = await subscription.fetch(timeout=1)
    assert good.envelope is not None
    assert (bad.envelope, bad.raw, bad.offset) == (None, b"not a cloudevent", 1)
    assert bad.error


async def test_the_last_service_to_detach_closes_the_file_and_it_opens_again(path: Path) -> None:
    bus = InProcessBus(path)
    await bus.attach()
    await bus.attach()
    await bus.publisher().publish([noted("a")])
    await bus.detach()
    await bus.publisher().publish([noted("b")])  # still open for the other service
    await bus.detach()
    await bus.publisher().publish([noted("c")])  # opens the file again
    assert [e.data["text"] for e in bus.log(TOPIC)] == ["a", "b", "c"]


async def test_a_bus_in_memory_keeps_its_topics_while_it_lives() -> None:
    bus = InProcessBus()
    assert bus.path is None
    await bus.attach()
    await bus.publisher().publish([noted("a")])
    await bus.detach()
    assert [e.data["text"] for e in bus.log(TOPIC)] == ["a"]


async def test_relay_and_consumer_lose_nothing_across_restarts_of_the_bus(
    sqlite_settings: ServiceSettings, sqlite_engine: sa.Engine, path: Path
) -> None:
    """The relay's events and the consumer's progress survive a new bus on the same file; an
    event the consumer applied but had not committed comes again and changes nothing."""
    service = ExampleService(sqlite_settings.eventsourcing_env())
    seen: list[str] = []
    effect = TableEffect(sqlite_engine, GROUP, lambda _c, e: seen.append(e.id))

    def consumer(bus: InProcessBus) -> TrackedConsumer:
        return TrackedConsumer(
            GROUP,
            lambda: bus.subscription([TOPIC], GROUP),
            effect,
            sqlite_engine,
            Metrics("example"),
        )

    def relay(bus: InProcessBus) -> OutboxRelay:
        name = "example.outbox"
        positions, lock = RelayPositions(sqlite_engine), relay_lock(sqlite_engine, name)
        return OutboxRelay(
            name, service, translate_example, bus.publisher(), positions, lock, Metrics("example")
        )

    try:
        first = InProcessBus(path)
        case = service.open_case("learner-1")
        service.note(case, "one")
        assert await relay(first).run_once() == 2  # published, then the position advanced
        reader = consumer(first)
        subscription = first.subscription([TOPIC], GROUP)
        await subscription.start()
        deliveries = await subscription.fetch(timeout=1)
        for delivery in deliveries:
            await reader._handle(delivery)  # applied ...
        await first.detach()  # ... and the process died before the offsets were committed

        second = InProcessBus(path)
        service.note(case, "two")
        assert await relay(second).run_once() == 1  # only what was not yet published
        resumed = consumer(second)
        task = asyncio.create_task(resumed.run())
        try:
            await eventually(lambda: resumed.applied + resumed.duplicates == 3, timeout=5)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        assert (resumed.applied, resumed.duplicates) == (1, 2)  # the two again change nothing
        assert len(seen) == len(set(seen)) == 3
        assert len(second.log(TOPIC)) == 3
    finally:
        service.close()


async def test_a_service_built_alone_in_embedded_mode_keeps_its_bus_in_its_data_directory(
    sqlite_settings: ServiceSettings,
) -> None:
    spec = ServiceSpec("example", "Example", ExampleService, lambda _app: translate_example)
    app = build_service(sqlite_settings, spec)
    path = sqlite_settings.data_dir / FILE_NAME
    async with app.router.lifespan_context(app):
        await asyncio.to_thread(app.state.application.open_case, "learner-1")
        await eventually(lambda: app.state.relay.published == 1, timeout=5)
    # the service stopped and closed the file; what it published is there for its next start
    assert [e.type for e in InProcessBus(path).log(TOPIC)] == ["wales.aln.example.opened.v1"]
