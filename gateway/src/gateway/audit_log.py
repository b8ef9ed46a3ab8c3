"""Group commit of the access audit: the rows of the requests waiting at one moment are written
in one transaction, and each request goes on only once its own row is durable.

A commit is the unit of cost on PostgreSQL (one WAL flush, about 5 ms with ``fsync`` on), and
the gateway committed each request's row on its own, twice per change (the row written ahead
and the outcome). Here one writer commits at a time; the rows that arrive while it commits
wait for the next commit, which takes them all. A lone request is written at once (no timer,
no added latency); under load, many requests share a flush. Durability is unchanged: a
request's ``write`` returns only after the transaction holding its row has committed, and
raises if it did not (so a change whose row cannot be written is still not forwarded).

A batch that fails is written again one row at a time, so that one bad row (a value the
column refuses) fails only its own request, never its neighbours'.
"""

import asyncio
import logging
from collections.abc import Callable, Sequence

import anyio
import sqlalchemy as sa

from gateway.store import AccessRecord, record_accesses

log = logging.getLogger(__name__)

Writer = Callable[[sa.Engine, Sequence[AccessRecord]], None]


class AccessLog:
    """The gateway's access-audit writer: ``await write(record)`` returns once it is durable."""

    #: The most rows one transaction takes (a burst larger than this is split).
    BATCH = 500

    def __init__(self, engine: sa.Engine, writer: Writer = record_accesses) -> None:
        self._engine = engine
        self._writer = writer
        self._waiting: list[tuple[AccessRecord, asyncio.Future[None]]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def write(self, record: AccessRecord) -> None:
        """Write ``record`` with whatever else is waiting; return when it is committed."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((record, done))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush(), name="gateway.access-log")
        # Shielded: a caller that is cancelled (its client went away) must not cancel the
        # commit that other requests wait for.
        await asyncio.shield(done)

    async def _flush(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[: self.BATCH], self._waiting[self.BATCH :]
            try:
                await anyio.to_thread.run_sync(self._writer, self._engine, [r for r, _ in batch])
            except Exception as error:
                if len(batch) == 1:
                    _settle(batch[0][1], error)
                    continue
                log.warning("access audit: a batch of %d failed; one by one", len(batch))
                await self._one_by_one(batch)
                continue
            for _, done in batch:
                _settle(done)

    async def _one_by_one(self, batch: list[tuple[AccessRecord, asyncio.Future[None]]]) -> None:
        for record, done in batch:
            try:
                await anyio.to_thread.run_sync(self._writer, self._engine, [record])
            except Exception as error:
                _settle(done, error)
            else:
                _settle(done)

    async def close(self) -> None:
        """Wait for the rows already handed over (at shutdown)."""
        if self._flushing is not None:
            await asyncio.gather(self._flushing, return_exceptions=True)


def _settle(done: asyncio.Future[None], error: Exception | None = None) -> None:
    """Tell the waiting request how its row went."""
    if done.done():
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(None)
