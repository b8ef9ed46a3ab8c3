"""The README's "Integrate your MIS in 15 minutes", run literally (issue 20): its shell blocks,
in order, with its receiver saved as it says, against a real ``python -m gateway`` (embedded
mode, as ``make run`` starts it) on a port of its own."""

import contextlib
import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import REPO
from tests.embedded import embedded_gateway, free_port

pytestmark = pytest.mark.slow

SECTION = "## Integrate your MIS in 15 minutes"


def blocks(language: str) -> list[str]:
    """The section's code blocks in ``language``, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION)
    end = readme.index("\n## ", start + len(SECTION))
    return re.findall(rf"```{language}\n(.*?)```", readme[start:end], flags=re.DOTALL)


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[str]:
    with embedded_gateway(tmp_path) as api:
        yield api


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
        assert "wales.aln.determination.concern-raised.v2 M665200125001" in log.read_text()
        assert "refused" not in log.read_text()
    finally:
        for session in sessions:  # the receiver the README left running in the background
            with contextlib.suppress(ProcessLookupError):
                os.killpg(session, signal.SIGTERM)
