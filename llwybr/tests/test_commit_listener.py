"""The relay woken by commits in another process (PostgreSQL ``LISTEN``/``NOTIFY``,
``llwybr.commit_listener``), and still publishing by polling when notifications are lost."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import sqlalchemy as sa

from llwybr import outbox
from llwybr.bus import InProcessBus
from llwybr.db import create_engine, create_tables
from llwybr.metrics import Metrics
from llwybr.outbox import OutboxRelay, RelayPositions, relay_lock
from llwybr.settings import ServiceSettings
from llwybr_testkit import EXAMPLE_TOPIC, ExampleService, eventually, translate_example

NAME = "example.outbox"


@pytest.fixture
async def engine(postgres_settings: ServiceSettings) -> AsyncIterator[sa.Engine]:
    made = create_engine(postgres_settings)
    create_tables(made)
    yield made
    made.dispose()


@contextlib.asynccontextmanager
async def relaying(
    settings: ServiceSettings, engine: sa.Engine, poll_seconds: float
) -> AsyncIterator[tuple[ExampleService, InProcessBus]]:
    """A relay running on an application of its own (as in another process: no save of the
    writer given out wakes it in process), publishing to an in-memory bus."""
    bus = InProcessBus()
    await bus.attach()
    own = ExampleService(settings.eventsourcing_env())
    relay = OutboxRelay(
        NAME, own, translate_example, bus.publisher(), RelayPositions(engine),
        relay_lock(engine, NAME), Metrics("example"), poll_seconds=poll_seconds,
    )  # fmt: skip
    task = asyncio.create_task(relay.run())
    writer = ExampleService(settings.eventsourcing_env())
    try:
        await asyncio.sleep(0.5)  # the relay has read what there was, and sleeps
        yield writer, bus
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        writer.close()
        own.close()
        await bus.detach()


def published(bus: InProcessBus) -> Callable[[], bool]:
    count = len(bus.log(EXAMPLE_TOPIC.name))
    return lambda: len(bus.log(EXAMPLE_TOPIC.name)) == count + 1


async def test_a_commit_in_another_process_wakes_the_relay(
    postgres_settings: ServiceSettings, engine: sa.Engine
) -> None:
    """The relay polls once an hour here: only the notification can bring the event."""
    async with relaying(postgres_settings, engine, poll_seconds=3600) as (writer, bus):
        for learner in ("learner-notified", "learner-notified-again"):
            one_more = published(bus)
            writer.open_case(learner)
            await eventually(one_more, timeout=20)


async def test_the_relay_still_publishes_when_notifications_are_lost(
    postgres_settings: ServiceSettings, engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def deaf(*_args: Any) -> None:
        await asyncio.Event().wait()  # listening, but nothing ever arrives

    monkeypatch.setattr(outbox, "listen", deaf)
    async with relaying(postgres_settings, engine, poll_seconds=0.2) as (writer, bus):
        one_more = published(bus)
        writer.open_case("learner-polled")
        await eventually(one_more, timeout=20)
