"""The outbox relay: the event store's notification log, published to the bus at least once.

The relay reads notifications after its stored position, publishes them, and advances the
position only after the bus has acknowledged every one. If it dies in between, the same
events are published again with the same CloudEvent ids, and consumers recognise them. One
relay per service is active at a time (a PostgreSQL advisory lock; a process-local lock for
SQLite); the others wait on standby.
"""

import asyncio
import contextlib
import hashlib
import logging
import threading
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar, Protocol, runtime_checkable

import sqlalchemy as sa
from eventsourcing.persistence import Notification

from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from llwybr.blocking import run_blocking
from llwybr.bus import Publisher
from llwybr.commit_listener import listen
from llwybr.db import metadata
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.metrics import Metrics
from llwybr.outage import OutageLog
from llwybr.personal_data.published import with_seals

log = logging.getLogger(__name__)

relay_positions = sa.Table(
    "relay_positions",
    metadata,
    sa.Column("relay", sa.String(200), primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Publication:
    """What a stored event becomes on the bus: a public event about a learner."""

    event: IntegrationEvent
    learner_id: str


@runtime_checkable
class KnowsUpns(Protocol):
    """A service that holds the learner registry's facts (or is the registry)."""

    def learner_upn(self, learner_id: str) -> str | None:
        """The learner's UPN as the registry published it; None if not known here."""
        ...


@runtime_checkable
class KnowsUpnsAtOnce(Protocol):
    """One that can read many learners' UPNs in one go (a table: one query a batch)."""

    def learner_upns(self, learner_ids: Collection[str]) -> Mapping[str, str]:
        """The UPNs known of these learners (those not known left out)."""
        ...


def learner_upns(source: object, learner_ids: Collection[str]) -> Mapping[str, str]:
    """The UPNs ``source`` knows of these learners, each read once (a relay's batch holds many
    events about one learner; each read loads their record: ~1-3 ms on PostgreSQL, #20)."""
    if not learner_ids:
        return {}
    if isinstance(source, KnowsUpnsAtOnce):
        return source.learner_upns(learner_ids)
    if not isinstance(source, KnowsUpns):
        return {}
    found = {learner_id: source.learner_upn(learner_id) for learner_id in learner_ids}
    return {learner_id: upn for learner_id, upn in found.items() if upn is not None}


def names_upn(publication: Publication) -> bool:
    """Whether the publication's event has a ``upn`` still to fill."""
    event = publication.event
    return "upn" in type(event).model_fields and getattr(event, "upn", None) is None


def with_upn(publication: Publication, upns: Mapping[str, str]) -> Publication:
    """``publication`` with the learner's UPN filled in where its event has the field and the
    service knows the UPN (read from the registry's facts at publication, never from an MIS)."""
    upn = upns.get(publication.learner_id)
    if upn is None or not names_upn(publication):
        return publication
    return Publication(publication.event.model_copy(update={"upn": upn}), publication.learner_id)


class Translator(Protocol):
    """A service's rule for which stored events are public, and in what form."""

    def __call__(self, recorded: RecordedEvent) -> Publication | None: ...


class PositionConflictError(RuntimeError):
    """The stored position moved under this relay: another relay is active."""


class RelayPositions:
    """The last published notification id of each relay, in the service's own database."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    def get(self, relay: str) -> int:
        with self._engine.begin() as conn:
            position = conn.execute(
                sa.select(relay_positions.c.position).where(relay_positions.c.relay == relay)
            ).scalar()
            if position is None:
                conn.execute(
                    relay_positions.insert().values(relay=relay, position=0, updated_at=_now())
                )
                return 0
            return int(position)

    def advance(self, relay: str, expected: int, new: int) -> None:
        with self._engine.begin() as conn:
            if self._engine.dialect.name == "postgresql":
                # Not waiting for this commit's flush (a WAL flush per batch, in series with
                # the next batch's events): a position lost in a crash only sends the last
                # batch again (at least once; consumers know events by id). The events and
                # every acknowledged command stay committed synchronously.
                conn.execute(sa.text("SET LOCAL synchronous_commit = off"))
            result = conn.execute(
                relay_positions.update()
                .where(relay_positions.c.relay == relay, relay_positions.c.position == expected)
                .values(position=new, updated_at=_now())
            )
            if result.rowcount != 1:
                raise PositionConflictError(f"relay {relay} position is no longer {expected}")


def _now() -> datetime:
    return datetime.now(UTC)


class RelayLock(Protocol):
    def try_acquire(self) -> bool:
        """True while this relay may publish (acquiring the lock if it can)."""

    def release(self) -> None: ...


class AdvisoryLock:
    """A PostgreSQL session advisory lock held on a dedicated connection.

    If the connection dies (e.g. PostgreSQL restarts), the lock is gone with it, another
    replica may take over, and this one goes back to standby until it can lock again.
    """

    def __init__(self, engine: sa.Engine, name: str, recheck_seconds: float = 0.5) -> None:
        self._engine = engine
        digest = hashlib.sha256(f"llwybr.relay.{name}".encode()).digest()
        self.key = int.from_bytes(digest[:8], "big", signed=True)
        self._conn: sa.Connection | None = None
        # A held lock's connection is checked at most this often, not before every batch (two
        # round trips per save was a third of a service's busy time). A relay whose lock went
        # with its connection may publish for that long beside the new holder: duplicates,
        # which consumers recognise by event id; the positions' compare-and-set skips nothing.
        self._recheck = recheck_seconds
        self._checked = 0.0

    def try_acquire(self) -> bool:
        if self._conn is not None:
            if time.monotonic() - self._checked < self._recheck:
                return True
            try:
                self._conn.execute(sa.text("SELECT 1"))
                self._conn.rollback()
                self._checked = time.monotonic()
                return True
            except sa.exc.DBAPIError:
                log.warning("relay lock connection lost; the lock is released")
                self._discard()
        conn = self._engine.connect()
        try:
            held = conn.execute(
                sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}
            ).scalar()
            conn.rollback()  # a session lock outlives the transaction; no idle transaction
        except BaseException:
            conn.close()
            raise
        if held:
            self._conn, self._checked = conn, time.monotonic()
            return True
        conn.close()
        return False

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
                self._conn.rollback()
            except sa.exc.DBAPIError:
                pass
            self._discard()

    def _discard(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()
                conn.close()
            except sa.exc.DBAPIError:
                pass


class LocalLock:
    """One active relay per name in this process (embedded mode: one process, SQLite)."""

    _held: ClassVar[dict[str, object]] = {}
    _guard = threading.Lock()

    def __init__(self, name: str) -> None:
        self._name = name

    def try_acquire(self) -> bool:
        with self._guard:
            owner = self._held.setdefault(self._name, self)
            return owner is self

    def release(self) -> None:
        with self._guard:
            if self._held.get(self._name) is self:
                del self._held[self._name]


class OutboxRelay:
    """Publishes a service's stored events, in notification order, at least once."""

    def __init__(
        self,
        name: str,
        application: ChainedApplication,
        translate: Translator,
        publisher: Publisher,
        positions: RelayPositions,
        lock: RelayLock,
        metrics: Metrics,
        *,
        batch_size: int = 500,
        poll_seconds: float = 0.5,
        max_backoff_seconds: float = 5.0,
        upns: KnowsUpns | None = None,
    ) -> None:
        self.name = name
        self._app = application
        # who knows the learners' UPNs: the application, unless the service keeps the
        # registry's facts in plain tables (notifications)
        self._upns: object = upns if upns is not None else application
        self._translate = translate
        self._publisher = publisher
        self._positions = positions
        self._lock = lock
        self._metrics = metrics
        self._batch_size = batch_size
        self._poll = poll_seconds
        self._max_backoff = max_backoff_seconds
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.published = 0
        # The stored position as this relay last read or wrote it, while it holds the lock: a
        # batch then starts without reading it again. ``advance`` still compares and sets, so
        # a position moved by another relay is found (and this one read again), never skipped.
        self._position: int | None = None

    def wake(self) -> None:
        """Thread-safe: new events were stored; publish them without waiting for the poll."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self) -> None:
        """Relay until cancelled: standby without the lock, back off while the bus is away."""
        self._loop = asyncio.get_running_loop()
        self._app.add_listener(self.wake)
        listener = self._listen_for_commits()
        backoff = 0.1
        outage = OutageLog(log, f"relay {self.name}", "bus")
        try:
            while True:
                try:
                    if not await run_blocking(self._lock.try_acquire):
                        self._position = None  # another relay may publish meanwhile
                        self._metrics.relay_active.labels(self.name).set(0)
                        await self._sleep(self._poll * 2)
                        continue
                    self._metrics.relay_active.labels(self.name).set(1)
                    published = await self.run_once()
                    outage.succeeded()
                    backoff = 0.1
                    if published == 0:
                        await self._sleep(self._poll)
                except asyncio.CancelledError:
                    raise
                except Exception as error:
                    self._position = None  # read it again: it may have moved
                    self._metrics.relay_failures.labels(self.name).inc()
                    outage.failed(error, retry_in=backoff)  # logs once per outage, not per retry
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, self._max_backoff)
        finally:
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener
            self._metrics.relay_active.labels(self.name).set(0)
            await run_blocking(self._lock.release)
            await self._publisher.stop()

    def _listen_for_commits(self) -> "asyncio.Task[None] | None":
        """Woken by commits in other processes too (PostgreSQL: ``llwybr.commit_listener``)."""
        channel = getattr(self._app.recorder, "notify_channel", None)
        engine = self._positions.engine
        if not isinstance(channel, str) or engine.dialect.name != "postgresql":
            return None
        return asyncio.create_task(
            listen(engine, channel, self._wake.set), name=f"{self.name}.commits"
        )

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):  # unlike wait_for, never swallows a cancel
                await self._wake.wait()
        self._wake.clear()

    async def run_once(self) -> int:
        """Publish one batch after the stored position; return how many events it held."""
        position = self._position
        if position is None:
            position = self._position = await run_blocking(self._positions.get, self.name)
        notifications = await run_blocking(
            self._app.select_notifications, position, self._batch_size
        )
        if not notifications:
            self._metrics.relay_lag.labels(self.name).set(0)
            return 0
        envelopes = await run_blocking(self.envelopes, notifications)
        if envelopes:
            await self._publisher.publish(envelopes)
        last = notifications[-1].id
        self._position = None  # unknown until the advance is known to have committed
        await run_blocking(self._positions.advance, self.name, position, last)
        self._position = last
        self.published += len(envelopes)
        self._metrics.relay_published.labels(self.name).inc(len(envelopes))
        lag = 0  # a batch short of full was all there was when it was read
        if len(notifications) == self._batch_size:
            latest = await run_blocking(self._app.recorder.max_notification_id)
            lag = max(0, (latest or 0) - last)
        self._metrics.relay_lag.labels(self.name).set(lag)
        return len(notifications)

    def envelopes(self, notifications: Sequence[Notification]) -> list[Envelope]:
        """The public events the notifications become (the private ones none), enveloped."""
        envelopes = []
        mapper = self._app.chained_mapper
        publications = []
        for notification in notifications:
            recorded = mapper.to_recorded_event(notification)
            publication = self._translate(recorded)
            if publication is not None:
                # The personal fields leave as the seals the store holds (ADR 0023).
                sealed = with_seals(publication.event, recorded.seals)
                publication = Publication(sealed, publication.learner_id)
                publications.append((recorded, publication))
        wanted = {p.learner_id for _, p in publications if names_upn(p)}
        upns = learner_upns(self._upns, wanted)  # once a batch, not once an event
        for recorded, publication in publications:
            publication = with_upn(publication, upns)
            envelopes.append(
                Envelope.wrap(
                    publication.event,
                    learner_id=publication.learner_id,
                    aggregate_id=recorded.originator_id,
                    aggregate_version=recorded.originator_version,
                    time=recorded.timestamp,
                    integrity_hash=recorded.integrity_hash,
                    correlation_id=recorded.meta.get("correlation_id"),
                    causation_id=recorded.meta.get("causation_id"),
                    traceparent=recorded.meta.get("traceparent"),
                )
            )
        return envelopes


def relay_lock(engine: sa.Engine, name: str) -> RelayLock:
    """The lock that fits the database: advisory on PostgreSQL, in-process on SQLite."""
    if engine.dialect.name == "postgresql":
        return AdvisoryLock(engine, name)
    return LocalLock(name)
