"""Kafka stops while the service keeps working; nothing is lost when it comes back."""

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from contracts.envelope import event_id
from llwybr.db import create_engine, create_tables
from llwybr.kafka import KafkaPublisher, ensure_topics
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


async def test_commands_succeed_while_kafka_is_down_and_every_event_is_published_after(
    postgres_settings: ServiceSettings,
    engine: sa.Engine,
    broker: tuple[Server, str],
) -> None:
    kafka, kafka_bootstrap = broker
    service = ExampleService(postgres_settings.eventsourcing_env())
    metrics = Metrics("example")
    relay = OutboxRelay(
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
