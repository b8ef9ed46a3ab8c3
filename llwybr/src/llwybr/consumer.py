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
from typing import Any, Literal, Protocol

import sqlalchemy as sa
from eventsourcing import persistence as es_persistence
from eventsourcing.persistence import IntegrityError, Tracking
from pydantic import ValidationError
from sqlalchemy.dialects import postgresql, sqlite

from contracts.envelope import Envelope
from contracts.events import UnknownEventTypeError
from llwybr import context
from llwybr import dead_letters as letters
from llwybr.blocking import run_blocking
from llwybr.bus import Delivery, Subscription
from llwybr.db import metadata
from llwybr.dead_letters import Letter
from llwybr.dead_letters import dead_letters as dead_letters  # the table, imported from here
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

#: Errors that say the event can never be read here (a type no contract has, data that does
#: not validate as its contract): set aside at once, since no retry can help.
UNPROCESSABLE = (UnknownEventTypeError, ValidationError)

#: Faults of the database or the network: retried without limit, never set aside (a restart of
#: PostgreSQL must not turn every event in flight into a dead letter).
TRANSIENT = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.TimeoutError,
    es_persistence.OperationalError,
    es_persistence.InterfaceError,
    es_persistence.IntegrityError,  # a command saved the same aggregate first: load again
    OSError,
)


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

    def replay(self, envelope: Envelope) -> bool:
        """Apply a dead letter again: its dedup record was never written, so as ``apply``."""
        return self.apply(envelope)


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

    def replay(self, envelope: Envelope) -> bool:
        """Apply a dead letter again, once.

        Its own tracking record (by source aggregate and version): the consumer may have
        applied later events of the same aggregate meanwhile, which the ordered tracking of
        ``apply`` would take for this one.
        """
        name = f"{self._consumer}:{envelope.aggregate_id}@{envelope.aggregate_version}"
        tracking = Tracking(name, envelope.aggregate_version)
        recorder = self._app.tracking_recorder
        if recorder.has_tracking_id(tracking.application_name, tracking.notification_id):
            return False
        self._app.save_tracked(*self._handler(envelope), tracking=tracking)
        return True


ReplayOutcome = Literal["applied", "duplicate", "already-replayed"]


