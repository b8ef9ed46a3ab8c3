"""Fixtures of the shared runtime's tests."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from llwybr.db import create_engine, create_tables
from llwybr.settings import ServiceSettings


@pytest.fixture
def sqlite_engine(sqlite_settings: ServiceSettings) -> Iterator[sa.Engine]:
    """The example service's plain tables (relay positions, consumer tracking) on SQLite."""
    engine = create_engine(sqlite_settings)
    create_tables(engine)
    yield engine
    engine.dispose()
