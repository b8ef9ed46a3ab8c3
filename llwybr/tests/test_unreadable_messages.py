"""A message on a topic that is not a CloudEvent is set aside (dead letter) and the consumer
goes on, on Kafka and on the embedded bus alike.

A record with no ``ce_*`` headers makes the CloudEvents SDK raise its validation error, which
is no ``ValueError``: it used to escape the Kafka subscription, so the consumer reconnected and
met the same record again, for ever, and nothing after it on the partition was applied.
"""

import asyncio
import contextlib
import dataclasses
import sqlite3
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from contracts.envelope import Envelope
from llwybr.bus import FILE_NAME, InProcessBus, Subscription
from llwybr.consumer import TableEffect, TrackedConsumer, dead_letters
from llwybr.kafka import KafkaPublisher, KafkaSubscription, ensure_topics
from llwybr.metrics import Metrics
from llwybr_testkit import ExampleNoted, eventually

GARBAGE = b"not a cloudevent"


def noted(topic: str) -> Envelope:
    envelope = Envelope.wrap(
        ExampleNoted(case_id=uuid.uuid4(), text="after the garbage"),
        learner_id="learner-1",
        aggregate_id=uuid.uuid4(),
        aggregate_version=1,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )
    return dataclasses.replace(envelope, topic=topic)


@contextlib.asynccontextmanager
async def garbage_then_event_on_kafka(
    bootstrap: str, topic: str
) -> AsyncIterator[Callable[[], Subscription]]:
    await ensure_topics(bootstrap, [topic], partitions=1)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topic, GARBAGE, key=b"learner-1")  # no ce_* headers
    finally:
        await producer.stop()
    publisher = KafkaPublisher(bootstrap, "unreadable-test")
    await publisher.publish([noted(topic)])
    await publisher.stop()
    group = f"unreadable-{uuid.uuid4().hex[:8]}"
    try:
        yield lambda: KafkaSubscription(bootstrap, [topic], group)
    finally:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            await admin.delete_topics([topic])
        finally:
            await admin.close()


@contextlib.asynccontextmanager
async def garbage_then_event_on_the_embedded_bus(
    path: Path, topic: str
) -> AsyncIterator[Callable[[], Subscription]]:
    bus = InProcessBus(path)
    await bus.attach()
    await bus.detach()  # the file and its tables exist
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.execute("INSERT INTO messages VALUES (?, 0, NULL, ?, '[]')", (topic, GARBAGE))
        other.commit()
    await bus.publisher().publish([noted(topic)])
    yield lambda: bus.subscription([topic], "unreadable")


async def consumes_past_the_garbage(
    subscriptions: Callable[[], Subscription], sqlite_engine: sa.Engine
) -> None:
    """The consumer sets the garbage aside (kept, with its error) and applies the next event."""
    applied: list[str] = []
    effect = TableEffect(sqlite_engine, "unreadable", lambda _c, e: applied.append(e.data["text"]))
    consumer = TrackedConsumer(
        "unreadable",
        subscriptions,
        effect,
        sqlite_engine,
        Metrics("example"),
        max_backoff_seconds=0.5,
    )
    task = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: applied == ["after the garbage"], timeout=20)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    with sqlite_engine.connect() as conn:
        [row] = conn.execute(sa.select(dead_letters.c.raw, dead_letters.c.error)).all()
    assert row.raw == GARBAGE
    assert "CloudEvent" in row.error


def new_topic() -> str:
    return f"llwybr.test.unreadable-{uuid.uuid4().hex[:8]}.v1"


async def test_on_the_embedded_bus(tmp_path: Path, sqlite_engine: sa.Engine) -> None:
    async with garbage_then_event_on_the_embedded_bus(tmp_path / FILE_NAME, new_topic()) as subs:
        await consumes_past_the_garbage(subs, sqlite_engine)


@pytest.mark.integration
async def test_on_kafka(kafka_bootstrap: str, sqlite_engine: sa.Engine) -> None:
    async with garbage_then_event_on_kafka(kafka_bootstrap, new_topic()) as subs:
        await consumes_past_the_garbage(subs, sqlite_engine)
