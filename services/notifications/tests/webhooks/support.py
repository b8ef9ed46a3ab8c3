"""Webhook test support: a real HTTP receiver on loopback (uvicorn on a free port, in the
test's event loop) and public events as the services' relays publish them."""

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
import uvicorn

from contracts import determination
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next scripted status (then ``default``), recording it."""

    script: list[int] = field(default_factory=list)
    default: int = 200
    delay: float = 0.0
    requests: list[Received] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def answering(self, *statuses: int, then: int = 200) -> "Receiver":
        self.script, self.default = list(statuses), then
        return self

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.requests]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        self.requests.append(Received(scope["path"], headers, body))
        if self.delay:
            await asyncio.sleep(self.delay)
        status = self.script.pop(0) if self.script else self.default
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    app = Receiver()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app.port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, lifespan="off", ws="none", http="h11", log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield app
    finally:
        server.should_exit = True
        await task
        sock.close()


def envelope(event: IntegrationEvent, aggregate_id: uuid.UUID, version: int = 1) -> Envelope:
    """A public event as a service's relay would publish it."""
    return Envelope.wrap(
        event,
        learner_id=str(getattr(event, "learner_id", "")),
        aggregate_id=aggregate_id,
        aggregate_version=version,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )


def new_school(local_authority: str = "665") -> str:
    """A school of its own for one test: the topics keep every earlier test's events, and a
    subscription of a shared school would receive them all."""
    return f"school:{local_authority}{uuid.uuid4().hex[:12]}"


def concern_raised(school: str, local_authority: str = "665") -> Envelope:
    """A concern about a new learner at ``school``, in a new case."""
    case_id = uuid.uuid4()
    event = determination.ConcernRaised(
        determination_id=case_id, learner_id=f"learner-{uuid.uuid4().hex[:8]}",
        deciding_body="school", deciding_organisation=school,
        local_authority=local_authority, status="gathering_information",
        no_decision_reason=None, came_to_attention_on=date(2026, 3, 2), decision_deadline=None,
    )  # fmt: skip
    return envelope(event, case_id)


def decided(concern: Envelope, version: int = 2) -> Envelope:
    """The school's decision on the concern's case (at ``version`` of the aggregate)."""
    data = concern.data
    event = determination.Decided(
        determination_id=data["determination_id"], learner_id=data["learner_id"], has_aln=True,
        decided_on=date(2026, 3, 20), decided_by=data["deciding_organisation"],
        deciding_body="school", local_authority=data["local_authority"],
        reconsidering_authority=f"la:{data['local_authority']}", within_time=True,
        young_person=False, looked_after=False, decision_deadline=None,
    )  # fmt: skip
    return envelope(event, uuid.UUID(concern.aggregate_id), version)
