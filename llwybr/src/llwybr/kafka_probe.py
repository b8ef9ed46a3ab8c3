"""Whether the broker answers: the readiness signal and the outage log of a service that
publishes to Kafka (``llwybr.service``)."""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaClient

from llwybr.kafka import KafkaSecurity
from llwybr.metrics import Metrics
from llwybr.outage import OutageLog

log = logging.getLogger("llwybr.service")


class KafkaProbe:
    """Whether the broker answers (cached 5 s); sets ``llwybr_broker_available`` and logs once
    when the broker is lost and once when it is back."""

    def __init__(
        self, bootstrap_servers: str, security: KafkaSecurity, metrics: Metrics | None = None
    ) -> None:
        self._bootstrap = bootstrap_servers
        self._security = security
        self._metrics = metrics
        self._checked_at = 0.0
        self._error: Exception | None = None
        self.outage = OutageLog(log, metrics.service if metrics else "service")

    async def _check(self, client: AIOKafkaClient) -> None:
        try:
            await client.bootstrap()
            self._error = None
            self.outage.succeeded()
        except Exception as error:
            self._error = error
            self.outage.failed(error)
        finally:
            await client.close()

    async def __call__(self) -> None:
        if time.monotonic() - self._checked_at > 5:
            client = AIOKafkaClient(
                bootstrap_servers=self._bootstrap,
                request_timeout_ms=3000,
                **self._security.client_options(),
            )
            check = asyncio.ensure_future(self._check(client))
            try:
                await asyncio.shield(check)
            except asyncio.CancelledError:
                # Stopped mid-check (a timeout, or the service stopping): let it finish and
                # close its connections (a bootstrap cut short leaves one open).
                await check
                raise
            self._checked_at = time.monotonic()
            if self._metrics is not None:
                self._metrics.broker_available.set(0 if self._error else 1)
        if self._error is not None:
            raise self._error


async def watch(probe: Callable[[], Awaitable[None]], every: float = 5.0) -> None:
    """Probe until cancelled, so the broker's metric and its lost/back lines do not wait for
    someone to ask ``/readyz``."""
    while True:
        with contextlib.suppress(Exception):
            async with asyncio.timeout(every):
                await probe()
        await asyncio.sleep(every)
