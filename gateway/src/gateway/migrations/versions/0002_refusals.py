"""Every refusal's reason, and the jurisdiction (LA numbers) of the records a request
touched, in the access audit (issue 16). Nullable: older rows keep.

Revision ID: 0002_refusals
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_refusals"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("access_audit") as table:
        table.add_column(sa.Column("reason", sa.String(length=64), nullable=True))
        table.add_column(sa.Column("jurisdiction", sa.String(length=256), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("access_audit") as table:
        table.drop_column("jurisdiction")
        table.drop_column("reason")
