"""The s.64 opinion tests' service (embedded mode, notices written to the outbox) and steps
(tests only)."""

from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from contracts.events import IntegrationEvent
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, eventually
from notifications.main import create_app
from notifications.notices.intake import handler
from notifications.settings import Settings

from .learners import BORN_2023, envelope, new_learner, registered

LHB, LA, SCHOOL = "lhb:7A1", "la:665", "school:6652001"
TODAY = date(2026, 3, 3)
OPINIONS = "/v1/notices/health-body-opinions"


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET),
        delivery_poll_seconds=0.05,
        contacts_wait_seconds=0.2,
        today=TODAY,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://notifications", auth=ActingAs(LHB)
    ) as client:
        yield client


def opinion(learner_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "learner_id": learner_id,
        "local_authority": LA,
        "formed_on": (TODAY - timedelta(days=5)).isoformat(),
        "officer": {"name": "Dr Angharad Rees", "email": "angharad@bcuhb.example"},
        **changes,
    }


async def record(client: httpx.AsyncClient, learner_id: str) -> dict[str, Any]:
    response = await client.post(OPINIONS, json=opinion(learner_id))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def adopt(app: FastAPI, event: IntegrationEvent) -> None:
    """The consumer's effect of a public event (the registry's facts, a referral)."""
    with app.state.engine.begin() as conn:
        handler(5)(conn, envelope(event))


def learner_of_la_665(app: FastAPI, compulsory_school_age_on: date = BORN_2023) -> str:
    """A learner the registry says is la:665's (by default a child born in 2023)."""
    learner_id = new_learner()
    adopt(app, registered(learner_id, compulsory_school_age_on=compulsory_school_age_on))
    return learner_id


async def register_parents(client: httpx.AsyncClient, learner_id: str, as_: str = LA) -> list[str]:
    """The parent, registered by the responsible LA (a body that sends the learner notices)."""
    response = await client.put(
        f"/v1/contacts/learners/{learner_id}",
        json={
            "learner_name": "Cerys",
            "parties": [
                {"role": "parent", "name": "Siân Jones", "email": "sian@example.org"},
                {"role": "child", "name": "Cerys", "email": "cerys@example.org"},
            ],
        },
        auth=ActingAs(as_),
    )
    assert response.status_code == 200, response.text
    sent: list[str] = response.json()["notices_sent"]
    return sent


async def read(client: httpx.AsyncClient, opinion_id: str, as_: str = LHB) -> httpx.Response:
    return await client.get(f"{OPINIONS}/{opinion_id}", auth=ActingAs(as_))


async def parent_told(client: httpx.AsyncClient, opinion_id: str, as_: str = LHB) -> dict[str, Any]:
    async def given() -> bool:
        found = (await read(client, opinion_id, as_)).json()["notices"]
        return any(n["status"] == "given" and n["recipient_role"] == "parent" for n in found)

    await eventually(given, timeout=15)
    body: dict[str, Any] = (await read(client, opinion_id, as_)).json()
    return body
