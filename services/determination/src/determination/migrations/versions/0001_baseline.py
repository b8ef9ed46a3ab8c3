"""Baseline: the read model's tables as they were made at start-up before they had revisions
(``create(checkfirst=True)``). A database that has them already keeps them as they are.

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


def _create(name: str, indexed: Sequence[str], *columns: sa.Column[object]) -> None:
    """Create a table and its indexes unless a start-up before revisions made them."""
    if sa.inspect(op.get_bind()).has_table(name):
        return
    op.create_table(name, *columns)
    for column in indexed:
        op.create_index(f"ix_{name}_{column}", name, [column])


def upgrade() -> None:
    _create(
        "determination_cases",
        ["learner_id", "local_authority", "organisation", "status", "decision_due_on",
         "calendar_id", "changed_at_position"],
        sa.Column("determination_id", sa.String(36), primary_key=True),
        sa.Column("learner_id", sa.String(64), nullable=False),
        sa.Column("local_authority", sa.String(16), nullable=False),
        sa.Column("organisation", sa.String(64), nullable=False),
        sa.Column("body_kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("came_to_attention_on", sa.Date, nullable=False),
        sa.Column("decision_due_on", sa.Date, nullable=True),
        sa.Column("decision_rule", sa.String(8), nullable=True),
        sa.Column("calendar_id", sa.String(64), nullable=True),
        sa.Column("provisional", sa.Boolean, nullable=False),
        sa.Column("decided_on", sa.Date, nullable=True),
        sa.Column("has_aln", sa.Boolean, nullable=True),
        sa.Column("within_time", sa.Boolean, nullable=True),
        sa.Column("reconsidered_by", sa.String(64), nullable=True),
        sa.Column("reconsidered_on", sa.Date, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changed_at_position", sa.BigInteger, nullable=False),
    )  # fmt: skip
    _create(
        "determination_case_relations",
        ["organisation"],
        sa.Column("determination_id", sa.String(36), primary_key=True),
        sa.Column("organisation", sa.String(64), primary_key=True),
        sa.Column("relationship", sa.String(32), primary_key=True),
    )
    _create(
        "determination_learner_relations",
        ["organisation"],
        sa.Column("learner_id", sa.String(64), primary_key=True),
        sa.Column("organisation", sa.String(64), primary_key=True),
        sa.Column("relationship", sa.String(32), primary_key=True),
    )


def downgrade() -> None:
    for name in ("determination_learner_relations", "determination_case_relations"):
        op.drop_table(name)
    op.drop_table("determination_cases")
