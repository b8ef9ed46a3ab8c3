"""A real ``python -m gateway`` (embedded mode, as ``make run`` starts it) in a directory of
its own, for the tests that use the system as a new user would (the README's blocks, the SDK)."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from conftest import REPO


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


@contextmanager
def embedded_gateway(cwd: Path, **environment: str) -> Iterator[str]:
    """``python -m gateway`` in ``cwd`` (its ``var/`` there), yielding its URL once every
    service is ready; the repository's ``.venv`` beside it, as in a clone after ``make run``."""
    (cwd / ".venv").symlink_to(REPO / ".venv")
    port = free_port()
    env = {**os.environ, "LLWYBR_MODE": "embedded", **environment}
    log = (cwd / "gateway.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "--port", str(port)],
        cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
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
            output = (cwd / "gateway.log").read_text(errors="replace")
            pytest.fail(f"the gateway did not become ready:\n{output[-3000:]}")
        yield api
    finally:
        stop(process)
        log.close()
