"""A case's row says the day its decision clock was met, the decision *given* (its notice or
the IDP; s.4(6), issue #17), and the day it was cancelled, so the lists judge met / open /
missed as the case view does. Rows kept before this have neither: rebuild the read model
(``llwybr-audit rebuild-projections determination``) to fill them from the events.

Revision ID: 0002_decision_given_on
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_decision_given_on"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("determination_cases", sa.Column("decision_given_on", sa.Date(), nullable=True))
    op.add_column(
        "determination_cases", sa.Column("decision_cancelled_on", sa.Date(), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("determination_cases", "decision_cancelled_on")
    op.drop_column("determination_cases", "decision_given_on")
