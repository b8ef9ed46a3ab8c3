"""The whole system in stack mode on one machine: each deployable its own process.

``python -m gateway.stack`` (``make run-stack``) starts the four services, then the gateway (it
reads their OpenAPI documents at start-up), against the PostgreSQL and Kafka the settings name
(``LLWYBR_*``), on the deployables' own ports (``GATEWAY_PORT``, ``DETERMINATION_PORT``, ...;
8000 to 8004 by default). Logs go to ``$LLWYBR_STACK_DIR`` (default ``var/stack``), one file
per deployable, and the development OAuth clients' secrets to ``gateway/dev-credentials.json``
in it. It supervises them: a deployable that dies is started again after a back-off that doubles
with each failure in a row (0.5 s up to 30 s; back to 0.5 s once it has run a minute), each
restart logged, while the others keep running. SIGINT or SIGTERM stops every process; so does
``make stop-stack``.

``running_stack(runtime, directory)`` does the same for tests: free ports, a schema per service
and consumer groups of its own, so several stacks can share one PostgreSQL and one Kafka.
"""

import asyncio
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import httpx

from gateway import registry
from gateway.console import development_sign_in_env
from gateway.registry import NAMES, SERVICES
from gateway.sample import beside
from gateway.security import dev_clients
from gateway.settings import Settings as GatewaySettings
from gateway.settings import url_variable
from gateway.stack_ready import ready_seconds
from gateway.tokens import SigningKey
from llwybr.kafka import skip_history
from llwybr.service import consumer_group
from llwybr.settings import RuntimeSettings

#: The deployables, in the order they start (the gateway last), their default ports and the
#: prefixes of their settings.
DEPLOYABLES = (*NAMES, "gateway")
DEFAULT_PORTS: dict[str, int] = {
    **{s.name: s.port for s in SERVICES},
    "gateway": GatewaySettings.model_fields["port"].default,
}
ENV_PREFIXES: dict[str, str] = {
    **{s.name: s.env_prefix for s in SERVICES},
    "gateway": GatewaySettings.model_config.get("env_prefix", ""),
}
#: Settings a test's processes must get from us only, never from the environment running it.
OWN_PREFIXES = ("LLWYBR_", *ENV_PREFIXES.values())


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

    @property
    def exit_code(self) -> int | None:
        """How the process ended (negative: the signal that ended it); None while running."""
        return self._popen.poll() if self._popen is not None else None

    def start(self) -> None:
        with self.log.open("ab") as log:
            log.write(f"--- starting python -m {self.module} on {self.url}\n".encode())
            log.flush()
            self._popen = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", self.module],
                cwd=self.directory,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: signals reach only it
            )

    def wait_ready(self, timeout: float | None = None) -> None:
        """Poll ``GET /readyz`` until 200 (for ``ready_seconds()`` unless told); otherwise
        ProcessNotReadyError (with the log)."""
        timeout = ready_seconds() if timeout is None else timeout
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
    """The processes (by module name) and the development OAuth clients (by organisation)."""

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

    def wait_caught_up(self, consumers: set[str], timeout: float = 240.0) -> None:
        """Wait until each named consumer (``<service>.<consumer>``) has read its topics to the
        end (its lag, from ``/metrics``, is zero)."""
        deadline = time.monotonic() + timeout
        lags: dict[str, float] = {}
        while time.monotonic() < deadline:
            lags = {}
            for name, process in self.processes.items():
                if name == "gateway":
                    continue
                for line in httpx.get(f"{process.url}/metrics", timeout=5.0).text.splitlines():
                    if line.startswith('consumer_lag_messages{consumer="'):
                        consumer = line.split('"')[1]
                        lags[consumer] = float(line.rsplit(" ", 1)[1])
            if consumers <= set(lags) and not any(lags[c] for c in consumers):
                return
            time.sleep(0.5)
        raise TimeoutError(f"consumers not caught up after {timeout}s: {lags}")

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
        """Stop every process, the gateway first."""
        for process in reversed(self.processes.values()):
            process.stop()


