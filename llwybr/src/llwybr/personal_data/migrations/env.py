"""Alembic environment of the data-key store (run by ``llwybr.migrations.upgrade``)."""

from llwybr.migrations import run_env
from llwybr.personal_data.tables import metadata

run_env(metadata)
