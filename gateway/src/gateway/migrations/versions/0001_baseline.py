"""Baseline: the access audit log and the idempotency records as ``create_all`` made them.

A gateway deployed before its tables were migrated already has them (without a version
table): they are made only where missing.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "access_audit" not in present:
        op.create_table(
            "access_audit",
            sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("request_id", sa.String(length=64), nullable=False),
            sa.Column("client_id", sa.String(length=128), nullable=True),
            sa.Column("organisation", sa.String(length=64), nullable=True),
            sa.Column("method", sa.String(length=8), nullable=False),
            sa.Column("path", sa.String(length=512), nullable=False),
            sa.Column("resource_id", sa.String(length=64), nullable=True),
            sa.Column("outcome", sa.String(length=16), nullable=False),
            sa.Column("status", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        for column in ("at", "organisation", "resource_id"):
            op.create_index(f"ix_access_audit_{column}", "access_audit", [column])
    if "idempotency_records" not in present:
        op.create_table(
            "idempotency_records",
            sa.Column("client_id", sa.String(length=128), nullable=False),
            sa.Column("key", sa.String(length=255), nullable=False),
            sa.Column("request_hash", sa.String(length=64), nullable=False),
            sa.Column("status", sa.Integer(), nullable=True),
            sa.Column("headers", sa.Text(), nullable=True),
            sa.Column("body", sa.LargeBinary(), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("client_id", "key"),
        )


def downgrade() -> None:
    op.drop_table("idempotency_records")
    op.drop_table("access_audit")
