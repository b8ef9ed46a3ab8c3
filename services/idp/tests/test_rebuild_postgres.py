"""Rebuilding the IDP read model on PostgreSQL gives the rows kept live.

The handler reads a plan's ALP rows while it applies an event, so its batches are not
pipelined; the test would catch a rebuild that lost those reads.
"""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from idp.main import create_app
from idp.settings import Settings
from llwybr.projections import ProjectionRunner
from llwybr.settings import RuntimeSettings
from llwybr_testkit import eventually, projection_rows, started_client

from .test_api import SCHOOL, add_nhs_alp, draft, issue, ok, open_plan

pytestmark = pytest.mark.integration


@pytest.fixture
async def client(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str
) -> AsyncIterator[httpx.AsyncClient]:
    # kafka_bootstrap: the service's consumer starts at the shared topics' end.
    settings = Settings(runtime=postgres_runtime, postgres_schema=f"idp_{uuid.uuid4().hex[:8]}")
    async with started_client(create_app(settings), "idp", SCHOOL) as c:
        yield c


async def test_a_rebuild_on_postgresql_equals_the_live_read_model(
    client: httpx.AsyncClient,
) -> None:
    ours = []
    for learner in ("learner-a", "learner-b"):
        plan = await open_plan(client, learner)
        ours.append(plan)
        await add_nhs_alp(client, plan)
        await draft(client, plan)
        await issue(client, plan)
        await ok(client, "DELETE", f"/v1/idps/{plan}/draft/alp-elements/e1")
    app: Any = client.app  # type: ignore[attr-defined]
    runner: ProjectionRunner = app.state.projections["idp.plans"]
    await eventually(lambda: runner.catch_up() == 0)
    # Only this test's plans: the service's consumer may open others from the shared topic.
    live = projection_rows(runner, "idp_id", ours)
    # plans, their ALP, and open shortfalls (none in this history: nothing is scheduled)
    assert [len(table) for table in live] == [2, 4, 0]

    assert runner.rebuild() > 0
    assert projection_rows(runner, "idp_id", ours) == live
