"""`make run` loses no statutory effect when its process is killed (issue #21).

The embedded system runs as a real process (`python -m gateway`, `LLWYBR_MODE=embedded`, a
data directory of its own). In each cycle a school decides that several learners have ALN, and
the process is SIGKILLed 0 to 50 ms after the answers, when the decisions are stored but their
events may still be on the bus, on their way to the IDP service. After a restart on the same
data directory, each of those learners has their IDP, opened exactly once.
"""

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import REPO
from gateway.stack import OWN_PREFIXES, free_port
from tests.stack import TEST_LIMITS

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SCHOOL = "school:6652001"
AUDITOR = "auditor:665"
CYCLES = 20
DECISIONS_PER_CYCLE = 8
MAX_KILL_DELAY = 0.050
#: How long, after a restart, the plans of the decisions made before the kill may take to open.
SETTLE_SECONDS = 15.0


@dataclass
class Embedded:
    """``python -m gateway`` in embedded mode on ``var_dir``, started and killed at will."""

    var_dir: Path
    log: Path
    process: asyncio.subprocess.Process | None = None
    url: str = ""
    starts: list[float] = field(default_factory=list)  # seconds each start took

    async def start(self) -> None:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
        env |= {
            "LLWYBR_MODE": "embedded",
            "LLWYBR_VAR_DIR": str(self.var_dir),
            "GATEWAY_PORT": str(port),
            "LLWYBR_JSON_LOGS": "true",
            # one client polls for many plans here: not what the rate limit is about
            **TEST_LIMITS,
        }
        began = time.monotonic()
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "gateway",
                cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.url = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=self.url, timeout=2) as client:
            while time.monotonic() - began < 120 and self.process.returncode is None:
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get("/healthz")).status_code == 200:
                        self.starts.append(time.monotonic() - began)
                        return
                await asyncio.sleep(0.05)
        await self.kill()
        pytest.fail(f"the embedded system did not start:\n{self.log.read_text()[-5000:]}")

    async def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no lifespan end."""
        if self.process is not None and self.process.returncode is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            await self.process.wait()

    @contextlib.asynccontextmanager
    async def acting_as(self, organisation: str) -> AsyncIterator[httpx.AsyncClient]:
        """A client with a token from the development credentials of ``organisation``."""
        credentials = json.loads((self.var_dir / "gateway" / "dev-credentials.json").read_text())
        client_of = next(c for c in credentials if c["organisation"] == organisation)
        async with httpx.AsyncClient(base_url=self.url, timeout=10) as client:
            response = await client.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(client_of["client_id"], client_of["client_secret"]),
            )
            assert response.status_code == 200, response.text
            client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
            yield client


async def evidenced_case(school: httpx.AsyncClient, local_id: str) -> tuple[str, int, str]:
    """A concern raised by the school about its pupil ``local_id`` (its own id for them), with
    its graduated response: (case id, version, the registry's id for the learner)."""
    learner = {"local_id": local_id, "given_name": "Cerys", "family_name": "Jones",
               "date_of_birth": "2017-05-02", "setting": "maintained_school",
               "setting_id": "6652001", "local_authority": "665"}  # fmt: skip
    raised = await school.post(
        "/v1/determinations",
        json={"learner": learner, "raised_by": SCHOOL, "raised_with": SCHOOL,
              "came_to_attention_on": "2026-03-02"},
    )  # fmt: skip
    assert raised.status_code == 201, raised.text
    case, version, learner_id = (raised.json()[k] for k in ("id", "version", "learner_id"))
    evidence = await school.post(
        f"/v1/determinations/{case}/graduated-response",
        headers={"If-Match": f'"{version}"'},
        json={"level": "targeted", "description": "Small group literacy, 3 x 20 min a week",
              "small_steps_targets": ["Read 20 high-frequency words"],
              "termly_reviews": [{"reviewed_on": "2026-02-20", "outcome": "limited progress"}],
              "recorded_on": "2026-03-02", "recorded_by": SCHOOL},
    )  # fmt: skip
    assert evidence.status_code == 200, evidence.text
    return case, evidence.json()["version"], learner_id


async def decide_has_aln(school: httpx.AsyncClient, case: str, version: int) -> None:
    decided = await school.post(
        f"/v1/determinations/{case}/decision",
        headers={"If-Match": f'"{version}"'},
        json={"has_aln": True, "reasons": "Significantly greater difficulty in learning",
              "decided_on": "2026-03-20", "decided_by": SCHOOL, "person": "ALNCo"},
    )  # fmt: skip
    assert decided.status_code == 200, decided.text


async def plans(school: httpx.AsyncClient, learner_id: str) -> list[dict[str, Any]]:
    response = await school.get("/v1/idps", params={"learner_id": learner_id})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def idp_events(auditor: httpx.AsyncClient, learner_id: str) -> list[str]:
    """What the IDP service recorded about the learner, from the auditors' timeline."""
    response = await auditor.get(f"/v1/audit/learners/{learner_id}/timeline")
    assert response.status_code == 200, response.text
    return [e["event"] for e in response.json()["items"] if e["service"] == "idp"]


async def settled_plans(
    school: httpx.AsyncClient, learner_ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Each learner's plans, once every one has a plan or ``SETTLE_SECONDS`` have passed."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        lists = await asyncio.gather(*(plans(school, i) for i in learner_ids))
        found = dict(zip(learner_ids, lists, strict=True))
        if all(found.values()) or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.2)


async def test_a_has_aln_decision_opens_the_idp_exactly_once_whenever_the_process_is_killed(
    tmp_path: Path,
) -> None:
    system = Embedded(tmp_path / "var", tmp_path / "gateway.log")
    began = time.monotonic()
    missing: list[tuple[int, float, str]] = []  # (cycle, kill delay, learner) with no plan
    try:
        await system.start()
        for cycle in range(CYCLES):
            delay = MAX_KILL_DELAY * cycle / (CYCLES - 1)  # spread evenly over 0-50 ms
            pupils = [f"kill-{cycle}-{uuid.uuid4().hex[:8]}" for _ in range(DECISIONS_PER_CYCLE)]
            async with system.acting_as(SCHOOL) as school:
                cases = await asyncio.gather(*(evidenced_case(school, i) for i in pupils))
                learners = [learner_id for _, _, learner_id in cases]
                await asyncio.gather(*(decide_has_aln(school, c, v) for c, v, _ in cases))
                await asyncio.sleep(delay)
                await system.kill()
            await system.start()
            async with system.acting_as(SCHOOL) as school:
                found = await settled_plans(school, learners)
            lost = [i for i, items in found.items() if not items]
            print(
                f"cycle {cycle}: killed {delay * 1000:.1f} ms after the answers, restarted in "
                f"{system.starts[-1]:.1f} s; {len(lost)} of {len(learners)} plans never opened"
            )
            missing += [(cycle, delay, learner_id) for learner_id in lost]
            async with system.acting_as(AUDITOR) as auditor:
                for learner_id, items in found.items():
                    if not items:
                        continue
                    assert len(items) == 1, items
                    assert await idp_events(auditor, learner_id) == ["Opened"]  # exactly once
    finally:
        await system.kill()
    decisions = CYCLES * DECISIONS_PER_CYCLE
    print(
        f"\n{CYCLES} kills 0-{MAX_KILL_DELAY * 1000:.0f} ms after {decisions} has-ALN answers: "
        f"{len(missing)} plans never opened; {time.monotonic() - began:.1f} s in all, "
        f"{len(system.starts)} starts of {min(system.starts):.1f}-{max(system.starts):.1f} s "
        f"({sum(system.starts):.1f} s)"
    )
    assert not missing, (
        f"{len(missing)} of {decisions} has-ALN decisions never opened an IDP "
        f"(cycle, kill delay, learner): {missing}"
    )
