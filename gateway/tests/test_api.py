from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from gateway.main import create_app
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


async def test_embedded_mode_runs_every_service_behind_the_gateway(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    services = response.json()["services"]
    assert set(services) == {"determination", "idp", "disputes", "notifications"}
    assert all(s["status"] == "ready" for s in services.values())
    assert (tmp_path / "determination" / "events.sqlite").exists()


async def test_the_openapi_document_is_served(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    assert "/healthz" in document["paths"]
    assert (await client.get("/docs")).status_code == 200


async def test_a_service_that_cannot_be_reached_makes_the_gateway_not_ready(
    tmp_path: Path,
) -> None:
    settings = Settings(
        runtime=RuntimeSettings(mode="stack", var_dir=tmp_path),
        determination_url="http://127.0.0.1:9",  # nothing listens on the discard port
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["services"]["determination"]["status"] == "unreachable"
