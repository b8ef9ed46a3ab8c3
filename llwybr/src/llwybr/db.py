"""Plain tables (not event-sourced) with SQLAlchemy: one engine per service, its own schema."""

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from llwybr.settings import ServiceSettings

metadata = sa.MetaData()


def create_engine(settings: ServiceSettings) -> sa.Engine:
    """An engine whose connections see only this service's schema (PostgreSQL) or file."""
    url = settings.sqlalchemy_url()
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    schema = settings.schema_name
    engine = sa.create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        connect_args={"options": f"-csearch_path={schema}", "connect_timeout": 5},
    )
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    return engine


def create_tables(engine: sa.Engine) -> None:
    """Create the shared runtime's tables (and any registered on ``metadata``)."""
    metadata.create_all(engine)


def ping(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
