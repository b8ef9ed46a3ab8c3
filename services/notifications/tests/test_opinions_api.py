"""A health body's s.64 opinion through the API (embedded mode, notices written to the outbox):
the parent is told first, the LA after and once, only by an NHS body; bad input stores nothing."""

import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, eventually
from notifications.main import create_app
from notifications.settings import Settings
from notifications.tables import health_body_opinions, notices

LHB, LA, SCHOOL = "lhb:7A1", "la:665", "school:6652001"
TODAY = date(2026, 3, 3)
OPINIONS = "/v1/notices/health-body-opinions"


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET),
        delivery_poll_seconds=0.05,
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


async def register_parents(client: httpx.AsyncClient, learner_id: str) -> list[str]:
    response = await client.put(
        f"/v1/contacts/learners/{learner_id}",
        json={
            "learner_name": "Cerys",
            "parties": [
                {"role": "parent", "name": "Siân Jones", "email": "sian@example.org"},
                {"role": "child", "name": "Cerys", "email": "cerys@example.org"},
            ],
        },
    )
    assert response.status_code == 200, response.text
    sent: list[str] = response.json()["notices_sent"]
    return sent


async def read(client: httpx.AsyncClient, opinion_id: str, as_: str = LHB) -> httpx.Response:
    return await client.get(f"{OPINIONS}/{opinion_id}", auth=ActingAs(as_))


async def parent_told(client: httpx.AsyncClient, opinion_id: str) -> dict[str, Any]:
    async def given() -> bool:
        found = (await read(client, opinion_id)).json()["notices"]
        return any(n["status"] == "given" and n["recipient_role"] == "parent" for n in found)

    await eventually(given, timeout=15)
    body: dict[str, Any] = (await read(client, opinion_id)).json()
    return body


def new_learner() -> str:
    return f"learner-{uuid.uuid4().hex[:8]}"


async def test_the_parent_is_told_first_and_the_la_only_after(
    client: httpx.AsyncClient,
) -> None:
    learner_id = new_learner()
    recorded = await record(client, learner_id)
    opinion_id = recorded["opinion_id"]
    assert recorded["health_body"] == LHB
    [waiting] = recorded["notices"]  # nobody registered yet: escalated, listed, waiting
    assert (waiting["kind"], waiting["recipient_role"], waiting["status"]) == (
        "health_body_opinion",
        "parent",
        "escalated",
    )
    assert "no parent is registered" in waiting["escalation_reason"]

    refused = await client.post(f"{OPINIONS}/{opinion_id}/local-authority", json={})
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/parent-not-yet-informed")
    assert (await read(client, opinion_id, as_=LA)).status_code == 404  # not before the parent

    # The health body, connected with the child by its opinion, registers the parent.
    assert len(await register_parents(client, learner_id)) == 1
    told = await parent_told(client, opinion_id)
    parents = [n for n in told["notices"] if n["status"] != "superseded"]
    assert [(n["recipient_name"], n["status"]) for n in parents] == [("Siân Jones", "given")]

    early = await client.post(
        f"{OPINIONS}/{opinion_id}/local-authority",
        json={"discussed_on": (TODAY - timedelta(days=6)).isoformat()},  # before the opinion
    )
    assert early.status_code == 422
    assert early.json()["type"].endswith("/invalid-date")

    brought = await client.post(
        f"{OPINIONS}/{opinion_id}/local-authority",
        json={"discussed_on": (TODAY - timedelta(days=1)).isoformat()},
    )
    assert brought.status_code == 201, brought.text
    body = brought.json()
    assert body["parent_informed_on"] == TODAY.isoformat()
    assert body["local_authority_told_at"] is not None
    la_notice = body["notices"][-1]
    assert (la_notice["kind"], la_notice["recipient_organisation"]) == (
        "health_body_opinion_to_la",
        LA,
    )
    assert la_notice["recipient_role"] == "local_authority"

    again = await client.post(f"{OPINIONS}/{opinion_id}/local-authority")
    assert again.status_code == 409
    assert again.json()["type"].endswith("/local-authority-already-told")
    seen_by_la = await read(client, opinion_id, as_=LA)
    assert seen_by_la.status_code == 200
    assert len(seen_by_la.json()["notices"]) == len(body["notices"])  # nothing more was given


