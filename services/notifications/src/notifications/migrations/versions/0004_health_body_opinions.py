"""Health bodies' opinions that an under-five probably has ALN (s.64): parent first, then the LA.

Revision ID: 0004_health_body_opinions
Revises: 0003_join
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_health_body_opinions"
down_revision: str | Sequence[str] | None = "0003_join"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "health_body_opinions",
        sa.Column("opinion_id", sa.String(length=36), nullable=False),
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("health_body", sa.String(length=64), nullable=False),
        sa.Column("local_authority", sa.String(length=64), nullable=False),
        sa.Column("formed_on", sa.Date(), nullable=False),
        sa.Column("officer_name", sa.String(length=200), nullable=False),
        sa.Column("officer_email", sa.String(length=320), nullable=True),
        sa.Column("officer_phone", sa.String(length=40), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("parent_informed_on", sa.Date(), nullable=True),
        sa.Column("discussed_on", sa.Date(), nullable=True),
        sa.Column("local_authority_told_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("local_authority_told_by", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("opinion_id"),
    )
    op.create_index(
        op.f("ix_health_body_opinions_learner_id"),
        "health_body_opinions",
        ["learner_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_health_body_opinions_health_body"),
        "health_body_opinions",
        ["health_body"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_health_body_opinions_health_body"), table_name="health_body_opinions")
    op.drop_index(op.f("ix_health_body_opinions_learner_id"), table_name="health_body_opinions")
    op.drop_table("health_body_opinions")
