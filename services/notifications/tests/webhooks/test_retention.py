"""Pruning finished deliveries past their retention, on SQLite and on PostgreSQL."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from llwybr import db, migrations
from llwybr.settings import ServiceSettings
from notifications.main import SPEC
from notifications.webhooks import queue, store
from notifications.webhooks.domain import DeliveryStatus
from notifications.webhooks.retention import DeliveryRetention
from notifications.webhooks.settings import WebhookSettings
from notifications.webhooks.tables import webhook_attempts, webhook_deliveries

assert SPEC.migrations is not None
SCRIPTS = SPEC.migrations
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SCHOOL = "school:6652001"
#: The defaults (90 days delivered, 365 dead), three deliveries per transaction.
SETTINGS = WebhookSettings(retention_batch_size=3)


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = db.create_engine(store_settings)
    migrations.upgrade(engine, SCRIPTS)
    yield engine
    engine.dispose()


def subscription(engine: sa.Engine) -> str:
    with engine.begin() as conn:
        view = store.create_subscription(
            conn, organisation=SCHOOL, url="https://1.1.1.1/hooks", event_types=["t.v1"],
            description=None, sealed_secret="plain:s", actor="test", now=NOW,
        )  # fmt: skip
    return view.id


def delivery(
    engine: sa.Engine,
    subscription_id: str,
    status: DeliveryStatus,
    *,
    age_days: int,
    attempts: int = 2,
    **values: Any,
) -> str:
    """A delivery that finished (or, pending, was made) ``age_days`` ago, with its attempts."""
    moment = NOW - timedelta(days=age_days)
    delivery_id = str(uuid.uuid4())
    finished = status is not DeliveryStatus.PENDING
    row = {
        "id": delivery_id, "subscription_id": subscription_id, "event_id": delivery_id,
        "event_type": "t.v1", "subject": "learner-1", "payload": "{}", "status": status.value,
        "attempts": attempts, "created_at": moment - timedelta(hours=1),
        "next_attempt_at": None if finished else moment,
        "delivered_at": moment if status is DeliveryStatus.DELIVERED else None,
        "finished_at": moment if finished else None, **values,
    }  # fmt: skip
    with engine.begin() as conn:
        conn.execute(webhook_deliveries.insert().values(row))
        conn.execute(
            webhook_attempts.insert(),
            [{"delivery_id": delivery_id, "attempted_at": moment, "status_code": 500,
              "error": "HTTP 500", "duration_ms": 3} for _ in range(attempts)],
        )  # fmt: skip
    return delivery_id


def remaining(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(sa.select(webhook_deliveries.c.id)).scalars())


def attempts_of(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(webhook_attempts.c.delivery_id, sa.func.count()).group_by(
                webhook_attempts.c.delivery_id
            )
        )
        return {delivery_id: int(count) for delivery_id, count in rows}


async def test_old_finished_deliveries_go_with_their_attempts_and_the_rest_stay(
    engine: sa.Engine,
) -> None:
    sub = subscription(engine)
    old_delivered = [delivery(engine, sub, DeliveryStatus.DELIVERED, age_days=91)
                     for _ in range(7)]  # fmt: skip
    old_dead = delivery(engine, sub, DeliveryStatus.DEAD, age_days=366, attempts=15)
    kept = {
        delivery(engine, sub, DeliveryStatus.DELIVERED, age_days=89),
        delivery(engine, sub, DeliveryStatus.DEAD, age_days=200),  # a dead one is kept longer
        delivery(engine, sub, DeliveryStatus.PENDING, age_days=800),  # pending: never pruned
        delivery(engine, sub, DeliveryStatus.PENDING, age_days=800, claim_token="lease"),
    }

    deleted = await DeliveryRetention(engine, SETTINGS, now=lambda: NOW).prune()

    assert deleted == 8  # in three batches of at most three
    assert remaining(engine) == kept
    assert attempts_of(engine) == dict.fromkeys(kept, 2)  # no orphan, none of theirs lost
    assert not {old_dead, *old_delivered} & remaining(engine)
    assert await DeliveryRetention(engine, SETTINGS, now=lambda: NOW).prune() == 0


async def test_a_redelivered_dead_delivery_is_pending_and_kept(engine: sa.Engine) -> None:
    sub = subscription(engine)
    dead = delivery(engine, sub, DeliveryStatus.DEAD, age_days=400)
    with engine.begin() as conn:
        store.request_redelivery(conn, SCHOOL, sub, dead, NOW)
    assert await DeliveryRetention(engine, SETTINGS, now=lambda: NOW).prune() == 0
    assert remaining(engine) == {dead}
    assert attempts_of(engine) == {dead: 2}


async def test_the_retention_periods_are_settings(engine: sa.Engine) -> None:
    sub = subscription(engine)
    delivered = delivery(engine, sub, DeliveryStatus.DELIVERED, age_days=8)
    dead = delivery(engine, sub, DeliveryStatus.DEAD, age_days=31)
    recent = delivery(engine, sub, DeliveryStatus.DEAD, age_days=29)
    short = WebhookSettings(delivered_retention_days=7, dead_retention_days=30)
    assert await DeliveryRetention(engine, short, now=lambda: NOW).prune() == 2
    assert remaining(engine) == {recent}
    assert delivered not in remaining(engine)
    assert dead not in remaining(engine)


def test_pending_deliveries_cannot_be_asked_to_be_pruned(engine: sa.Engine) -> None:
    with pytest.raises(ValueError, match="never pruned"):
        queue.prune_finished(engine, {DeliveryStatus.PENDING: NOW}, 10)


@pytest.mark.integration
async def test_a_delivery_locked_by_another_transaction_is_skipped_not_waited_for(
    postgres_settings: ServiceSettings,
) -> None:
    engine = db.create_engine(postgres_settings)
    try:
        migrations.upgrade(engine, SCRIPTS)
        sub = subscription(engine)
        locked, _free = (delivery(engine, sub, DeliveryStatus.DELIVERED, age_days=100)
                        for _ in range(2))  # fmt: skip
        retention = DeliveryRetention(engine, SETTINGS, now=lambda: NOW)
        with engine.connect() as other, other.begin():  # a redelivery being asked for, say
            other.execute(
                sa.select(webhook_deliveries.c.id)
                .where(webhook_deliveries.c.id == locked)
                .with_for_update()
            )
            assert await retention.prune() == 1
            assert remaining(engine) == {locked}
        assert await retention.prune() == 1
        assert remaining(engine) == set()
        assert attempts_of(engine) == {}
    finally:
        engine.dispose()


def test_the_migration_dates_deliveries_that_finished_before_it(engine: sa.Engine) -> None:
    """``finished_at`` of rows made before ``w0002``: when delivered, or the last attempt."""
    with engine.begin() as conn:
        command.downgrade(migrations.alembic_config(SCRIPTS, conn), "0003_join")
    sub = subscription(engine)
    rows = [("delivered", NOW - timedelta(days=3)), ("dead", None), ("dead", None),
            ("pending", None)]  # fmt: skip
    ids = []
    before = sa.table("webhook_deliveries", *(sa.column(c.name) for c in webhook_deliveries.c
                                              if c.name != "finished_at"))  # fmt: skip
    with engine.begin() as conn:
        for n, (status, delivered_at) in enumerate(rows):
            ids.append(f"d{n}")
            conn.execute(sa.insert(before).values(
                id=f"d{n}", subscription_id=sub, event_id=f"e{n}", event_type="t.v1",
                subject="s", payload="{}", status=status, attempts=1, created_at=NOW,
                delivered_at=delivered_at,
            ))  # fmt: skip
        conn.execute(
            webhook_attempts.insert(),
            [{"delivery_id": "d1", "attempted_at": NOW + timedelta(hours=h), "status_code": 503,
              "error": None, "duration_ms": 1} for h in (1, 2)],
        )  # fmt: skip
    migrations.upgrade(engine, SCRIPTS)
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(webhook_deliveries.c.id, webhook_deliveries.c.finished_at)
        ).all()
    found = {r.id: r.finished_at for r in stored}
    aware = {k: v if v is None or v.tzinfo else v.replace(tzinfo=UTC) for k, v in found.items()}
    assert aware == {
        "d0": NOW - timedelta(days=3),
        "d1": NOW + timedelta(hours=2),  # its last attempt
        "d2": NOW,  # no attempt left: when it was made
        "d3": None,
    }
