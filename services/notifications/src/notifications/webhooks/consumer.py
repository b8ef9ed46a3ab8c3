"""From public events to pending deliveries: the ``webhooks`` consumer's effect.

It runs in the tracked consumer's transaction, beside the ``processed_events`` row, so an event
redelivered by Kafka finds that row and creates no second delivery. Who receives an event about
a learner is decided by the one access policy (``llwybr.access``, ADR 0015) on the learner's
relations as the notices consumer records them (``notices.store.relations``: the learner
registry's facts and the relationships the cases' events establish). This consumer applies
each event's facts too (the same idempotent writes as the notices consumer's): a learner's
events are keyed by the learner, so what was published before an event is known when it is
fanned out, whichever consumer is ahead.
"""

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import sqlalchemy as sa
from cloudevents.core.bindings import http
from cloudevents.core.formats.json import JSONFormat
from sqlalchemy.dialects import postgresql, sqlite

from contracts import topics
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, older_versions, parse, registered
from llwybr.access import Capability, Relations, allows
from llwybr.personal_data.published import sealed_fields
from llwybr.principal import Principal
from notifications.notices import store as notices
from notifications.notices.planning import plan, subject_id_of
from notifications.webhooks.audience import entitled
from notifications.webhooks.domain import DeliveryStatus, SubscriptionStatus
from notifications.webhooks.tables import (
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


def without_personal_text(envelope: Envelope) -> Envelope:
    """The event as a webhook gets it: each field published sealed (a decision's reasons)
    is null, neither the seal (a subscriber holds no key store) nor clear text; the subscriber
    reads it through the API, under the access policy (ADR 0023, webhooks addendum)."""
    cls = registered().get(envelope.type)
    if cls is None or not isinstance(envelope.data, dict):
        return envelope
    names = [name for name in sealed_fields(cls) if envelope.data.get(name) is not None]
    if not names:
        return envelope
    return replace(envelope, data={**envelope.data, **dict.fromkeys(names)})


def _insert_ignoring_duplicates(conn: sa.Connection, table: sa.Table) -> sa.Insert:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


def relations_of(conn: sa.Connection, event: IntegrationEvent) -> Relations:
    """The relations of the learner the event is about, with the event's own applied first
    (the registry's facts, the relationships it establishes or ends: the same idempotent
    writes as the notices consumer's, so whichever consumer is ahead, a case's later event
    reaches whoever an earlier one related)."""
    planned = plan(event, notices.subject(conn, subject_id_of(event)))
    if planned.registry is not None:
        notices.adopt_registry(conn, planned.registry)
    learner_id = planned.learner_id or getattr(event, "learner_id", None)
    if not isinstance(learner_id, str):
        return Relations()
    about = subject_id_of(event) or learner_id
    notices.unrelate(conn, learner_id, about, planned.ended)
    notices.relate(conn, learner_id, about, planned.relations)
    return notices.relations(conn, learner_id)


def reader(relations: Relations) -> Callable[[str], bool]:
    """Whether an organisation may read the learner's records (``Capability.READ``)."""

    def may_read(organisation: str) -> bool:
        subscriber = Principal(subject="webhooks", organisation=organisation, scopes=frozenset())
        return allows(subscriber, Capability.READ, relations)

    return may_read


def fan_out(
    conn: sa.Connection, envelope: Envelope, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> None:
    """One pending delivery per active subscription to this event type whose organisation may
    read the event's learner (``audience``). The event is read as its typed contract first: one this
    service cannot read is refused (and set aside by the consumer), as by the notices. A
    subscription to an older version of the event's contract receives it as that version (its
    type and data), so a receiver written before the newer version keeps working."""
    if envelope.topic not in TOPICS:
        return
    event = parse(envelope.type, envelope.data)
    envelope = without_personal_text(envelope)
    may_read = reader(relations_of(conn, event))
    versions = {envelope.type: envelope} | {
        t: replace(envelope, type=t, data=data)
        for t, data in older_versions(envelope.type, envelope.data).items()
    }
    subs, types = webhook_subscriptions, webhook_subscription_types
    statement = (
        sa.select(subs.c.id, subs.c.organisation, types.c.event_type)
        .join(types, types.c.subscription_id == subs.c.id)
        .where(types.c.event_type.in_(versions), subs.c.status == SubscriptionStatus.ACTIVE.value)
    )
    newest_first = list(versions)
    rows = sorted(conn.execute(statement), key=lambda r: newest_first.index(r.event_type))
    # one delivery per subscription: the newest version it asked for
    matches = list(
        {
            r.id: versions[r.event_type]
            for r in reversed(rows)
            if entitled(r.organisation, event, may_read)
        }.items()
    )
    if not matches:
        return
    created = now()
    payloads = {t: structured(v) for t, v in versions.items()}
    conn.execute(
        _insert_ignoring_duplicates(conn, webhook_deliveries),
        [
            {
                "id": str(uuid.uuid4()),
                "subscription_id": subscription_id,
                "event_id": version.id,
                "event_type": version.type,
                "subject": version.subject,
                "payload": payloads[version.type],
                "status": DeliveryStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": created,
                "created_at": created,
            }
            for subscription_id, version in matches
        ],
    )
