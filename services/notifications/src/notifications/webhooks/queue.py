"""The delivery queue in the webhook tables: due deliveries leased to a dispatcher, the
attempts it made and each delivery's state after them, and finished deliveries pruned.

Each function runs its own transaction on the engine (the workers' side; the API's is
``store``).
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from notifications.webhooks.domain import DeliveryStatus, SubscriptionStatus, Transition
from notifications.webhooks.store import aware
from notifications.webhooks.tables import (
    webhook_attempts,
    webhook_deliveries,
    webhook_subscriptions,
)

subs, deliveries, attempts = webhook_subscriptions, webhook_deliveries, webhook_attempts


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
        if endpoint.previous_secret and expires is not None and aware(expires) > now:
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
