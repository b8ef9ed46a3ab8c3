"""Read models kept from a service's own notification log, exactly once per event.

A projection's handler writes its tables and the projection's position in one SQLAlchemy
transaction, so a crash never applies an event twice or skips one. ``rebuild`` empties the
tables and replays the whole log: read models are disposable, the event store is the record.
"""

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

import psycopg
import sqlalchemy as sa
from eventsourcing.persistence import Notification

from llwybr import rebuild as batched
from llwybr.blocking import run_blocking
from llwybr.db import metadata
from llwybr.eventstore import ChainedApplication, RecordedEvent

log = logging.getLogger(__name__)

projection_positions = sa.Table(
    "projection_positions",
    metadata,
    sa.Column("projection", sa.String(200), primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

Handler = Callable[[sa.Connection, RecordedEvent], None]


@contextlib.contextmanager
def _pipelined(conn: sa.Connection) -> Iterator[None]:
    """Send a batch's statements without waiting for each answer (psycopg pipeline mode):
    one round trip per statement was most of a rebuild's time. SQLite runs them as they come.
    """
    driver = conn.connection.driver_connection
    pipeline = getattr(driver, "pipeline", None)
    if pipeline is None:
        yield
        return
    try:
        with pipeline():
            yield
    except sa.exc.DBAPIError:
        raise
    except psycopg.Error as error:  # found when the pipeline syncs, outside SQLAlchemy
        raise sa.exc.DBAPIError.instance(None, None, error, psycopg.Error) from error


class Projection:
    """A named read model: its tables and how each recorded event changes them."""

    def __init__(
        self, name: str, tables: Sequence[sa.Table], handle: Handler, *, write_only: bool = False
    ) -> None:
        self.name, self.tables, self.handle = name, tuple(tables), handle
        # A handler that never reads can have a batch's statements pipelined (SQLAlchemy
        # takes a pipelined SELECT for one that returns no rows).
        self.write_only = write_only


class ProjectionRunner:
    """Applies new notifications to a projection; woken by saves, polling as a fallback."""

    def __init__(
        self,
        projection: Projection,
        application: ChainedApplication,
        engine: sa.Engine,
        *,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
    ) -> None:
        self.projection = projection
        self._app = application
        self.engine = engine
        self._batch = batch_size
        self._poll = poll_seconds
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        # One catch-up at a time in this process; FOR UPDATE serialises other replicas.
        self._lock = threading.Lock()

    def _position(self, conn: sa.Connection) -> int:
        """The stored position, its row taken FOR UPDATE (made at 0 if missing)."""
        position = self._stored_position(conn, lock=True)
        if position is None:
            conn.execute(
                projection_positions.insert().values(
                    projection=self.projection.name, position=0, updated_at=datetime.now(UTC)
                )
            )
            return 0
        return position

    def catch_up(self, *, look_first: bool = True) -> int:
        """Apply one batch (synchronously); return how many notifications it held.

        ``look_first``: new events are looked for after the stored position, read without a
        lock, before the position row is taken FOR UPDATE: locking a row makes a write
        transaction, whose commit waits for a WAL flush, and most polls find nothing new. A
        runner woken by a save knows there is something, and goes straight to the lock."""
        with self._lock:
            seen = None
            if look_first:
                with self.engine.connect() as conn:
                    seen = self._stored_position(conn)
            ahead = None
            if seen is not None:
                ahead = self._app.select_notifications(seen, self._batch)
                if not ahead:
                    return 0
            return self._apply(seen, ahead)

    def _stored_position(self, conn: sa.Connection, *, lock: bool = False) -> int | None:
        query = sa.select(projection_positions.c.position).where(
            projection_positions.c.projection == self.projection.name
        )
        position = conn.execute(query.with_for_update() if lock else query).scalar()
        return None if position is None else int(position)

    def _apply(self, seen: int | None, ahead: Sequence[Notification] | None) -> int:
        """Apply the batch after the stored position (``ahead``, read after ``seen``, if that
        is still the stored position) and store the new position, in one transaction."""
        with self.engine.begin() as conn:
            position = self._position(conn)
            notifications = ahead
            if notifications is None or position != seen:  # another replica moved it
                notifications = self._app.select_notifications(position, self._batch)
            mapper = self._app.chained_mapper
            with _pipelined(conn) if self.projection.write_only else contextlib.nullcontext():
                for notification in notifications:
                    self.projection.handle(conn, mapper.to_recorded_event(notification))
            if notifications:
                conn.execute(
                    projection_positions.update()
                    .where(projection_positions.c.projection == self.projection.name)
                    .values(position=notifications[-1].id, updated_at=datetime.now(UTC))
                )
            return len(notifications)

    def rebuild(self) -> int:
        """Replay the whole log into new rows and put them in place of the projection's
        tables with its position, in one transaction; return events applied.

        The same handlers, run on in-memory rows (``llwybr.rebuild``): a round trip per
        statement was most of a rebuild's time. Readers see the old rows until the commit."""
        mapper = self._app.chained_mapper
        scratch_engine = batched.scratch_engine(self.projection.tables)
        try:
            with scratch_engine.begin() as scratch:
                total, last = batched.apply_all(
                    scratch,
                    self.projection.handle,
                    self._app.select_notifications,
                    mapper.to_recorded_event,
                )
                with self._lock, self.engine.begin() as conn:
                    batched.replace(
                        conn,
                        scratch,
                        self.projection.tables,
                        projection_positions,
                        self.projection.name,
                        last,
                    )
        finally:
            scratch_engine.dispose()
        return total

    def wake(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._app.add_listener(self.wake)
        woken = False
        while True:
            try:
                if await run_blocking(self.catch_up, look_first=not woken):
                    woken = False  # the next look is after a batch: most likely nothing new
                    continue
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("projection %s failed; retrying", self.projection.name)
            woken = False
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll):  # unlike wait_for, never swallows a cancel
                    await self._wake.wait()
                    woken = True  # by a save: there are new events
            self._wake.clear()
