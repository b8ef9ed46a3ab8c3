"""Stopping a Kafka client is bounded (issue 21): aiokafka's ``stop()`` has no timeout, and
with the broker away a consumer's re-raises a stray cancellation. ``stop_within`` is what every
client of ``llwybr.kafka`` is stopped through; against a broker really stopped it is shown in
``tests/test_faults_stack.py`` (Kafka stopped for ten seconds)."""

import asyncio
import time

import pytest

from llwybr.kafka import stop_within


class Client:
    def __init__(self, stop: str) -> None:
        self.how, self.stopped, self.closed = stop, False, False

    async def stop(self) -> None:
        if self.how == "hangs":
            await asyncio.Event().wait()
        if self.how == "cancelled":  # as aiokafka's fetcher does with the broker away
            raise asyncio.CancelledError
        if self.how == "fails":
            raise OSError("broker away")
        self.stopped = True

    async def close(self) -> None:
        self.closed = True


async def test_a_stop_that_hangs_is_given_up_and_the_connections_closed() -> None:
    client = Client("hangs")
    started = time.monotonic()
    await stop_within("consumer", client.stop, client.close, timeout=0.2)
    assert time.monotonic() - started < 2
    assert client.closed


@pytest.mark.parametrize("how", ["cancelled", "fails"])
async def test_a_stop_that_fails_or_is_cancelled_inside_closes_and_does_not_raise(
    how: str,
) -> None:
    client = Client(how)
    await stop_within("consumer", client.stop, client.close, timeout=5)
    assert client.closed
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]


async def test_a_clean_stop_closes_nothing_more() -> None:
    client = Client("clean")
    await stop_within("producer", client.stop, client.close)
    assert client.stopped
    assert not client.closed


async def test_the_callers_own_cancellation_still_ends_it() -> None:
    client = Client("hangs")
    stopping = asyncio.create_task(stop_within("consumer", client.stop, client.close))
    await asyncio.sleep(0.05)
    stopping.cancel()
    with pytest.raises(asyncio.CancelledError):
        await stopping
