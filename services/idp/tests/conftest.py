"""Fixtures of the IDP service's tests."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from idp.application import IdpService
from idp.main import create_app
from idp.settings import Settings
from llwybr.db import create_engine
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import TEST_SECRET, ActingAs


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[IdpService]:
    """The service layer on its own store (SQLite, then PostgreSQL)."""
    create_engine(store_settings).dispose()
    app = IdpService(store_settings.eventsourcing_env())
    yield app
    app.close()


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The service's API in embedded mode, called as the school (``school:6652001``)."""
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    app: FastAPI = create_app(Settings(runtime=runtime))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://idp", auth=ActingAs("school:6652001")
        ) as c:
            c.app = app  # type: ignore[attr-defined]
            yield c
