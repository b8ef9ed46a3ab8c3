"""The tracked consumer: events from the bus applied exactly once in effect.

Each event's effect and the record that it was applied (keyed by consumer and CloudEvent id)
are written in one transaction; the offset is committed only after that. A redelivered
event, whether from a relay that published twice or a consumer that died before
committing, finds its record and changes nothing.
"""

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from eventsourcing.persistence import IntegrityError, Tracking
from sqlalchemy.dialects import postgresql, sqlite

from contracts.envelope import Envelope
from llwybr import context
from llwybr.blocking import run_blocking
from llwybr.bus import Delivery, Subscription
from llwybr.db import metadata
from llwybr.eventstore import ChainedApplication
from llwybr.metrics import Metrics
from llwybr.outage import OutageLog

log = logging.getLogger(__name__)

processed_events = sa.Table(
    "processed_events",
    metadata,
    sa.Column("consumer", sa.String(200), primary_key=True),
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("event_type", sa.String(200), nullable=False),
    sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
)

dead_letters = sa.Table(
    "consumer_dead_letters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("consumer", sa.String(200), nullable=False),
    sa.Column("topic", sa.String(200), nullable=False),
    sa.Column("partition", sa.Integer, nullable=False),
    sa.Column("offset", sa.BigInteger, nullable=False),
    sa.Column("raw", sa.LargeBinary, nullable=True),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
)


#: Errors that say the event cannot be applied at all (as opposed to a database or network
#: fault, which is retried).
UNPROCESSABLE = (ValueError, KeyError, TypeError, LookupError)


class Effect(Protocol):
    """Apply one event atomically with its dedup record; False if it was already applied."""

    def apply(self, envelope: Envelope) -> bool: ...


Handler = Callable[[sa.Connection, Envelope], None]


class TableEffect:
    """An effect on plain tables, in the same SQLAlchemy transaction as the dedup record."""

    def __init__(self, engine: sa.Engine, consumer: str, handler: Handler) -> None:
        self._engine, self._consumer, self._handler = engine, consumer, handler
        dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        # RETURNING tells a new row from a conflict on both databases (rowcount does not).
        self._insert = (
            dialect.insert(processed_events)
            .on_conflict_do_nothing()
            .returning(processed_events.c.event_id)
        )

    def apply(self, envelope: Envelope) -> bool:
        with self._engine.begin() as conn:
            recorded = conn.execute(
                self._insert,
                {
                    "consumer": self._consumer,
                    "event_id": envelope.id,
                    "event_type": envelope.type,
                    "processed_at": datetime.now(UTC),
                },
            )
            if recorded.first() is None:
                return False
            self._handler(conn, envelope)
        return True


AggregateHandler = Callable[[Envelope], Sequence[Any]]


class ApplicationEffect:
    """An effect on an event-sourced application: the aggregates the handler changed are saved
    with a tracking record in one transaction.

    The tracking record is (consumer and source aggregate, source version): one source
    aggregate's events arrive in order (same learner, same partition), so a version at or
    below the recorded one is a redelivery.
    """

    def __init__(
        self, application: ChainedApplication, consumer: str, handler: AggregateHandler
    ) -> None:
        self._app, self._consumer, self._handler = application, consumer, handler

    def apply(self, envelope: Envelope) -> bool:
        name = f"{self._consumer}:{envelope.aggregate_id}"
        tracking = Tracking(name, envelope.aggregate_version)
        recorder = self._app.tracking_recorder
        if recorder.has_tracking_id(tracking.application_name, tracking.notification_id):
            return False
        changed = self._handler(envelope)
        try:
            self._app.save_tracked(*changed, tracking=tracking)
        except IntegrityError:
            if recorder.has_tracking_id(tracking.application_name, tracking.notification_id):
                return False  # another consumer instance applied it first
            raise
        return True


class TrackedConsumer:
    """Reads a subscription, applies each event once, then commits the offsets."""

    def __init__(
        self,
        name: str,
        subscription_factory: Callable[[], Subscription],
        effect: Effect,
        engine: sa.Engine,
        metrics: Metrics,
        *,
        max_backoff_seconds: float = 5.0,
    ) -> None:
        self.name = name
        self._new_subscription = subscription_factory
        self._effect = effect
        self._engine = engine
        self._metrics = metrics
        self._max_backoff = max_backoff_seconds
        self.applied = 0
        self.duplicates = 0

    async def run(self) -> None:
        """Consume until cancelled, reconnecting with back-off when the bus is away."""
        backoff = 0.2
        outage = OutageLog(log, f"consumer {self.name}", "bus")  # a line per outage, not retry
        while True:
            subscription = self._new_subscription()
            try:
                await subscription.start()
                outage.succeeded()
                backoff = 0.2
                await self.consume(subscription)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                outage.failed(error, retry_in=backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
            finally:
                await subscription.stop()

    async def consume(self, subscription: Subscription) -> None:
        """The loop proper: effect stored, then offset committed; raises on a bus failure."""
        while True:
            deliveries = await subscription.fetch(timeout=0.5)
            for delivery in deliveries:
                await self._handle(delivery)
            if deliveries:
                await self.commit(subscription, deliveries)
            lag = subscription.lag()
            if lag is not None:
                self._metrics.consumer_lag.labels(self.name).set(lag)

    async def commit(self, subscription: Subscription, deliveries: Sequence[Delivery]) -> None:
        await subscription.commit(deliveries)

    async def _handle(self, delivery: Delivery) -> None:
        envelope = delivery.envelope
        if envelope is None:
            await run_blocking(self._dead_letter, delivery)
            self._metrics.consumer_events.labels(self.name, "dead_letter").inc()
            return
        backoff = 0.2
        while True:
            try:
                applied = await run_blocking(self._apply, envelope)
                break
            except UNPROCESSABLE as error:
                # The event itself cannot be applied (a payload this consumer cannot read):
                # retrying cannot help, so it is set aside, kept, and the partition moves on.
                failed = Delivery(delivery.topic, delivery.partition, delivery.offset, None,
                                  repr(envelope).encode(), f"unprocessable: {error!r}")  # fmt: skip
                await run_blocking(self._dead_letter, failed)
                self._metrics.consumer_events.labels(self.name, "dead_letter").inc()
                return
            except Exception:
                # The effect is retried, never skipped: skipping would lose it for good.
                log.exception("consumer %s: effect of %s failed", self.name, envelope.id)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
        if applied:
            self.applied += 1
        else:
            self.duplicates += 1
        self._metrics.consumer_events.labels(self.name, "applied" if applied else "duplicate").inc()

    def _apply(self, envelope: Envelope) -> bool:
        caused_by = context.CommandContext(
            actor=f"consumer:{self.name}",
            correlation_id=envelope.correlation_id or envelope.id,
            causation_id=envelope.id,
        )
        with context.acting(caused_by):
            return self._effect.apply(envelope)

    def _dead_letter(self, delivery: Delivery) -> None:
        log.error(
            "consumer %s: unreadable message %s/%s@%s set aside: %s",
            self.name,
            delivery.topic,
            delivery.partition,
            delivery.offset,
            delivery.error,
        )
        with self._engine.begin() as conn:
            conn.execute(
                dead_letters.insert().values(
                    consumer=self.name,
                    topic=delivery.topic,
                    partition=delivery.partition,
                    offset=delivery.offset,
                    raw=delivery.raw,
                    error=delivery.error or "unreadable",
                    received_at=datetime.now(UTC),
                )
            )
