"""`make run` on a clean clone answers /healthz, serves /docs, starts with the sample world
made through the API (issue 20) and prints its banner; a second start keeps the world as it
was (nothing made twice)."""

import os
import signal
import subprocess
import time
from datetime import date, timedelta
from email import message_from_bytes
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

from conftest import REPO
from tests.embedded import free_port

pytestmark = pytest.mark.slow

BANNER = "Llwybr is running (embedded mode)"


def start(clone: Path, port: int, log: IO[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GATEWAY_PORT": str(port), "LLWYBR_JSON_LOGS": "true"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("LLWYBR_SAMPLE_DATA", None)  # make run's default: with the sample data
    return subprocess.Popen(
        ["make", "run"], cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for_banner(process: subprocess.Popen[bytes], log: Path, seconds: float = 420) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if BANNER in log.read_text():
            time.sleep(0.2)  # the rest of the banner
            return log.read_text()
        time.sleep(0.5)
    pytest.fail(f"make run printed no banner:\n{log.read_text()[-3000:]}")


def client(api: str, clone: Path, client_id: str) -> httpx.Client:
    import json

    credentials = json.loads((clone / "var/gateway/dev-credentials.json").read_text())
    secret = next(c["client_secret"] for c in credentials if c["client_id"] == client_id)
    token = httpx.post(f"{api}/oauth/token", data={"grant_type": "client_credentials"},
                       auth=(client_id, secret), timeout=10).json()["access_token"]  # fmt: skip
    return httpx.Client(base_url=api, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def every(reader: httpx.Client, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    after = None
    while True:
        page = reader.get(path, params={"limit": 200, **({"after": after} if after else {})})
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        after = page.json().get("next_after")
        if not after:
            return items


def letters(outbox: Path) -> list[str]:
    """The text of each letter written so far, decoded: a quoted-printable body may break a
    name across its lines."""
    found = []
    for path in outbox.glob("*.eml"):
        for part in message_from_bytes(path.read_bytes()).walk():
            body = part.get_payload(decode=True) if part.get_content_maintype() == "text" else None
            if isinstance(body, bytes):
                found.append(body.decode(part.get_content_charset() or "utf-8", "replace"))
    return found


def until_letter(outbox: Path, naming: str, seconds: float = 180) -> list[str]:
    """Every letter written, once one of them names ``naming``."""
    deadline = time.monotonic() + seconds
    while True:
        sent = letters(outbox) if outbox.exists() else []
        if any(naming in letter for letter in sent) or time.monotonic() > deadline:
            assert any(naming in letter for letter in sent), f"no letter names {naming}"
            return sent
        time.sleep(1)


def the_world(api: str, clone: Path) -> dict[str, Any]:
    """What an LA's system sees of the sample world, through the API."""
    with client(api, clone, "wrexham-la") as la:
        cases = every(la, "/v1/determinations")
        plans = every(la, "/v1/idps")
        contact = la.get("/v1/contacts/organisations/la:665").json()
        calendar = la.get("/v1/calendars/school:6652002").json()
        disputes = la.get("/v1/disputes/local-authorities/la:665/open").json()
    return {"cases": cases, "plans": plans, "contact": contact, "calendar": calendar,
            "disputes": disputes}  # fmt: skip


def test_make_run_on_a_clean_clone_serves_the_sample_world(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=60)
    port = free_port()
    api = f"http://127.0.0.1:{port}"
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        process = start(clone, port, out)
        try:
            output = wait_for_banner(process, log)
            health = httpx.get(f"{api}/healthz", timeout=5)
            assert health.json() == {"status": "ok", "service": "gateway"}
            docs = httpx.get(f"{api}/docs", timeout=5)
            assert docs.status_code == 200
            assert "swagger" in docs.text.lower()
            assert httpx.get(f"{api}/readyz/services", timeout=10).status_code == 200
            assert (clone / "var" / "determination" / "events.sqlite").exists()
            for shown in (f"{api}/docs", "var/gateway/dev-credentials.json", f"{api}/oauth/token",
                          "200 learners at every stage; made in"):  # fmt: skip
                assert shown in output, output[-2000:]
            assert "requests refused" not in output, output[-2000:]
            world = the_world(api, clone)
            # The letters are sent after their events, while the sample world is still being
            # answered: wait for the LA's own letter rather than read the outbox too early.
            outbox = clone / "var" / "notifications" / "outbox"  # make run's letters, as .eml
            sent = until_letter(outbox, "Wrexham County Borough Council")
        finally:
            stop(process)
    assert "started in embedded mode" in log.read_text()
    assert not [letter for letter in sent if "la:665" in letter], "organisations by name"

    cases = world["cases"]
    assert len(cases) == 200
    assert {c["organisation"] for c in cases} == {
        "school:6652001", "school:6652002", "school:6652003", "school:6652004", "fei:10001234"
    }  # fmt: skip
    statuses = {c["status"] for c in cases}
    assert {"gathering_information", "decided_aln", "decided_no_aln"} <= statuses, statuses
    assert not [c for c in cases if c["provisional"]], "every setting has a term calendar"
    assert {p["status"] for p in world["plans"]} == {"draft", "active"}  # issued: active
    issued = [p for p in world["plans"] if p["status"] == "active"]
    reviewed = [p for p in issued if date.fromisoformat(p["review_due_on"])
                > date.fromisoformat(p["issued_on"]) + timedelta(days=366)]  # fmt: skip
    assert reviewed, "a review held after the issue moves the next review on"
    assert len(reviewed) < len(issued)
    assert world["contact"]["name"] == "Wrexham County Borough Council"
    assert world["calendar"]["terms"]
    kinds = {d["case_type"] for d in world["disputes"]}
    assert kinds == {"reconsideration", "appeal"}, world["disputes"]

    again = tmp_path / "make-run-again.log"
    with again.open("w") as out:
        process = start(clone, port, out)  # the same clone, its var/ kept
        try:
            assert "made at an earlier start" in wait_for_banner(process, again)
            assert len(the_world(api, clone)["cases"]) == 200  # nothing made twice
        finally:
            stop(process)
