"""``llwybr-audit retention run`` (issue 23, ADR 0028) where the determination service's
settings are, in embedded mode: its account as JSON and as a table, and a bad LA refused. The
erasures themselves: ``services/determination/tests/test_shred.py`` (the run) and
``tests/test_personal_data_stack.py`` (this command against a stack)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway.cli import app


@pytest.fixture(autouse=True)
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLWYBR_MODE", "embedded")
    monkeypatch.setenv("LLWYBR_VAR_DIR", str(tmp_path / "var"))


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
