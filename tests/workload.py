"""A steady, realistic load through the gateway, recording what each command was answered.

Each worker follows learners through the statutory path a school takes: it raises a concern,
records the graduated response (evidence of universal or targeted provision), decides (every
other learner has ALN) and, once the IDP service has opened the plan that an ALN decision
causes through Kafka, amends the plan's description of ALN. Updates carry ``If-Match``.

Used by the fault tests (which check every outcome against the stores and Kafka afterwards)
and by ``bench/commands.py`` (which reports throughput and latency). Bounded: it starts no new
command after its duration, and each request has a timeout.
"""

import asyncio
import itertools
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx

SCHOOL = "school:6652001"

#: The stored event each command records, by command kind.
RECORDS = {
    "raise": "ConcernRaised",
    "evidence": "GraduatedResponseRecorded",
    "decide": "Decided",
    "amend": "AlnDescriptionSet",
}
COMMANDS = tuple(RECORDS)


@dataclass(frozen=True)
class Outcome:
    """One request and how it ended (``status`` None: no answer, e.g. a timeout)."""

    kind: str  # a command of RECORDS, or "find-plan" (a read)
    local_id: str  # the school's own id for the learner (the registry's is known once raised)
    aggregate_id: str | None
    if_match: int | None
    status: int | None
    version: int | None
    started: float  # time.monotonic() when sent
    seconds: float
    has_aln: bool | None = None
    detail: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def concern(local_id: str) -> dict[str, Any]:
    """A school raising a concern about one of its learners, named by its own id for them (the
    learner registry assigns the learner's id, in the answer)."""
    return {
        "learner": {"local_id": local_id, "given_name": "Cerys", "family_name": "Jones",
                    "date_of_birth": "2017-05-02", "setting": "maintained_school",
                    "setting_id": "6652001", "local_authority": "665"},
        "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
    }  # fmt: skip


GRADUATED_RESPONSE = {
    "level": "targeted", "description": "Small group literacy, 3 x 20 min a week",
    "small_steps_targets": ["Read 20 high-frequency words", "Write a sentence unaided"],
    "termly_reviews": [{"reviewed_on": "2026-02-20", "outcome": "limited progress"}],
    "recorded_on": "2026-03-02", "recorded_by": SCHOOL,
}  # fmt: skip


def decision(has_aln: bool) -> dict[str, Any]:
    reasons = "Significantly greater difficulty in learning" if has_aln else "Good progress"
    return {"has_aln": has_aln, "reasons": reasons, "decided_on": "2026-03-20",
            "decided_by": SCHOOL, "person": "ALNCo"}  # fmt: skip


ALN_DESCRIPTION = {
    "description": "Difficulty with phonological processing and working memory",
    "impact_on_learning": "Reading age two years below chronological age",
}


@dataclass
class _Pending:
    local_id: str
    learner_id: str  # the registry's
    ready_at: float
    looks: int = 0


