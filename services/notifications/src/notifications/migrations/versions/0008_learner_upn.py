"""The learner registry's facts kept here carry the learner's UPN (issue #20), so every notice
event published names the learner as an MIS knows them, read from the registry's facts
(``learner-relations-recorded``) like every other service's events. None until the next facts
about the learner arrive.

Revision ID: 0008_learner_upn
Revises: 0007_provisional_deadlines
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_learner_upn"
down_revision: str | Sequence[str] | None = "0007_provisional_deadlines"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("notice_learner_registry", sa.Column("upn", sa.String(13), nullable=True))


def downgrade() -> None:
    op.drop_column("notice_learner_registry", "upn")
