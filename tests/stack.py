"""The system as production runs it: each deployable its own process, on loopback, stack mode.

``running_stack(runtime, directory)`` starts the four services, then the gateway (it reads their
OpenAPI documents at start-up), each on a free port, every service in a PostgreSQL schema of its
own, all sharing one random internal secret. Each process logs to ``directory/<name>.log``. On
exit every process is stopped, also when the test failed.
"""

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from gateway.authz import ROLE_SCOPES
from gateway.settings import SERVICES
from gateway.tokens import SigningKey, hash_secret
from llwybr.settings import RuntimeSettings

#: One OAuth client per kind of organisation.
ORGANISATIONS = ("school:6652001", "la:665", "lhb:7A1", "auditor:665", "system:admin")
#: Settings the processes must get from us only, never from the environment running the tests.
_OWN_PREFIXES = ("LLWYBR_", "GATEWAY_", *(f"{s.upper()}_" for s in SERVICES))


class ProcessNotReadyError(RuntimeError):
    """A process exited or did not become ready in time (the message ends with its log)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Process:
    """``python -m <module>`` with a fixed port and environment; can be stopped and restarted."""

    def __init__(self, module: str, port: int, env: Mapping[str, str], directory: Path) -> None:
        self.module, self.port, self.env, self.directory = module, port, dict(env), directory
        self.url = f"http://127.0.0.1:{port}"
        self.log = directory / f"{module}.log"
        self._popen: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen is not None else None

    @property
    def running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    def start(self) -> None:
        with self.log.open("ab") as log:
            log.write(f"--- starting python -m {self.module} on {self.url}\n".encode())
            log.flush()
            self._popen = subprocess.Popen(
                [sys.executable, "-m", self.module],
                cwd=self.directory,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: signals reach only it
            )

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Poll ``GET /readyz`` until 200; ProcessNotReadyError (with the log) otherwise."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self._popen is None or self._popen.poll() is not None:
                code = self._popen.returncode if self._popen else None
                raise ProcessNotReadyError(f"{self.module} exited ({code})\n{self.log_tail()}")
            try:
                response = httpx.get(f"{self.url}/readyz", timeout=5.0)
                if response.status_code == 200:
                    return
                last = f"{response.status_code} {response.text}"
            except httpx.TransportError as error:
                last = repr(error)
            time.sleep(0.2)
        raise ProcessNotReadyError(
            f"{self.module} not ready after {timeout}s (last: {last})\n{self.log_tail()}"
        )

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM, then SIGKILL if it is still running after ``grace`` seconds."""
        if self._popen is None:
            return
        if self._popen.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self._popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self._popen.wait()
        self._popen = None

    def kill(self) -> None:
        """SIGKILL, as a crash would: no shutdown code runs."""
        if self._popen is None:
            return
        self._signal(signal.SIGKILL)
        self._popen.wait()
        self._popen = None

    def _signal(self, signum: signal.Signals) -> None:
        assert self._popen is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._popen.pid, signum)

    def log_tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return f"(no log at {self.log})"
        tail = self.log.read_text(errors="replace").splitlines()[-lines:]
        return f"--- last lines of {self.log}:\n" + "\n".join(tail)


@dataclass(frozen=True)
class Client:
    client_id: str
    secret: str
    organisation: str


class Stack:
    """The running processes (by module name) and the OAuth clients (by organisation)."""

    def __init__(self, processes: dict[str, Process], clients: dict[str, Client]) -> None:
        self.processes, self.clients = processes, clients
        self.gateway_url = processes["gateway"].url

    def stop(self, name: str) -> None:
        self.processes[name].stop()

    def start(self, name: str) -> None:
        """Start a stopped process again (same port and environment) and wait until ready."""
        self.processes[name].start()
        self.processes[name].wait_ready()

    def ensure_running(self) -> None:
        """Start whatever is not running: the services (together), then the gateway, which
        reads their OpenAPI documents when it starts."""
        services = [p for name, p in self.processes.items() if name != "gateway"]
        for group in (services, [self.processes["gateway"]]):
            stopped = [p for p in group if not p.running]
            for process in stopped:
                process.stop()  # reaps a process that died
                process.start()
            for process in stopped:
                process.wait_ready()

    def token(self, organisation: str) -> str:
        """An access token for the organisation's client (client credentials grant)."""
        client = self.clients[organisation]
        response = httpx.post(
            f"{self.gateway_url}/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(client.client_id, client.secret),
            timeout=10.0,
        )
        response.raise_for_status()
        token: str = response.json()["access_token"]
        return token

    def close(self) -> None:
        for process in reversed(self.processes.values()):
            process.stop()


