"""Join the revisions made side by side (bounces, health body opinions, delivery retention):
one head again.

Revision ID: 0005_merge
Revises: 0004_bounces, 0004_health_body_opinions, w0002_delivery_retention
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "0005_merge"
down_revision: str | Sequence[str] | None = (
    "0004_bounces",
    "0004_health_body_opinions",
    "w0002_delivery_retention",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
