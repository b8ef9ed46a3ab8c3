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
    Transition,
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
def _aware(moment: datetime) -> datetime: ...
@overload
def _aware(moment: None) -> None: ...
def _aware(moment: datetime | None) -> datetime | None:
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
        previous_secret_expires_at=_aware(m["previous_secret_expires_at"]),
        version=m["version"], created_by=m["created_by"], created_at=_aware(m["created_at"]),
        updated_at=_aware(m["updated_at"]),
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
        attempts=m["attempts"], next_attempt_at=_aware(m["next_attempt_at"]),
        last_status_code=m["last_status_code"], last_error=m["last_error"],
        created_at=_aware(m["created_at"]), delivered_at=_aware(m["delivered_at"]),
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
        AttemptView(_aware(r.attempted_at), r.status_code, r.error, r.duration_ms) for r in rows
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


# -- the dispatcher's side -----------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """A due delivery leased to one dispatcher, with what it needs to send it."""

    delivery_id: str
    token: str
    subscription_id: str
    url: str
    payload: str
    attempts: int
    secrets: list[str]  # sealed: the current one, then the previous one while in its grace


def claim_due(engine: sa.Engine, now: datetime, lease: timedelta, limit: int) -> list[Claim]:
    """Lease up to ``limit`` due deliveries of active subscriptions to this caller.

    On PostgreSQL, ``FOR UPDATE SKIP LOCKED`` lets replicas claim side by side without waiting
    for or taking each other's rows; the lease (``next_attempt_at`` moved past the send's
    timeout) keeps them from taking a row another is sending. A dispatcher that dies mid-send
    leaves its lease to expire, and the delivery is sent again (at least once). SQLite has one
    writer at a time, which is enough for the one embedded process.
    """
    token = str(uuid.uuid4())
    due = sa.and_(
        deliveries.c.status == DeliveryStatus.PENDING.value, deliveries.c.next_attempt_at <= now
    )
    active = sa.select(subs.c.id).where(subs.c.status == SubscriptionStatus.ACTIVE.value)
    candidates = (
        sa.select(deliveries.c.seq)
        .where(due, deliveries.c.subscription_id.in_(active))
        .order_by(deliveries.c.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True, of=deliveries)
    )
    with engine.begin() as conn:
        claimed = conn.execute(
            deliveries.update()
            .where(deliveries.c.seq.in_(candidates), due)  # re-checked after any lock wait
            .values(claim_token=token, next_attempt_at=now + lease)
            .returning(
                deliveries.c.id,
                deliveries.c.subscription_id,
                deliveries.c.payload,
                deliveries.c.attempts,
            )
        ).all()
        if not claimed:
            return []
        rows = conn.execute(
            sa.select(subs.c.id, subs.c.url, subs.c.secret, subs.c.previous_secret,
                      subs.c.previous_secret_expires_at)
            .where(subs.c.id.in_({c.subscription_id for c in claimed}))
        )  # fmt: skip
        endpoints = {r.id: r for r in rows}
    found = []
    for c in claimed:
        endpoint = endpoints.get(c.subscription_id)
        if endpoint is None:
            continue  # deleted meanwhile: its deliveries went with it
        sealed = [endpoint.secret]
        expires = endpoint.previous_secret_expires_at
        if endpoint.previous_secret and expires is not None and _aware(expires) > now:
            sealed.append(endpoint.previous_secret)
        found.append(
            Claim(c.id, token, c.subscription_id, endpoint.url, c.payload, c.attempts, sealed)
        )
    return found


@dataclass(frozen=True)
class Attempt:
    """One POST of a claimed delivery, its outcome and the delivery's state after it."""

    claim: Claim
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int
    transition: Transition
    disabled_reason: str | None = None


