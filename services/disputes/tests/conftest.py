"""The disputes service in embedded mode, called as the LA (a test passes ``auth=`` to act as
another organisation)."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from disputes.main import create_app
from disputes.settings import Settings
from llwybr.settings import RuntimeSettings
from llwybr.testing import TEST_SECRET, ActingAs


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    app: FastAPI = create_app(Settings(runtime=runtime))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://disputes", auth=ActingAs("la:665")
        ) as c:
            c.app = app  # type: ignore[attr-defined]
            yield c
