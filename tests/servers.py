"""A PostgreSQL cluster and a Kafka broker of a test's own, which it may stop and restart.

The servers ``make test`` starts are shared by every test (and by anyone else working on the
machine): fault tests must never stop them. These are started by the same scripts, on free
ports and in data directories of their own, and deleted afterwards.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.stack import free_port

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@dataclass(frozen=True)
class Server:
    """One of ``scripts/<name>.sh`` run with its own settings."""

    script: str
    env: dict[str, str]

    def run(self, command: str, timeout: float = 180.0) -> None:
        subprocess.run(
            ["bash", str(SCRIPTS / self.script), command],
            env={**os.environ, **self.env},
            check=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            capture_output=True,
        )

    def start(self) -> None:
        self.run("start")

    def stop(self) -> None:
        self.run("stop")


@contextlib.contextmanager
def own_postgres() -> Iterator[tuple[Server, int]]:
    """A fresh cluster in the temporary directory (the postgres user must traverse its
    parents, which pytest's own temporary directories do not let it)."""
    port = free_port()
    data = Path(tempfile.gettempdir()) / f"llwybr-pg-fault-{port}"
    server = Server("postgres.sh", {"PG_PORT": str(port), "PG_DATA": str(data)})
    try:
        server.start()
        yield server, port
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            server.run("clean")
        shutil.rmtree(data, ignore_errors=True)


@contextlib.contextmanager
def own_kafka(directory: Path) -> Iterator[tuple[Server, str]]:
    """A fresh single-node broker with its data under ``directory``."""
    port, controller = free_port(), free_port()
    server = Server(
        "kafka.sh",
        {
            "KAFKA_PORT": str(port),
            "KAFKA_CONTROLLER_PORT": str(controller),
            "LLWYBR_VAR_DIR": str(directory),
        },
    )
    try:
        server.start()
        yield server, f"127.0.0.1:{port}"
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            server.run("clean")
