"""The shared pipeline against real PostgreSQL and a real Kafka broker."""

import asyncio
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator, Sequence

import pytest
import sqlalchemy as sa

from contracts.envelope import Envelope, event_id
from llwybr.bus import Delivery, Subscription
from llwybr.consumer import TableEffect, TrackedConsumer, processed_events
from llwybr.db import create_engine, create_tables
from llwybr.kafka import KafkaPublisher, KafkaSubscription
from llwybr.metrics import Metrics
from llwybr.outbox import OutboxRelay, RelayPositions, relay_lock
from llwybr.settings import ServiceSettings
from llwybr_testkit import (
    EXAMPLE_TOPIC,
    ExampleService,
    eventually,
    read_envelopes,
    translate_example,
)

pytestmark = pytest.mark.integration

RELAY = "example.outbox"
effects_metadata = sa.MetaData()
effects = sa.Table(
    "example_effects",
    effects_metadata,
    sa.Column("event_id", sa.String(64), nullable=False),
    sa.Column("aggregate_id", sa.String(64), nullable=False),
)


class Crash(BaseException):
    """A process dying: not an error the component could catch and retry."""


class CrashingPositions(RelayPositions):
    """The relay dies after the broker acknowledged a batch, before its position is saved."""

    def advance(self, relay: str, expected: int, new: int) -> None:
        raise Crash


class CrashingConsumer(TrackedConsumer):
    """The consumer dies after storing the effects of a batch holding one of ``crash_on``,
    before committing its offsets."""

    crash_on: frozenset[str] = frozenset()

    async def commit(self, subscription: Subscription, deliveries: Sequence[Delivery]) -> None:
        if any(d.envelope is not None and d.envelope.id in self.crash_on for d in deliveries):
            raise Crash
        await super().commit(subscription, deliveries)


class RecordingEffect(TableEffect):
    """The real effect, remembering each outcome (True applied, False recognised duplicate)."""

    def __init__(self, engine: sa.Engine, consumer: str) -> None:
        super().__init__(engine, consumer, self._record_effect)
        self.outcomes: dict[str, list[bool]] = defaultdict(list)

    @staticmethod
    def _record_effect(conn: sa.Connection, envelope: Envelope) -> None:
        conn.execute(
            effects.insert().values(event_id=envelope.id, aggregate_id=envelope.aggregate_id)
        )

    def apply(self, envelope: Envelope) -> bool:
        applied = super().apply(envelope)
        self.outcomes[envelope.id].append(applied)
        return applied


@pytest.fixture
def engine(postgres_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(postgres_settings)
    create_tables(engine)
    effects_metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def service(postgres_settings: ServiceSettings, engine: sa.Engine) -> Iterator[ExampleService]:
    app = ExampleService(postgres_settings.eventsourcing_env())
    yield app
    app.close()


def relay_for(
    service: ExampleService,
    engine: sa.Engine,
    bootstrap: str,
    positions: RelayPositions | None = None,
) -> OutboxRelay:
    return OutboxRelay(
        RELAY,
        service,
        translate_example,
        KafkaPublisher(bootstrap, "test-relay"),
        positions or RelayPositions(engine),
        relay_lock(engine, RELAY),
        Metrics("example"),
        batch_size=5,
        poll_seconds=0.1,
        max_backoff_seconds=1.0,
    )


def consumer_for(
    engine: sa.Engine,
    bootstrap: str,
    group: str,
    effect: RecordingEffect,
    cls: type[TrackedConsumer] = TrackedConsumer,
) -> TrackedConsumer:
    return cls(
        group,
        lambda: KafkaSubscription(bootstrap, [EXAMPLE_TOPIC.name], group),
        effect,
        engine,
        Metrics("example"),
        max_backoff_seconds=1.0,
    )


def record_cases(service: ExampleService, cases: int, notes: int) -> list[uuid.UUID]:
    case_ids = []
    for n in range(cases):
        case_id = service.open_case(f"learner-{n}")
        for m in range(notes):
            service.note(case_id, f"note {m}")
        case_ids.append(case_id)
    return case_ids


def expected_ids(case_ids: list[uuid.UUID], versions: int) -> set[str]:
    return {event_id(c, v) for c in case_ids for v in range(1, versions + 1)}


def effect_rows(engine: sa.Engine, case_ids: list[uuid.UUID]) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(effects.c.event_id).where(
                effects.c.aggregate_id.in_([str(c) for c in case_ids])
            )
        )
        return [r.event_id for r in rows]


@pytest.fixture
def other_engine(postgres_settings: ServiceSettings) -> Iterator[sa.Engine]:
    """Another replica's engine (its own connections), disposed only after the test's relays
    stopped (``running`` is torn down first). Disposed while a relay still used it, as the
    test once did, the relay's next checkouts filled a fresh pool that nobody closed, and its
    psycopg connections were garbage-collected open in a later test: a ResourceWarning made
    ``test_a_consumer_that_dies_before_committing...`` fail now and then (issue #21)."""
    engine = create_engine(postgres_settings)
    yield engine
    engine.dispose()


