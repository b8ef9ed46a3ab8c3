"""Problem details: how errors the routes did not handle reach the caller."""

import time
from collections.abc import Callable

import anyio
import httpx
import psycopg
import psycopg.conninfo
import psycopg.errors
import psycopg_pool
import pytest
import sqlalchemy as sa
import sqlalchemy.exc
from eventsourcing import persistence
from fastapi import FastAPI

from llwybr.db import create_engine
from llwybr.problems import install_problem_handlers
from llwybr.settings import RuntimeSettings, ServiceSettings


async def _answer_to(error: Exception) -> httpx.Response:
    """What a service's problem handlers answer to a route that raises ``error``."""
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/case")
    def case() -> None:
        raise error

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        return await client.get("/case")


@pytest.mark.parametrize(
    "error",
    [
        persistence.OperationalError("connection lost"),
        sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("server closed the connection")),
        psycopg.OperationalError("the database system is shutting down"),
        sqlalchemy.exc.TimeoutError("QueuePool limit of size 5 overflow 10 reached"),
        psycopg_pool.PoolTimeout("couldn't get a connection after 30.00 sec"),
        psycopg_pool.TooManyRequests("the pool has already 10 requests waiting"),
    ],
    ids=["eventsourcing", "sqlalchemy", "psycopg", "sa-pool", "pg-pool", "pg-pool-waiting"],
)
async def test_a_database_that_does_not_answer_gives_503_with_retry_after(
    error: Exception,
) -> None:
    """A PostgreSQL restart is a moment of unavailability, not an internal error."""
    response = await _answer_to(error)
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "5"
    problem = response.json()
    assert problem["type"].endswith("/database-unavailable")
    assert "shutting down" not in problem["detail"]  # the database's own words stay inside


def _idle_timeout() -> psycopg.errors.IdleInTransactionSessionTimeout:
    return psycopg.errors.IdleInTransactionSessionTimeout(
        "terminating connection due to idle-in-transaction timeout"
    )


def _as_sqlalchemy_raises_it() -> sqlalchemy.exc.InternalError:
    error = _idle_timeout()
    wrapped = sqlalchemy.exc.InternalError("SELECT 1", {}, error)
    wrapped.__cause__ = error  # as SQLAlchemy raises it: ``raise ... from error``
    return wrapped


def _as_the_event_store_raises_it() -> persistence.InternalError:
    """eventsourcing's recorders re-raise a psycopg error as their own, the original its cause."""
    try:
        raise _idle_timeout()
    except psycopg.Error as error:
        try:
            raise persistence.InternalError(str(error)) from error
        except persistence.InternalError as wrapped:
            return wrapped


@pytest.mark.parametrize(
    "make_error",
    [_idle_timeout, _as_the_event_store_raises_it, _as_sqlalchemy_raises_it],
    ids=["psycopg", "eventsourcing", "sqlalchemy"],
)
async def test_a_session_the_database_ended_while_the_request_was_starved_is_a_503(
    make_error: Callable[[], Exception],
) -> None:
    """Issue #21: a thread starved of the CPU past the event store's 5 s
    ``idle_in_transaction_session_timeout`` loses its session; nothing was committed."""
    response = await _answer_to(make_error())
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["type"].endswith("/database-unavailable")


@pytest.mark.parametrize(
    "error",
    [
        persistence.InternalError("a bug"),
        psycopg.InternalError("a bug"),
        sqlalchemy.exc.InternalError("SELECT 1", {}, Exception("a bug")),
    ],
    ids=["eventsourcing", "psycopg", "sqlalchemy"],
)
async def test_any_other_internal_database_error_stays_a_500(error: Exception) -> None:
    response = await _answer_to(error)
    assert response.status_code == 500
    assert "a bug" not in response.text


def _a_session_ended_by_the_server(runtime: RuntimeSettings) -> psycopg.Error:
    """The real error PostgreSQL gives a transaction left idle past a short timeout, then
    used. No race: it waits until the server has ended that session, then uses it."""
    password = runtime.postgres_password.get_secret_value() if runtime.postgres_password else ""
    conninfo = psycopg.conninfo.make_conninfo(
        host=runtime.postgres_host, port=runtime.postgres_port, user=runtime.postgres_user,
        password=password, dbname=runtime.postgres_dbname, connect_timeout=5,
    )  # fmt: skip
    with psycopg.connect(conninfo) as idle, psycopg.connect(conninfo, autocommit=True) as watcher:
        idle.execute("SET idle_in_transaction_session_timeout = '50ms'")
        idle.execute("SELECT 1")  # a transaction begins, then sits idle
        deadline = time.monotonic() + 30
        gone = "SELECT count(*) FROM pg_stat_activity WHERE pid = %s"
        while watcher.execute(gone, [idle.info.backend_pid]).fetchone() != (0,):
            assert time.monotonic() < deadline, "PostgreSQL never ended the idle transaction"
            time.sleep(0.05)
        # psycopg files it under InternalError (SQLSTATE class 25): a 500 before #21.
        with pytest.raises(psycopg.errors.IdleInTransactionSessionTimeout) as raised:
            idle.execute("SELECT 1")
    return raised.value


async def test_a_real_idle_in_transaction_timeout_is_a_503(
    postgres_runtime: RuntimeSettings,
) -> None:
    error = await anyio.to_thread.run_sync(_a_session_ended_by_the_server, postgres_runtime)
    response = await _answer_to(error)
    assert response.status_code == 503
    assert response.json()["type"].endswith("/database-unavailable")


async def test_an_unexpected_error_is_a_500_problem_without_its_text() -> None:
    response = await _answer_to(RuntimeError("secret internals"))
    assert response.status_code == 500
    assert "secret internals" not in response.text


async def test_a_pool_exhausted_under_load_is_a_503_not_a_500(
    postgres_settings: ServiceSettings,
) -> None:
    """Issue #21: under load every pooled connection is busy; the next request waits
    ``postgres_pool_timeout_seconds`` and is answered 503 with Retry-After (a 500 before).
    Reproduced without timing: the one connection of a pool of one is held open."""
    runtime = postgres_settings.runtime.model_copy(
        update={
            "postgres_pool_size": 1,
            "postgres_max_overflow": 0,
            "postgres_pool_timeout_seconds": 0.1,
        }
    )
    engine = create_engine(postgres_settings.model_copy(update={"runtime": runtime}))
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/case")
    def case() -> None:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            with engine.connect():  # another request holds the pool's only connection
                busy = await client.get("/case")
            freed = await client.get("/case")
    finally:
        engine.dispose()
    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "5"
    assert busy.json()["type"].endswith("/database-unavailable")
    assert "QueuePool" not in busy.text  # the library's words stay inside
    assert freed.status_code == 200
