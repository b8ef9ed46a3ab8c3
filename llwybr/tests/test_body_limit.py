"""Body limits per route: refused with 413 problem+json before the body is parsed."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from llwybr.body_limit import JSON_BODY_BYTES, BodyLimit, route_limits
from llwybr.metrics import Metrics
from llwybr.problems import install_problem_handlers
from llwybr.request_context import install_request_context

LARGE = {("POST", "/v1/things/{thing_id}/documents"): 1024 * 1024}


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(BodyLimit, limit_of=route_limits(LARGE))
    install_request_context(app, Metrics("limits"))

    @app.post("/v1/things")
    def create(body: dict[str, Any]) -> int:
        return len(body)

    @app.post("/v1/things/{thing_id}/documents")
    async def upload(thing_id: str, request: Request) -> int:
        return len(await request.body())

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        yield client


def test_a_route_has_its_own_limit_or_the_json_one() -> None:
    limit_of = route_limits(LARGE)
    assert limit_of("POST", "/v1/things/abc/documents") == 1024 * 1024
    assert limit_of("POST", "/v1/things/abc/documents/") == 1024 * 1024
    assert limit_of("PUT", "/v1/things/abc/documents") == JSON_BODY_BYTES
    assert limit_of("POST", "/v1/things/a/b/documents") == JSON_BODY_BYTES
    assert limit_of("POST", "/v1/things") == JSON_BODY_BYTES


async def test_a_declared_length_over_the_limit_is_refused_unread(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/things", json={"x": "y" * JSON_BODY_BYTES})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/body-limit")
    assert "x-request-id" in response.headers


async def test_a_streamed_body_is_counted_as_it_arrives(client: httpx.AsyncClient) -> None:
    async def chunks(size: int) -> AsyncIterator[bytes]:
        for _ in range(size // 4096):
            yield b" " * 4096

    json = {"content-type": "application/json"}
    response = await client.post("/v1/things", content=chunks(JSON_BODY_BYTES + 8192), headers=json)
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/problem+json"
    upload = await client.post("/v1/things/a/documents", content=chunks(512 * 1024))
    assert upload.status_code == 200
    assert upload.json() == 512 * 1024
    too_much = await client.post("/v1/things/a/documents", content=chunks(2 * 1024 * 1024))
    assert too_much.status_code == 413


async def test_a_body_within_the_limit_is_served(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v1/things", json={"a": 1, "b": 2})).json() == 2


async def test_a_content_length_that_is_not_a_number_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/things",
        content=b"{}",
        headers={"content-length": "2x", "content-type": "application/json"},
    )
    assert response.status_code == 400
