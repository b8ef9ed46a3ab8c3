"""The bus interfaces, and the in-process bus that stands in for Kafka in embedded mode.

The outbox relay publishes through a ``Publisher``; a tracked consumer reads through a
``Subscription``. Kafka (``llwybr.kafka``) and the in-process bus implement both, so a
service runs the same code in either mode.
"""

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from contracts.envelope import Envelope


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
    """Topics as in-memory logs, consumer groups with committed offsets (embedded mode only).

    Unlike Kafka it keeps nothing across a restart: an event relayed but not yet consumed when
    the process stops is not delivered again to in-process consumers (ADR 0006). The event
    stores remain the record.
    """

    def __init__(self) -> None:
        self._logs: dict[str, list[Envelope]] = defaultdict(list)
        self._committed: dict[tuple[str, str], int] = {}
        self._changed = asyncio.Condition()

    def publisher(self) -> "InProcessPublisher":
        return InProcessPublisher(self)

    def subscription(self, topics: Sequence[str], group: str) -> "InProcessSubscription":
        return InProcessSubscription(self, tuple(topics), group)

    def log(self, topic: str) -> list[Envelope]:
        return list(self._logs[topic])

    async def _append(self, envelopes: Sequence[Envelope]) -> None:
        async with self._changed:
            for envelope in envelopes:
                self._logs[envelope.topic].append(envelope)
            self._changed.notify_all()


class InProcessPublisher:
    def __init__(self, bus: InProcessBus) -> None:
        self._bus = bus

    async def start(self) -> None:
        return None

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        await self._bus._append(envelopes)

    async def stop(self) -> None:
        return None


class InProcessSubscription:
    def __init__(self, bus: InProcessBus, topics: tuple[str, ...], group: str) -> None:
        self._bus, self._topics, self._group = bus, topics, group
        self._positions: dict[str, int] = {}

    async def start(self) -> None:
        for topic in self._topics:
            self._positions[topic] = self._bus._committed.get((self._group, topic), 0)

    def _pending(self) -> list[Delivery]:
        pending: list[Delivery] = []
        for topic in self._topics:
            log = self._bus._logs[topic]
            start = self._positions[topic]
            pending.extend(Delivery(topic, 0, start + i, e) for i, e in enumerate(log[start:]))
            self._positions[topic] = len(log)
        return pending

    async def fetch(self, timeout: float) -> list[Delivery]:
        pending = self._pending()
        if pending:
            return pending
        async with self._bus._changed:
            try:
                async with asyncio.timeout(timeout):
                    await self._bus._changed.wait()
            except TimeoutError:
                return []
        return self._pending()

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        for d in deliveries:
            key = (self._group, d.topic)
            self._bus._committed[key] = max(self._bus._committed.get(key, 0), d.offset + 1)

    async def stop(self) -> None:
        return None

    def lag(self) -> int | None:
        return sum(len(self._bus._logs[t]) - self._positions.get(t, 0) for t in self._topics)
