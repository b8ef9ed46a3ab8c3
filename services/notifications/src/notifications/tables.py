"""The notifications service's own state: plain tables, versioned by Alembic (``migrations/``).

Notices, deliveries, webhook subscriptions and reminders are operational state that changes in
place (attempts, statuses), so they live here rather than in the event store. Every table is
declared on ``metadata``; a test checks that the migrations produce exactly these tables.
"""

import sqlalchemy as sa

metadata = sa.MetaData()
