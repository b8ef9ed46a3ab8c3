"""The automatic shred (issue 23, ADR 0028), on SQLite and on PostgreSQL: a learner due is
erased through the manual erasure's path, one on legal hold is not, one not yet due is not,
and a second run the same day erases nothing more."""

import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from determination import shred
from determination.main import create_app
from determination.settings import Settings
from llwybr.consumer import ApplicationEffect
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, eventually, started_client

from .test_api import SCHOOL, concern, valid_upn
from .test_api_learners import raise_ok, withdraw
from .test_api_retention import lodged


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "sqlite":
        runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
        return Settings(runtime=runtime)
    request.getfixturevalue("kafka_bootstrap")  # the consumer starts at the topics' end
    postgres: RuntimeSettings = request.getfixturevalue("postgres_runtime")
    return Settings(runtime=postgres, postgres_schema=f"det_{uuid.uuid4().hex[:8]}")


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with started_client(create_app(settings), "determination", SCHOOL) as c:
        yield c


async def learners(client: httpx.AsyncClient) -> tuple[str, str, str]:
    """Three learners of la:665: one due (closed 2026-03-05, + 6 years), one due but with an
    appeal lodged, one whose case is still open (never due)."""
    app: Any = client.app  # type: ignore[attr-defined]
    closed = []
    for body in ("665200125021", "665200125022"):
        case = await raise_ok(client, concern(upn=valid_upn(body)))
        await withdraw(client, case["id"])
        closed.append(case["learner_id"])
    still_open = (await raise_ok(client, concern(upn=valid_upn("665200125023"))))["learner_id"]
    service = app.state.application
    effect = ApplicationEffect(service, "determination.reconsiderations", service.on_public_event)
    assert effect.apply(lodged(closed[1])) is True
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)
    return closed[0], closed[1], still_open


def audit_table(engine: sa.Engine) -> str | None:
    """The gateway's access-audit table, made in the service's schema (PostgreSQL only)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.begin() as conn:
        schema = conn.execute(sa.text("SELECT current_schema()")).scalar_one()
        conn.execute(sa.text(
            f'CREATE TABLE "{schema}".access_audit (at timestamptz, request_id text, '
            "client_id text, organisation text, method text, path text, resource_id text, "
            "outcome text, status int, jurisdiction text)"
        ))  # fmt: skip
    return str(schema)


async def test_a_run_erases_the_due_only_and_once(client: httpx.AsyncClient) -> None:
    app: Any = client.app  # type: ignore[attr-defined]
    due, held, still_open = await learners(client)
    service, engine = app.state.application, app.state.engine
    schema = audit_table(engine)

    early = shred.run(engine, service, "665", date(2031, 1, 1), audit_schema=schema)
    assert (early.erased, early.held) == ([], [])  # closure + 6 years is 2032-03-05
    dry = shred.run(engine, service, "665", date(2033, 1, 1), dry_run=True)
    assert [s.learner_id for s in dry.erased] == [due]
    assert service.learner_record(due).erasure is None  # a dry run erases nothing

    done = shred.run(engine, service, "665", date(2033, 1, 1), audit_schema=schema)
    [erased] = done.erased
    assert (erased.learner_id, erased.schedule, erased.due_on) == (
        due, "no-aln-6", date(2032, 3, 5),
    )  # fmt: skip
    [kept] = done.held
    assert kept.learner_id == held
    assert kept.legal_holds[0].startswith("appeal:")
    assert done.as_dict()["erased"] == [{"learner_id": due, "schedule": "no-aln-6",
                                        "due_on": "2032-03-05", "legal_holds": []}]  # fmt: skip

    record = service.learner_record(due)
    assert record.erasure == {"erased_on": date(2033, 1, 1), "schedule": "no-aln-6",
                              "erased_by": "la:665"}  # fmt: skip
    assert record.given_name is None
    for other in (held, still_open):
        assert service.learner_record(other).given_name is not None
    view = (await client.get(f"/v1/learners/{due}", auth=ActingAs("la:665"))).json()
    assert view["personal_data_erased"] == (
        "personal data erased on 2033-01-01 under schedule no-aln-6"
    )

    again = shred.run(engine, service, "665", date(2033, 1, 1), audit_schema=schema)
    assert again.erased == []
    assert [h.learner_id for h in again.held] == [held]
    assert service.learner_record(due).version == record.version  # no second event

    if schema is not None:  # the access audit names the system, acting for the LA
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT client_id, organisation, method, path, jurisdiction "
                f'FROM "{schema}".access_audit'
            )).all()  # fmt: skip
        assert [tuple(r) for r in rows] == [
            ("system:retention", "la:665", "POST", f"/v1/learners/{due}/erasure", ",665,"),
        ]
