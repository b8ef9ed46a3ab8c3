"""The operator's routes of a service: its dead letters listed, newest first, and replayed once
after a fix; only for a system principal with the operator scope."""

import dataclasses
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

from contracts.envelope import Envelope
from llwybr.bus import FILE_NAME, InProcessBus
from llwybr.consumer import TableEffect
from llwybr.dead_letter_api import OPERATOR_SCOPE
from llwybr.service import ConsumerSpec, ServiceSpec, build_service
from llwybr.settings import ServiceSettings
from llwybr_testkit import (
    EXAMPLE_TOPIC,
    ActingAs,
    ExampleNoted,
    ExampleService,
    eventually,
    translate_example,
)

OPERATOR = ActingAs("system:operations", [OPERATOR_SCOPE])


class Handler:
    def __init__(self) -> None:
        self.fixed = False
        self.applied: list[str] = []

    def __call__(self, _conn: sa.Connection, envelope: Envelope) -> None:
        if not self.fixed:
            raise TypeError("'NoneType' object is not subscriptable")
        self.applied.append(envelope.data["text"])


def noted(text: str) -> Envelope:
    envelope = Envelope.wrap(
        ExampleNoted(case_id=uuid.uuid4(), text=text),
        learner_id="learner-1",
        aggregate_id=uuid.uuid4(),
        aggregate_version=1,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )
    return dataclasses.replace(envelope, topic=EXAMPLE_TOPIC.name)


async def test_an_operator_lists_the_dead_letters_and_replays_one_once(
    sqlite_settings: ServiceSettings, tmp_path: Path
) -> None:
    handler = Handler()
    spec = ServiceSpec(
        name="example",
        title="Example",
        application=ExampleService,
        translator=lambda _app: translate_example,
        consumers=[
            ConsumerSpec(
                "effects",
                [EXAMPLE_TOPIC.name],
                lambda _s, engine, _a: TableEffect(engine, "example.effects", handler),
            )
        ],
    )
    runtime = sqlite_settings.runtime.model_copy(update={"consumer_max_attempts": 1})
    settings = sqlite_settings.model_copy(update={"runtime": runtime})
    bus = InProcessBus(tmp_path / FILE_NAME)
    app = build_service(settings, spec, bus)
    async with app.router.lifespan_context(app):
        await bus.publisher().publish([noted("first"), noted("second")])
        consumer = app.state.consumers[0]
        await eventually(lambda: consumer.dead_lettered == 2, timeout=20)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://example") as client:
            listed = await client.get(
                "/operations/dead-letters", params={"limit": 1}, auth=OPERATOR
            )
            assert listed.status_code == 200
            [newest] = listed.json()["items"]
            assert "TypeError" in newest["error"]
            assert newest["replayable"] is True
            assert newest["event_type"] == "wales.aln.example.noted.v1"
            older = await client.get(
                "/operations/dead-letters",
                params={"before": listed.json()["next_before"]},
                auth=OPERATOR,
            )
            [oldest] = older.json()["items"]
            assert oldest["id"] < newest["id"]

            refused = await client.get("/operations/dead-letters", auth=ActingAs("la:665"))
            assert refused.status_code == 403
            unscoped = await client.get("/operations/dead-letters", auth=ActingAs("system:x"))
            assert unscoped.status_code == 403

            path = f"/operations/dead-letters/{oldest['id']}/replay"
            still_broken = await client.post(path, auth=OPERATOR)
            assert still_broken.status_code == 409
            handler.fixed = True
            replayed = await client.post(path, auth=OPERATOR)
            assert replayed.status_code == 200
            assert replayed.json() == {
                "id": oldest["id"],
                "event_id": oldest["event_id"],
                "outcome": "applied",
            }
            again = await client.post(path, auth=OPERATOR)
            assert again.json()["outcome"] == "already-replayed"
            assert handler.applied == ["first"]

            missing = await client.post("/operations/dead-letters/999/replay", auth=OPERATOR)
            assert missing.status_code == 404
            metrics = (await client.get("/metrics")).text
            assert 'llwybr_consumer_dead_letters_total{consumer="example.effects"' in metrics
            assert (
                'llwybr_consumer_dead_letters_waiting{consumer="example.effects",'
                'service="example"} 1.0' in metrics
            )
