"""A 500 is a complete answer: the connection a client kept alive stays usable after it."""

import asyncio
import logging
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from llwybr.problems import install_problem_handlers


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/broken")
    def broken() -> None:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    @app.get("/fine")
    def fine() -> dict[str, str]:
        return {"status": "ok"}

    return app


@pytest.fixture
async def base_url() -> AsyncIterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(_app(), host="127.0.0.1", port=port, log_level="critical")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def test_the_connection_is_reused_after_a_500(
    base_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """uvicorn closes a connection when an error escapes the app after the answer started,
    which Starlette's ServerErrorMiddleware does after sending its 500: the client's next
    request on the kept-alive connection then failed with a reset."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with caplog.at_level(logging.ERROR, logger="llwybr.problems"):
        async with httpx.AsyncClient(base_url=base_url, limits=limits) as client:
            first = await client.get("/broken")
            trace: list[str] = []

            async def record(name: str, info: dict[str, object]) -> None:
                trace.append(name)

            second = await client.get("/fine", extensions={"trace": record})
    assert first.status_code == 500
    assert first.headers["content-type"] == "application/problem+json"
    assert first.json()["type"].endswith("/internal")
    assert second.status_code == 200
    # The second request went out on the connection the first one used.
    assert not any(name.startswith("connection.connect_tcp") for name in trace)
    assert "unhandled error" in caplog.text
