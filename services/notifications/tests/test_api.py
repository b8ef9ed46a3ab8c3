from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs
from notifications.main import create_app
from notifications.settings import Settings


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://notifications"
        ) as client:
            yield client


async def test_the_service_is_alive_and_ready_on_sqlite(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok", "service": "notifications"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"startup": "ok", "database": "ok"}


async def test_an_unknown_path_is_a_problem_document(client: httpx.AsyncClient) -> None:
    response = await client.get("/nowhere", headers={"X-Request-ID": "req-7"})
    assert response.status_code == 401  # no principal from the gateway
    response = await client.get(
        "/nowhere", headers={"X-Request-ID": "req-7"}, auth=ActingAs("la:665")
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["request_id"] == "req-7"
    assert response.headers["x-request-id"] == "req-7"


async def test_metrics_are_exposed_for_prometheus(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    body = (await client.get("/metrics")).text
    assert 'http_requests_total{method="GET",route="/healthz",status="200"}' in body
    assert "outbox_relay_active" in body
