"""Alembic environment of the gateway's own tables (run by ``llwybr.migrations.upgrade``)."""

from gateway.store import metadata
from llwybr.migrations import run_env

run_env(metadata)
