"""Watched deadlines say whether they were computed without the setting's term calendar
(issue #17): every reminder, alert and list says a provisional date is provisional. A duty with
no statutory limit found (the LA's IDP after an R1 "has ALN") is watched as a reminder repeated
every ``repeat_every_days``, never alerted as missed.

Revision ID: 0007_provisional_deadlines
Revises: 0006_learner_relations
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_provisional_deadlines"
down_revision: str | Sequence[str] | None = "0006_learner_relations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "watched_deadlines",
        sa.Column("provisional", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("watched_deadlines", sa.Column("repeat_every_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("watched_deadlines", "repeat_every_days")
    op.drop_column("watched_deadlines", "provisional")
