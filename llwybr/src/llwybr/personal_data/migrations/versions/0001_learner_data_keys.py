"""Learners' data keys, wrapped by a key-encryption key; a shredded key leaves its erasure.

Revision ID: 0001_learner_data_keys
Revises:
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_learner_data_keys"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "learner_data_keys",
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("kek_id", sa.String(length=64), nullable=True),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=True),
        sa.Column("erased_by", sa.String(length=128), nullable=True),
        sa.Column("schedule", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("learner_id"),
    )


def downgrade() -> None:
    op.drop_table("learner_data_keys")
