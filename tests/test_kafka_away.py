"""A Kafka consumer and producer stop in bounded time when their broker has gone (issue 21):
aiokafka's own ``stop()`` has no timeout, and a consumer's re-raised a cancelled fetch, which
ended a service's shutdown half done. Shown against a real broker of the session's own
(``spare_kafka``, tests/conftest.py), killed under the clients; the shared broker is never
touched. The bound itself is unit-tested in ``llwybr/tests/test_kafka_stop.py``."""

import asyncio
import time
import uuid
from collections.abc import Callable

import pytest

from llwybr.kafka import STOP_TIMEOUT, KafkaPublisher, KafkaSubscription, ensure_topics
from llwybr_testkit import EXAMPLE_TOPIC
from tests.servers import Server

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def stopped_with_the_broker_away(bootstrap: str, stop_broker: Callable[[], None]) -> float:
    await ensure_topics(bootstrap, [EXAMPLE_TOPIC.name], partitions=1, timeout=60)
    subscription = KafkaSubscription(bootstrap, [EXAMPLE_TOPIC.name], f"away-{uuid.uuid4().hex}")
    publisher = KafkaPublisher(bootstrap, "away", timeout=STOP_TIMEOUT)
    await subscription.start()
    await publisher.start()
    await subscription.fetch(3)  # joined its group and fetching
    await asyncio.to_thread(stop_broker)
    await asyncio.sleep(1)  # the clients notice: fetches fail and back off
    began = time.monotonic()
    await subscription.stop()  # raised a stray CancelledError before stop_within
    await publisher.stop()
    return time.monotonic() - began


def test_a_consumer_and_a_producer_stop_in_time_when_the_broker_is_gone(
    spare_kafka: tuple[Server, str],
) -> None:
    kafka, bootstrap = spare_kafka
    kafka.start()  # an earlier module may have left it stopped
    # Gone at once (SIGKILL, as a crash): a controlled shutdown with clients attached is
    # seconds of waiting that prove nothing more.
    crashed = Server(kafka.script, {**kafka.env, "KAFKA_STOP_TIMEOUT": "0"})
    took = asyncio.run(stopped_with_the_broker_away(bootstrap, crashed.stop))
    assert took < STOP_TIMEOUT + 5, f"stopping the clients took {took:.1f}s"