def record_attempts(engine: sa.Engine, made: Sequence[Attempt]) -> int:
    """Store a batch's attempts and each delivery's new state in one transaction.

    Returns how many leases still held. The others' attempts are kept, but not their state:
    the delivery was deleted with its subscription, or redelivered or re-leased meanwhile.
    """
    if not made:
        return 0
    with engine.begin() as conn:
        rows = conn.execute(
            sa.select(deliveries.c.id, deliveries.c.claim_token)
            .where(deliveries.c.id.in_([a.claim.delivery_id for a in made]))
            .order_by(deliveries.c.seq)  # one lock order for every replica
            .with_for_update()
        )
        tokens = {r.id: r.claim_token for r in rows}
        existing = [a for a in made if a.claim.delivery_id in tokens]
        if existing:
            conn.execute(
                attempts.insert(),
                [
                    {"delivery_id": a.claim.delivery_id, "attempted_at": a.attempted_at,
                     "status_code": a.status_code, "error": a.error,
                     "duration_ms": a.duration_ms}
                    for a in existing
                ],
            )  # fmt: skip
        held = [a for a in existing if tokens[a.claim.delivery_id] == a.claim.token]
        for a in held:
            _settle(conn, a)
    return len(held)


def _settle(conn: sa.Connection, attempt: Attempt) -> None:
    transition = attempt.transition
    delivered = transition.status is DeliveryStatus.DELIVERED
    finished = transition.status is not DeliveryStatus.PENDING
    conn.execute(
        deliveries.update()
        .where(deliveries.c.id == attempt.claim.delivery_id)
        .values(
            status=transition.status.value, attempts=transition.attempts,
            next_attempt_at=transition.next_attempt_at, claim_token=None,
            last_status_code=attempt.status_code, last_error=attempt.error,
            delivered_at=attempt.attempted_at if delivered else None,
            finished_at=attempt.attempted_at if finished else None,
        )
    )  # fmt: skip
    if transition.disable_subscription:
        conn.execute(
            subs.update()
            .where(subs.c.id == attempt.claim.subscription_id,
                   subs.c.status == SubscriptionStatus.ACTIVE.value)
            .values(status=SubscriptionStatus.DISABLED.value,
                    disabled_reason=attempt.disabled_reason,
                    version=subs.c.version + 1, updated_at=attempt.attempted_at)
        )  # fmt: skip


# -- retention -----------------------------------------------------------------------------------


def prune_finished(
    engine: sa.Engine, cutoffs: Mapping[DeliveryStatus, datetime], limit: int
) -> int:
    """Delete up to ``limit`` deliveries that finished in ``status`` before ``cutoffs[status]``,
    with their attempts, in one transaction; the number deleted.

    Only finished statuses can be given (a pending delivery is never deleted). On PostgreSQL
    ``FOR UPDATE SKIP LOCKED`` passes over rows another transaction holds (a redelivery being
    asked for, another replica's batch) instead of waiting for them; the delete re-checks the
    condition, so a row redelivered meanwhile stays.
    """
    if DeliveryStatus.PENDING in cutoffs:
        raise ValueError("pending deliveries are never pruned")
    expired = sa.or_(
        *(
            sa.and_(deliveries.c.status == status.value, deliveries.c.finished_at < cutoff)
            for status, cutoff in cutoffs.items()
        )
    )
    with engine.begin() as conn:
        ids = (
            conn.execute(
                sa.select(deliveries.c.id)
                .where(expired)
                .order_by(deliveries.c.finished_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            .scalars()
            .all()
        )
        if not ids:
            return 0
        deleted = (
            conn.execute(
                deliveries.delete()
                .where(deliveries.c.id.in_(ids), expired)
                .returning(deliveries.c.id)
            )
            .scalars()
            .all()
        )
        # The foreign key cascades on PostgreSQL and on SQLite (foreign_keys=ON); this makes it
        # hold even where a connection was opened without that pragma.
        conn.execute(attempts.delete().where(attempts.c.delivery_id.in_(deleted)))
        return len(deleted)
