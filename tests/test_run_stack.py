"""`make run-stack`: every deployable its own process on PostgreSQL and Kafka, with the sample
world made through the gateway (issue 20); a case raised through the gateway is published on
Kafka and consumed by notifications; Ctrl-C stops it all."""

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from conftest import REPO
from contracts.envelope import Envelope
from contracts.topics import DETERMINATION
from gateway.sample.seed import seed
from gateway.stack import DEPLOYABLES, OWN_PREFIXES, consumer_groups, free_port
from llwybr.settings import RuntimeSettings
from llwybr_testkit import eventually, postgres_conninfo, read_envelopes, skip_history

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"


@dataclass
class RunStack:
    """``make run-stack`` running in its own process group, as a terminal would run it."""

    process: subprocess.Popen[bytes]
    directory: Path
    output: Path
    gateway_url: str

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = json.loads((self.directory / "run-stack.json").read_text())
        return state

    def token(self, organisation: str) -> str:
        credentials = json.loads((self.directory / "gateway" / "dev-credentials.json").read_text())
        client = next(c for c in credentials if c["organisation"] == organisation)
        response = httpx.post(
            f"{self.gateway_url}/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(client["client_id"], client["client_secret"]),
            timeout=10,
        )
        response.raise_for_status()
        token: str = response.json()["access_token"]
        return token

    def interrupt(self, timeout: float = 90) -> int:
        """Ctrl-C: SIGINT to the whole foreground process group; the exit status."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="module")
def run_stack(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[RunStack]:
    directory = tmp_path_factory.mktemp("run-stack")
    ports = {name: free_port() for name in DEPLOYABLES}
    group_prefix = f"run-stack-{uuid.uuid4().hex[:8]}-"
    asyncio.run(skip_history(kafka_bootstrap, consumer_groups(group_prefix)))
    env = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
    env.pop("VIRTUAL_ENV", None)
    env |= {f"{name.upper()}_PORT": str(port) for name, port in ports.items()}
    env |= {
        "LLWYBR_STACK_DIR": str(directory),
        "LLWYBR_POSTGRES_HOST": postgres_runtime.postgres_host,
        "LLWYBR_POSTGRES_PORT": str(postgres_runtime.postgres_port),
        "LLWYBR_POSTGRES_DBNAME": postgres_runtime.postgres_dbname,
        "LLWYBR_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        # Other runs share the broker: their consumers must not split this stack's partitions.
        "LLWYBR_CONSUMER_GROUP_PREFIX": group_prefix,
    }
    output = directory / "make-run-stack.log"
    with output.open("wb") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run-stack"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack = RunStack(process, directory, output, f"http://127.0.0.1:{ports['gateway']}")
    deadline = time.monotonic() + 300
    while not (directory / "run-stack.json").exists():
        if process.poll() is not None or time.monotonic() > deadline:
            stack.interrupt()
            pytest.fail(f"make run-stack did not start:\n{output.read_text()[-5000:]}")
        time.sleep(0.5)
    yield stack
    stack.interrupt()


def raise_concern(stack: RunStack) -> str:
    """A concern raised by the school through the gateway; the case id."""
    learner = {
        "local_id": f"learner-{uuid.uuid4().hex[:8]}",
        "given_name": "Cerys",
        "family_name": "Jones",
        "date_of_birth": "2017-05-02",
        "setting": "maintained_school",
        "setting_id": "6652001",
        "local_authority": "665",
    }
    response = httpx.post(
        f"{stack.gateway_url}/v1/determinations",
        json={"learner": learner, "raised_by": SCHOOL, "raised_with": SCHOOL,
              "came_to_attention_on": "2026-03-02"},
        headers={"Authorization": f"Bearer {stack.token(SCHOOL)}"},
        timeout=30,
    )  # fmt: skip
    assert response.status_code == 201, response.text
    case_id: str = response.json()["id"]
    return case_id


async def published(kafka: str, case_id: str) -> Envelope:
    envelopes = await read_envelopes(kafka, DETERMINATION.name, {case_id}, 1, timeout=60)
    assert len(envelopes) == 1, envelopes
    return envelopes[0]


def test_every_deployable_runs_as_its_own_process_and_says_where_its_log_is(
    run_stack: RunStack,
) -> None:
    processes = run_stack.state()["processes"]

    assert set(processes) == set(DEPLOYABLES)
    assert len({p["pid"] for p in processes.values()} | {run_stack.state()["pid"]}) == 6
    for process in processes.values():
        assert Path(process["log"]).parent == run_stack.directory
        assert httpx.get(f"{process['url']}/readyz", timeout=10).status_code == 200
    output = run_stack.output.read_text()
    assert str(run_stack.directory / "gateway" / "dev-credentials.json") in output


def test_make_run_stack_makes_the_sample_world_once_and_prints_the_banner(
    run_stack: RunStack,
) -> None:
    deadline = time.monotonic() + 600  # about 1,000 requests, on a machine others share
    while "Llwybr is running (stack mode)" not in run_stack.output.read_text():
        assert run_stack.process.poll() is None, run_stack.output.read_text()[-3000:]
        assert time.monotonic() < deadline, run_stack.output.read_text()[-3000:]
        time.sleep(1.0)
    time.sleep(0.2)  # the rest of the banner
    output = run_stack.output.read_text()
    marker = json.loads((run_stack.directory / "gateway" / "sample-data.json").read_text())
    assert marker["problems"] == [], marker
    assert "200 learners at every stage; made in" in output, output[-3000:]
    assert "requests refused" not in output, output[-3000:]
    assert f"{run_stack.gateway_url}/oauth/token" in output
    headers = {"Authorization": f"Bearer {run_stack.token('la:665')}"}
    with httpx.Client(base_url=run_stack.gateway_url, headers=headers, timeout=30) as la:
        cases, after = [], None
        while True:
            query = {"limit": 200, **({"after": after} if after else {})}
            page = la.get("/v1/determinations", params=query).json()
            cases += page["items"]
            after = page.get("next_after")
            if not after:
                break
        contact = la.get("/v1/contacts/organisations/la:665").json()
    assert len(cases) == 200
    assert not [c for c in cases if c["provisional"]], "every setting has a term calendar"
    assert contact["name"] == "Wrexham County Borough Council"
    # Made once: the same code again finds it made (its marker, and the API knows it).
    again = seed(run_stack.gateway_url, run_stack.directory)
    assert again["already"] is True


async def test_a_case_raised_through_the_gateway_is_published_on_kafka(
    run_stack: RunStack, kafka_bootstrap: str
) -> None:
    case_id = raise_concern(run_stack)

    envelope = await published(kafka_bootstrap, case_id)

    assert envelope.type == "wales.aln.determination.concern-raised.v2"
    assert envelope.source == "/llwybr/determination"


async def test_notifications_consumes_the_published_case(
    run_stack: RunStack, kafka_bootstrap: str, postgres_runtime: RuntimeSettings
) -> None:
    envelope = await published(kafka_bootstrap, raise_concern(run_stack))

    async def processed_by_notifications() -> bool:
        """Both of its consumers (notices and webhooks) recorded the event."""
        conninfo = postgres_conninfo(postgres_runtime)
        async with await psycopg.AsyncConnection.connect(conninfo) as conn:
            cursor = await conn.execute(
                "SELECT consumer FROM notifications.processed_events WHERE event_id = %s",
                (envelope.id,),
            )
            consumers = {row[0] for row in await cursor.fetchall()}
            return consumers == {"notifications.notices", "notifications.webhooks"}

    await eventually(processed_by_notifications, timeout=30)


def test_the_console_offers_the_development_sign_in_on_loopback(run_stack: RunStack) -> None:
    """``make run-stack`` gives the console the development sign-in, as ``make run`` does."""
    with httpx.Client(base_url=run_stack.gateway_url, timeout=30) as browser:
        page = browser.get("/console/sign-in")
        assert page.status_code == 200
        assert "wrexham-la" in page.text
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        signed_in = browser.post("/console/sign-in", data={"client_id": "wrexham-la",
                                                           "csrf": csrf})  # fmt: skip
        assert signed_in.status_code == 303, signed_in.text
        caseload = browser.get("/console/caseload")
        assert caseload.status_code == 200
        assert "la:665" in caseload.text


def test_a_deployable_that_dies_is_started_again_and_the_others_keep_running(
    run_stack: RunStack,
) -> None:
    before = {name: p["pid"] for name, p in run_stack.state()["processes"].items()}
    victim = "notifications"

    os.kill(before[victim], signal.SIGKILL)

    deadline = time.monotonic() + 120
    while run_stack.state()["processes"][victim]["pid"] == before[victim]:
        assert time.monotonic() < deadline, run_stack.output.read_text()[-3000:]
        time.sleep(0.5)
    after = run_stack.state()["processes"]
    url = after[victim]["url"]
    while not healthy(url):
        assert time.monotonic() < deadline, run_stack.output.read_text()[-3000:]
        time.sleep(0.5)
    assert {n: p["pid"] for n, p in after.items() if n != victim} == {
        n: pid for n, pid in before.items() if n != victim
    }
    for name, pid in before.items():
        if name != victim:
            os.kill(pid, 0)  # never stopped: the same process is still there
    output = run_stack.output.read_text()
    assert f"run-stack: {victim} stopped (exit -9)" in output, output[-3000:]
    assert f"run-stack: {victim} started again" in output, output[-3000:]
    assert run_stack.process.poll() is None


def healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def test_ctrl_c_stops_every_process(run_stack: RunStack) -> None:
    state = run_stack.state()
    pids = [state["pid"], *(p["pid"] for p in state["processes"].values())]

    status = run_stack.interrupt()

    output = run_stack.output.read_text()
    assert "run-stack: stopped" in output, output[-3000:]
    assert status in (0, 2, -signal.SIGINT), output[-3000:]  # make reports the interrupt
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert not (run_stack.directory / "run-stack.pid").exists()
