"""Plain tables (not event-sourced) with SQLAlchemy: one engine per service, its own schema."""

import contextlib
import hashlib
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import NullPool

from llwybr import access_record
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
        pool_size=settings.runtime.postgres_pool_size,
        max_overflow=settings.runtime.postgres_max_overflow,
        pool_timeout=settings.runtime.postgres_pool_timeout_seconds,
        connect_args={"options": f"-csearch_path={schema}", "connect_timeout": 5},
    )
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    access_record.watch(engine)  # a plain-table change commits its access-audit row
    return engine


@contextlib.contextmanager
def schema_lock(settings: ServiceSettings) -> Iterator[None]:
    """Hold while creating the service's schema and tables: replicas starting together take
    turns. In PostgreSQL, ``CREATE ... IF NOT EXISTS`` racing its twin can still fail on the
    catalogue's unique index, so without this one of them would crash on a fresh database.

    A session advisory lock on a connection of its own, released when that connection closes.
    SQLite (one process) needs none.
    """
    url = settings.sqlalchemy_url()
    if not url.startswith("postgresql"):
        yield
        return
    digest = hashlib.sha256(f"llwybr.schema.{settings.schema_name}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
            conn.commit()
            yield
    finally:
        engine.dispose()


def create_tables(engine: sa.Engine) -> None:
    """Create the shared runtime's tables (and any registered on ``metadata``)."""
    metadata.create_all(engine)


def ping(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
