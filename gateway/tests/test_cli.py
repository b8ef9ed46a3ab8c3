"""``llwybr-audit`` against a live embedded gateway (uvicorn on a loopback port)."""

import copy
import json
import random
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from determination.domain.learner import upn_check_letter
from gateway.authz import CLIENT_KINDS, ROLE_SCOPES, required_scope
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
    credentials_file: Path

    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, organisation: str) -> httpx.Client:
        # One token per organisation for the module: the token endpoint limits each client's
        # rate, and every test raises a case of its own.
        if organisation not in self.tokens:
            c = self.credentials[organisation]
            with httpx.Client(base_url=self.url) as anonymous:
                self.tokens[organisation] = anonymous.post(
                    "/oauth/token",
                    data={"grant_type": "client_credentials"},
                    auth=(c["client_id"], c["client_secret"]),
                ).json()["access_token"]
        token = self.tokens[organisation]
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
    # Each command takes a token, as an auditor's terminal would: more than the token
    # endpoint's default burst for one client within a module's few seconds.
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=var_dir), token_rate_limit_burst=100
    )
    gateway = create_app(settings)
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
        credentials_file = var_dir / "gateway" / "dev-credentials.json"
        credentials = json.loads(credentials_file.read_text())
        yield LiveGateway(
            f"http://127.0.0.1:{port}",
            {c["organisation"]: c for c in credentials},
            credentials_file,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    assert not thread.is_alive(), "the gateway did not stop"


def a_upn() -> str:
    """A UPN of Wrexham's no other test's learner holds (the store may outlive a run)."""
    body = f"6652001{random.randrange(10**5):05d}"
    return upn_check_letter(body) + body


def a_case(live: LiveGateway, upn: str | None = None) -> dict[str, Any]:
    """A concern the school raised and then decided, about a learner of its own."""
    concern = copy.deepcopy(CONCERN)
    if upn is not None:
        concern["learner"]["upn"] = upn  # type: ignore[index]
    with live.client(SCHOOL) as school:
        created = school.post("/v1/determinations", json=concern)
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


# -- no client given: the auditor in make run's development credentials ---------------------


def test_with_no_client_the_auditor_in_the_dev_credentials_is_used(
    live: LiveGateway, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = a_case(live)
    (tmp_path / "var" / "gateway").mkdir(parents=True)
    (tmp_path / "var" / "gateway" / "dev-credentials.json").write_bytes(
        live.credentials_file.read_bytes()
    )
    monkeypatch.chdir(tmp_path)  # where `make run` wrote var/gateway/dev-credentials.json
    bare = {"LLWYBR_API_URL": live.url, "LLWYBR_CLIENT_ID": None, "LLWYBR_CLIENT_SECRET": None}

    result = CliRunner().invoke(app, ["verify", "--learner", case["learner_id"]], env=bare)

    assert result.exit_code == 0, result.output
    wales = live.credentials["auditor:wales"]["client_id"]
    assert result.stderr.strip() == (
        f"Using {wales} (auditor:wales) from the development credentials"
    )
    assert "every chain holds" in result.stdout


def test_the_dev_credentials_file_can_be_named(live: LiveGateway, tmp_path: Path) -> None:
    only_wrexham = tmp_path / "creds.json"
    only_wrexham.write_text(json.dumps([live.credentials[SCHOOL], live.credentials[AUDITOR]]))
    env = {"LLWYBR_API_URL": live.url, "LLWYBR_DEV_CREDENTIALS": str(only_wrexham),
           "LLWYBR_CLIENT_ID": None, "LLWYBR_CLIENT_SECRET": None}  # fmt: skip

    result = CliRunner().invoke(app, ["verify", "--learner", a_case(live)["learner_id"]], env=env)

    assert result.exit_code == 0, result.output
    assert f"({AUDITOR})" in result.stderr


@pytest.mark.parametrize("content", [None, "[]", "not json"])
def test_no_auditor_to_be_found_is_one_clear_line(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "dev-credentials.json"
    if content is not None:
        path.write_text(content)
    env = {"LLWYBR_DEV_CREDENTIALS": str(path), "LLWYBR_CLIENT_ID": None,
           "LLWYBR_CLIENT_SECRET": None, "COLUMNS": None}  # fmt: skip

    result = CliRunner().invoke(app, ["replay", "learner-1"], env=env)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "No auditor's client" in result.stderr
    assert str(path) in result.stderr


# -- --json: one JSON document on stdout -------------------------------------------------------


def test_replay_as_json_is_one_document(live: LiveGateway) -> None:
    case = a_case(live)
    result = CliRunner().invoke(
        app, ["replay", case["learner_id"], "--in-force-on", "2026-03-20", "--json"],
        env=live.env(),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["learner_id"] == case["learner_id"]
    assert document["in_force_on"] == "2026-03-20"
    assert "ConcernRaised" in [e["event"] for e in document["events"]]
    (case_state,) = (a for a in document["aggregates"] if a["aggregate_id"] == case["case_id"])
    assert case_state["service"] == "determination"
    assert case_state["state"]["status"] == "decided_aln"


def test_verify_as_json_is_one_document_and_keeps_its_exit_code(live: LiveGateway) -> None:
    case = a_case(live)
    result = CliRunner().invoke(
        app, ["verify", "--learner", case["learner_id"], "--json"], env=live.env()
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["ok"] is True
    assert document["learner_id"] == case["learner_id"]
    assert sum(r["events_checked"] for r in document["checked"]) >= 2


def test_export_bundle_as_json_summarises_the_check(live: LiveGateway, tmp_path: Path) -> None:
    case = a_case(live)
    out = tmp_path / "bundle.zip"
    result = CliRunner().invoke(
        app, ["export-bundle", case["learner_id"], "--out", str(out), "--json"], env=live.env()
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["ok"] is True
    assert summary["problems"] == []
    assert summary["learner_id"] == case["learner_id"]
    assert summary["case_verified"] is True
    assert "events.jsonl" in {f["name"] for f in summary["files"]}
    assert all(f["matches"] for f in summary["files"])


# -- full width when redirected ----------------------------------------------------------------


def test_redirected_output_keeps_each_row_on_one_line(live: LiveGateway) -> None:
    case = a_case(live)
    env = {**live.env(), "COLUMNS": None}  # stdout is not a terminal here, as when redirected

    result = CliRunner().invoke(app, ["verify", "--learner", case["learner_id"]], env=env)

    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if case["case_id"] in line)
    assert "verified" in line
    assert "first broken" not in result.stdout


# -- lookup by UPN -----------------------------------------------------------------------------


def test_replay_and_verify_find_the_learner_by_upn(live: LiveGateway) -> None:
    upn = a_upn()
    case = a_case(live, upn)

    replayed = CliRunner().invoke(app, ["replay", "--upn", upn, "--json"], env=live.env())
    verified = CliRunner().invoke(app, ["verify", "--upn", upn.lower()], env=live.env())

    assert replayed.exit_code == 0, replayed.output
    assert json.loads(replayed.stdout)["learner_id"] == case["learner_id"]
    assert "ConcernRaised" in {e["event"] for e in json.loads(replayed.stdout)["events"]}
    assert verified.exit_code == 0, verified.output
    assert f"Learner {case['learner_id']}" in verified.stdout


def test_a_upn_outside_the_auditors_jurisdiction_is_the_one_404(live: LiveGateway) -> None:
    upn = a_upn()
    a_case(live, upn)

    result = CliRunner().invoke(app, ["replay", "--upn", upn], env=live.env("auditor:666"))

    assert result.exit_code == 3
    assert "404" in result.output


def test_an_id_and_a_upn_together_or_neither_is_wrong_usage(live: LiveGateway) -> None:
    both = CliRunner().invoke(app, ["replay", "x", "--upn", a_upn()], env=live.env())
    neither = CliRunner().invoke(app, ["replay"], env=live.env())
    assert both.exit_code == neither.exit_code == 2
    assert "--upn" in both.output


#: The organisations whose stories cross (issue 16): two schools, an FEI, three LAs (one
#: looking after another's child), an NHS trust, two health boards and two auditors.
CROSSING = {"school:6652001", "school:6662001", "fei:10001234", "la:665", "la:666", "la:667",
            "nhs:RQF", "lhb:7A1", "lhb:7A7", "auditor:665", "auditor:666"}  # fmt: skip
#: A read every kind may be given: the first of these its scopes allow.
READS = (
    "/v1/determinations",
    "/v1/notices",
    "/v1/idps",
    "/v1/disputes/recommendations-awaiting-report",
    "/v1/access-audit",
)


def test_every_development_client_make_run_writes_gets_a_token_and_is_answered(
    live: LiveGateway,
) -> None:
    """The credentials file ``make run`` writes (var/gateway/dev-credentials.json) holds a
    client of every kind of organisation, and each works: a token with its kind's scopes and
    an answer to a read those scopes allow."""
    assert set(live.credentials) >= CROSSING, sorted(CROSSING - set(live.credentials))
    assert {o.partition(":")[0] for o in live.credentials} >= set(CLIENT_KINDS)
    for organisation, credential in sorted(live.credentials.items()):
        kind = organisation.partition(":")[0]
        secret = (credential["client_id"], credential["client_secret"])
        issued = httpx.post(
            f"{live.url}/oauth/token", data={"grant_type": "client_credentials"}, auth=secret
        )
        assert issued.status_code == 200, (organisation, issued.text)
        assert set(issued.json()["scope"].split()) == ROLE_SCOPES[kind], organisation
        read = next(p for p in READS if required_scope("GET", p) in ROLE_SCOPES[kind])
        with live.client(organisation) as client:
            answer = client.get(read)
        assert answer.status_code == 200, (organisation, read, answer.text)
