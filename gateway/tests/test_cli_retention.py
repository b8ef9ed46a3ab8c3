"""``llwybr-audit retention run`` (issue 23, ADR 0028) where the determination service's
settings are, in embedded mode: its account as JSON and as a table, a bad LA refused, and the
access audit of an erasure it made (embedded mode: in the gateway's own store). The run's
rules: ``services/determination/tests/test_shred.py``; against a stack:
``tests/test_personal_data_stack.py``."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from determination.domain.learner import upn_check_letter
from determination.main import create_app
from determination.settings import Settings
from gateway import store
from gateway.cli import app
from llwybr.consumer import ApplicationEffect
from llwybr.db import create_engine
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import TEST_SECRET, appeal_lodged, eventually, started_client

SCHOOL = "school:6652001"


@pytest.fixture(autouse=True)
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RuntimeSettings:
    monkeypatch.setenv("LLWYBR_MODE", "embedded")
    monkeypatch.setenv("LLWYBR_VAR_DIR", str(tmp_path / "var"))
    return RuntimeSettings(mode="embedded", var_dir=tmp_path / "var", internal_secret=TEST_SECRET)


async def withdrawn_learners(runtime: RuntimeSettings) -> tuple[str, str]:
    """(due, held): two learners of la:665 whose cases were withdrawn on 2026-03-05, the
    second with an appeal lodged, recorded by the service in the store the command opens."""
    found = []
    async with started_client(create_app(Settings(runtime=runtime)), "determination",
                              SCHOOL) as client:  # fmt: skip
        for body in ("665200125041", "665200125042"):
            learner = {"given_name": "Cerys", "family_name": "Jones",
                       "date_of_birth": "2017-05-02", "upn": upn_check_letter(body) + body,
                       "setting": "maintained_school", "setting_id": "6652001",
                       "local_authority": "665"}  # fmt: skip
            raised = await client.post("/v1/determinations", json={
                "learner": learner, "raised_by": SCHOOL, "raised_with": SCHOOL,
                "came_to_attention_on": "2026-03-02"})  # fmt: skip
            assert raised.status_code == 201, raised.text
            case = raised.json()
            withdrawn = await client.post(f"/v1/determinations/{case['id']}/withdrawal", json={
                "reason": "r", "withdrawn_on": "2026-03-05", "withdrawn_by": SCHOOL})  # fmt: skip
            assert withdrawn.is_success, withdrawn.text
            found.append(case["learner_id"])
        state: Any = client.app.state  # type: ignore[attr-defined]
        service = state.application
        effect = ApplicationEffect(
            service, "determination.reconsiderations", service.on_public_event
        )
        assert effect.apply(appeal_lodged(found[1])) is True
        runner = state.projections["determination.cases"]
        await eventually(lambda: runner.catch_up() == 0)
    return found[0], found[1]


async def test_an_erasure_the_run_made_is_in_the_access_audit_as_the_system(
    runtime: RuntimeSettings,
) -> None:
    due, held = await withdrawn_learners(runtime)
    run = ["retention", "run", "--la", "la:665", "--on", "2040-01-31", "--json"]
    done = CliRunner().invoke(app, run)
    assert done.exit_code == 0, done.output
    account = json.loads(done.output)
    assert [line["learner_id"] for line in account["erased"]] == [due]
    assert [line["learner_id"] for line in account["held"]] == [held]

    engine = create_engine(ServiceSettings(service="gateway", runtime=runtime))
    try:
        rows = store.find_access(engine, organisation=None, resource_id=due, since=None,
                                 after=None, limit=10, jurisdiction="665")  # fmt: skip
        assert store.find_access(engine, organisation=None, resource_id=held, since=None,
                                 after=None, limit=10) == []  # fmt: skip
    finally:
        engine.dispose()
    assert [(r["client_id"], r["organisation"], r["method"], r["path"], r["outcome"],
             r["status"]) for r in rows] == [
        ("system:retention", "la:665", "POST", f"/v1/learners/{due}/erasure", status, code)
        for status, code in (("forwarded", 102), ("granted", 200))
    ]  # fmt: skip
    again = CliRunner().invoke(app, run)
    assert again.exit_code == 0, (again.output, again.exception)
    assert json.loads(again.output)["erased"] == []


def test_a_run_gives_its_account_as_json_and_as_a_table() -> None:
    done = CliRunner().invoke(app, ["retention", "run", "--la", "la:665", "--on", "2040-01-31",
                                    "--json", "--dry-run"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert json.loads(done.output) == {
        "local_authority": "la:665", "on": "2040-01-31", "dry_run": True, "erased": [],
        "held": [],
    }  # fmt: skip
    table = CliRunner().invoke(app, ["retention", "run", "--la", "la:665"], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "Erased 0; on legal hold 0." in table.output


def test_a_bad_la_or_day_is_refused() -> None:
    for args in (["--la", "665x"], ["--la", "la:665", "--on", "2040-13-01"]):
        refused = CliRunner().invoke(app, ["retention", "run", *args])
        assert refused.exit_code == 2, refused.output
