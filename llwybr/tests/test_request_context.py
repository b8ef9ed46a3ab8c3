"""The request context: the gateway's signed principal, the request id, and the route run in
the request's own task (no task and memory channels per request, issue 19)."""

import asyncio
import time

import httpx
import pytest
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from llwybr import context
from llwybr.metrics import Metrics
from llwybr.principal import Principal, sign_principal
from llwybr.request_context import install_request_context

SECRET = b"internal-secret-for-the-test"
PRINCIPAL = Principal("mis-1", "school:6652001", frozenset({"determinations:write"}))


class RecordingTask:
    """Outermost ASGI wrapper: notes the task each request arrives in."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.tasks: list[asyncio.Task[object] | None] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.tasks.append(asyncio.current_task())
        await self.app(scope, receive, send)


@pytest.fixture
def service() -> tuple[FastAPI, Metrics, list[object]]:
    app = FastAPI()
    metrics = Metrics("context")
    seen: list[object] = []
    install_request_context(app, metrics, SECRET)

    @app.get("/things")
    async def things() -> dict[str, str]:
        seen.append(asyncio.current_task())
        return {"actor": context.current().actor}

    @app.get("/broken")
    async def broken() -> dict[str, str]:
        raise RuntimeError("a bug")

    return app, metrics, seen


def signed() -> dict[str, str]:
    return sign_principal(PRINCIPAL, SECRET, int(time.time()))


async def test_a_signed_request_runs_as_its_principal_in_the_request_s_own_task(
    service: tuple[FastAPI, Metrics, list[object]],
) -> None:
    app, _, seen = service
    outer = RecordingTask(app)
    transport = httpx.ASGITransport(app=outer)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.get("/things", headers={**signed(), "X-Request-ID": "req-1"})
    assert response.status_code == 200
    assert response.json() == {"actor": "mis-1@school:6652001"}
    assert response.headers["x-request-id"] == "req-1"
    # The route ran in the task the request arrived in (Starlette's BaseHTTPMiddleware would
    # have run it in a task of its own).
    assert seen == outer.tasks


async def test_a_request_without_the_gateway_s_principal_is_refused_and_counted(
    service: tuple[FastAPI, Metrics, list[object]],
) -> None:
    app, metrics, seen = service
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.get("/things")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/principal")
    assert seen == []
    assert metrics.requests.labels("GET", "unmatched", "401")._value.get() == 1


async def test_an_unexpected_error_is_counted_once_as_a_500(
    service: tuple[FastAPI, Metrics, list[object]],
) -> None:
    app, metrics, _ = service
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.get("/broken", headers=signed())
    assert response.status_code == 500
    assert metrics.requests.labels("GET", "/broken", "500")._value.get() == 1
