"""The webhook tables, declared on the service's ``metadata`` (migrations ``w0001_...``,
``w0002_...``)."""

import sqlalchemy as sa

from notifications.tables import metadata

#: A 64-bit sequence on PostgreSQL; SQLite only auto-increments an INTEGER primary key.
Sequence64 = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Timestamp = sa.DateTime(timezone=True)

webhook_subscriptions = sa.Table(
    "webhook_subscriptions",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("organisation", sa.String(64), nullable=False, index=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("description", sa.String(200), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("disabled_reason", sa.Text, nullable=True),
    # Sealed (``sealing``): the secrets must be usable to sign, so they are kept, encrypted
    # when a key is configured.
    sa.Column("secret", sa.Text, nullable=False),
    sa.Column("previous_secret", sa.Text, nullable=True),
    sa.Column("previous_secret_expires_at", Timestamp, nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
)

webhook_subscription_types = sa.Table(
    "webhook_subscription_types",
    metadata,
    sa.Column(
        "subscription_id",
        sa.String(36),
        sa.ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("event_type", sa.String(200), primary_key=True, index=True),
)

webhook_deliveries = sa.Table(
    "webhook_deliveries",
    metadata,
    sa.Column("seq", Sequence64, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(36), nullable=False),
    sa.Column(
        "subscription_id",
        sa.String(36),
        sa.ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("event_id", sa.String(64), nullable=False),
    sa.Column("event_type", sa.String(200), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    # The exact bytes that are signed and sent (the CloudEvent in structured JSON mode).
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),  # since created or last redelivered
    sa.Column("next_attempt_at", Timestamp, nullable=True),  # pending only
    sa.Column("claim_token", sa.String(36), nullable=True),  # the dispatcher's lease
    sa.Column("last_status_code", sa.Integer, nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("delivered_at", Timestamp, nullable=True),
    # When it was last delivered or dead-lettered (null while pending): the retention clock.
    sa.Column("finished_at", Timestamp, nullable=True),
    sa.UniqueConstraint("id", name="uq_webhook_deliveries_id"),
    sa.UniqueConstraint("subscription_id", "event_id", name="uq_webhook_deliveries_event"),
    sa.Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    sa.Index("ix_webhook_deliveries_subscription", "subscription_id", "seq"),
    sa.Index("ix_webhook_deliveries_finished", "status", "finished_at"),
)

webhook_attempts = sa.Table(
    "webhook_attempts",
    metadata,
    sa.Column("seq", Sequence64, primary_key=True, autoincrement=True),
    sa.Column(
        "delivery_id",
        sa.String(36),
        sa.ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("attempted_at", Timestamp, nullable=False),
    sa.Column("status_code", sa.Integer, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("duration_ms", sa.Integer, nullable=False),
)

#: Written no more (ADR 0015: the learner's relations decide who receives an event, not the
#: organisations its events named); kept until a migration drops it.
webhook_audiences = sa.Table(
    "webhook_audiences",
    metadata,
    sa.Column("aggregate_id", sa.String(64), primary_key=True),
    sa.Column("organisation", sa.String(64), primary_key=True),
)
