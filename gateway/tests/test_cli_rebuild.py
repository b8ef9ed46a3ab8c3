"""``llwybr-audit rebuild-projections``: a service's read models dropped, made again from their
current definitions and refilled from its event store, in embedded mode (SQLite) and in stack
mode (PostgreSQL), with the settings the service itself reads from the environment."""

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gateway import registry
from gateway.cli import app
from llwybr import db
from llwybr.projections import Projection, projection_positions
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import TEST_SECRET, started_client

from .test_api import CONCERN, SCHOOL

SERVICE = registry.service("determination")


@pytest.fixture(params=["embedded", pytest.param("stack", marks=pytest.mark.integration)])
def runtime(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> RuntimeSettings:
    var_dir = tmp_path_factory.mktemp("var")
    if request.param == "embedded":
        return RuntimeSettings(mode="embedded", var_dir=var_dir, internal_secret=TEST_SECRET)
    postgres: RuntimeSettings = request.getfixturevalue("postgres_runtime")
    request.getfixturevalue("kafka_bootstrap")  # the service's consumer starts at the end
    return postgres.model_copy(update={"var_dir": var_dir})


@pytest.fixture
def environment(runtime: RuntimeSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service's settings in the environment, as the command (and the service) read them."""
    env = {
        "LLWYBR_MODE": runtime.mode,
        "LLWYBR_VAR_DIR": str(runtime.var_dir),
        "LLWYBR_POSTGRES_HOST": runtime.postgres_host,
        "LLWYBR_POSTGRES_PORT": str(runtime.postgres_port),
        "LLWYBR_POSTGRES_USER": runtime.postgres_user,
        "LLWYBR_POSTGRES_DBNAME": runtime.postgres_dbname,
        f"{SERVICE.env_prefix}POSTGRES_SCHEMA": f"rebuild_{uuid.uuid4().hex[:8]}",
    }
    if runtime.postgres_password is not None:
        env["LLWYBR_POSTGRES_PASSWORD"] = runtime.postgres_password.get_secret_value()
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def rows(settings: ServiceSettings, projection: Projection) -> list[list[tuple[Any, ...]]]:
    engine = db.create_engine(settings)
    try:
        with engine.connect() as conn:
            return [sorted(tuple(r) for r in conn.execute(sa.select(t))) for t in projection.tables]
    finally:
        engine.dispose()


async def a_decided_case(runtime: RuntimeSettings) -> str:
    """A concern raised and decided through the service's API; the service is stopped after."""
    async with started_client(
        registry.create_app(SERVICE, runtime), SERVICE.name, SCHOOL
    ) as client:
        created = await client.post("/v1/determinations", json=CONCERN)
        assert created.status_code == 201, created.text
        case_id: str = created.json()["id"]
        decided = await client.post(f"/v1/determinations/{case_id}/decision", json={
            "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
            "decided_by": SCHOOL, "person": "ALNCo"})  # fmt: skip
        assert decided.is_success, decided.text
    return case_id


def rebuild(service: str) -> str:
    result = CliRunner().invoke(app, ["rebuild-projections", service], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.usefixtures("environment")
async def test_a_stale_read_model_is_dropped_and_rebuilt_from_the_event_store(
    runtime: RuntimeSettings,
) -> None:
    case_id = await a_decided_case(runtime)
    settings = SERVICE.service_settings()
    [projection] = registry.spec(SERVICE).projections
    output = rebuild(SERVICE.name)
    assert f"Rebuilt {projection.name}" in output
    rebuilt = rows(settings, projection)
    assert any(case_id in row for row in rebuilt[0]), "the case is in the read model"

    # A read model of an older shape, with a row the events never made, its position at the
    # end: only dropping the tables and replaying the whole store gives the model back.
    first, *others = projection.tables
    engine = db.create_engine(settings)
    with engine.begin() as conn:
        for table in reversed(projection.tables):
            table.drop(conn)
        stale = sa.Table(first.name, sa.MetaData(), sa.Column("stale", sa.String(8)))
        stale.create(conn)
        conn.execute(stale.insert().values(stale="stale"))
        conn.execute(projection_positions.update().values(position=10**9))
    engine.dispose()

    output = rebuild(SERVICE.name)

    assert "events replayed" in output
    assert rows(settings, projection) == rebuilt
    inspector = sa.inspect(engine := db.create_engine(settings))
    assert [c["name"] for c in inspector.get_columns(first.name)] == list(first.c.keys())
    assert all(inspector.has_table(table.name) for table in others)
    engine.dispose()


def test_a_service_without_read_models_of_its_own_is_told_so(tmp_path: Any) -> None:
    without = next(s for s in registry.SERVICES if not registry.spec(s).projections)
    result = CliRunner().invoke(
        app,
        ["rebuild-projections", without.name],
        env={"LLWYBR_MODE": "embedded", "LLWYBR_VAR_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    assert "keeps no read models" in result.output


def test_an_unknown_service_is_wrong_usage() -> None:
    result = CliRunner().invoke(app, ["rebuild-projections", "gateway"])
    assert result.exit_code == 2
    assert "not a service: gateway" in result.output
