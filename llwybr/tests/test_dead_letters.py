"""A handler that raises is retried with back-off and an alert, then set aside as a dead letter
that an operator lists and replays after a fix (issue #21, ADR 0002); on SQLite and PostgreSQL.

The events come through the durable embedded bus; the consumer's tables are on the store the
test is parametrised with.
"""

import asyncio
import contextlib
import dataclasses
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from contracts.envelope import Envelope
from llwybr import dead_letters
from llwybr.bus import FILE_NAME, InProcessBus
from llwybr.consumer import TableEffect, TrackedConsumer, processed_events
from llwybr.db import create_engine, create_tables
from llwybr.metrics import Metrics
from llwybr.settings import ServiceSettings
from llwybr_testkit import EXAMPLE_TOPIC, ExampleNoted, eventually

CONSUMER = "example.effects"


def noted(text: str) -> Envelope:
    envelope = Envelope.wrap(
        ExampleNoted(case_id=uuid.uuid4(), text=text),
        learner_id="learner-1",
        aggregate_id=uuid.uuid4(),
        aggregate_version=1,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )
    return dataclasses.replace(envelope, topic=EXAMPLE_TOPIC.name)


class Flaky:
    """A handler that raises ``KeyError`` for the texts in ``failing`` (``times`` each, or
    always), and records what it applied."""

    def __init__(self, failing: set[str], times: int | None = None) -> None:
        self.failing, self.times = failing, times
        self.calls: dict[str, int] = {}
        self.applied: list[str] = []

    def __call__(self, _conn: sa.Connection, envelope: Envelope) -> None:
        text = envelope.data["text"]
        self.calls[text] = self.calls.get(text, 0) + 1
        if text in self.failing and (self.times is None or self.calls[text] <= self.times):
            raise KeyError("deciding_organisation")  # the bug of issue #21
        self.applied.append(text)


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(store_settings)
    create_tables(engine)
    yield engine
    engine.dispose()


@contextlib.asynccontextmanager
async def consuming(
    tmp_path: Path, engine: sa.Engine, handler: Flaky, texts: list[str], max_attempts: int = 3
) -> AsyncIterator[TrackedConsumer]:
    bus = InProcessBus(tmp_path / FILE_NAME)
    await bus.attach()
    await bus.publisher().publish([noted(t) for t in texts])
    consumer = TrackedConsumer(
        CONSUMER,
        lambda: bus.subscription([EXAMPLE_TOPIC.name], "effects"),
        TableEffect(engine, CONSUMER, handler),
        engine,
        Metrics("example"),
        max_backoff_seconds=0.2,
        max_attempts=max_attempts,
        first_backoff_seconds=0.05,
    )
    task = asyncio.create_task(consumer.run())
    try:
        yield consumer
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await bus.detach()


def sample(consumer: TrackedConsumer, name: str) -> float | None:
    metrics: Metrics = consumer._metrics
    labels = {"service": "example", "consumer": CONSUMER}
    return metrics.registry.get_sample_value(name, labels)


def alerts(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.ERROR and "ALERT" in r.getMessage() and text in r.getMessage()
    ]


async def test_a_handler_that_fails_twice_then_succeeds_is_applied_once_after_back_off(
    tmp_path: Path, engine: sa.Engine, caplog: pytest.LogCaptureFixture
) -> None:
    handler = Flaky({"flaky"}, times=2)
    started = asyncio.get_running_loop().time()
    async with consuming(tmp_path, engine, handler, ["flaky", "next"]) as consumer:
        await eventually(lambda: handler.applied == ["flaky", "next"], timeout=20)
        assert sample(consumer, "llwybr_consumer_stuck_messages") == 0
    assert asyncio.get_running_loop().time() - started >= 0.05 + 0.1  # two back-offs
    assert handler.calls == {"flaky": 3, "next": 1}
    assert consumer.applied == 2
    assert consumer.dead_lettered == 0
    [alert] = alerts(caplog, "retrying up to")  # once per stuck message, not once per try
    assert noted("flaky").type in alert
    with engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(dead_letters.dead_letters)).scalar()
            == 0
        )
        assert conn.execute(sa.select(sa.func.count()).select_from(processed_events)).scalar() == 2


