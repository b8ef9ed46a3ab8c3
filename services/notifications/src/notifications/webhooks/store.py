"""Reading and writing the webhook tables (SQLAlchemy Core), one function per operation.

Every query about a subscription is scoped to the caller's organisation, so another
organisation's subscription is simply not found.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, overload

import sqlalchemy as sa

from llwybr.eventstore import StaleVersionError
from notifications.webhooks.domain import (
    DeliveryNotFoundError,
    DeliveryStatus,
    SubscriptionNotFoundError,
    SubscriptionStatus,
    redeliver,
)
from notifications.webhooks.tables import (
    webhook_attempts,
    webhook_deliveries,
    webhook_subscription_types,
    webhook_subscriptions,
)

subs, types, deliveries, attempts = (
    webhook_subscriptions,
    webhook_subscription_types,
    webhook_deliveries,
    webhook_attempts,
)


@overload
def aware(moment: datetime) -> datetime: ...
@overload
def aware(moment: None) -> None: ...
def aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes for timezone-aware columns; they were stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SubscriptionView:
    id: str
    organisation: str
    url: str
    description: str | None
    event_types: list[str]
    status: str
    disabled_reason: str | None
    previous_secret_expires_at: datetime | None
    version: int
    created_by: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class AttemptView:
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int


@dataclass(frozen=True)
class DeliveryView:
    id: str
    subscription_id: str
    event_id: str
    event_type: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    cursor: int
    history: list[AttemptView] | None = None


# -- subscriptions -------------------------------------------------------------------------------


def _types_of(conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {i: [] for i in ids}
    rows = conn.execute(
        sa.select(types.c.subscription_id, types.c.event_type)
        .where(types.c.subscription_id.in_(ids))
        .order_by(types.c.event_type)
    )
    for subscription_id, event_type in rows:
        found[subscription_id].append(event_type)
    return found


def _view(row: sa.Row[Any], event_types: list[str]) -> SubscriptionView:
    m = row._mapping
    return SubscriptionView(
        id=m["id"], organisation=m["organisation"], url=m["url"], description=m["description"],
        event_types=event_types, status=m["status"], disabled_reason=m["disabled_reason"],
        previous_secret_expires_at=aware(m["previous_secret_expires_at"]),
        version=m["version"], created_by=m["created_by"], created_at=aware(m["created_at"]),
        updated_at=aware(m["updated_at"]),
    )  # fmt: skip


def _row(conn: sa.Connection, organisation: str, subscription_id: str) -> sa.Row[Any]:
    row = conn.execute(
        sa.select(subs).where(subs.c.id == subscription_id, subs.c.organisation == organisation)
    ).first()
    if row is None:
        raise SubscriptionNotFoundError(f"no webhook subscription {subscription_id}")
    return row


def get_subscription(
    conn: sa.Connection, organisation: str, subscription_id: str
) -> SubscriptionView:
    row = _row(conn, organisation, subscription_id)
    return _view(row, _types_of(conn, [subscription_id])[subscription_id])


def create_subscription(
    conn: sa.Connection,
    *,
    organisation: str,
    url: str,
    event_types: Sequence[str],
    description: str | None,
    sealed_secret: str,
    actor: str,
    now: datetime,
) -> SubscriptionView:
    subscription_id = str(uuid.uuid4())
    conn.execute(
        subs.insert().values(
            id=subscription_id, organisation=organisation, url=url, description=description,
            status=SubscriptionStatus.ACTIVE.value, secret=sealed_secret, version=1,
            created_by=actor, created_at=now, updated_at=now,
        )
    )  # fmt: skip
    _set_types(conn, subscription_id, event_types)
    return get_subscription(conn, organisation, subscription_id)


def _set_types(conn: sa.Connection, subscription_id: str, event_types: Sequence[str]) -> None:
    conn.execute(types.delete().where(types.c.subscription_id == subscription_id))
    conn.execute(
        types.insert(), [{"subscription_id": subscription_id, "event_type": t} for t in event_types]
    )


def list_subscriptions(
    conn: sa.Connection, organisation: str, *, limit: int, after: str | None
) -> list[SubscriptionView]:
    statement = sa.select(subs).where(subs.c.organisation == organisation)
    if after:
        statement = statement.where(subs.c.id > after)
    rows = conn.execute(statement.order_by(subs.c.id).limit(limit)).all()
    found = _types_of(conn, [r.id for r in rows])
    return [_view(r, found[r.id]) for r in rows]


def _bump(
    conn: sa.Connection,
    row: sa.Row[Any],
    expected_version: int | None,
    values: Mapping[str, Any],
    now: datetime,
) -> None:
    """Update the row if it is still at the version the caller saw (``If-Match``)."""
    version = row.version
    if expected_version is not None and expected_version != version:
        raise StaleVersionError(uuid.UUID(row.id), expected_version, version)
    changed = conn.execute(
        subs.update()
        .where(subs.c.id == row.id, subs.c.version == version)
        .values(**values, version=version + 1, updated_at=now)
    )
    if changed.rowcount != 1:  # a concurrent update moved it on between read and write
        raise StaleVersionError(uuid.UUID(row.id), version, version + 1)


def update_subscription(
    conn: sa.Connection,
    organisation: str,
    subscription_id: str,
    *,
    changes: Mapping[str, Any],
    event_types: Sequence[str] | None,
    expected_version: int | None,
    now: datetime,
) -> SubscriptionView:
    """Change the URL, description or status (pause, resume) and the event types."""
    row = _row(conn, organisation, subscription_id)
    values = dict(changes)
    if values.get("status") == SubscriptionStatus.ACTIVE.value:
        values["disabled_reason"] = None
    _bump(conn, row, expected_version, values, now)
    if event_types is not None:
        _set_types(conn, subscription_id, event_types)
    return get_subscription(conn, organisation, subscription_id)


def delete_subscription(
    conn: sa.Connection, organisation: str, subscription_id: str, expected_version: int | None
) -> None:
    """Delete it with its deliveries and their attempts (foreign keys cascade)."""
    row = _row(conn, organisation, subscription_id)
    if expected_version is not None and expected_version != row.version:
        raise StaleVersionError(uuid.UUID(row.id), expected_version, row.version)
    conn.execute(subs.delete().where(subs.c.id == subscription_id))


def rotate_secret(
    conn: sa.Connection,
    organisation: str,
    subscription_id: str,
    *,
    sealed_secret: str,
    grace: timedelta,
    expected_version: int | None,
    now: datetime,
) -> SubscriptionView:
    """The new secret signs from now on; the current one also signs until ``now + grace``."""
    row = _row(conn, organisation, subscription_id)
    previous = {"previous_secret": row.secret, "previous_secret_expires_at": now + grace}
    if grace <= timedelta(0):
        previous = {"previous_secret": None, "previous_secret_expires_at": None}
    _bump(conn, row, expected_version, {"secret": sealed_secret, **previous}, now)
    return get_subscription(conn, organisation, subscription_id)


# -- deliveries ----------------------------------------------------------------------------------


def _delivery(row: sa.Row[Any]) -> DeliveryView:
    m = row._mapping
    return DeliveryView(
        id=m["id"], subscription_id=m["subscription_id"], event_id=m["event_id"],
        event_type=m["event_type"], subject=m["subject"], status=m["status"],
        attempts=m["attempts"], next_attempt_at=aware(m["next_attempt_at"]),
        last_status_code=m["last_status_code"], last_error=m["last_error"],
        created_at=aware(m["created_at"]), delivered_at=aware(m["delivered_at"]),
        cursor=m["seq"],
    )  # fmt: skip


_DELIVERY_COLUMNS = [c for c in deliveries.c if c.name not in {"payload", "claim_token"}]


def list_deliveries(
    conn: sa.Connection,
    organisation: str,
    subscription_id: str,
    *,
    status: DeliveryStatus | None,
    limit: int,
    before: int | None,
) -> list[DeliveryView]:
    """The subscription's deliveries, newest first, a page at a time (``before`` a cursor)."""
    _row(conn, organisation, subscription_id)
    statement = sa.select(*_DELIVERY_COLUMNS).where(deliveries.c.subscription_id == subscription_id)
    if status is not None:
        statement = statement.where(deliveries.c.status == status.value)
    if before is not None:
        statement = statement.where(deliveries.c.seq < before)
    rows = conn.execute(statement.order_by(deliveries.c.seq.desc()).limit(limit))
    return [_delivery(r) for r in rows]


