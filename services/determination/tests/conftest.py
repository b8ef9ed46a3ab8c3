"""Fixtures the determination service's tests share."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from determination.application import DeterminationService
from determination.main import create_app
from determination.settings import Settings
from llwybr.db import create_engine
from llwybr.personal_data.settings import open_vault
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import TEST_SECRET, ActingAs


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[DeterminationService]:
    """The service layer on SQLite and on PostgreSQL (the same tests on both)."""
    create_engine(store_settings).dispose()
    app = DeterminationService(store_settings.eventsourcing_env())
    app.use_vault(open_vault(store_settings.runtime))  # as build_service does (ADR 0023)
    yield app
    app.close()


async def started(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the started app, acting as a school unless a request says otherwise."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://determination", auth=ActingAs("school:6652001")
        ) as c:
            c.app = app  # type: ignore[attr-defined]
            yield c


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The API on SQLite, with a small document limit."""
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    settings = Settings(runtime=runtime, max_document_bytes=4096)
    async for c in started(create_app(settings)):
        yield c
