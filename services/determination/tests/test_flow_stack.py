"""Whole determinations through the API in stack mode: PostgreSQL, and Kafka in order."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from contracts.envelope import Envelope
from contracts.topics import DETERMINATION
from determination.main import create_app
from determination.settings import Settings
from llwybr.clock import RuleId
from llwybr.settings import RuntimeSettings
from llwybr_testkit import ActingAs, read_envelopes

pytestmark = pytest.mark.integration

SCHOOL = "school:6652001"
DECLO = "lhb:7A1"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
async def client(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str
) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(runtime=postgres_runtime, postgres_schema=f"det_{uuid.uuid4().hex[:10]}")
    app: FastAPI = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://determination", auth=ActingAs(SCHOOL)
        ) as c:
            yield c


async def post(
    client: httpx.AsyncClient, path: str, etag: str | None = None, as_: str = SCHOOL, **kwargs: Any
) -> str:
    headers = {"If-Match": etag} if etag else {}
    response = await client.post(path, headers=headers, auth=ActingAs(as_), **kwargs)
    assert response.is_success, response.text
    return response.headers["etag"]


async def raise_concern(client: httpx.AsyncClient) -> tuple[str, str, str]:
    response = await client.post(
        "/v1/determinations",
        json={
            "learner": {"given_name": "Cerys", "family_name": "Jones",
                        "date_of_birth": "2017-05-02", "setting": "maintained_school",
                        "setting_id": "6652001", "local_authority": "665"},
            "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
        },
    )  # fmt: skip
    assert response.status_code == 201, response.text
    body = response.json()
    return body["id"], body["learner_id"], response.headers["etag"]


async def published(kafka: str, case_id: str, expected: int) -> list[Envelope]:
    return await read_envelopes(kafka, DETERMINATION.name, {case_id}, expected, timeout=60)


async def test_the_happy_path_from_concern_to_aln_with_health_board_evidence(
    client: httpx.AsyncClient, kafka_bootstrap: str
) -> None:
    case_id, learner_id, etag = await raise_concern(client)
    base = f"/v1/determinations/{case_id}"
    etag = await post(client, f"{base}/graduated-response", etag, json={
        "level": "targeted", "description": "Small group literacy, 3 x 20 min a week",
        "small_steps_targets": ["Read 20 high-frequency words"],
        "termly_reviews": [{"reviewed_on": "2026-02-20", "outcome": "limited progress"}],
        "recorded_on": "2026-03-02", "recorded_by": SCHOOL,
    })  # fmt: skip
    etag = await post(client, f"{base}/evidence-requests", etag, json={
        "request_id": "declo-1", "from_organisation": DECLO,
        "description": "Paediatric and speech and language therapy reports",
        "requested_on": "2026-03-03",
    })  # fmt: skip
    etag = await post(client, f"{base}/evidence", etag, as_=DECLO,
        data={"submitted_by": DECLO, "summary": "SLT report", "submitted_on": "2026-03-09",
              "request_id": "declo-1"},
        files={"documents": ("slt.pdf", PDF, "application/pdf")},
    )  # fmt: skip
    etag = await post(client, f"{base}/nhs-referrals", etag, json={
        "referral_id": "nhs-1", "nhs_body": DECLO, "received_on": "2026-03-04",
    })  # fmt: skip
    etag = await post(client, f"{base}/nhs-referrals/nhs-1/answer", etag, as_=DECLO, json={
        "answer": "identified", "in_welsh": True, "answered_on": "2026-03-16",
        "answered_by": DECLO, "details": "Weekly speech and language therapy",
    })  # fmt: skip
    etag = await post(client, f"{base}/decision", etag, json={
        "has_aln": True, "reasons": "Significantly greater difficulty in learning",
        "decided_on": "2026-03-20", "decided_by": SCHOOL, "person": "ALNCo",
    })  # fmt: skip
    await post(client, f"{base}/notices", etag, json={
        "notice_type": "has_aln", "recipients": ["parent"],
        "content": {"decision_and_reasons": "Cerys has ALN; an IDP will be prepared"},
        "issued_on": "2026-03-20", "issued_by": SCHOOL,
    })  # fmt: skip

    view = (await client.get(base)).json()
    assert view["status"] == "decided_aln"
    assert view["decision"]["within_time"] is True
    assert view["nhs_referrals"]["nhs-1"]["answer"]["in_welsh"] is True
    assert view["deadlines"]["nhs:nhs-1"]["rule_id"] == RuleId.D7

    events = await published(kafka_bootstrap, case_id, expected=7)
    assert [e.type.split(".")[3] for e in events] == [
        "concern-raised",
        "evidence-requested",
        "evidence-submitted",
        "nhs-referral-received",
        "nhs-referral-answered",
        "decided",
        "notice-issued",
    ]
    assert [e.aggregate_version for e in events] == [1, 3, 4, 5, 6, 7, 8]
    assert {e.subject for e in events} == {learner_id}
    decided = events[5].data
    assert decided["has_aln"] is True
    assert decided["decision_deadline"]["rule_id"] == RuleId.D1
    assert "Cerys" not in str([e.data for e in events])  # no names on the bus


async def test_the_no_aln_path_ends_with_a_notice_of_rights(
    client: httpx.AsyncClient, kafka_bootstrap: str
) -> None:
    case_id, learner_id, etag = await raise_concern(client)
    base = f"/v1/determinations/{case_id}"
    etag = await post(client, f"{base}/decision", etag, json={
        "has_aln": False, "reasons": "Progress with universal provision is good",
        "decided_on": "2026-03-13", "decided_by": SCHOOL, "person": "ALNCo",
    })  # fmt: skip
    await post(client, f"{base}/notices", etag, json={
        "notice_type": "no_aln", "recipients": ["parent"], "issued_on": "2026-03-13",
        "issued_by": SCHOOL,
        "content": {
            "decision_and_reasons": "No ALN: progress with universal provision is good",
            "contact_details": "ALNCo, Ysgol Example",
            "information_and_advice": "Wrexham ALN information service",
            "disagreement_resolution": "Wrexham disagreement resolution",
            "independent_advocacy": "Independent advocacy service",
            "right_to_ask_la_to_reconsider": "Ask Wrexham County Borough Council to reconsider",
        },
    })  # fmt: skip

    events = await published(kafka_bootstrap, case_id, expected=3)
    assert [e.type for e in events] == [
        "wales.aln.determination.concern-raised.v2",
        "wales.aln.determination.decided.v3",  # sealed reasons (#23)
        "wales.aln.determination.notice-issued.v1",
    ]
    assert events[1].data["has_aln"] is False
    assert events[1].data["reconsidering_authority"] == "la:665"
    assert events[2].data["notice_type"] == "no_aln"
    assert {e.subject for e in events} == {learner_id}
