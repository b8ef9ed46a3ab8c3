"""Join the notices and webhooks branches: production always has one head.

Revision ID: 0003_join
Revises: 0002_notices, w0001_webhooks
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "0003_join"
down_revision: str | Sequence[str] | None = ("0002_notices", "w0001_webhooks")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
