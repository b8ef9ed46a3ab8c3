"""A test's new consumer group can start at the shared topics' end instead of replaying them."""

import uuid
from datetime import UTC, datetime

import pytest

from contracts.envelope import Envelope
from llwybr.kafka import KafkaPublisher, KafkaSubscription
from llwybr_testkit import EXAMPLE_TOPIC, ExampleOpened, skip_history

pytestmark = pytest.mark.integration


def opened() -> Envelope:
    case_id = uuid.uuid4()
    return Envelope.wrap(
        ExampleOpened(case_id=case_id), learner_id=f"learner-{case_id.hex[:8]}",
        aggregate_id=case_id, aggregate_version=1, time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )  # fmt: skip


async def fetch_all(subscription: KafkaSubscription) -> list[str]:
    ids = []
    for _ in range(20):  # a fresh member's first fetches may come back empty while it joins
        ids += [d.envelope.id for d in await subscription.fetch(timeout=0.5) if d.envelope]
    return ids


async def test_a_group_started_at_the_end_sees_only_what_comes_after(kafka_bootstrap: str) -> None:
    publisher = KafkaPublisher(kafka_bootstrap, "skip-history-test")
    before, after = opened(), opened()
    await publisher.publish([before])
    group = f"skip-{uuid.uuid4().hex[:8]}"

    await skip_history(kafka_bootstrap, {group: [EXAMPLE_TOPIC.name], "unknown": ["no.such"]})
    await publisher.publish([after])
    await publisher.stop()

    subscription = KafkaSubscription(kafka_bootstrap, [EXAMPLE_TOPIC.name], group)
    await subscription.start()
    try:
        received = await fetch_all(subscription)
    finally:
        await subscription.stop()
    assert before.id not in received
    assert after.id in received
