"""Webhooks on the real servers: PostgreSQL, Kafka, and an HTTP receiver on loopback.

Events come from the determination service itself or are published to Kafka exactly as a
service's relay publishes them. Signatures are checked with a verifier written here from the
README's recipe, not with the package's own code.
"""

import asyncio
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from contracts import determination
from contracts.envelope import Envelope
from determination.main import create_app as determination_app
from determination.settings import Settings as DeterminationSettings
from llwybr.kafka import KafkaPublisher
from llwybr.settings import RuntimeSettings
from llwybr_testkit import ActingAs, eventually
from notifications.main import create_app
from notifications.settings import Settings
from notifications.webhooks.dispatcher import Dispatcher
from notifications.webhooks.settings import WebhookSettings

from .support import Receiver, concern_raised, decided, envelope, new_school, registered
from .support import receiver as receiver  # the fixture

pytestmark = pytest.mark.integration

CONCERN = "wales.aln.determination.concern-raised.v1"
DECIDED = "wales.aln.determination.decided.v1"
EVIDENCE_REQUESTED = "wales.aln.determination.evidence-requested.v1"
FAST = WebhookSettings(
    backoff_base_seconds=0.05,
    backoff_max_seconds=0.2,
    max_attempts=3,
    poll_seconds=0.05,
    batch_size=5,
    allowed_networks=["127.0.0.0/8"],  # the receivers are on loopback
)
#: The consumer first reads the topics' whole history (other tests' events) from offset 0.
CATCH_UP = 120.0


