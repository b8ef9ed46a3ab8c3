"""`make run` on a clean clone answers /healthz and serves /docs."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_make_run_on_a_clean_clone_serves_health_and_docs(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=60)
    port = free_port()
    env = {**os.environ, "GATEWAY_PORT": str(port), "LLWYBR_JSON_LOGS": "true"}
    env.pop("VIRTUAL_ENV", None)
    log = (tmp_path / "make-run.log").open("w")
    process = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.5)
        output = (tmp_path / "make-run.log").read_text()
        assert health is not None, f"make run did not answer:\n{output[-3000:]}"
        assert health.json() == {"status": "ok", "service": "gateway"}
        docs = httpx.get(f"http://127.0.0.1:{port}/docs", timeout=5)
        assert docs.status_code == 200
        assert "swagger" in docs.text.lower()
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz/services", timeout=10)
        assert ready.status_code == 200, ready.text
        assert (clone / "var" / "determination" / "events.sqlite").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
    assert "started in embedded mode" in (tmp_path / "make-run.log").read_text()