def _clients(directory: Path) -> tuple[Path, dict[str, Client]]:
    clients = {}
    for organisation in ORGANISATIONS:
        client_id = organisation.replace(":", "-")
        clients[organisation] = Client(client_id, secrets.token_urlsafe(24), organisation)
    records = [
        {"client_id": c.client_id, "secret_hash": hash_secret(c.secret),
         "organisation": c.organisation, "name": c.client_id,
         "scopes": sorted(ROLE_SCOPES[c.organisation.partition(":")[0]])}
        for c in clients.values()
    ]  # fmt: skip
    path = directory / "clients.json"
    path.write_text(json.dumps(records, indent=2))
    return path, clients


def _shared_env(runtime: RuntimeSettings, directory: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_OWN_PREFIXES)}
    env.update(
        LLWYBR_MODE="stack",
        LLWYBR_VAR_DIR=str(directory / "var"),
        LLWYBR_POSTGRES_HOST=runtime.postgres_host,
        LLWYBR_POSTGRES_PORT=str(runtime.postgres_port),
        LLWYBR_POSTGRES_USER=runtime.postgres_user,
        LLWYBR_POSTGRES_DBNAME=runtime.postgres_dbname,
        LLWYBR_KAFKA_BOOTSTRAP_SERVERS=runtime.kafka_bootstrap_servers,
        LLWYBR_INTERNAL_SECRET=secrets.token_urlsafe(32),
        # Another stack on the same broker must not share this one's consumer groups.
        LLWYBR_CONSUMER_GROUP_PREFIX=f"stack-{uuid.uuid4().hex[:8]}-",
    )
    if runtime.postgres_password is not None:
        env["LLWYBR_POSTGRES_PASSWORD"] = runtime.postgres_password.get_secret_value()
    return env


@contextlib.contextmanager
def running_stack(
    runtime: RuntimeSettings, directory: Path, gateway_env: Mapping[str, str] | None = None
) -> Iterator[Stack]:
    """Every deployable running and ready; ``gateway_env`` adds ``GATEWAY_*`` settings."""
    directory.mkdir(parents=True, exist_ok=True)
    run = uuid.uuid4().hex[:8]
    shared = _shared_env(runtime, directory)
    processes = {}
    for service in SERVICES:
        prefix, port = service.upper(), free_port()
        env = {
            **shared,
            f"{prefix}_PORT": str(port),
            f"{prefix}_POSTGRES_SCHEMA": f"{service}_{run}",
        }
        processes[service] = Process(service, port, env, directory)
    clients_file, clients = _clients(directory)
    port = free_port()
    processes["gateway"] = Process(
        "gateway",
        port,
        {
            **shared,
            "GATEWAY_PORT": str(port),
            "GATEWAY_POSTGRES_SCHEMA": f"gateway_{run}",
            "GATEWAY_ISSUER": f"http://127.0.0.1:{port}",
            "GATEWAY_SIGNING_KEY_PEM": SigningKey.generate().to_pem().decode(),
            "GATEWAY_CLIENTS_FILE": str(clients_file),
            **{f"GATEWAY_{s.upper()}_URL": processes[s].url for s in SERVICES},
            **(gateway_env or {}),
        },
        directory,
    )
    stack = Stack(processes, clients)
    try:
        stack.ensure_running()
        yield stack
    finally:
        stack.close()