class NotReplayableError(Exception):
    """The dead letter holds no readable event (or is another consumer's)."""


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
        max_attempts: int = 8,
        first_backoff_seconds: float = 0.2,
    ) -> None:
        self.name = name
        self._new_subscription = subscription_factory
        self._effect = effect
        self._engine = engine
        self._metrics = metrics
        self._max_backoff = max_backoff_seconds
        self._max_attempts = max_attempts
        self._first_backoff = first_backoff_seconds
        self.applied = 0
        self.duplicates = 0
        self.dead_lettered = 0

    def _labels(self) -> tuple[str, str]:
        return self._metrics.service, self.name

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
                await self._count_waiting()
                await self.consume(subscription)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                outage.failed(error, retry_in=backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
            finally:
                await self._stop(subscription)

    async def _stop(self, subscription: Subscription) -> None:
        """Stop a subscription; a failure to (the broker away) must not end the consumer's task
        for good: nothing would start it again, and its effects would stop silently."""
        try:
            await subscription.stop()
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("consumer %s: subscription did not stop cleanly: %r", self.name, error)

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
            error = delivery.error or "unreadable"
            await self._set_aside(
                Letter(
                    self.name,
                    delivery.topic,
                    delivery.partition,
                    delivery.offset,
                    error,
                    raw=delivery.raw,
                )
            )
            return
        attempts = 0
        backoff = self._first_backoff
        stuck = self._metrics.consumer_stuck.labels(*self._labels())
        try:
            while True:
                try:
                    applied = await run_blocking(self._apply, envelope)
                    break
                except UNPROCESSABLE as error:
                    # No retry can read it: set aside at once, kept whole for a replay once a
                    # contract that reads it is deployed.
                    await self._set_aside(self._letter(delivery, f"unreadable: {error!r}", 1))
                    return
                except TRANSIENT as error:
                    # The database or network is away: retried for as long as it takes.
                    log.warning(
                        "consumer %s: effect of %s waits for the store: %r; retrying in %.1fs",
                        self.name,
                        envelope.id,
                        error,
                        backoff,
                    )
                except Exception as error:
                    # A handler that raises (a bug): retried with back-off, N times in all,
                    # then set aside with an alert; never skipped silently.
                    attempts += 1
                    if attempts == 1:
                        stuck.inc()
                        log.error(
                            "ALERT consumer %s: effect of event %s (%s) failed: %r; "
                            "retrying up to %d times",
                            self.name,
                            envelope.id,
                            envelope.type,
                            error,
                            self._max_attempts,
                            exc_info=error,
                        )
                    if attempts >= self._max_attempts:
                        reason = f"handler failed {attempts} times: {error!r}"
                        await self._set_aside(self._letter(delivery, reason, attempts))
                        return
                    log.debug(
                        "consumer %s: attempt %d of %s failed: %r",
                        self.name,
                        attempts,
                        envelope.id,
                        error,
                    )
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
        finally:
            if attempts:
                stuck.dec()
        if applied:
            self.applied += 1
        else:
            self.duplicates += 1
        self._metrics.consumer_events.labels(self.name, "applied" if applied else "duplicate").inc()

    def _letter(self, delivery: Delivery, error: str, attempts: int) -> Letter:
        return Letter(
            self.name,
            delivery.topic,
            delivery.partition,
            delivery.offset,
            error,
            envelope=delivery.envelope,
            attempts=attempts,
        )

    def _apply(self, envelope: Envelope) -> bool:
        caused_by = context.CommandContext(
            actor=f"consumer:{self.name}",
            correlation_id=envelope.correlation_id or envelope.id,
            causation_id=envelope.id,
        )
        with context.acting(caused_by):
            return self._effect.apply(envelope)

    async def _set_aside(self, letter: Letter) -> None:
        letter_id, new = await run_blocking(letters.set_aside, self._engine, letter)
        event = letter.envelope.id if letter.envelope is not None else "(unreadable)"
        if not new:
            # Delivered again (the offset was not committed): set aside, counted and alerted once.
            log.warning(
                "consumer %s: message %s/%s@%s is dead letter %d already",
                self.name, letter.topic, letter.partition, letter.offset, letter_id,
            )  # fmt: skip
            return
        log.error(
            "ALERT consumer %s: message %s/%s@%s, event %s, set aside as dead letter %d: %s",
            self.name,
            letter.topic,
            letter.partition,
            letter.offset,
            event,
            letter_id,
            letter.error,
        )
        self.dead_lettered += 1
        self._metrics.consumer_events.labels(self.name, "dead_letter").inc()
        self._metrics.consumer_dead_letters.labels(*self._labels()).inc()
        self._metrics.consumer_dead_letters_waiting.labels(*self._labels()).inc()

    async def _count_waiting(self) -> None:
        count = await run_blocking(letters.waiting, self._engine, self.name)
        self._metrics.consumer_dead_letters_waiting.labels(*self._labels()).set(count)

    def replay(self, letter_id: int, actor: str) -> tuple[str, ReplayOutcome]:
        """Apply dead letter ``letter_id`` again (after a fix), once (``replay_letter``)."""
        outcome = replay_letter(self._engine, self._effect, self.name, letter_id, actor)
        self._metrics.consumer_dead_letters_waiting.labels(*self._labels()).set(
            letters.waiting(self._engine, self.name)
        )
        return outcome


def replay_letter(
    engine: sa.Engine, effect: Effect, consumer: str, letter_id: int, actor: str
) -> tuple[str, ReplayOutcome]:
    """Apply dead letter ``letter_id`` of ``consumer`` again with ``effect`` (after a fix), once;
    returns its event id and the outcome. Raises ``LookupError`` if the consumer has no such
    letter, ``NotReplayableError`` if it holds no readable event, and whatever the handler
    raises if it still fails (the letter then stays as it was)."""
    row = letters.get(engine, letter_id)
    if row is None or row.consumer != consumer:
        raise LookupError(f"no dead letter {letter_id} of consumer {consumer}")
    if row.event_id is None or row.raw is None:
        raise NotReplayableError(f"dead letter {letter_id} is not a readable CloudEvent")
    if row.replayed_at is not None:
        return row.event_id, "already-replayed"
    envelope = letters.envelope_from_json(row.raw)
    replay = getattr(effect, "replay", effect.apply)
    caused_by = context.CommandContext(
        actor=actor,
        correlation_id=envelope.correlation_id or envelope.id,
        causation_id=envelope.id,
    )
    with context.acting(caused_by):
        applied: bool = replay(envelope)
    outcome: ReplayOutcome = "applied" if applied else "duplicate"
    letters.mark_replayed(engine, letter_id, outcome)
    log.warning(
        "consumer %s: dead letter %d (event %s) replayed by %s: %s",
        consumer, letter_id, envelope.id, actor, outcome,
    )  # fmt: skip
    return envelope.id, outcome