@dataclass
class CaseLoad:
    """Drives the gateway as a school's MIS would, with ``token`` for the school's client."""

    base_url: str
    token: str
    prefix: str
    timeout: float = 10.0
    #: How long after an ALN decision to look for the plan, and between looks.
    plan_delay: float = 0.3
    outcomes: list[Outcome] = field(default_factory=list)
    _numbers: "itertools.count[int]" = field(default_factory=itertools.count)
    _pending: deque[_Pending] = field(default_factory=deque)
    _deadline: float = 0.0

    async def run(self, concurrency: int, duration: float) -> list[Outcome]:
        """Run ``concurrency`` workers for ``duration`` seconds; return this run's outcomes."""
        first = len(self.outcomes)
        limits = httpx.Limits(
            max_connections=2 * concurrency, max_keepalive_connections=concurrency
        )
        headers = {"Authorization": f"Bearer {self.token}"}
        self._deadline = time.monotonic() + duration
        async with httpx.AsyncClient(
            base_url=self.base_url, headers=headers, timeout=self.timeout, limits=limits
        ) as client:
            await asyncio.gather(*(self._worker(client) for _ in range(concurrency)))
        return self.outcomes[first:]

    def stop(self) -> None:
        """Start nothing new (the requests under way finish)."""
        self._deadline = 0.0

    async def _worker(self, client: httpx.AsyncClient) -> None:
        while time.monotonic() < self._deadline:
            pending = self._pending[0] if self._pending else None
            if pending is not None and pending.ready_at <= time.monotonic():
                self._pending.popleft()
                await self._amend(client, pending)
            else:
                await self._new_case(client)

    async def _send(
        self, client: httpx.AsyncClient, kind: str, local_id: str, method: str, url: str,
        *, aggregate_id: str | None = None, if_match: int | None = None,
        has_aln: bool | None = None, **kwargs: Any,
    ) -> tuple[Outcome, httpx.Response | None]:  # fmt: skip
        headers = {"If-Match": f'"{if_match}"'} if if_match is not None else {}
        started = time.monotonic()
        response: httpx.Response | None = None
        detail = ""
        try:
            response = await client.request(method, url, headers=headers, **kwargs)
        except httpx.HTTPError as error:
            detail = f"{type(error).__name__}: {error}"
        seconds = time.monotonic() - started
        version = None
        if response is not None and response.is_success and kind in RECORDS:
            body = response.json()
            aggregate_id, version = body["id"], body["version"]
        elif response is not None and not response.is_success:
            detail = response.text[:300]
        outcome = Outcome(
            kind, local_id, aggregate_id, if_match,
            response.status_code if response is not None else None,
            version, started, seconds, has_aln, detail,
        )  # fmt: skip
        self.outcomes.append(outcome)
        if not outcome.acknowledged:
            await asyncio.sleep(0.1)  # as a client would, rather than spin on a failing service
        return outcome, response

    async def _new_case(self, client: httpx.AsyncClient) -> None:
        number = next(self._numbers)
        local_id = f"{self.prefix}-{number}"
        raised, answer = await self._send(
            client, "raise", local_id, "POST", "/v1/determinations", json=concern(local_id)
        )
        if not raised.acknowledged or answer is None:
            return
        learner_id: str = answer.json()["learner_id"]
        path = f"/v1/determinations/{raised.aggregate_id}"
        evidence, _ = await self._send(
            client, "evidence", local_id, "POST", f"{path}/graduated-response",
            aggregate_id=raised.aggregate_id, if_match=raised.version, json=GRADUATED_RESPONSE,
        )  # fmt: skip
        if not evidence.acknowledged:
            return
        has_aln = number % 2 == 0
        decided, _ = await self._send(
            client, "decide", local_id, "POST", f"{path}/decision",
            aggregate_id=raised.aggregate_id, if_match=evidence.version, has_aln=has_aln,
            json=decision(has_aln),
        )  # fmt: skip
        if decided.acknowledged and has_aln:
            self._pending.append(_Pending(local_id, learner_id, time.monotonic() + self.plan_delay))

    async def _amend(self, client: httpx.AsyncClient, pending: _Pending) -> None:
        found, response = await self._send(
            client, "find-plan", pending.local_id, "GET", "/v1/idps",
            params={"learner_id": pending.learner_id},
        )  # fmt: skip
        items = response.json()["items"] if found.acknowledged and response is not None else []
        if not items:  # not opened yet (the decision is still on its way through Kafka)
            pending.looks += 1
            pending.ready_at = time.monotonic() + min(self.plan_delay * 2**pending.looks, 3.0)
            self._pending.append(pending)
            return
        plan = items[0]
        await self._send(
            client, "amend", pending.local_id, "PUT",
            f"/v1/idps/{plan['idp_id']}/draft/aln-description",
            aggregate_id=plan["idp_id"], if_match=plan["version"], json=ALN_DESCRIPTION,
        )  # fmt: skip
