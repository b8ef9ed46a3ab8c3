"""The bus interfaces, and the in-process bus that stands in for Kafka in embedded mode.

The outbox relay publishes through a ``Publisher``; a tracked consumer reads through a
``Subscription``. Kafka (``llwybr.kafka``) and the in-process bus implement both, so a
service runs the same code in either mode. The in-process bus is durable: it keeps its
topics in a SQLite file (``llwybr.bus_log``).
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from contracts.envelope import Envelope
from llwybr import tracing
from llwybr.blocking import run_blocking
from llwybr.bus_log import BusLog, Record

#: The embedded bus's file, in the embedded system's data directory (``LLWYBR_VAR_DIR``).
FILE_NAME = "bus.sqlite"


@dataclass(frozen=True)
class Delivery:
    """A received message and where it sits in its topic (for committing).

    A message that is not a readable CloudEvent has no envelope but its raw value and the
    error, so the consumer can set it aside (dead letter) instead of losing or looping on it.
    """

    topic: str
    partition: int
    offset: int
    envelope: Envelope | None
    raw: bytes | None = None
    error: str | None = None

    @classmethod
    def of_record(
        cls,
        topic: str,
        partition: int,
        offset: int,
        key: bytes | None,
        value: bytes,
        headers: list[tuple[str, bytes]],
    ) -> "Delivery":
        """A Kafka record (binary content mode) as a delivery. One that is not a readable
        CloudEvent comes with its raw value and the error, whatever the parsing raised (the
        SDK's validation error is no ``ValueError``), so the consumer sets it aside instead of
        stopping on it for good."""
        try:
            envelope = Envelope.from_kafka(topic, key, value, headers)
        except Exception as error:  # parsing only, no I/O: any failure means unreadable
            return cls(topic, partition, offset, None, value, repr(error))
        return cls(topic, partition, offset, envelope)


class Publisher(Protocol):
    async def start(self) -> None: ...

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        """Return only when every envelope is acknowledged; raise if any is not."""

    async def stop(self) -> None: ...


class Subscription(Protocol):
    async def start(self) -> None: ...

    async def fetch(self, timeout: float) -> list[Delivery]:
        """The next deliveries, in order per partition; empty after ``timeout`` seconds."""

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        """Mark deliveries as done for this consumer group."""

    async def stop(self) -> None: ...

    def lag(self) -> int | None:
        """Messages waiting for this consumer, if known."""


class InProcessBus:
    """The embedded bus: topics and consumer groups' offsets in a SQLite file, wake-ups in
    this process (embedded mode; ADR 0006).

    Like Kafka, and unlike a bus in memory, it keeps what it acknowledged: ``publish`` returns
    once the envelopes are committed to the file (so the outbox relay advances its position
    only after that), and ``commit`` records a consumer group's offsets durably. A process
    killed at any moment loses nothing: after a restart each consumer group goes on from its
    committed offset, and what it had been handed but not committed is delivered again (the
    tracked consumers apply each event once, so that changes nothing).

    ``path=None`` keeps everything in memory, for tests that need no file; the code is the
    same. The file opens on first use; ``attach``/``detach`` let each service that shares the
    bus say it is using it, and the file is closed when the last one detaches.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._log = BusLog(path)
        self._users = 0
        self._generation = 0  # counts appends, so a waiting reader misses none
        self._appended = asyncio.Condition()

    @classmethod
    def in_directory(cls, var_dir: Path) -> "InProcessBus":
        """The embedded system's bus: ``bus.sqlite`` in its data directory."""
        return cls(var_dir / FILE_NAME)

    @property
    def path(self) -> Path | None:
        return self._log.path

    def publisher(self) -> "InProcessPublisher":
        return InProcessPublisher(self)

    def subscription(self, topics: Sequence[str], group: str) -> "InProcessSubscription":
        return InProcessSubscription(self, tuple(topics), group)

    def log(self, topic: str) -> list[Envelope]:
        """Every envelope in ``topic`` (for tests and tools: it reads on the calling thread)."""
        deliveries = map(_delivery, self._log.read({topic: 0}, limit=-1))
        return [d.envelope for d in deliveries if d.envelope is not None]

    async def attach(self) -> None:
        """A service starts using the bus (opens the file if it is not open)."""
        self._users += 1
        await run_blocking(self._log.open)

    async def detach(self) -> None:
        """A service stops using the bus; the last one out closes the file."""
        self._users -= 1
        if self._users <= 0:
            self._users = 0
            await run_blocking(self._log.close)

    async def _append(self, envelopes: Sequence[Envelope]) -> None:
        await run_blocking(self._log.append, envelopes)
        async with self._appended:
            self._generation += 1
            self._appended.notify_all()


class InProcessPublisher:
    def __init__(self, bus: InProcessBus) -> None:
        self._bus = bus

    async def start(self) -> None:
        return None

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        """Return once every envelope is committed to the bus's file."""
        if envelopes:
            with tracing.publishing(envelopes, "llwybr-bus") as traced:  # trace context travels
                await self._bus._append(traced)

    async def stop(self) -> None:
        return None


class InProcessSubscription:
    """A consumer group member on the embedded bus (one member per group: one process)."""

    def __init__(
        self, bus: InProcessBus, topics: tuple[str, ...], group: str, batch_size: int = 200
    ) -> None:
        self._bus, self._topics, self._group = bus, topics, group
        self._batch_size = batch_size
        self._positions: dict[str, int] = {}

    async def start(self) -> None:
        """Go on from the group's committed offsets (the start of each topic if none)."""
        self._positions = await run_blocking(self._bus._log.committed, self._group, self._topics)

    async def fetch(self, timeout: float) -> list[Delivery]:
        seen = self._bus._generation
        deliveries = await self._read()
        if deliveries:
            return deliveries
        condition = self._bus._appended
        async with condition:
            try:
                async with asyncio.timeout(timeout):
                    await condition.wait_for(lambda: self._bus._generation != seen)
            except TimeoutError:
                return []
        return await self._read()

    async def _read(self) -> list[Delivery]:
        positions = dict(self._positions)
        records = await run_blocking(self._bus._log.read, positions, self._batch_size)
        for record in records:
            self._positions[record.topic] = record.position + 1
        return [_delivery(r) for r in records]

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        """Record the group's offsets past ``deliveries``, durably, before returning."""
        offsets: dict[str, int] = {}
        for d in deliveries:
            offsets[d.topic] = max(offsets.get(d.topic, 0), d.offset + 1)
        if offsets:
            await run_blocking(self._bus._log.commit, self._group, offsets)

    async def stop(self) -> None:
        return None

    def lag(self) -> int | None:
        if not self._positions:
            return None
        log = self._bus._log
        return sum(max(0, log.end(t) - self._positions[t]) for t in self._topics)


def _delivery(record: Record) -> Delivery:
    return Delivery.of_record(
        record.topic, 0, record.position, record.key, record.value, record.headers
    )