async def test_only_an_nhs_body_gives_the_opinion_and_a_refusal_stores_nothing(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = new_learner()
    for organisation in (SCHOOL, LA, "auditor:wales"):
        response = await client.post(
            OPINIONS, json=opinion(learner_id), auth=ActingAs(organisation)
        )
        assert response.status_code == 403, organisation
        assert response.json()["type"].endswith("/not-a-health-body")
    trust = await client.post(OPINIONS, json=opinion(learner_id), auth=ActingAs("nhs:RYT"))
    assert trust.status_code == 201  # an NHS trust is an NHS body too
    with app.state.engine.connect() as conn:
        bodies = conn.execute(
            sa.select(health_body_opinions.c.health_body).where(
                health_body_opinions.c.learner_id == learner_id
            )
        )
        assert bodies.scalars().all() == ["nhs:RYT"]


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        ({"formed_on": (TODAY + timedelta(days=1)).isoformat()}, "in the future"),
        ({"officer": {"name": "Dr Rees"}}, "email address or telephone number"),
        ({"officer": {"name": "Dr Rees", "email": "not an address"}}, "not an email address"),
        ({"local_authority": SCHOOL}, "local_authority"),
        ({"learner_id": "a/b"}, "learner_id"),
        ({"parents": []}, "parents"),
    ],
)
async def test_bad_input_is_a_problem_and_stores_nothing(
    app: FastAPI, client: httpx.AsyncClient, changes: dict[str, Any], detail: str
) -> None:
    body = {**opinion(new_learner()), **changes}
    response = await client.post(OPINIONS, json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.text
    with app.state.engine.connect() as conn:
        for table in (health_body_opinions, notices):
            stored = conn.execute(sa.select(table).where(table.c.learner_id == body["learner_id"]))
            assert stored.all() == []


async def test_another_body_can_neither_read_nor_bring_the_opinion(
    client: httpx.AsyncClient,
) -> None:
    opinion_id = (await record(client, new_learner()))["opinion_id"]
    for organisation in ("lhb:7A2", "la:666", SCHOOL):
        assert (await read(client, opinion_id, as_=organisation)).status_code == 404
        response = await client.post(
            f"{OPINIONS}/{opinion_id}/local-authority", auth=ActingAs(organisation)
        )
        assert response.status_code == 404, organisation
    assert (await read(client, opinion_id, as_="auditor:665")).status_code == 200
    assert (await read(client, opinion_id, as_="auditor:666")).status_code == 404
    assert (await read(client, str(uuid.uuid4()))).status_code == 404


async def test_an_opinion_on_a_learner_known_to_others_gives_no_access_to_the_family(
    client: httpx.AsyncClient,
) -> None:
    learner = new_learner()
    await record(client, learner)
    await register_parents(client, learner)
    contacts = f"/v1/contacts/learners/{learner}"
    assert (await client.get(contacts)).status_code == 200

    other = ActingAs("lhb:7A2")
    response = await client.post(OPINIONS, json=opinion(learner), auth=other)
    assert response.status_code == 201, response.text

    assert (await client.get(contacts, auth=other)).status_code in (403, 404)
    replaced = await client.put(contacts, json={"learner_name": "x", "parties": []}, auth=other)
    assert replaced.status_code in (403, 404), replaced.text
    listed = await client.get("/v1/notices", params={"learner_id": learner}, auth=other)
    assert {n["issuer"] for n in listed.json()["items"]} == {"lhb:7A2"}  # its own notices only


async def test_the_la_told_may_read_but_not_act_for_the_health_body(
    client: httpx.AsyncClient,
) -> None:
    learner_id = new_learner()
    opinion_id = (await record(client, learner_id))["opinion_id"]
    await register_parents(client, learner_id)
    await parent_told(client, opinion_id)
    brought = await client.post(f"{OPINIONS}/{opinion_id}/local-authority")
    assert brought.status_code == 201, brought.text
    response = await client.post(f"{OPINIONS}/{opinion_id}/local-authority", auth=ActingAs(LA))
    assert response.status_code == 403
    assert response.json()["type"].endswith("/not-responsible")


async def test_only_an_undelivered_notice_with_a_contact_now_is_sent_again(
    client: httpx.AsyncClient,
) -> None:
    learner_id = new_learner()
    recorded = await record(client, learner_id)
    [waiting] = recorded["notices"]  # escalated: no parent registered
    redelivery = f"/v1/notices/{waiting['notice_id']}/redelivery"
    nobody = await client.post(redelivery)
    assert nobody.status_code == 409
    assert nobody.json()["type"].endswith("/no-contact")
    listed = await client.get("/v1/notices", params={"learner_id": learner_id})
    assert [n["notice_id"] for n in listed.json()["items"]] == [waiting["notice_id"]]

    await register_parents(client, learner_id)  # sends it, superseding the escalated one
    told = await parent_told(client, recorded["opinion_id"])
    [given] = [n for n in told["notices"] if n["status"] == "given"]
    again = await client.post(f"/v1/notices/{given['notice_id']}/redelivery")
    assert again.status_code == 409
    assert again.json()["type"].endswith("/not-escalated")
