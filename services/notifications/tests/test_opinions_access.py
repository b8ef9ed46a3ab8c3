"""What an s.64 opinion may and may not do (issue 16): only about a child under compulsory
school age, revealing nothing others recorded, giving no access to the family, and the LA told
exactly once however many ask at once."""

import asyncio
import uuid
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from pydantic import ValidationError

from contracts import determination as det
from llwybr.clock import RuleId
from llwybr.edge import today_in_wales
from llwybr.problems import NOT_FOUND_DETAIL
from llwybr_testkit import ActingAs
from notifications.notices.api.schemas import HealthBodyOpinionIn, LocalAuthorityNoticeIn
from notifications.tables import health_body_opinions, notices

from . import opinions_support
from .learners import BORN_2018, BORN_2023, registered
from .opinions_support import (
    LA,
    LHB,
    OPINIONS,
    TODAY,
    adopt,
    learner_of_la_665,
    opinion,
    parent_told,
    record,
    register_parents,
)

app, client = opinions_support.app, opinions_support.client  # the fixtures

PARENT_NAME, PARENT_EMAIL = "Siân Jones", "sian@example.org"


def stored(app: FastAPI, learner_id: str) -> list[object]:
    with app.state.engine.connect() as conn:
        return [
            row
            for table in (health_body_opinions, notices)
            for row in conn.execute(sa.select(table).where(table.c.learner_id == learner_id))
        ]


async def test_an_opinion_on_a_child_born_in_2018_is_refused_and_stores_nothing(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app, compulsory_school_age_on=BORN_2018)
    response = await client.post(OPINIONS, json=opinion(learner_id))
    # the body has no relationship with the child: the one 404, as for any learner it may not see
    assert response.status_code == 404, response.text
    assert response.json()["detail"] == NOT_FOUND_DETAIL
    assert stored(app, learner_id) == []


async def test_a_health_body_related_to_an_older_child_is_told_why(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app, compulsory_school_age_on=BORN_2018)
    referred_to_the_health_body(app, learner_id)
    response = await client.post(OPINIONS, json=opinion(learner_id))
    assert response.status_code == 403
    assert response.json()["type"].endswith("/not-under-compulsory-school-age")
    assert [r for r in stored(app, learner_id) if hasattr(r, "opinion_id")] == []


def referred_to_the_health_body(app: FastAPI, learner_id: str) -> None:
    """A referral to LHB: the health body's relationship with the learner (it may read)."""
    adopt(
        app,
        det.NhsReferralReceived(
            determination_id=uuid.uuid4(), learner_id=learner_id, referral_id="r1", nhs_body=LHB,
            received_on=TODAY,
            answer_deadline=det.DeadlineFacts(
                rule_id=RuleId.D7, rule_table_version="2026.1", unit="weeks", length=6,
                trigger_date=TODAY, due_on=TODAY + timedelta(days=42), provisional=False,
                explanation="D7",
            ),
        ),
    )  # fmt: skip


async def test_an_opinion_naming_another_la_than_the_learners_is_refused(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """The LA to be told is the learner's responsible LA or the LA looking after (the
    registry's facts): a body that may not see the learner gets the one 404, one that may the
    reason; nothing is stored either way."""
    learner_id = learner_of_la_665(app)
    response = await client.post(OPINIONS, json=opinion(learner_id, local_authority="la:666"))
    assert response.status_code == 404, response.text
    assert response.json()["detail"] == NOT_FOUND_DETAIL
    referred_to_the_health_body(app, learner_id)
    response = await client.post(OPINIONS, json=opinion(learner_id, local_authority="la:666"))
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("/not-the-learners-authority")
    assert [r for r in stored(app, learner_id) if hasattr(r, "opinion_id")] == []


async def test_an_opinion_may_name_the_la_looking_after_the_child(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app)
    adopt(app, registered(learner_id, looking_after="la:512", compulsory_school_age_on=BORN_2023))
    for la in ("la:512", LA):
        response = await client.post(OPINIONS, json=opinion(learner_id, local_authority=la))
        assert response.status_code == 201, response.text


async def test_an_opinion_reveals_nothing_recorded_and_gives_no_access_to_the_family(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app)
    await register_parents(client, learner_id)  # by the LA

    other = ActingAs("lhb:7A2")
    response = await client.post(OPINIONS, json=opinion(learner_id), auth=other)
    assert response.status_code == 201, response.text
    assert PARENT_NAME not in response.text
    assert PARENT_EMAIL not in response.text
    assert "Cerys" not in response.text  # the child's name, registered by the LA
    [notice] = response.json()["notices"]  # the parent's: told, but not who they are
    assert (notice["recipient_role"], notice["recipient_name"]) == ("parent", None)
    told = await parent_told(client, response.json()["opinion_id"], as_="lhb:7A2")
    assert PARENT_EMAIL not in str(told)

    contacts = f"/v1/contacts/learners/{learner_id}"
    assert (await client.get(contacts, auth=other)).status_code == 403
    replaced = await client.put(contacts, json={"learner_name": "x", "parties": []}, auth=other)
    assert replaced.status_code == 403, replaced.text
    listed = await client.get("/v1/notices", params={"learner_id": learner_id}, auth=other)
    assert listed.json()["items"] == []
    notice_read = await client.get(f"/v1/notices/{notice['notice_id']}", auth=other)
    assert notice_read.status_code == 403
    # the LA, which sends the child notices, sees who was told
    seen_by_la = (await client.get(contacts, auth=ActingAs(LA))).json()
    assert PARENT_EMAIL in [p["email"] for p in seen_by_la["parties"]]


async def test_an_opinion_on_a_learner_not_yet_known_is_recorded_but_opens_no_contacts(
    client: httpx.AsyncClient,
) -> None:
    learner_id = str(uuid.uuid4())  # the registry's facts have not arrived: may be new
    recorded = await record(client, learner_id)
    assert recorded["health_body"] == LHB
    contacts = f"/v1/contacts/learners/{learner_id}"
    response = await client.put(contacts, json={"learner_name": "x", "parties": []})
    assert response.status_code == 403  # related by its opinion, but not a sender of notices


async def test_many_requests_at_once_tell_the_la_exactly_once(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    learner_id = learner_of_la_665(app)
    opinion_id = (await record(client, learner_id))["opinion_id"]
    await register_parents(client, learner_id)
    await parent_told(client, opinion_id)
    url = f"{OPINIONS}/{opinion_id}/local-authority"
    answers = await asyncio.gather(*(client.post(url) for _ in range(20)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * 19, [a.text for a in answers if a.status_code >= 500]
    with app.state.engine.connect() as conn:
        to_la = conn.execute(
            sa.select(notices.c.notice_id).where(
                notices.c.source_event_id == opinion_id,
                notices.c.kind == "health_body_opinion_to_la",
            )
        ).all()
    assert len(to_la) == 1


def test_an_opinion_formed_after_today_is_refused() -> None:
    """An act cannot be dated after today (#17): the opinion's day and the discussion's."""
    tomorrow = (today_in_wales() + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="after today"):
        HealthBodyOpinionIn.model_validate({
            "learner_id": "l-1", "local_authority": "la:665", "formed_on": tomorrow,
            "officer": {"name": "Dr Rees"},
        })  # fmt: skip
    with pytest.raises(ValidationError, match="after today"):
        LocalAuthorityNoticeIn.model_validate({"discussed_on": tomorrow})
