"""Bounces: every delivery report received for a notice, and a permanent bounce's status and
diagnostic on the notice (ADR 0014).

Revision ID: 0004_bounces
Revises: 0003_join
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_bounces"
down_revision: str | Sequence[str] | None = "0003_join"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("notices", sa.Column("bounce_status", sa.String(length=16), nullable=True))
    op.add_column("notices", sa.Column("bounce_diagnostic", sa.Text(), nullable=True))
    op.create_table(
        "notice_bounces",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("envelope_from", sa.String(length=320), nullable=True),
        sa.Column("bounce", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("diagnostic", sa.Text(), nullable=True),
        sa.Column("final_recipient", sa.String(length=400), nullable=True),
        sa.Column("reporting_mta", sa.String(length=400), nullable=True),
        sa.Column("remote_mta", sa.String(length=400), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("message_sha256", sa.String(length=64), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("evidence_recorded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("notice_id", "fingerprint", name="uq_notice_bounces_report"),
    )
    op.create_index(
        op.f("ix_notice_bounces_notice_id"), "notice_bounces", ["notice_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_notice_bounces_notice_id"), table_name="notice_bounces")
    op.drop_table("notice_bounces")
    op.drop_column("notices", "bounce_diagnostic")
    op.drop_column("notices", "bounce_status")
