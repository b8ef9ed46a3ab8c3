"""A health body's s.64 opinion through the API (embedded mode, notices written to the outbox):
the parent is told first, the LA after and once, only by an NHS body; bad input stores nothing."""

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from llwybr_testkit import ActingAs
from notifications.tables import health_body_opinions, notices

from . import opinions_support
from .learners import new_learner
from .opinions_support import (
    LA,
    LHB,
    OPINIONS,
    SCHOOL,
    TODAY,
    learner_of_la_665,
    opinion,
    parent_told,
    read,
    record,
    register_parents,
)

app, client = opinions_support.app, opinions_support.client  # the fixtures


async def test_the_parent_is_told_first_and_the_la_only_after(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app)
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

    # The LA responsible for the child registers the parent (the health body may not).
    assert len(await register_parents(client, learner_id)) == 1
    told = await parent_told(client, opinion_id)
    parents = [n for n in told["notices"] if n["status"] != "superseded"]
    # the body sees that the parent was told, never who (recorded by the LA)
    assert [(n["recipient_role"], n["recipient_name"], n["status"]) for n in parents] == [
        ("parent", None, "given")
    ]

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
        ({"voluntary_organisations": [{"name": "A", "contact": None}] * 11}, "at most 10"),
        ({"voluntary_organisations": [{"contact": "0800 000 0001"}]}, "name"),
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


async def test_the_la_told_may_read_but_not_act_for_the_health_body(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app)
    opinion_id = (await record(client, learner_id))["opinion_id"]
    await register_parents(client, learner_id)
    await parent_told(client, opinion_id)
    brought = await client.post(f"{OPINIONS}/{opinion_id}/local-authority")
    assert brought.status_code == 201, brought.text
    response = await client.post(f"{OPINIONS}/{opinion_id}/local-authority", auth=ActingAs(LA))
    assert response.status_code == 403
    assert response.json()["type"].endswith("/not-responsible")


async def test_only_an_undelivered_notice_with_a_contact_now_is_sent_again(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app)
    recorded = await record(client, learner_id)
    [waiting] = recorded["notices"]  # escalated: no parent registered
    redelivery = f"/v1/notices/{waiting['notice_id']}/redelivery"
    # the LA, which sends the learner notices, asks; the health body may not
    refused = await client.post(redelivery)
    assert refused.status_code == 403, refused.text
    la = ActingAs(LA)
    nobody = await client.post(redelivery, auth=la)
    assert nobody.status_code == 409
    assert nobody.json()["type"].endswith("/no-contact")
    listed = await client.get("/v1/notices", params={"learner_id": learner_id}, auth=la)
    assert [n["notice_id"] for n in listed.json()["items"]] == [waiting["notice_id"]]

    await register_parents(client, learner_id)  # sends it, superseding the escalated one
    told = await parent_told(client, recorded["opinion_id"])
    [given] = [n for n in told["notices"] if n["status"] == "given"]
    again = await client.post(f"/v1/notices/{given['notice_id']}/redelivery", auth=la)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/not-escalated")


async def test_the_parents_notice_names_the_voluntary_organisations_the_body_named(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app)
    named = [{"name": "Rhieni Example", "contact": "0800 000 0001"}]
    response = await client.post(OPINIONS, json=opinion(learner_id, voluntary_organisations=named))
    assert response.status_code == 201, response.text
    await register_parents(client, learner_id)
    told = await parent_told(client, response.json()["opinion_id"])
    [given] = [n for n in told["notices"] if n["status"] == "given"]
    notice = await client.get(f"/v1/notices/{given['notice_id']}", auth=ActingAs(LA))
    assert notice.status_code == 200, notice.text
    text = " ".join(notice.json()["content_text"].split())
    assert "Rhieni Example: 0800 000 0001" in text  # s.64(5), in Welsh and in English
    assert "sefydliadau gwirfoddol hyn" in text
