"""The README's "Integrate your MIS in 15 minutes", run literally (issue 20): its shell blocks,
in order, with its receiver saved as it says, against a real ``python -m gateway`` (embedded
mode, as ``make run`` starts it) on a port of its own."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

SECTION = "## Integrate your MIS in 15 minutes"


def blocks(language: str) -> list[str]:
    """The section's code blocks in ``language``, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION)
    end = readme.index("\n## ", start + len(SECTION))
    return re.findall(rf"```{language}\n(.*?)```", readme[start:end], flags=re.DOTALL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def stop(process: subprocess.Popen[bytes]) -> None:
    with_group = process.pid
    try:
        os.killpg(with_group, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(with_group, signal.SIGKILL)
        process.wait()


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[str]:
    """``python -m gateway`` in ``tmp_path`` (its ``var/`` there), answering when every service
    is ready; the repository's ``.venv`` beside it, as in a clone after ``make run``."""
    (tmp_path / ".venv").symlink_to(REPO / ".venv")
    port = free_port()
    env = {**os.environ, "LLWYBR_MODE": "embedded"}
    log = (tmp_path / "gateway.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{api}/readyz/services", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        else:
            output = (tmp_path / "gateway.log").read_text(errors="replace")
            pytest.fail(f"the gateway did not become ready:\n{output[-3000:]}")
        yield api
    finally:
        stop(process)
        log.close()


def run(script: str, cwd: Path, env: dict[str, str], sessions: list[int]) -> tuple[int, str]:
    """``script`` in bash, failing at the first command that fails (``curl -f``: an HTTP
    error too); in a session of its own, noted in ``sessions``, so that what it leaves running
    (the receiver, in the background) is stopped at the end of the test."""
    process = subprocess.Popen(
        ["bash", "-c", "set -euo pipefail\n" + script],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    sessions.append(process.pid)
    output, _ = process.communicate(timeout=180)
    return process.returncode, output


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.5)


def test_the_readme_integration_section_works_as_written(gateway: str, tmp_path: Path) -> None:
    token, sync, delta, subscribe = blocks("bash")
    [receiver] = blocks("python")
    (tmp_path / "receiver.py").write_text(receiver)  # "save this as receiver.py"
    receiver_port = free_port()
    env = {**os.environ, "API": gateway, "RECEIVER_PORT": str(receiver_port)}
    env.pop("VIRTUAL_ENV", None)
    sessions: list[int] = []
    try:
        code, output = run("\n".join([token, sync, delta, subscribe]), tmp_path, env, sessions)
        assert code == 0, output
        result = json.loads((tmp_path / "sync-result.json").read_text())
        assert (result["created"], result["failed"]) == (1, 0), result

        def changed() -> bool:  # the delta block again, until the case's read model has it
            if json.loads((tmp_path / "changes.json").read_text())["items"]:
                return True
            assert run("\n".join([token, delta]), tmp_path, env, sessions)[0] == 0
            return False

        wait_for(changed, "the delta feed never showed the synced case")
        assert int((tmp_path / "cursor.txt").read_text()) > 0

        log = tmp_path / "receiver.log"
        wait_for(lambda: "verified" in log.read_text(), f"no verified request: {output}")
        # The learner named by the UPN the registry knows, not only by our learner_id (#20).
        assert "wales.aln.determination.concern-raised.v1 M665200125001" in log.read_text()
        assert "refused" not in log.read_text()
    finally:
        for session in sessions:  # the receiver the README left running in the background
            with contextlib.suppress(ProcessLookupError):
                os.killpg(session, signal.SIGTERM)