def signed_by(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    """A receiver's check, from the README: HMAC-SHA256 of "<t>.<body>" in any v1=."""
    pairs = [item.split("=", 1) for item in header.split(",")]
    [timestamp] = [int(value) for key, value in pairs if key == "t"]
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return any(hmac.compare_digest(expected, value) for key, value in pairs if key == "v1")


@dataclass
class Stack:
    client: httpx.AsyncClient
    app: FastAPI
    kafka: str
    runtime: RuntimeSettings
    schema: str

    async def call(self, organisation: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.request(method, url, auth=ActingAs(organisation), **kwargs)

    async def subscribe(self, organisation: str, url: str, *types: str) -> dict[str, Any]:
        body = {"url": url, "event_types": list(types)}
        response = await self.call(organisation, "POST", "/v1/webhooks", json=body)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    async def deliveries(self, subscription: dict[str, Any], **params: Any) -> list[Any]:
        url = f"/v1/webhooks/{subscription['id']}/deliveries"
        response = await self.call(subscription["organisation"], "GET", url, params=params)
        assert response.status_code == 200, response.text
        items: list[Any] = response.json()["items"]
        return items

    async def delivered(self, subscription: dict[str, Any], count: int) -> None:
        async def done() -> bool:
            found = await self.deliveries(subscription, status="delivered", limit=500)
            return len(found) >= count

        await eventually(done, timeout=CATCH_UP)

    async def publish(self, *envelopes: Envelope) -> None:
        publisher = KafkaPublisher(self.kafka, f"test-{uuid.uuid4().hex[:6]}")
        try:
            await publisher.publish(list(envelopes))
        finally:
            await publisher.stop()


@pytest.fixture
async def stack(postgres_runtime: RuntimeSettings, kafka_bootstrap: str) -> AsyncIterator[Stack]:
    schema = f"ntf_{uuid.uuid4().hex[:8]}"
    # The shared topics hold every earlier test's events: this service's notices consumer reads
    # them for what they say about learners but gives notices only for this test's own.
    settings = Settings(
        runtime=postgres_runtime,
        postgres_schema=schema,
        webhooks=FAST,
        notices_not_before=datetime.now(UTC),
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as c:
            yield Stack(c, app, kafka_bootstrap, postgres_runtime, schema)


async def test_a_receiver_failing_twice_gets_one_accepted_and_signed_delivery(
    stack: Stack, receiver: Receiver
) -> None:
    receiver.answering(500, 500, then=200)
    school = new_school()
    subscription = await stack.subscribe(school, receiver.url, CONCERN)
    secret = subscription["secret"]
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    async with AsyncExitStack() as services:
        app = determination_app(DeterminationSettings(
            runtime=stack.runtime, postgres_schema=f"det_{uuid.uuid4().hex[:8]}"))  # fmt: skip
        await services.enter_async_context(app.router.lifespan_context(app))
        client = await services.enter_async_context(httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://determination",
            auth=ActingAs(school)))  # fmt: skip
        raised = await client.post("/v1/determinations", json={
            "learner": {"local_id": learner_id, "given_name": "Cerys", "family_name": "Jones",
                        "date_of_birth": "2017-05-02", "setting": "maintained_school",
                        "setting_id": school.partition(":")[2], "local_authority": "665"},
            "raised_by": school, "raised_with": school, "came_to_attention_on": "2026-03-02",
        })  # fmt: skip
        assert raised.status_code == 201, raised.text
        await stack.delivered(subscription, 1)

    await asyncio.sleep(1.0)  # time for any further (wrong) attempt to arrive
    assert [r.path for r in receiver.requests] == ["/hooks"] * 3
    first, *retries = receiver.requests
    [delivery] = await stack.deliveries(subscription)
    assert all(r.body == first.body for r in retries), "every attempt sends the same bytes"
    assert set(receiver.ids()) == {delivery["id"]}
    for request in receiver.requests:
        assert signed_by(secret, request.headers["llwybr-signature"], request.body)
        assert not signed_by("not-the-secret", request.headers["llwybr-signature"], request.body)
    assert first.headers["content-type"] == "application/cloudevents+json"
    cloudevent = json.loads(first.body)
    assert cloudevent["specversion"] == "1.0"
    assert cloudevent["type"] == CONCERN
    assert cloudevent["subject"] == raised.json()["learner_id"]
    assert cloudevent["data"]["determination_id"] == raised.json()["id"]
    assert cloudevent["id"] == delivery["event_id"]
    url = f"/v1/webhooks/{subscription['id']}/deliveries/{delivery['id']}"
    detail = (await stack.call(school, "GET", url)).json()
    assert (detail["status"], detail["attempts"]) == ("delivered", 3)
    assert [a["status_code"] for a in detail["history"]] == [500, 500, 200]
    assert all(a["duration_ms"] >= 0 for a in detail["history"])


async def test_a_dead_lettered_delivery_is_sent_again_on_request(
    stack: Stack, receiver: Receiver
) -> None:
    receiver.answering(then=503)
    school = new_school()
    subscription = await stack.subscribe(school, receiver.url, CONCERN)
    await stack.publish(concern_raised(school))

    async def dead() -> bool:
        return len(await stack.deliveries(subscription, status="dead")) == 1

    await eventually(dead, timeout=CATCH_UP)
    [delivery] = await stack.deliveries(subscription, status="dead")
    assert (delivery["attempts"], delivery["last_status_code"]) == (FAST.max_attempts, 503)
    assert len(receiver.requests) == FAST.max_attempts
    url = f"/v1/webhooks/{subscription['id']}/deliveries/{delivery['id']}"
    other_school = new_school()
    assert (await stack.call(other_school, "POST", f"{url}/redelivery")).status_code == 404
    assert (await stack.call(other_school, "GET", url)).status_code == 404

    receiver.answering(then=200)
    again = await stack.call(school, "POST", f"{url}/redelivery")
    assert again.status_code == 202, again.text
    assert (again.json()["status"], again.json()["attempts"]) == ("pending", 0)
    await stack.delivered(subscription, 1)
    detail = (await stack.call(school, "GET", url)).json()
    assert [a["status_code"] for a in detail["history"]] == [503] * FAST.max_attempts + [200]
    assert detail["attempts"] == 1
    assert set(receiver.ids()) == {delivery["id"]}
    still_delivered = await stack.call(school, "POST", f"{url}/redelivery")
    assert still_delivered.status_code == 202  # a delivered one can be asked for again too


async def test_during_a_rotation_both_secrets_sign_then_only_the_new_one(
    stack: Stack, receiver: Receiver
) -> None:
    school = new_school()
    subscription = await stack.subscribe(school, receiver.url, CONCERN)
    rotation = f"/v1/webhooks/{subscription['id']}/secret-rotation"
    old = subscription["secret"]
    new = (await stack.call(school, "POST", rotation)).json()["secret"]
    await stack.publish(concern_raised(school))
    await stack.delivered(subscription, 1)
    [during] = receiver.requests
    header = during.headers["llwybr-signature"]
    assert header.count("v1=") == 2
    assert signed_by(new, header, during.body)
    assert signed_by(old, header, during.body)
    # The same with the Standard Webhooks library a receiver uses (issue 20).
    Webhook(new).verify(during.body, during.headers)
    Webhook(old).verify(during.body, during.headers)

    newest = (await stack.call(school, "POST", rotation, json={"grace_seconds": 0})).json()
    await stack.publish(concern_raised(school))
    await stack.delivered(subscription, 2)
    after = receiver.requests[-1]
    header = after.headers["llwybr-signature"]
    assert header.count("v1=") == 1
    assert signed_by(newest["secret"], header, after.body)
    assert not signed_by(new, header, after.body)
    assert not signed_by(old, header, after.body)
    Webhook(newest["secret"]).verify(after.body, after.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new).verify(after.body, after.headers)


async def test_a_redelivered_kafka_event_creates_no_second_delivery(
    stack: Stack, receiver: Receiver
) -> None:
    school = new_school()
    subscription = await stack.subscribe(school, receiver.url, CONCERN, DECIDED)
    concern = concern_raised(school)
    await stack.publish(concern)
    await stack.delivered(subscription, 1)
    # The same event again (a relay that died before saving its position), then the case's next
    # event: same learner, same partition, so once that one is delivered the copy was consumed.
    await stack.publish(concern, decided(concern))
    await stack.delivered(subscription, 2)
    found = await stack.deliveries(subscription)
    assert sorted(d["event_type"] for d in found) == [CONCERN, DECIDED]
    assert len(receiver.requests) == 2
    [consumer] = [c for c in stack.app.state.consumers if c.name == "notifications.webhooks"]
    assert consumer.duplicates >= 1


async def test_each_organisation_receives_only_the_cases_it_may_see(
    stack: Stack, receiver: Receiver
) -> None:
    url, number = receiver.url, f"T{uuid.uuid4().hex[:8]}"  # an LA of this test's own
    # A health board of its own too: other runs on the shared topics name the real boards.
    health_board = f"lhb:{number}"
    my_school, other_school = new_school(number), new_school(number)
    school = await stack.subscribe(my_school, url, CONCERN, DECIDED)
    other = await stack.subscribe(other_school, url, CONCERN, DECIDED)
    la = await stack.subscribe(f"la:{number}", url, CONCERN, DECIDED)
    elsewhere = await stack.subscribe(f"la:{number}x", url, CONCERN, DECIDED)
    board = await stack.subscribe(health_board, url, CONCERN, EVIDENCE_REQUESTED, DECIDED)
    mine, theirs = concern_raised(my_school), concern_raised(other_school)  # the event names la:665
    asked = determination.EvidenceRequested(
        determination_id=mine.data["determination_id"], learner_id=mine.subject,
        request_id="r1", from_organisation=health_board, requested_on=date(2026, 3, 5),
    )  # fmt: skip
    asked_envelope = envelope(asked, uuid.UUID(mine.aggregate_id), 2)
    # the registry's facts: the LA is both learners' responsible LA (not named, not by number)
    facts = [envelope(registered(e.subject, f"la:{number}"), uuid.uuid4()) for e in (mine, theirs)]
    await stack.publish(*facts, mine, asked_envelope, decided(mine, 3), theirs, decided(theirs))
    await stack.delivered(la, 4)
    await stack.delivered(board, 2)

    async def subjects(subscription: dict[str, Any]) -> list[tuple[str, str]]:
        found = await stack.deliveries(subscription)
        return sorted((d["subject"], d["event_type"]) for d in found)

    assert await subjects(school) == [(mine.subject, CONCERN), (mine.subject, DECIDED)]
    assert await subjects(other) == [(theirs.subject, CONCERN), (theirs.subject, DECIDED)]
    assert len(await subjects(la)) == 4
    assert await subjects(elsewhere) == []
    # The health board may read the case once asked for evidence, and follows it from then;
    # the concern goes to it too if its fan-out comes after the request was learnt (the
    # audience is who may read the case when the event is sent), never the other case.
    assert await subjects(board) in (
        [(mine.subject, CONCERN), (mine.subject, DECIDED), (mine.subject, EVIDENCE_REQUESTED)],
        [(mine.subject, DECIDED), (mine.subject, EVIDENCE_REQUESTED)],
    )


async def test_replicas_dispatching_together_never_send_a_delivery_twice(
    stack: Stack, receiver: Receiver
) -> None:
    receiver.delay = 0.05
    school = new_school()
    subscription = await stack.subscribe(school, receiver.url, CONCERN)
    sent_by_replicas = 0

    async def count(_: httpx.Request) -> None:
        nonlocal sent_by_replicas
        sent_by_replicas += 1

    engine = stack.app.state.engine
    async with AsyncExitStack() as replicas:
        for _ in range(2):
            client = await replicas.enter_async_context(
                httpx.AsyncClient(timeout=5, event_hooks={"request": [count]})
            )
            task = asyncio.create_task(Dispatcher(engine, FAST, client).run())
            replicas.push_async_callback(_cancel, task)
        events = [concern_raised(school) for _ in range(40)]
        await stack.publish(*events)
        await stack.delivered(subscription, 40)
    await asyncio.sleep(0.5)
    assert len(receiver.requests) == 40
    assert len(set(receiver.ids())) == 40, "a delivery was sent twice"
    assert 0 < sent_by_replicas < 40, "the replicas and the service's own worker shared the work"


async def _cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
