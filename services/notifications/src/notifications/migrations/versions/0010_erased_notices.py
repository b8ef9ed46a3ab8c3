"""A notice about a learner whose personal data was erased says so (issue 23, ADR 0023): its
recipient, subject line and content are dropped, and ``personal_data_erased`` keeps the
record's shape ("personal data erased on DATE under schedule X").

Revision ID: 0010_erased_notices
Revises: 0009_sealed_contacts
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_erased_notices"
down_revision: str | Sequence[str] | None = "0009_sealed_contacts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("notices", sa.Column("personal_data_erased", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.drop_column("personal_data_erased")
