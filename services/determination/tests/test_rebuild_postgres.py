"""Rebuilding the determination read model on PostgreSQL, its statements pipelined, gives the
rows kept live; a batch that fails leaves nothing of itself."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from determination.main import create_app
from determination.projections import cases
from determination.settings import Settings
from llwybr.projections import ProjectionRunner, projection_positions
from llwybr.settings import RuntimeSettings
from llwybr_testkit import eventually, projection_rows, started_client

from .test_api import SCHOOL, concern, post_ok, valid_upn

pytestmark = pytest.mark.integration

PROJECTION = "determination.cases"


@pytest.fixture
async def client(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str
) -> AsyncIterator[httpx.AsyncClient]:
    # kafka_bootstrap: the service's consumer starts at the shared topics' end.
    schema = f"det_{uuid.uuid4().hex[:8]}"
    settings = Settings(runtime=postgres_runtime, postgres_schema=schema)
    async with started_client(create_app(settings), "determination", SCHOOL) as c:
        yield c


async def cases_made(client: httpx.AsyncClient) -> ProjectionRunner:
    for serial, has_aln in (("001", True), ("002", False), ("003", None)):
        learner = {"upn": valid_upn(f"665200125{serial}")}
        response = await client.post("/v1/determinations", json=concern(**learner))
        assert response.status_code == 201, response.text
        case = response.json()["id"]
        referral = {"referral_id": "r1", "nhs_body": "lhb:7A1", "received_on": "2026-03-03"}
        await post_ok(client, f"/v1/determinations/{case}/nhs-referrals", referral)
        if has_aln is not None:
            await post_ok(client, f"/v1/determinations/{case}/decision", {
                "has_aln": has_aln, "reasons": "r", "decided_on": "2026-03-12",
                "decided_by": SCHOOL, "person": "ALNCo"})  # fmt: skip
    app: Any = client.app  # type: ignore[attr-defined]
    runner: ProjectionRunner = app.state.projections[PROJECTION]
    await eventually(lambda: runner.catch_up() == 0)
    return runner


async def test_a_pipelined_rebuild_equals_the_live_read_model(client: httpx.AsyncClient) -> None:
    runner = await cases_made(client)
    assert runner.projection.write_only
    live = projection_rows(runner)
    # Each case: the school raising and deciding, the NHS body; each learner: LA and school.
    assert [len(table) for table in live] == [3, 9, 6]

    # The cases' 8 events, and each learner's record, UPN index and open-determination index.
    assert runner.rebuild() == 8 + 3 * 3
    assert projection_rows(runner) == live


async def test_a_failing_pipelined_batch_applies_nothing(client: httpx.AsyncClient) -> None:
    runner = await cases_made(client)
    live_cases = projection_rows(runner)[0]
    position = list(cases.c.keys()).index("changed_at_position")
    last = max(live_cases, key=lambda row: row[position])  # the case raised last
    with runner.engine.begin() as conn:
        for table in (*runner.projection.tables, projection_positions):
            conn.execute(table.delete())
        # The last case's row is there already: its insert fails after the earlier
        # statements of the batch went down the pipeline.
        conn.execute(cases.insert().values(dict(zip(cases.c.keys(), last, strict=True))))
    before = projection_rows(runner)

    # Found at a later statement or when the pipeline syncs: SQLAlchemy's error either way.
    with pytest.raises(sa.exc.IntegrityError):
        runner.catch_up()

    assert projection_rows(runner) == before
    with runner.engine.connect() as conn:
        positions = conn.execute(sa.select(projection_positions)).all()
    assert positions == []
