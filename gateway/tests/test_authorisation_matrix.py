"""Every public route x every kind of organisation: allowed or denied, from one table.

A route in the OpenAPI document without a rule in ROUTE_SCOPES fails this test.
"""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from gateway.authz import ROLE_SCOPES, ROUTE_SCOPES
from gateway.main import create_app
from gateway.security import DEV_CLIENTS
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings

from .test_api import Gateway

METHODS = ("get", "post", "put", "patch", "delete")
SAMPLE = {
    "determination_id": "00000000-0000-4000-8000-000000000000",
    "referral_id": "r1",
    "calendar_id": "la:665",
    "local_authority": "la:665",
    "sha256": "0" * 64,
    "idp_id": "00000000-0000-4000-8000-000000000001",
    "number": "1",
    "element_id": "e1",
    "learner_id": "learner-1",
    "upn": "Y665200126001",
    "service": "determination",
    "aggregate_id": "00000000-0000-4000-8000-000000000002",
    "case_id": "00000000-0000-4000-8000-000000000003",
    "appeal_id": "00000000-0000-4000-8000-000000000004",
    "advocacy_id": "00000000-0000-4000-8000-000000000005",
    "order_id": "o1",
    "recommendation_id": "r1",
    "organisation": "school:6652001",
    "setting": "school:6652001",
    "notice_id": "00000000-0000-4000-8000-000000000005",
    "subscription_id": "00000000-0000-4000-8000-000000000007",
    "delivery_id": "00000000-0000-4000-8000-000000000008",
    "opinion_id": "00000000-0000-4000-8000-000000000009",
    "complaint_id": "00000000-0000-4000-8000-00000000000c",
}


#: One development client of each kind (the scopes are the kind's).
ONE_OF_EACH_KIND = {o.partition(":")[0]: o for _, o in reversed(DEV_CLIENTS)}


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[Gateway]:
    app = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield Gateway(client, tmp_path)


async def test_every_public_route_has_a_scope_rule(gateway: Gateway) -> None:
    paths = (await gateway.client.get("/openapi.json")).json()["paths"]
    public = {
        (method.upper(), path)
        for path, item in paths.items()
        if path.startswith("/v1/")
        for method in item
        if method in METHODS
    }
    assert public, "the OpenAPI document lists the public routes"
    assert public - set(ROUTE_SCOPES) == set(), "routes without a scope rule"
    assert set(ROUTE_SCOPES) - public == set(), "rules for routes that do not exist"


async def test_each_organisation_kind_is_allowed_exactly_its_scopes(gateway: Gateway) -> None:
    failures = []
    for (method, template), scope in ROUTE_SCOPES.items():
        url = re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], template)
        for kind, organisation in ONE_OF_EACH_KIND.items():
            response = await gateway.as_(organisation, method, url, json={})
            denied = response.status_code == 403 and response.json().get("type", "").endswith(
                "/insufficient-scope"
            )
            expected_denied = scope not in ROLE_SCOPES[kind]
            if denied != expected_denied or response.status_code in (401, 500):
                failures.append((method, template, kind, response.status_code))
    assert failures == []
