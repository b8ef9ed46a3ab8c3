"""Kafka stops while the service keeps working; nothing is lost when it comes back."""

import asyncio
import logging
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from contracts.envelope import event_id
from llwybr.db import create_engine, create_tables
from llwybr.kafka import PLAINTEXT, KafkaPublisher, KafkaSubscription, ensure_topics
from llwybr.kafka_probe import KafkaProbe, watch
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
from tests.servers import Server, own_kafka

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[tuple[Server, str]]:
    """A broker of this test's own: the shared one on 9092 must never be stopped."""
    with own_kafka(tmp_path) as (server, bootstrap):
        asyncio.run(
            ensure_topics(bootstrap, [EXAMPLE_TOPIC.name], partitions=EXAMPLE_TOPIC.partitions)
        )
        yield server, bootstrap


@pytest.fixture
def engine(postgres_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(postgres_settings)
    create_tables(engine)
    yield engine
    engine.dispose()


def example_relay(
    service: ExampleService, engine: sa.Engine, kafka_bootstrap: str, metrics: Metrics
) -> OutboxRelay:
    """The example service's relay, quick to retry."""
    return OutboxRelay(
        "example.outbox",
        service,
        translate_example,
        KafkaPublisher(kafka_bootstrap, "test-relay", timeout=3.0),
        RelayPositions(engine),
        relay_lock(engine, "example.outbox"),
        metrics,
        poll_seconds=0.1,
        max_backoff_seconds=1.0,
    )


async def test_commands_succeed_while_kafka_is_down_and_every_event_is_published_after(
    postgres_settings: ServiceSettings,
    engine: sa.Engine,
    broker: tuple[Server, str],
) -> None:
    kafka, kafka_bootstrap = broker
    service = ExampleService(postgres_settings.eventsourcing_env())
    metrics = Metrics("example")
    relay = example_relay(service, engine, kafka_bootstrap, metrics)
    task = asyncio.create_task(relay.run())
    try:
        before = [service.open_case("learner-before") for _ in range(3)]
        await read_envelopes(
            kafka_bootstrap, EXAMPLE_TOPIC.name, {str(c) for c in before}, 3, settle=0
        )

        await asyncio.to_thread(kafka.stop)
        during = [service.open_case("learner-during") for _ in range(5)]
        for case_id in during:
            service.note(case_id, "recorded while Kafka was down")
        failures = metrics.relay_failures.labels("example.outbox")
        await eventually(lambda: failures._value.get() >= 1)  # the relay noticed

        await asyncio.to_thread(kafka.start)
        received = await read_envelopes(
            kafka_bootstrap, EXAMPLE_TOPIC.name, {str(c) for c in during}, 10, timeout=60
        )
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        service.close()

    expected = {event_id(c, v) for c in during for v in (1, 2)}
    assert {e.id for e in received} == expected
    assert all(isinstance(uuid.UUID(e.id), uuid.UUID) for e in received)


async def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(
    postgres_settings: ServiceSettings,
    engine: sa.Engine,
    broker: tuple[Server, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Not a line per retry: the relay, a consumer and the readiness probe each say "lost" once
    and "back" once (with how long); aiokafka's own retry errors are DEBUG."""
    caplog.set_level(logging.INFO)
    kafka, kafka_bootstrap = broker
    service = ExampleService(postgres_settings.eventsourcing_env())
    metrics = Metrics("example")
    relay = example_relay(service, engine, kafka_bootstrap, metrics)
    subscription = KafkaSubscription(
        kafka_bootstrap, [EXAMPLE_TOPIC.name], f"outage-{uuid.uuid4().hex[:8]}"
    )
    await subscription.start()

    async def consume() -> None:
        while True:
            await subscription.fetch(timeout=0.5)

    probe = KafkaProbe(kafka_bootstrap, PLAINTEXT, metrics)
    tasks = [asyncio.create_task(t) for t in (relay.run(), consume(), watch(probe, every=1.0))]
    try:
        await eventually(lambda: metrics.broker_available._value.get() == 1)
        caplog.clear()
        await asyncio.to_thread(kafka.stop)
        stopped = time.monotonic()
        during = [service.open_case("learner-during") for _ in range(3)]
        await eventually(lambda: metrics.broker_available._value.get() == 0, timeout=30)
        await asyncio.sleep(max(0.0, 12 - (time.monotonic() - stopped)))  # retries go on

        await asyncio.to_thread(kafka.start)
        await read_envelopes(
            kafka_bootstrap, EXAMPLE_TOPIC.name, {str(c) for c in during}, 3, timeout=60
        )
        await eventually(lambda: metrics.broker_available._value.get() == 1, timeout=30)
        await eventually(lambda: "relay example.outbox: bus back" in caplog.text, timeout=30)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await subscription.stop()
        service.close()

    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    lines = "\n".join(f"{r.levelname} {r.name} {r.getMessage()}" for r in loud)
    assert len(loud) <= 5, lines  # before: about 150 ERROR lines a second from aiokafka
    assert not [r for r in loud if r.levelno >= logging.ERROR], lines
    messages = [r.getMessage() for r in caplog.records]
    assert sum(m.startswith("example: broker lost") for m in messages) == 1, lines
    assert sum(m.startswith("example: broker back after an outage of") for m in messages) == 1
    assert sum(m.startswith("relay example.outbox: bus lost") for m in messages) == 1, lines
    assert sum(m.startswith("relay example.outbox: bus back after") for m in messages) == 1
