"""The access log's group commit: rows waiting together share a transaction, each request goes
on only once its row is committed, and one bad row fails only its own request."""

import asyncio
import threading
from collections.abc import Sequence

import pytest
import sqlalchemy as sa

from gateway import store
from gateway.audit_log import AccessLog

from .test_store import engine as engine  # the fixture: SQLite and PostgreSQL


def access(request_id: str, path: str = "/v1/determinations") -> store.AccessRecord:
    return store.AccessRecord(
        request_id=request_id, client_id="mis", organisation="school:6652001", method="POST",
        path=path, resource_id=None, outcome="forwarded", status=102,
    )  # fmt: skip


def stored(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        query = sa.select(store.access_audit.c.request_id).order_by(store.access_audit.c.id)
        return list(conn.execute(query).scalars())


class Counted:
    """The real writer, counting its transactions and what each held."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, engine: sa.Engine, records: Sequence[store.AccessRecord]) -> None:
        self.batches.append([r.request_id for r in records])
        store.record_accesses(engine, records)


class Held(Counted):
    """Holds its first transaction until told to go on."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.go = threading.Event(), threading.Event()

    def __call__(self, engine: sa.Engine, records: Sequence[store.AccessRecord]) -> None:
        if not self.batches:
            self.entered.set()
            self.go.wait(10)
        super().__call__(engine, records)


async def test_rows_that_wait_together_are_committed_in_one_transaction(
    engine: sa.Engine,
) -> None:
    writer = Counted()
    log = AccessLog(engine, writer)
    await asyncio.gather(*(log.write(access(f"r-{n}")) for n in range(20)))
    assert sorted(stored(engine)) == sorted(f"r-{n}" for n in range(20))
    # All twenty were waiting when the writer started: one transaction, in their order.
    assert writer.batches == [[f"r-{n}" for n in range(20)]]


async def test_rows_that_arrive_during_a_commit_share_the_next(engine: sa.Engine) -> None:
    writer = Held()
    log = AccessLog(engine, writer)
    first = asyncio.create_task(log.write(access("first")))
    assert await asyncio.to_thread(writer.entered.wait, 10)  # the first commit is under way
    others = [asyncio.create_task(log.write(access(f"r-{n}"))) for n in range(5)]
    await asyncio.sleep(0)  # they are waiting
    writer.go.set()
    await asyncio.gather(first, *others)
    assert writer.batches == [["first"], [f"r-{n}" for n in range(5)]]


async def test_a_lone_row_is_committed_before_write_returns(engine: sa.Engine) -> None:
    log = AccessLog(engine)
    await log.write(access("alone"))
    assert stored(engine) == ["alone"]
    await log.write(access("next"))
    assert stored(engine) == ["alone", "next"]


async def test_a_bad_row_fails_its_own_request_only(engine: sa.Engine) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite does not enforce the column's length")
    log = AccessLog(engine)
    results = await asyncio.gather(
        log.write(access("before")),
        log.write(access("too-long", "/v1/" + "x" * 600)),  # the path column takes 512
        log.write(access("after")),
        return_exceptions=True,
    )
    assert results[0] is None
    assert results[2] is None
    assert isinstance(results[1], sa.exc.DBAPIError)
    assert sorted(stored(engine)) == ["after", "before"]


async def test_a_failed_commit_is_raised_to_every_request_in_it(engine: sa.Engine) -> None:
    def away(_engine: sa.Engine, _records: Sequence[store.AccessRecord]) -> None:
        raise RuntimeError("the audit database is away")

    log = AccessLog(engine, away)
    results = await asyncio.gather(
        *(log.write(access(f"r-{n}")) for n in range(3)), return_exceptions=True
    )
    assert all(isinstance(r, RuntimeError) for r in results)
    assert stored(engine) == []


async def test_a_cancelled_request_does_not_cancel_the_commit_others_wait_for(
    engine: sa.Engine,
) -> None:
    log = AccessLog(engine)
    first = asyncio.create_task(log.write(access("cancelled")))
    second = asyncio.create_task(log.write(access("waiting")))
    await asyncio.sleep(0)
    first.cancel()
    await second
    await log.close()
    assert sorted(stored(engine)) == ["cancelled", "waiting"]
