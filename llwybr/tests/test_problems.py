"""Problem details: how errors the routes did not handle reach the caller."""

import httpx
import psycopg
import psycopg_pool
import pytest
import sqlalchemy as sa
import sqlalchemy.exc
from eventsourcing import persistence
from fastapi import FastAPI

from llwybr.db import create_engine
from llwybr.problems import install_problem_handlers
from llwybr.settings import ServiceSettings


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
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/case")
    def case() -> None:
        raise error

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.get("/case")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "5"
    problem = response.json()
    assert problem["type"].endswith("/database-unavailable")
    assert "shutting down" not in problem["detail"]  # the database's own words stay inside


async def test_an_unexpected_error_is_a_500_problem_without_its_text() -> None:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/case")
    def case() -> None:
        raise RuntimeError("secret internals")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.get("/case")
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
