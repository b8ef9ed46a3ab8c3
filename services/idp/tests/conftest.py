"""Fixtures of the IDP service's tests."""

from collections.abc import Iterator

import pytest

from idp.application import IdpService
from llwybr.db import create_engine
from llwybr.settings import ServiceSettings


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[IdpService]:
    """The service layer on its own store (SQLite, then PostgreSQL)."""
    create_engine(store_settings).dispose()
    app = IdpService(store_settings.eventsourcing_env())
    yield app
    app.close()