@pytest.fixture
async def running() -> AsyncIterator[list[asyncio.Task[None]]]:
    """Tasks started by a test, cancelled at its end whatever happens."""
    tasks: list[asyncio.Task[None]] = []
    yield tasks
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_stored_events_arrive_on_kafka_once_each_in_order_per_learner(
    service: ExampleService,
    engine: sa.Engine,
    kafka_bootstrap: str,
    running: list[asyncio.Task[None]],
) -> None:
    case_ids = record_cases(service, cases=3, notes=3)
    relay = relay_for(service, engine, kafka_bootstrap)
    running.append(asyncio.create_task(relay.run()))

    received = await read_envelopes(
        kafka_bootstrap, EXAMPLE_TOPIC.name, {str(c) for c in case_ids}, expected=12
    )

    assert sorted(e.id for e in received) == sorted(expected_ids(case_ids, 4))
    for case_id in case_ids:
        mine = [e for e in received if e.aggregate_id == str(case_id)]
        assert [e.aggregate_version for e in mine] == [1, 2, 3, 4]
        assert len({e.subject for e in mine}) == 1
        stored = [r.integrity_hash for r in service.recorded_events(case_id)]
        assert [e.integrity_hash for e in mine] == stored
    assert received[0].type == "wales.aln.example.opened.v1"


async def test_a_relay_killed_before_saving_its_position_republishes_and_effects_apply_once(
    service: ExampleService,
    engine: sa.Engine,
    kafka_bootstrap: str,
    running: list[asyncio.Task[None]],
) -> None:
    case_ids = record_cases(service, cases=2, notes=1)
    effect = RecordingEffect(engine, f"effects-{uuid.uuid4().hex[:8]}")
    consumer = consumer_for(engine, kafka_bootstrap, effect._consumer, effect)
    running.append(asyncio.create_task(consumer.run()))

    doomed = relay_for(service, engine, kafka_bootstrap, CrashingPositions(engine))
    with pytest.raises(Crash):
        await doomed.run()
    assert RelayPositions(engine).get(RELAY) == 0

    running.append(asyncio.create_task(relay_for(service, engine, kafka_bootstrap).run()))

    ours = expected_ids(case_ids, 2)
    await eventually(lambda: all(effect.outcomes[i] == [True, False] for i in ours))
    assert sorted(effect_rows(engine, case_ids)) == sorted(ours)


async def test_only_one_of_two_relays_for_a_service_publishes(
    service: ExampleService,
    engine: sa.Engine,
    other_engine: sa.Engine,
    kafka_bootstrap: str,
    running: list[asyncio.Task[None]],
) -> None:
    first = relay_for(service, engine, kafka_bootstrap)
    second = relay_for(service, other_engine, kafka_bootstrap)
    running.append(asyncio.create_task(first.run()))
    running.append(asyncio.create_task(second.run()))
    case_ids = record_cases(service, cases=4, notes=2)

    received = await read_envelopes(
        kafka_bootstrap, EXAMPLE_TOPIC.name, {str(c) for c in case_ids}, expected=12, settle=2.0
    )

    assert len(received) == 12
    assert sorted([first.published, second.published]) == [0, 12]


async def test_a_consumer_that_dies_before_committing_does_not_apply_an_effect_twice(
    service: ExampleService,
    engine: sa.Engine,
    kafka_bootstrap: str,
    running: list[asyncio.Task[None]],
) -> None:
    case_ids = record_cases(service, cases=3, notes=1)
    ours = expected_ids(case_ids, 2)
    running.append(asyncio.create_task(relay_for(service, engine, kafka_bootstrap).run()))
    await read_envelopes(
        kafka_bootstrap, EXAMPLE_TOPIC.name, {str(c) for c in case_ids}, 6, settle=0
    )

    group = f"effects-{uuid.uuid4().hex[:8]}"
    effect = RecordingEffect(engine, group)
    doomed = consumer_for(engine, kafka_bootstrap, group, effect, CrashingConsumer)
    assert isinstance(doomed, CrashingConsumer)
    doomed.crash_on = frozenset(ours)
    with pytest.raises(Crash):
        await asyncio.wait_for(doomed.run(), 60)
    applied_before_crash = {i for i in ours if effect.outcomes[i] == [True]}
    assert applied_before_crash, "the first batch's effects were stored before the crash"

    restarted = consumer_for(engine, kafka_bootstrap, group, effect)
    running.append(asyncio.create_task(restarted.run()))
    await eventually(lambda: all(effect.outcomes[i] for i in ours))
    await eventually(lambda: all(effect.outcomes[i] == [True, False] for i in applied_before_crash))

    assert sorted(effect_rows(engine, case_ids)) == sorted(ours)
    with engine.connect() as conn:
        tracked = conn.execute(
            sa.select(sa.func.count()).where(processed_events.c.consumer == group)
        ).scalar()
    assert tracked is not None
    assert tracked >= len(ours)
