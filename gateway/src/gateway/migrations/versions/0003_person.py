"""The signed-in person of a console page view in the access audit (issue 22): the subject
their identity provider names them by (a pseudonymous identifier, never their name). Nullable:
API clients' rows and older rows have none.

Revision ID: 0003_person
Revises: 0002_refusals
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_person"
down_revision: str | Sequence[str] | None = "0002_refusals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("access_audit") as table:
        table.add_column(sa.Column("person", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("access_audit") as table:
        table.drop_column("person")