async def test_a_handler_that_always_fails_is_dead_lettered_after_n_tries_with_an_alert(
    tmp_path: Path, engine: sa.Engine, caplog: pytest.LogCaptureFixture
) -> None:
    handler = Flaky({"broken"})
    async with consuming(tmp_path, engine, handler, ["broken", "after"]) as consumer:
        await eventually(lambda: handler.applied == ["after"], timeout=20)  # not blocked for good
        assert sample(consumer, "llwybr_consumer_dead_letters_total") == 1
        assert sample(consumer, "llwybr_consumer_dead_letters_waiting") == 1
        assert sample(consumer, "llwybr_consumer_stuck_messages") == 0
    assert handler.calls["broken"] == 3
    [letter] = dead_letters.page(engine)
    assert letter["consumer"] == CONSUMER
    assert letter["attempts"] == 3
    assert "KeyError('deciding_organisation')" in letter["error"]
    assert letter["event_type"] == noted("broken").type
    assert letter["replayable"] is True
    assert letter["replayed_at"] is None
    assert len(alerts(caplog, "retrying up to")) == 1
    [parked] = alerts(caplog, "dead letter")
    assert letter["event_id"] in parked


async def test_a_dead_letter_is_listed_newest_first_and_replayed_once_after_a_fix(
    tmp_path: Path, engine: sa.Engine
) -> None:
    handler = Flaky({"first", "second", "third"})
    texts = ["first", "second", "third"]
    async with consuming(tmp_path, engine, handler, texts, max_attempts=1) as consumer:
        await eventually(lambda: consumer.dead_lettered == 3, timeout=20)
        first_page = dead_letters.page(engine, consumer=CONSUMER, limit=2)
        assert [letter["attempts"] for letter in first_page] == [1, 1]
        rest = dead_letters.page(engine, consumer=CONSUMER, before=first_page[-1]["id"])
        ids = [letter["id"] for letter in first_page + rest]
        assert ids == sorted(ids, reverse=True)
        assert len(ids) == 3
        assert dead_letters.page(engine, consumer="another") == []

        handler.failing = set()  # the fix is deployed
        oldest = ids[-1]
        event_id, outcome = consumer.replay(oldest, "operator:test")
        assert outcome == "applied"
        assert handler.applied == ["first"]
        assert consumer.replay(oldest, "operator:test") == (event_id, "already-replayed")
        assert handler.applied == ["first"]  # once
        assert sample(consumer, "llwybr_consumer_dead_letters_waiting") == 2

        # A row marked replayed is a record, not the guard: the effect's dedup is.
        with engine.begin() as conn:
            conn.execute(dead_letters.dead_letters.update().values(replayed_at=None))
        assert consumer.replay(oldest, "operator:test") == (event_id, "duplicate")
        assert handler.applied == ["first"]

    [replayed] = [letter for letter in dead_letters.page(engine) if letter["id"] == oldest]
    assert replayed["event_id"] == event_id
    assert replayed["replayed_at"] is not None
    with pytest.raises(LookupError):
        consumer.replay(max(ids) + 1, "operator:test")


async def test_a_replay_whose_handler_still_fails_leaves_the_letter_waiting(
    tmp_path: Path, engine: sa.Engine
) -> None:
    handler = Flaky({"broken"})
    async with consuming(tmp_path, engine, handler, ["broken"], max_attempts=1) as consumer:
        await eventually(lambda: consumer.dead_lettered == 1, timeout=20)
    [letter] = dead_letters.page(engine)
    with pytest.raises(KeyError):
        consumer.replay(letter["id"], "operator:test")
    [still] = dead_letters.page(engine)
    assert still["replayed_at"] is None


def test_an_older_table_gains_the_new_columns(sqlite_settings: ServiceSettings) -> None:
    engine = create_engine(sqlite_settings)
    try:
        old = sa.MetaData()
        sa.Table(
            "consumer_dead_letters",
            old,
            *(c._copy() for c in dead_letters.dead_letters.c if c.name in OLD_COLUMNS),
        )
        old.create_all(engine)
        dead_letters.add_missing_columns(engine)
        dead_letters.add_missing_columns(engine)  # twice: nothing left to add
        assert dead_letters.page(engine) == []
    finally:
        engine.dispose()


OLD_COLUMNS = {"id", "consumer", "topic", "partition", "offset", "raw", "error", "received_at"}
