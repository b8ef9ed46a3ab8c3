"""What the webhooks add to the notifications service: routes, a consumer and a worker."""

from llwybr.consumer import TableEffect
from llwybr.service import ConsumerSpec, WorkerSpec
from notifications.webhooks.api import ERROR_STATUSES, router
from notifications.webhooks.consumer import TOPICS, fan_out
from notifications.webhooks.dispatcher import run_dispatcher
from notifications.webhooks.retention import run_retention

ROUTER = router
__all__ = ["CONSUMER", "ERROR_STATUSES", "RETENTION", "ROUTER", "WORKER"]

#: Every public event becomes the deliveries it is due, once (its ``processed_events`` row is
#: written in the same transaction as the deliveries).
CONSUMER = ConsumerSpec(
    name="webhooks",
    topics=TOPICS,
    effect=lambda _settings, engine, _app: TableEffect(engine, "notifications.webhooks", fan_out),
)

#: Sends due deliveries; safe to run in every replica.
WORKER = WorkerSpec(name="webhooks.dispatcher", run=run_dispatcher)

#: Deletes finished deliveries past their retention, in batches; safe in every replica.
RETENTION = WorkerSpec(name="webhooks.retention", run=run_retention)
