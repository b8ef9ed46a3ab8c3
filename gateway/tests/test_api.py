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


async def test_a_determination_is_raised_and_read_through_the_gateway(
    client: httpx.AsyncClient,
) -> None:
    concern = {
        "learner": {"given_name": "Cerys", "family_name": "Jones", "date_of_birth": "2017-05-02",
                    "setting": "maintained_school", "setting_id": "6652001",
                    "local_authority": "665"},
        "raised_by": "school:6652001", "raised_with": "school:6652001",
        "came_to_attention_on": "2026-03-02",
    }  # fmt: skip
    created = await client.post("/v1/determinations", json=concern, headers={"X-Request-ID": "r-1"})
    assert created.status_code == 201, created.text
    assert created.headers["etag"] == '"1"'
    location = created.headers["location"]
    fetched = await client.get(location)
    assert fetched.json()["status"] == "gathering_information"


async def test_a_services_problem_passes_through_the_gateway_unchanged(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/determinations", json={"learner": {}})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["instance"] == "/v1/determinations"


async def test_the_openapi_document_covers_the_services_public_routes(
    client: httpx.AsyncClient,
) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert "/v1/determinations" in paths
    assert "/v1/determinations/{determination_id}/decision" in paths
    assert "/v1/calendars/{calendar_id}" in paths


async def test_a_service_that_is_down_gives_503_with_retry_after(tmp_path: Path) -> None:
    settings = Settings(
        runtime=RuntimeSettings(mode="stack", var_dir=tmp_path),
        determination_url="http://127.0.0.1:9",
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            response = await client.get("/v1/determinations")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_unknown_resource_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
