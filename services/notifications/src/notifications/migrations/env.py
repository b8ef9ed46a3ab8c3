"""Alembic environment of the notifications service (run by ``llwybr.migrations.upgrade``)."""

from llwybr.migrations import run_env
from notifications.tables import metadata

run_env(metadata)
