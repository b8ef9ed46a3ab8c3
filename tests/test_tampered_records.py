"""A record whose stored history was altered is not served and not written on (issue #21).

The determination service on PostgreSQL, through its HTTP API: one stored ``Decided`` event's
``has_aln`` is flipped with SQL, behind the service's back. Reading the determination then
answers 503 problem+json naming the record and the event that fails its integrity chain
(ADR 0005), never the altered value; a command on it is refused and stores nothing; and the
refusals are counted for Prometheus.
"""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import psycopg
import pytest

from determination.main import create_app
from determination.settings import Settings
from llwybr.outbox import RelayPositions
from llwybr.settings import RuntimeSettings
from llwybr_testkit import eventually, postgres_conninfo, started_client

pytestmark = pytest.mark.integration

SCHOOL = "school:6652001"
DECISION = {"has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
            "decided_by": SCHOOL, "person": "ALNCo"}  # fmt: skip


@pytest.fixture
async def determination(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str
) -> AsyncIterator[tuple[httpx.AsyncClient, Settings]]:
    # kafka_bootstrap: the service's consumers start at the shared topics' end.
    settings = Settings(runtime=postgres_runtime, postgres_schema=f"tamper_{uuid.uuid4().hex[:8]}")
    async with started_client(create_app(settings), "determination", SCHOOL) as client:
        yield client, settings


def sql(settings: Settings, statement: str, *params: Any) -> list[tuple[Any, ...]]:
    table = f'"{settings.schema_name}".determination_events'
    with psycopg.connect(postgres_conninfo(settings.runtime), autocommit=True) as conn:
        cursor = conn.execute(statement.format(table=table), params)
        return cursor.fetchall() if cursor.description else [(cursor.rowcount,)]


async def decided_case(client: httpx.AsyncClient) -> str:
    created = await client.post("/v1/determinations", json={
        "learner": {"local_id": f"learner-{uuid.uuid4().hex[:8]}", "given_name": "Cerys",
                    "family_name": "Jones", "date_of_birth": "2017-05-02",
                    "setting": "maintained_school", "setting_id": "6652001",
                    "local_authority": "665"},
        "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
    })  # fmt: skip
    assert created.status_code == 201, created.text
    case_id: str = created.json()["id"]
    decided = await client.post(f"/v1/determinations/{case_id}/decision", json=DECISION)
    assert decided.is_success, decided.text
    shown = await client.get(f"/v1/determinations/{case_id}")
    assert shown.status_code == 200
    assert shown.json()["decision"]["has_aln"] is True
    # Published before the tampering, so only the requests below meet the altered event.
    app: Any = client.app  # type: ignore[attr-defined]
    stored = app.state.application.recorder.max_notification_id()
    await eventually(lambda: RelayPositions(app.state.engine).get(app.state.relay.name) >= stored)
    return case_id


def assert_refused(response: httpx.Response, case_id: str, version: int) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "https://llwybr.wales/problems/integrity"
    assert (problem["aggregate_id"], problem["event_version"]) == (case_id, version)
    assert f"event version {version}" in problem["detail"]
    assert "has_aln" not in response.text  # nothing of the record is shown


async def test_an_altered_decision_is_not_served_nor_written_on(
    determination: tuple[httpx.AsyncClient, Settings],
) -> None:
    client, settings = determination
    case_id = await decided_case(client)
    [(version,)] = sql(
        settings,
        "SELECT originator_version FROM {table} WHERE originator_id = %s AND topic LIKE %s",
        uuid.UUID(case_id),
        "%.Decided",
    )
    [(altered,)] = sql(
        settings,
        "UPDATE {table} SET state = convert_to(replace(convert_from(state, 'UTF8'), "
        "'\"has_aln\":true', '\"has_aln\":false'), 'UTF8') "
        "WHERE originator_id = %s AND originator_version = %s",
        uuid.UUID(case_id),
        version,
    )
    assert altered == 1
    count = "SELECT count(*) FROM {table} WHERE originator_id = %s"
    [(stored_before,)] = sql(settings, count, uuid.UUID(case_id))

    assert_refused(await client.get(f"/v1/determinations/{case_id}"), case_id, version)
    again = {**DECISION, "has_aln": False}
    refused = await client.post(f"/v1/determinations/{case_id}/decision", json=again)
    assert_refused(refused, case_id, version)

    assert sql(settings, count, uuid.UUID(case_id)) == [(stored_before,)]
    metrics = (await client.get("/metrics")).text
    assert 'llwybr_integrity_failures_total{service="determination"} 2.0' in metrics