class Supervisor:
    """Starts a deployable of a running stack again when it dies, keeping the others up.

    A deployable is started again ``backoff`` seconds after it is seen dead; the back-off
    doubles with each death in a row (up to ``max_backoff``) and goes back to ``min_backoff``
    once the deployable has run ``stable`` seconds. ``check`` is called from the stack's loop.
    """

    def __init__(
        self,
        stack: Stack,
        say: Callable[[str], None],
        *,
        min_backoff: float = 0.5,
        max_backoff: float = 30.0,
        stable: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stack, self._say, self._clock = stack, say, clock
        self._min, self._max, self._stable = min_backoff, max_backoff, stable
        self._backoff = dict.fromkeys(stack.processes, min_backoff)
        self._due: dict[str, float] = {}  # name: when it is started again
        self._started = dict.fromkeys(stack.processes, clock())
        self.restarts = dict.fromkeys(stack.processes, 0)

    def check(self) -> bool:
        """Note the deployables that died, start those whose back-off is over; True if any
        was started again (its pid changed)."""
        now, restarted = self._clock(), False
        for name, process in self.stack.processes.items():
            if name in self._due:
                if now >= self._due[name]:
                    del self._due[name]
                    process.start()
                    self._started[name] = now
                    self.restarts[name] += 1
                    self._say(f"run-stack: {name} started again (pid {process.pid}, "
                              f"restart {self.restarts[name]})")  # fmt: skip
                    restarted = True
                continue
            if process.running:
                if now - self._started[name] >= self._stable:
                    self._backoff[name] = self._min
                continue
            code = process.exit_code
            process.stop()  # reaps it
            backoff = self._backoff[name]
            self._backoff[name] = min(backoff * 2, self._max)
            self._due[name] = now + backoff
            self._say(
                f"run-stack: {name} stopped (exit {code}); starting it again in {backoff:.1f} s;"
                f" the others keep running\n{process.log_tail(20)}"
            )
        return restarted


def development_clients(directory: Path) -> tuple[Path, dict[str, Client]]:
    """The clients file the gateway reads and the clients by organisation: one per kind of
    organisation, made on first use (``dev-credentials.json`` holds their secrets)."""
    dev_clients(directory)
    credentials = json.loads((directory / "dev-credentials.json").read_text())
    clients = {
        c["organisation"]: Client(c["client_id"], c["client_secret"], c["organisation"])
        for c in credentials
    }
    return directory / "clients.json", clients


def stack_env(
    runtime: RuntimeSettings, base_env: Mapping[str, str], internal_secret: str
) -> dict[str, str]:
    """The environment every deployable of one stack shares: stack mode, the servers, the
    pools' bounds, the consumer group prefix and the internal secret."""
    env = {
        **base_env,
        "LLWYBR_MODE": "stack",
        "LLWYBR_POSTGRES_HOST": runtime.postgres_host,
        "LLWYBR_POSTGRES_PORT": str(runtime.postgres_port),
        "LLWYBR_POSTGRES_USER": runtime.postgres_user,
        "LLWYBR_POSTGRES_DBNAME": runtime.postgres_dbname,
        "LLWYBR_KAFKA_BOOTSTRAP_SERVERS": runtime.kafka_bootstrap_servers,
        "LLWYBR_CONSUMER_GROUP_PREFIX": runtime.consumer_group_prefix,
        "LLWYBR_CONSUMER_START_FROM": runtime.consumer_start_from,
        "LLWYBR_INTERNAL_SECRET": internal_secret,
        **runtime.pool_env(),  # the bounds of docs/architecture.md, "Deployment"
    }
    if runtime.postgres_password is not None:
        env["LLWYBR_POSTGRES_PASSWORD"] = runtime.postgres_password.get_secret_value()
    return env


def plan_stack(
    runtime: RuntimeSettings,
    directory: Path,
    *,
    ports: Mapping[str, int],
    base_env: Mapping[str, str],
    internal_secret: str,
    schemas: Mapping[str, str] | None = None,
    gateway_env: Mapping[str, str] | None = None,
) -> Stack:
    """The processes of a stack, not yet started. ``schemas`` names each deployable's
    PostgreSQL schema (their own settings decide otherwise)."""
    directory.mkdir(parents=True, exist_ok=True)
    shared = stack_env(runtime, base_env, internal_secret)
    own = {
        name: {f"{ENV_PREFIXES[name]}PORT": str(ports[name])}
        | ({f"{ENV_PREFIXES[name]}POSTGRES_SCHEMA": schemas[name]} if schemas else {})
        for name in DEPLOYABLES
    }
    processes = {s: Process(s, ports[s], {**shared, **own[s]}, directory) for s in NAMES}
    gateway_dir = directory / "gateway"
    clients_file, clients = development_clients(gateway_dir)
    key = SigningKey.load_or_create(gateway_dir / "signing-key.pem")
    processes["gateway"] = Process(
        "gateway",
        ports["gateway"],
        {
            **shared,
            **own["gateway"],
            "GATEWAY_ISSUER": f"http://127.0.0.1:{ports['gateway']}",
            "GATEWAY_SIGNING_KEY_PEM": key.to_pem().decode(),
            "GATEWAY_CLIENTS_FILE": str(clients_file),
            **{url_variable(s): processes[s].url for s in NAMES},
            **(gateway_env or {}),
        },
        directory,
    )
    return Stack(processes, clients)


def consumer_groups(prefix: str) -> dict[str, list[str]]:
    """Every consumer group of a stack whose groups start with ``prefix``, and its topics."""
    groups = {}
    for service in SERVICES:
        spec = registry.spec(service)
        for consumer in spec.consumers:
            groups[consumer_group(prefix, spec, consumer)] = list(consumer.topics)
    return groups


@contextlib.contextmanager
def running_stack(
    runtime: RuntimeSettings, directory: Path, gateway_env: Mapping[str, str] | None = None
) -> Iterator[Stack]:
    """Every deployable running and ready on free ports, in schemas and consumer groups of
    this stack's own (starting at the topics' current end: earlier runs' events are not
    replayed); ``gateway_env`` adds ``GATEWAY_*`` settings. Stopped on exit."""
    run = uuid.uuid4().hex[:8]
    isolated = runtime.model_copy(update={"consumer_group_prefix": f"stack-{run}-"})
    groups = consumer_groups(isolated.consumer_group_prefix)
    asyncio.run(skip_history(isolated.kafka_bootstrap_servers, groups))
    stack = plan_stack(
        isolated,
        directory,
        ports={name: free_port() for name in DEPLOYABLES},
        base_env={k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)},
        internal_secret=secrets.token_urlsafe(32),
        schemas={name: f"{name}_{run}" for name in DEPLOYABLES},
        gateway_env=gateway_env,
    )
    try:
        stack.ensure_running()
        yield stack
    finally:
        stack.close()


