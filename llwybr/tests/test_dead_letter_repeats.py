"""A message delivered again is set aside once (issue #21): one dead letter per (consumer,
topic, partition, offset), on SQLite and PostgreSQL, and an older table's repeats are removed
when the unique index is added. And a consumer whose subscription fails to stop goes on."""

import asyncio
import functools
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from llwybr import dead_letters
from llwybr.bus import FILE_NAME, Delivery, InProcessBus
from llwybr.consumer import TableEffect, TrackedConsumer
from llwybr.db import create_engine, create_tables
from llwybr.metrics import Metrics
from llwybr.settings import ServiceSettings
from llwybr_testkit import EXAMPLE_TOPIC, eventually

from .test_dead_letters import CONSUMER, Flaky, alerts, noted


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(store_settings)
    yield engine
    engine.dispose()


def letter(offset: int, text: str = "a note") -> dead_letters.Letter:
    return dead_letters.Letter(
        CONSUMER, "example.v1", 0, offset, "KeyError: x", envelope=noted(text), attempts=8
    )


def test_a_message_delivered_again_is_one_dead_letter(engine: sa.Engine) -> None:
    create_tables(engine)
    first = dead_letters.set_aside(engine, letter(7))
    again = dead_letters.set_aside(engine, letter(7, "delivered again"))
    other = dead_letters.set_aside(engine, letter(8))

    assert (first[1], again[1], other[1]) == (True, False, True)
    assert again[0] == first[0] != other[0]
    assert dead_letters.store(engine, letter(7)) == first[0]
    assert sorted(row["offset"] for row in dead_letters.page(engine)) == [7, 8]
    assert dead_letters.waiting(engine, CONSUMER) == 2


def test_an_older_tables_repeats_are_removed_keeping_the_replayed_one(engine: sa.Engine) -> None:
    old = sa.MetaData()
    table = sa.Table(
        dead_letters.dead_letters.name, old, *(c._copy() for c in dead_letters.dead_letters.c)
    )  # the columns without the unique index
    old.create_all(engine)
    now = datetime.now(UTC)
    row = {"consumer": CONSUMER, "topic": "example.v1", "partition": 0, "error": "e"}
    row |= {"received_at": now, "replayed_at": None}  # every row names every column
    with engine.begin() as conn:
        conn.execute(
            table.insert(),
            [
                {**row, "offset": 7},
                {**row, "offset": 7, "replayed_at": now},
                {**row, "offset": 7},
                {**row, "offset": 9},
                {**row, "offset": 9},
            ],
        )

    dead_letters.add_missing_columns(engine)
    dead_letters.add_missing_columns(engine)  # twice: nothing left to do

    kept = {(r["offset"], r["id"], r["replayed_at"] is not None) for r in dead_letters.page(engine)}
    assert kept == {(7, 2, True), (9, 4, False)}
    assert dead_letters.set_aside(engine, letter(9)) == (4, False)


def done(consumer: TrackedConsumer, caplog: pytest.LogCaptureFixture) -> bool:
    """The message set aside by this consumer, or found set aside already."""
    return consumer.dead_lettered == 1 or any("already" in r.getMessage() for r in caplog.records)


async def test_a_consumer_handed_a_message_again_sets_it_aside_once(
    tmp_path: Path, engine: sa.Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """The same messages, at the same offsets, handed to the consumer twice (as after it died
    before committing: here a second group of the same consumer reads the topic again)."""
    create_tables(engine)
    bus = InProcessBus(tmp_path / FILE_NAME)
    await bus.attach()
    await bus.publisher().publish([noted("broken")])
    handler = Flaky({"broken"})
    runs = []
    try:
        for group in ("effects", "effects-after-a-crash"):
            consumer = TrackedConsumer(
                CONSUMER,
                functools.partial(bus.subscription, [EXAMPLE_TOPIC.name], group),
                TableEffect(engine, CONSUMER, handler),
                engine,
                Metrics("example"),
                max_backoff_seconds=0.1,
                max_attempts=2,
                first_backoff_seconds=0.01,
            )
            task = asyncio.create_task(consumer.run())
            # The first run sets the message aside; the second finds it set aside already.
            await eventually(functools.partial(done, consumer, caplog), timeout=20)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            runs.append(consumer.dead_lettered)
    finally:
        await bus.detach()

    assert handler.calls["broken"] == 4  # tried again on the second delivery, as it must be
    assert runs == [1, 0]  # counted (and alerted) by the first only
    assert len(dead_letters.page(engine)) == 1
    assert len(alerts(caplog, "set aside as dead letter")) == 1


class FailingToStop:
    """A subscription whose bus is away: ``fetch`` and ``stop`` raise, the first ``times``."""

    def __init__(self, times: int) -> None:
        self.times, self.starts = times, 0

    async def start(self) -> None:
        self.starts += 1

    async def fetch(self, timeout: float) -> list[Delivery]:
        if self.starts <= self.times:
            raise OSError("bus away")
        await asyncio.sleep(timeout)
        return []

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        """Nothing is delivered, so nothing is committed."""

    async def stop(self) -> None:
        if self.starts <= self.times:
            raise OSError("bus away, cannot leave the group")

    def lag(self) -> int | None:
        return None


async def test_a_subscription_that_fails_to_stop_does_not_end_the_consumer(
    engine: sa.Engine,
) -> None:
    create_tables(engine)
    subscription = FailingToStop(times=2)
    consumer = TrackedConsumer(
        CONSUMER,
        lambda: subscription,
        TableEffect(engine, CONSUMER, Flaky(set())),
        engine,
        Metrics("example"),
        max_backoff_seconds=0.05,
    )
    task = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: subscription.starts == 3, timeout=20)  # went on after both
        assert not task.done()
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
