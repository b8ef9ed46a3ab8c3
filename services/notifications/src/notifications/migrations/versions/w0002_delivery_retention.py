"""Webhook delivery retention: when each delivery finished, and an index to find old ones.

Revision ID: w0002_delivery_retention
Revises: 0003_join
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "w0002_delivery_retention"
down_revision: str | Sequence[str] | None = "0003_join"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "webhook_deliveries", sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True)
    )
    # Existing finished deliveries: delivered ones when delivered; dead ones at their last
    # attempt (when they were dead-lettered), or when made if no attempt is left.
    op.execute(
        "UPDATE webhook_deliveries SET finished_at = delivered_at WHERE status = 'delivered'"
    )
    op.execute(
        "UPDATE webhook_deliveries SET finished_at = COALESCE("
        "(SELECT MAX(a.attempted_at) FROM webhook_attempts a"
        " WHERE a.delivery_id = webhook_deliveries.id), created_at) WHERE status = 'dead'"
    )
    op.create_index(
        "ix_webhook_deliveries_finished",
        "webhook_deliveries",
        ["status", "finished_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_deliveries_finished", table_name="webhook_deliveries")
    op.drop_column("webhook_deliveries", "finished_at")
