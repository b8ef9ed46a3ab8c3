"""Alembic environment of the notifications service (run by ``llwybr.migrations.upgrade``)."""

from llwybr.migrations import run_env
from notifications.tables import metadata
from notifications.webhooks import tables as _webhook_tables  # noqa: F401 (declares its tables)

run_env(metadata)
