"""``llwybr-audit`` against a live embedded gateway (uvicorn on a loopback port)."""

import json
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from gateway.cli import app, check_bundle
from gateway.main import create_app
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings

from .test_api import CONCERN, SCHOOL

AUDITOR = "auditor:665"


@dataclass
class LiveGateway:
    url: str
    credentials: dict[str, dict[str, str]]

    def client(self, organisation: str) -> httpx.Client:
        c = self.credentials[organisation]
        with httpx.Client(base_url=self.url) as anonymous:
            token = anonymous.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(c["client_id"], c["client_secret"]),
            ).json()["access_token"]
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    def env(self, organisation: str = AUDITOR) -> dict[str, str]:
        c = self.credentials[organisation]
        return {
            "LLWYBR_API_URL": self.url,
            "LLWYBR_CLIENT_ID": c["client_id"],
            "LLWYBR_CLIENT_SECRET": c["client_secret"],
            "COLUMNS": "200",
        }


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveGateway]:
    var_dir = tmp_path_factory.mktemp("var")
    gateway = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=var_dir)))
    config = uvicorn.Config(
        gateway, host="127.0.0.1", port=0, log_config=None, access_log=False, ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="gateway", daemon=True)
    thread.start()
    try:
        while not server.started:
            assert thread.is_alive(), "the gateway did not start"
            thread.join(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        credentials = json.loads((var_dir / "gateway" / "dev-credentials.json").read_text())
        yield LiveGateway(f"http://127.0.0.1:{port}", {c["organisation"]: c for c in credentials})
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    assert not thread.is_alive(), "the gateway did not stop"


def a_case(live: LiveGateway) -> dict[str, Any]:
    """A concern the school raised and then decided, about a learner of its own."""
    with live.client(SCHOOL) as school:
        created = school.post("/v1/determinations", json=CONCERN)
        assert created.status_code == 201, created.text
        case_id, learner_id = created.json()["id"], created.json()["learner_id"]
        decided = school.post(f"/v1/determinations/{case_id}/decision", json={
            "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
            "decided_by": SCHOOL, "person": "ALNCo"})  # fmt: skip
        assert decided.is_success, decided.text
    return {"learner_id": learner_id, "case_id": case_id}


def test_verify_names_the_learners_case_as_verified(live: LiveGateway) -> None:
    case = a_case(live)
    result = CliRunner().invoke(app, ["verify", "--learner", case["learner_id"]], env=live.env())
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if case["case_id"] in line)
    assert "verified" in line
    assert "every chain holds" in result.output


def test_verify_of_a_whole_service_reports_it(live: LiveGateway) -> None:
    a_case(live)
    result = CliRunner().invoke(
        app, ["verify", "--service", "determination"], env=live.env("auditor:wales")
    )
    assert result.exit_code == 0, result.output
    assert "determination" in result.output


def test_export_bundle_writes_a_zip_whose_manifest_checks_out(
    live: LiveGateway, tmp_path: Path
) -> None:
    case = a_case(live)
    out = tmp_path / "bundle.zip"
    result = CliRunner().invoke(
        app, ["export-bundle", case["learner_id"], "--out", str(out)], env=live.env()
    )
    assert result.exit_code == 0, result.output
    assert "Bundle good" in result.output
    check = check_bundle(out)
    assert check.problems == []
    assert check.manifest["learner_id"] == case["learner_id"]
    assert check.verification is not None
    assert check.verification["ok"] is True


def test_a_bundle_altered_after_download_is_refused(live: LiveGateway, tmp_path: Path) -> None:
    case = a_case(live)
    out = tmp_path / "bundle.zip"
    CliRunner().invoke(
        app, ["export-bundle", case["learner_id"], "--out", str(out)], env=live.env()
    )
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(out) as original, zipfile.ZipFile(altered, "w") as copy:
        for name in original.namelist():
            content = original.read(name)
            if name == "events.jsonl":
                content = content.replace(b"Needs ALP", b"No ALN")
            copy.writestr(name, content)
    assert check_bundle(altered).problems == [
        "events.jsonl: SHA-256 or size differs from the manifest"
    ]


def test_verify_bundle_reads_the_gateways_keys_from_its_url_when_none_are_saved(
    live: LiveGateway, tmp_path: Path
) -> None:
    case = a_case(live)
    out = tmp_path / "bundle.zip"
    CliRunner().invoke(
        app, ["export-bundle", case["learner_id"], "--out", str(out)], env=live.env()
    )
    anonymous = {"LLWYBR_API_URL": live.url, "COLUMNS": "200"}  # no client: keys are public

    result = CliRunner().invoke(app, ["verify-bundle", str(out)], env=anonymous)

    assert result.exit_code == 0, result.output
    assert "signed in manifest.jws" in result.output
    unreachable = ["--url", "http://127.0.0.1:9", "verify-bundle", str(out)]
    assert CliRunner().invoke(app, unreachable, env={"COLUMNS": "200"}).exit_code == 3


def test_replay_prints_the_events_of_the_case(live: LiveGateway) -> None:
    case = a_case(live)
    result = CliRunner().invoke(app, ["replay", case["learner_id"]], env=live.env())
    assert result.exit_code == 0, result.output
    assert "ConcernRaised" in result.output
    assert "Decided" in result.output


def test_replay_as_of_a_moment_before_the_case_shows_nothing(live: LiveGateway) -> None:
    case = a_case(live)
    result = CliRunner().invoke(
        app, ["replay", case["learner_id"], "--as-of", "2000-01-01T00:00:00Z"], env=live.env()
    )
    assert result.exit_code == 0, result.output
    assert "0 events" in result.output
    assert "ConcernRaised" not in result.output


def test_replay_as_of_now_shows_each_aggregates_state(live: LiveGateway) -> None:
    case = a_case(live)
    result = CliRunner().invoke(
        app, ["replay", case["learner_id"], "--as-of", "2999-01-01T00:00:00+00:00"],
        env=live.env(),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert case["case_id"] in result.output
    assert '"decided_aln"' in result.output


def test_replay_in_force_on_a_day_shows_the_state_then(live: LiveGateway) -> None:
    case = a_case(live)
    before, after = (
        CliRunner().invoke(app, ["replay", case["learner_id"], "--in-force-on", day],
                           env=live.env())
        for day in ("2026-03-19", "2026-03-20")
    )  # fmt: skip
    assert before.exit_code == after.exit_code == 0, before.output + after.output
    assert "in force on 2026-03-19" in before.output
    assert '"gathering_information"' in before.output
    assert "not yet in force: versions [2]" in before.output
    assert '"decided_aln"' in after.output
    wrong = CliRunner().invoke(app, ["replay", "x", "--in-force-on", "20 March"], env=live.env())
    assert wrong.exit_code == 2


def test_a_client_without_audit_read_is_told_and_exits_3(live: LiveGateway) -> None:
    result = CliRunner().invoke(app, ["replay", "learner-1"], env=live.env(SCHOOL))
    assert result.exit_code == 3
    assert "403" in result.output
