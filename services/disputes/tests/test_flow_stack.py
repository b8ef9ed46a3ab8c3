"""An LA's reconsideration reaches the IDP service through Kafka (stack mode)."""

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import httpx
import pytest
from fastapi import FastAPI

from disputes.main import create_app as disputes_app
from disputes.settings import Settings as DisputesSettings
from idp.main import create_app as idp_app
from idp.settings import Settings as IdpSettings
from llwybr.settings import RuntimeSettings
from llwybr.testing import ActingAs, eventually

pytestmark = pytest.mark.integration

LA = "la:665"


async def started(stack: AsyncExitStack, app: FastAPI, name: str) -> httpx.AsyncClient:
    await stack.enter_async_context(app.router.lifespan_context(app))
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", auth=ActingAs(LA)
    )
    return await stack.enter_async_context(client)


@pytest.fixture
async def services(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    suffix = uuid.uuid4().hex[:8]
    async with AsyncExitStack() as stack:
        disputes = await started(stack, disputes_app(
            DisputesSettings(runtime=postgres_runtime, postgres_schema=f"dis_{suffix}")
        ), "disputes")  # fmt: skip
        idp = await started(stack, idp_app(
            IdpSettings(runtime=postgres_runtime, postgres_schema=f"idp_{suffix}")
        ), "idp")  # fmt: skip
        yield disputes, idp


async def test_r1_decided_has_aln_opens_an_la_maintained_plan(
    services: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> None:
    disputes, idp = services
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    created = await disputes.post("/v1/reconsiderations", json={
        "kind": "R1", "learner_id": learner_id, "subject_id": str(uuid.uuid4()),
        "school": "school:6652001", "decided_by_kind": "school", "requested_by_kind": "family",
        "requested_by": "Parent", "requested_on": "2026-04-01"})  # fmt: skip
    assert created.status_code == 201, created.text
    base = f"/v1/reconsiderations/{created.json()['id']}"
    for path, body in (
        ("invitation", {"invited_on": "2026-04-02", "from_party": "governing_body"}),
        ("representations", {"received_on": "2026-04-10", "summary": "School's view"}),
        ("decision", {"decided_on": "2026-05-01", "outcome": "has_aln", "reasons": "ALP needed"}),
    ):
        response = await disputes.post(f"{base}/{path}", json=body)
        assert response.is_success, response.text

    async def plan_opened() -> bool:
        page = await idp.get("/v1/idps", params={"learner_id": learner_id})
        return bool(page.json()["items"])

    await eventually(plan_opened, timeout=30)
    [plan] = (await idp.get("/v1/idps", params={"learner_id": learner_id})).json()["items"]
    assert (plan["maintainer_kind"], plan["organisation"]) == ("local_authority", LA)


async def test_r3_taken_over_moves_the_school_plan_to_the_la(
    services: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> None:
    disputes, idp = services
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    opened = await idp.post("/v1/idps", json={
        "learner_id": learner_id, "opened_on": "2026-03-01",
        "maintainer": {"kind": "school", "organisation": "school:6652001"}})  # fmt: skip
    assert opened.status_code == 201, opened.text
    plan_id = opened.json()["id"]
    governing_body = ActingAs("school:6652001")
    created = await disputes.post("/v1/reconsiderations", auth=governing_body, json={
        "kind": "R3", "learner_id": learner_id, "subject_id": plan_id,
        "school": "school:6652001", "decided_by_kind": "school",
        "requested_by_kind": "governing_body", "requested_by": "Chair of governors",
        "requested_on": "2026-04-01"})  # fmt: skip
    assert created.status_code == 201, created.text
    base = f"/v1/reconsiderations/{created.json()['id']}"
    for path, body in (
        ("invitation", {"invited_on": "2026-04-02", "from_party": "family"}),
        ("representations", {"received_on": "2026-04-10", "summary": "The family agrees"}),
        ("decision", {"decided_on": "2026-05-01", "outcome": "taken_over", "reasons": "Needs"}),
    ):
        response = await disputes.post(f"{base}/{path}", json=body)
        assert response.is_success, response.text

    async def taken_over() -> bool:
        plan = (await idp.get(f"/v1/idps/{plan_id}")).json()
        return bool(plan["maintainer"]["organisation"] == LA)

    await eventually(taken_over, timeout=30)
    plan = (await idp.get(f"/v1/idps/{plan_id}")).json()
    assert plan["transfers"][-1]["reason"] == "la_take_over"
