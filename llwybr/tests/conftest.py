"""Fixtures of the shared runtime's tests."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from llwybr.db import create_engine, create_tables
from llwybr.settings import ServiceSettings
from llwybr_testkit import ExampleService

from .stored_rows import StoredRows


@pytest.fixture
def sqlite_engine(sqlite_settings: ServiceSettings) -> Iterator[sa.Engine]:
    """The example service's plain tables (relay positions, consumer tracking) on SQLite."""
    engine = create_engine(sqlite_settings)
    create_tables(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[ExampleService]:
    """The example service on a fresh store (SQLite and PostgreSQL: ``store_settings``)."""
    create_engine(store_settings).dispose()  # creates the PostgreSQL schema
    app = ExampleService(store_settings.eventsourcing_env())
    yield app
    app.close()


@pytest.fixture
def rows(store_settings: ServiceSettings) -> StoredRows:
    """The example service's stored rows, to change behind its back."""
    return StoredRows(store_settings)