def _delivery_row(
    conn: sa.Connection, organisation: str, subscription_id: str, delivery_id: str
) -> sa.Row[Any]:
    _row(conn, organisation, subscription_id)
    row = conn.execute(
        sa.select(*_DELIVERY_COLUMNS).where(
            deliveries.c.id == delivery_id, deliveries.c.subscription_id == subscription_id
        )
    ).first()
    if row is None:
        raise DeliveryNotFoundError(f"no delivery {delivery_id} for subscription {subscription_id}")
    return row


def get_delivery(
    conn: sa.Connection, organisation: str, subscription_id: str, delivery_id: str
) -> DeliveryView:
    """A delivery with every attempt made, oldest first."""
    view = _delivery(_delivery_row(conn, organisation, subscription_id, delivery_id))
    rows = conn.execute(
        sa.select(webhook_attempts)
        .where(attempts.c.delivery_id == delivery_id)
        .order_by(attempts.c.seq)
    )
    history = [
        AttemptView(aware(r.attempted_at), r.status_code, r.error, r.duration_ms) for r in rows
    ]
    return DeliveryView(**{**vars(view), "history": history})


def request_redelivery(
    conn: sa.Connection, organisation: str, subscription_id: str, delivery_id: str, now: datetime
) -> DeliveryView:
    row = _delivery_row(conn, organisation, subscription_id, delivery_id)
    transition = redeliver(DeliveryStatus(row.status), now)
    conn.execute(
        deliveries.update()
        .where(deliveries.c.id == delivery_id, deliveries.c.status == row.status)
        .values(
            status=transition.status.value, attempts=transition.attempts,
            next_attempt_at=transition.next_attempt_at, claim_token=None, finished_at=None,
        )
    )  # fmt: skip
    return get_delivery(conn, organisation, subscription_id, delivery_id)
