"""The retention worker: deletes finished deliveries (and their attempts) once they are old.

A delivery's payload is a copy of a public event about a learner; once delivered, or dead and
left so, it is kept only as a record of what was sent and when, for
``delivered_retention_days`` or ``dead_retention_days``. Pending deliveries are never deleted,
nor is anything outside the webhook tables: notices and their proofs are evidence of a statutory
notice and live elsewhere (the event store and the ``notices`` table).
"""

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from llwybr.blocking import run_blocking
from llwybr.eventstore import ChainedApplication
from llwybr.settings import ServiceSettings
from notifications.settings import Settings
from notifications.webhooks import queue
from notifications.webhooks.domain import RetentionPolicy
from notifications.webhooks.settings import WebhookSettings

log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DeliveryRetention:
    def __init__(
        self,
        engine: sa.Engine,
        settings: WebhookSettings,
        *,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._engine, self._settings, self._now = engine, settings, now
        self._policy = RetentionPolicy(
            delivered=timedelta(days=settings.delivered_retention_days),
            dead=timedelta(days=settings.dead_retention_days),
        )

    async def prune(self) -> int:
        """Delete every expired delivery, a batch (one short transaction) at a time; how many."""
        cutoffs = self._policy.cutoffs(self._now())
        batch = self._settings.retention_batch_size
        total = 0
        while True:
            deleted = await run_blocking(queue.prune_finished, self._engine, cutoffs, batch)
            total += deleted
            if deleted < batch:
                return total

    async def run(self) -> None:
        """Prune, then wait ``retention_poll_seconds``, until cancelled."""
        while True:
            deleted = await self.prune()
            if deleted:
                log.info("deleted %d finished webhook deliveries past their retention", deleted)
            await asyncio.sleep(self._settings.retention_poll_seconds)


async def run_retention(
    settings: ServiceSettings, engine: sa.Engine, _application: ChainedApplication
) -> None:
    """The ``WorkerSpec`` entry point."""
    if not isinstance(settings, Settings):
        raise TypeError("the webhook retention worker runs in the notifications service")
    await DeliveryRetention(engine, settings.webhooks).run()
