"""Alembic environment of the determination service (run by ``llwybr.migrations.upgrade``):
the read model's tables, whose shape changes (ADR 0009)."""

from determination.projections import metadata
from llwybr.migrations import run_env

run_env(metadata)
