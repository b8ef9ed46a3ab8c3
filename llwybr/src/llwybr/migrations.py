"""Alembic migrations for a service's plain tables, applied at start-up.

A service that owns mutable state outside its event store (notifications: subscriptions,
deliveries, reminders) versions that schema with Alembic rather than ``create_all``, so a
deployed database can be moved forward without losing rows. Each service keeps its own script
directory and ``alembic_version`` table (in its PostgreSQL schema, or its SQLite file).
"""

import threading
from pathlib import Path

import sqlalchemy as sa
from alembic import command, context
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

#: Held while migrating, so replicas starting together do not race: an advisory lock across
#: PostgreSQL clients; an embedded SQLite file has one process, so a thread lock is enough.
_LOCK_KEY = "llwybr.migrations"
_local_lock = threading.Lock()


def alembic_config(script_location: Path, connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, script_location: Path) -> None:
    """Apply every pending revision (all heads) in one transaction."""
    with _local_lock, engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": _LOCK_KEY}
            )
        command.upgrade(alembic_config(script_location, connection), "heads")


def pending_differences(engine: sa.Engine, metadata: sa.MetaData) -> list[object]:
    """What autogenerate would still change: empty when the migrations match the models."""
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))


def run_env(target_metadata: sa.MetaData) -> None:
    """The body of a service's ``env.py``: online migrations on the connection it was given."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("migrations run through llwybr.migrations.upgrade, with a connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
