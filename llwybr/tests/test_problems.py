"""Problem details: how errors the routes did not handle reach the caller."""

import httpx
import psycopg
import pytest
import sqlalchemy.exc
from eventsourcing import persistence
from fastapi import FastAPI

from llwybr.problems import install_problem_handlers


@pytest.mark.parametrize(
    "error",
    [
        persistence.OperationalError("connection lost"),
        sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("server closed the connection")),
        psycopg.OperationalError("the database system is shutting down"),
    ],
    ids=["eventsourcing", "sqlalchemy", "psycopg"],
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
