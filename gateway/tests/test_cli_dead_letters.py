"""``llwybr-audit dead-letters``: an operator lists and replays a service's dead letters where
its settings are, in embedded mode, where no service has a port of its own (issue #21)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway import registry
from gateway.cli import app
from llwybr import dead_letters
from llwybr.service import prepare_storage

SERVICE = registry.service("idp")


@pytest.fixture
def letter_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """An unreadable message the IDP service's consumer set aside, in an embedded store."""
    monkeypatch.setenv("LLWYBR_MODE", "embedded")
    monkeypatch.setenv("LLWYBR_VAR_DIR", str(tmp_path / "var"))
    engine, application = prepare_storage(SERVICE.service_settings(), registry.spec(SERVICE))
    try:
        letter = dead_letters.Letter(
            "idp.determinations", "aln.determination.v1", 0, 41, "not a CloudEvent", raw=b"?"
        )
        return dead_letters.store(engine, letter)
    finally:
        application.close()
        engine.dispose()


def test_an_operator_lists_a_services_dead_letters(letter_id: int) -> None:
    listed = CliRunner().invoke(app, ["dead-letters", "list", "idp", "--json"])
    assert listed.exit_code == 0, listed.output
    [item] = json.loads(listed.output)["items"]
    assert (item["id"], item["consumer"], item["replayable"]) == (
        letter_id,
        "idp.determinations",
        False,
    )
    table = CliRunner().invoke(app, ["dead-letters", "list", "idp"])
    assert "idp.determinations" in table.output
    assert "not a CloudEvent" in table.output
    empty = CliRunner().invoke(app, ["dead-letters", "list", "notifications"])
    assert "no dead letters" in empty.output


def test_a_replay_that_cannot_be_done_says_why_and_exits_non_zero(letter_id: int) -> None:
    unreadable = CliRunner().invoke(app, ["dead-letters", "replay", "idp", str(letter_id)])
    assert unreadable.exit_code == 1
    assert "not a readable CloudEvent" in unreadable.output
    unknown = CliRunner().invoke(app, ["dead-letters", "replay", "idp", str(letter_id + 1)])
    assert unknown.exit_code == 2
    not_a_service = CliRunner().invoke(app, ["dead-letters", "list", "tribunal"])
    assert not_a_service.exit_code == 2