# -- python -m gateway.stack ------------------------------------------------------------------


def _ports(env: Mapping[str, str]) -> dict[str, int]:
    return {
        name: int(env.get(f"{ENV_PREFIXES[name]}PORT", DEFAULT_PORTS[name])) for name in DEPLOYABLES
    }


def _describe(stack: Stack, runtime: RuntimeSettings, directory: Path) -> str:
    lines = [
        "Llwybr in stack mode: each deployable is its own process "
        f"(PostgreSQL {runtime.postgres_host}:{runtime.postgres_port}/{runtime.postgres_dbname},"
        f" Kafka {runtime.kafka_bootstrap_servers}).",
    ]
    for name, process in stack.processes.items():
        docs = "  API docs at /docs" if name == "gateway" else ""
        lines.append(f"  {name:<14} {process.url:<24} log {process.log}{docs}")
    lines += [
        f"Development OAuth clients (id, secret, organisation): "
        f"{directory / 'gateway' / 'dev-credentials.json'}",
        f"Case console (development sign-in): {stack.processes['gateway'].url}/console",
        "Ctrl-C or `make stop-stack` stops them all (PostgreSQL and Kafka keep running).",
    ]
    return "\n".join(lines)


def write_state(stack: Stack, state: Path) -> None:
    """``run-stack.json``: this process and each deployable's pid, URL and log (replaced whole,
    so a reader never sees half of it)."""
    draft = state.with_suffix(".json.new")
    draft.write_text(json.dumps({
        "pid": os.getpid(),
        "processes": {n: {"pid": p.pid, "url": p.url, "log": str(p.log)}
                      for n, p in stack.processes.items()},
    }, indent=2))  # fmt: skip
    draft.replace(state)


def main() -> int:
    """Run and supervise the stack until SIGINT or SIGTERM; exit 1 if it cannot start."""
    directory = Path(os.environ.get("LLWYBR_STACK_DIR", "var/stack")).resolve()
    runtime = RuntimeSettings(mode="stack")
    stack = plan_stack(
        runtime,
        directory,
        ports=_ports(os.environ),
        base_env=os.environ,
        internal_secret=os.environ.get("LLWYBR_INTERNAL_SECRET") or secrets.token_urlsafe(32),
        gateway_env=development_sign_in_env(directory / "gateway", os.environ),
    )
    stopping = threading.Event()
    phase = ["starting"]  # then "running", then "stopping"

    def stop(signum: int, _frame: FrameType | None) -> None:
        if phase[0] == "starting":
            raise KeyboardInterrupt  # leave ensure_running at once; the finally stops all
        stopping.set()  # running: the loop below ends; stopping: already under way

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    state, pid_file = directory / "run-stack.json", directory / "run-stack.pid"
    pid_file.write_text(f"{os.getpid()}\n")
    try:
        try:
            stack.ensure_running()
        except ProcessNotReadyError as error:
            print(f"run-stack: {error}", file=sys.stderr, flush=True)
            return 1
        except KeyboardInterrupt:
            return 0
        phase[0] = "running"
        write_state(stack, state)
        print(_describe(stack, runtime, directory), flush=True)
        # The sample world (unless LLWYBR_SAMPLE_DATA=0) and the banner, as in embedded mode.
        beside(stack.processes["gateway"].url, directory, "stack")
        supervisor = Supervisor(stack, lambda line: print(line, flush=True))
        while not stopping.wait(0.5):
            if supervisor.check():
                write_state(stack, state)
    finally:
        phase[0] = "stopping"
        print("run-stack: stopping every process ...", flush=True)
        stack.close()
        state.unlink(missing_ok=True)
        pid_file.unlink(missing_ok=True)
        print("run-stack: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
