"""The contacts' names and email addresses are sealed with the learner's data key (issue 23,
ADR 0023): a seal is longer than the value, so the columns become text. Values stored before
stay as they are (plaintext reads as it is).

Revision ID: 0009_sealed_contacts
Revises: 0008_learner_upn
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_sealed_contacts"
down_revision: str | Sequence[str] | None = "0008_learner_upn"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("contact_learners", "learner_name", sa.String(200), True),
    ("contact_parties", "name", sa.String(200), False),
    ("contact_parties", "email", sa.String(320), True),
)


def upgrade() -> None:
    for table, column, before, nullable in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.Text, existing_type=before,
                               existing_nullable=nullable)  # fmt: skip


def downgrade() -> None:
    for table, column, before, nullable in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=before, existing_type=sa.Text,
                               existing_nullable=nullable)  # fmt: skip
