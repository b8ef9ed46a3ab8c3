"""From public events to pending deliveries: the ``webhooks`` consumer's effect.

It runs in the tracked consumer's transaction, beside the ``processed_events`` row, so an event
redelivered by Kafka finds that row and creates no second delivery. The case's audience is
learned in the same transaction, so a later event of the case reaches whoever an earlier one
named.
"""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from cloudevents.core.bindings import http
from cloudevents.core.formats.json import JSONFormat
from sqlalchemy.dialects import postgresql, sqlite

from contracts import topics
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, parse, registered
from notifications.webhooks.audience import entitled, named_organisations, public
from notifications.webhooks.domain import DeliveryStatus, SubscriptionStatus
from notifications.webhooks.tables import (
    webhook_audiences,
    webhook_deliveries,
    webhook_subscription_types,
    webhook_subscriptions,
)

#: The topics whose events are offered by webhook (the notifications topic is not: its
#: notices and reminders go to their recipients by their own channels).
TOPICS = (topics.DETERMINATION.name, topics.IDP.name, topics.DISPUTES.name)

_FORMAT = JSONFormat()
CONTENT_TYPE = _FORMAT.get_content_type()  # application/cloudevents+json


def offered_types() -> list[str]:
    """Every event type a subscription may name."""
    return [t for t, cls in registered().items() if cls.topic.name in TOPICS]


def structured(envelope: Envelope) -> str:
    """The CloudEvent in structured JSON mode: the exact body that is signed and sent."""
    return http.to_structured(envelope.to_cloudevent(), _FORMAT).body.decode("utf-8")


def _insert_ignoring_duplicates(conn: sa.Connection, table: sa.Table) -> sa.Insert:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


def audience_of(conn: sa.Connection, envelope: Envelope, event: IntegrationEvent) -> set[str]:
    """Learn the organisations this event names; return everyone its case has named."""
    named = named_organisations(event)
    if named:
        conn.execute(
            _insert_ignoring_duplicates(conn, webhook_audiences),
            [{"aggregate_id": envelope.aggregate_id, "organisation": o} for o in sorted(named)],
        )
    rows = conn.execute(
        sa.select(webhook_audiences.c.organisation).where(
            webhook_audiences.c.aggregate_id == envelope.aggregate_id
        )
    )
    return set(rows.scalars())


def fan_out(
    conn: sa.Connection, envelope: Envelope, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> None:
    """One pending delivery per active subscription to this event type whose organisation may
    see the event (``audience``). The event is read as its typed contract first: one this
    service cannot read is refused (and set aside by the consumer), as by the notices."""
    if envelope.topic not in TOPICS:
        return
    event = parse(envelope.type, envelope.data)
    audience = audience_of(conn, envelope, event)
    subs, types = webhook_subscriptions, webhook_subscription_types
    statement = (
        sa.select(subs.c.id, subs.c.organisation)
        .join(types, types.c.subscription_id == subs.c.id)
        .where(
            types.c.event_type == envelope.type, subs.c.status == SubscriptionStatus.ACTIVE.value
        )
    )
    if not public(event):
        statement = statement.where(subs.c.organisation.in_(sorted(audience)))
    matches = [r.id for r in conn.execute(statement) if entitled(r.organisation, event, audience)]
    if not matches:
        return
    created, payload = now(), structured(envelope)
    conn.execute(
        _insert_ignoring_duplicates(conn, webhook_deliveries),
        [
            {
                "id": str(uuid.uuid4()),
                "subscription_id": subscription_id,
                "event_id": envelope.id,
                "event_type": envelope.type,
                "subject": envelope.subject,
                "payload": payload,
                "status": DeliveryStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": created,
                "created_at": created,
            }
            for subscription_id in matches
        ],
    )
