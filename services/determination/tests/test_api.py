"""The determination API: validation at the edge, problems, ETags, and the whole flow."""

import uuid
from typing import Any

import httpx
import pytest

from determination.domain.learner import upn_check_letter
from llwybr.clock import RuleId
from llwybr_testkit import ActingAs

SCHOOL = "school:6652001"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NO_ALN_NOTICE = {
    "decision_and_reasons": "Cerys is making good progress with targeted provision.",
    "contact_details": "ALNCo, Ysgol Example, 01978 000000",
    "information_and_advice": "Wrexham ALN information and advice service",
    "disagreement_resolution": "Wrexham disagreement resolution arrangements",
    "independent_advocacy": "Independent advocacy service",
    "right_to_ask_la_to_reconsider": "You may ask Wrexham County Borough Council to reconsider",
}


def valid_upn(body: str = "665200125001") -> str:
    return upn_check_letter(body) + body


def concern(**learner: Any) -> dict[str, Any]:
    return {
        "learner": {
            "given_name": "Cerys",
            "family_name": "Jones",
            "date_of_birth": "2017-05-02",
            "upn": valid_upn(),
            "setting": "maintained_school",
            "setting_id": "school:6652001",
            "local_authority": "la:665",
            **learner,
        },
        "raised_by": SCHOOL,
        "raised_with": SCHOOL,
        "came_to_attention_on": "2026-03-02",
    }


def stored_events(client: httpx.AsyncClient) -> int:
    app: Any = client.app  # type: ignore[attr-defined]
    return int(app.state.application.recorder.max_notification_id() or 0)


async def open_case(client: httpx.AsyncClient, **learner: Any) -> tuple[str, str]:
    response = await client.post("/v1/determinations", json=concern(**learner))
    assert response.status_code == 201, response.text
    return response.json()["id"], response.headers["etag"]


def assert_problem(response: httpx.Response, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["type"].endswith(f"/{kind}"), problem
    return problem


async def test_the_service_is_alive_and_ready_on_sqlite(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok", "service": "determination"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"startup": "ok", "database": "ok"}


async def test_metrics_are_exposed_for_prometheus(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    body = (await client.get("/metrics")).text
    assert 'http_requests_total{method="GET",route="/healthz",status="200"}' in body
    assert "outbox_relay_active" in body


async def test_a_concern_is_raised_and_its_deadline_explained(client: httpx.AsyncClient) -> None:
    raised = await client.post("/v1/determinations", json=concern())
    case_id, etag = raised.json()["id"], raised.headers["etag"]
    assert etag == '"1"'
    response = await client.get(f"/v1/determinations/{case_id}")
    body = response.json()
    assert body["status"] == "gathering_information"
    assert body["deciding_body"] == {"kind": "school", "organisation": SCHOOL}
    decision = body["deadlines"]["decision"]
    assert decision["rule_id"] == RuleId.D1
    assert decision["provisional"] is True
    assert "35 school days" in decision["explanation"]
    # The registry's id: random, never derived from the UPN.
    learner_id = raised.json()["learner_id"]
    assert body["learner"]["learner_id"] == learner_id
    assert learner_id != str(uuid.uuid5(uuid.NAMESPACE_URL, f"upn:{valid_upn()}"))
    assert uuid.UUID(learner_id).version == 4


async def test_an_invalid_upn_check_letter_is_refused_and_nothing_stored(
    client: httpx.AsyncClient,
) -> None:
    right = valid_upn()
    wrong = ("B" if right[0] != "B" else "C") + right[1:]
    response = await client.post("/v1/determinations", json=concern(upn=wrong))
    problem = assert_problem(response, 422, "validation")
    assert problem["errors"][0]["location"] == ["body", "learner", "upn"]
    assert f"should be {right[0]}" in problem["errors"][0]["message"]
    assert stored_events(client) == 0


async def test_a_decision_dated_before_the_concern_is_refused_and_nothing_stored(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    before = stored_events(client)
    response = await client.post(
        f"/v1/determinations/{case_id}/decision",
        json={"has_aln": True, "reasons": "r", "decided_on": "2026-02-27", "decided_by": SCHOOL,
              "person": "ALNCo"},
    )  # fmt: skip
    assert_problem(response, 422, "date-out-of-order")
    assert stored_events(client) == before


async def test_a_decision_by_the_wrong_body_is_refused_and_nothing_stored(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    before = stored_events(client)
    response = await client.post(
        f"/v1/determinations/{case_id}/decision",
        json={"has_aln": True, "reasons": "r", "decided_on": "2026-03-10", "decided_by": "la:665",
              "person": "officer"},
        auth=ActingAs("la:665"),
    )  # fmt: skip
    problem = assert_problem(response, 403, "wrong-body")
    assert SCHOOL in problem["detail"]
    assert stored_events(client) == before


async def test_a_second_decision_is_refused_and_nothing_stored(client: httpx.AsyncClient) -> None:
    case_id, _ = await open_case(client)
    decision = {"has_aln": False, "reasons": "r", "decided_on": "2026-03-10", "decided_by": SCHOOL,
                "person": "ALNCo"}  # fmt: skip
    assert (await client.post(f"/v1/determinations/{case_id}/decision", json=decision)).is_success
    before = stored_events(client)
    again = await client.post(
        f"/v1/determinations/{case_id}/decision", json={**decision, "has_aln": True}
    )
    assert_problem(again, 409, "already-decided")
    assert stored_events(client) == before


async def test_an_idp_not_necessary_decision_for_a_pupil_is_refused_and_nothing_stored(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    before = stored_events(client)
    decision = {"has_aln": True, "idp_necessary": False, "reasons": "r",
                "decided_on": "2026-03-10", "decided_by": SCHOOL, "person": "ALNCo"}  # fmt: skip
    response = await client.post(f"/v1/determinations/{case_id}/decision", json=decision)
    problem = assert_problem(response, 409, "idp-necessity-not-decidable")
    assert "only the LA responsible" in problem["detail"]
    no_aln = await client.post(
        f"/v1/determinations/{case_id}/decision", json={**decision, "has_aln": False}
    )
    assert_problem(no_aln, 422, "validation")
    assert stored_events(client) == before
    body = (await client.get(f"/v1/determinations/{case_id}")).json()
    assert (body["status"], body["decision"]) == ("gathering_information", None)


async def test_an_la_decides_a_young_person_needs_no_idp_and_gives_its_notice(
    client: httpx.AsyncClient,
) -> None:
    la = ActingAs("la:665")
    young = concern(date_of_birth="2007-09-01", setting="home_educated", setting_id=None,
                    upn=None, young_person=True)  # fmt: skip
    created = await client.post(
        "/v1/determinations", json={**young, "raised_by": "la:665", "raised_with": "la:665"},
        auth=la,
    )  # fmt: skip
    assert created.status_code == 201, created.text
    case = f"/v1/determinations/{created.json()['id']}"
    consent = {"given": True, "recorded_on": "2026-03-05", "recorded_by": "la:665"}
    assert (await client.post(f"{case}/consent", json=consent, auth=la)).is_success
    decided = await client.post(f"{case}/decision", auth=la, json={
        "has_aln": True, "idp_necessary": False, "reasons": "Her needs are met at home.",
        "decided_on": "2026-04-01", "decided_by": "la:665", "person": "ALN officer"})  # fmt: skip
    assert decided.is_success, decided.text
    content = {**NO_ALN_NOTICE, "right_of_appeal": "Appeal to the Education Tribunal for Wales"}
    del content["right_to_ask_la_to_reconsider"]
    notice = await client.post(f"{case}/notices", auth=la, json={
        "notice_type": "idp_not_necessary", "recipients": ["young_person"], "content": content,
        "issued_on": "2026-04-02", "issued_by": "la:665"})  # fmt: skip
    assert notice.is_success, notice.text
    body = (await client.get(case, auth=la)).json()
    assert body["decision"]["idp_necessary"] is False
    assert body["deadlines"]["idp_necessity"]["rule_id"] == RuleId.D5
    assert body["notices"][0]["notice_type"] == "idp_not_necessary"


@pytest.mark.parametrize(
    ("filename", "content_type", "content", "status"),
    [
        ("big.pdf", "application/pdf", PDF + b"0" * 5000, 413),
        ("tool.exe", "application/x-msdownload", b"MZ\x90\x00", 415),
        ("fake.pdf", "application/pdf", b"MZ not really a pdf", 415),
    ],
)
async def test_a_refused_document_gets_a_problem_and_nothing_stored(
    client: httpx.AsyncClient, filename: str, content_type: str, content: bytes, status: int
) -> None:
    case_id, _ = await open_case(client)
    before = stored_events(client)
    response = await client.post(
        f"/v1/determinations/{case_id}/evidence",
        data={"submitted_by": SCHOOL, "summary": "report", "submitted_on": "2026-03-05"},
        files={"documents": (filename, content, content_type)},
    )
    assert_problem(response, status, "document")
    assert stored_events(client) == before


async def test_a_stale_if_match_is_refused(client: httpx.AsyncClient) -> None:
    case_id, _ = await open_case(client)
    request = {"request_id": "q1", "from_organisation": "lhb:7A1", "description": "d",
               "requested_on": "2026-03-03"}  # fmt: skip
    url = f"/v1/determinations/{case_id}/evidence-requests"
    first = await client.post(url, json=request, headers={"If-Match": '"1"'})
    assert first.headers["etag"] == '"2"'
    stale = await client.post(
        url, json={**request, "request_id": "q2"}, headers={"If-Match": '"1"'}
    )
    assert_problem(stale, 412, "stale-version")


async def test_an_unknown_determination_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/v1/determinations/{uuid.uuid4()}")
    assert_problem(response, 404, "not-found")


async def test_evidence_documents_are_stored_by_hash_and_fetched_back(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    response = await client.post(
        f"/v1/determinations/{case_id}/evidence",
        data={
            "submitted_by": SCHOOL,
            "summary": "paediatric report",
            "submitted_on": "2026-03-05",
        },
        files={"documents": ("report.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 200, response.text
    [evidence] = (await client.get(f"/v1/determinations/{case_id}")).json()["evidence"]
    [document] = evidence["documents"]
    assert document["size"] == len(PDF)
    fetched = await client.get(f"/v1/documents/{document['sha256']}")
    assert fetched.content == PDF
    assert fetched.headers["content-type"] == "application/pdf"


async def test_after_the_learners_erasure_a_document_answers_410_and_a_new_one_422(
    client: httpx.AsyncClient,
) -> None:
    raised = await client.post("/v1/determinations", json=concern())
    case_id, learner_id = raised.json()["id"], raised.json()["learner_id"]
    url = f"/v1/determinations/{case_id}/evidence"
    form = {"submitted_by": SCHOOL, "summary": "report", "submitted_on": "2026-03-05"}
    sent = await client.post(url, data=form, files={"documents": ("r.pdf", PDF, "application/pdf")})
    assert sent.status_code == 200, sent.text
    [evidence] = (await client.get(f"/v1/determinations/{case_id}")).json()["evidence"]
    sha256 = evidence["documents"][0]["sha256"]
    erased = await client.post(
        f"/v1/learners/{learner_id}/erasure",
        json={"erased_on": "2026-03-06", "schedule": "S1", "recorded_by": "la:665"},
        auth=ActingAs("la:665"),
    )
    assert erased.status_code == 200, erased.text
    gone = assert_problem(await client.get(f"/v1/documents/{sha256}"), 410, "personal-data-erased")
    assert "erased on 2026-03-06 under schedule S1" in gone["detail"]
    before = stored_events(client)
    again = await client.post(
        url, data=form, files={"documents": ("s.pdf", PDF + b"2", "application/pdf")}
    )
    assert_problem(again, 422, "personal-data-erased")
    assert stored_events(client) == before


async def post_ok(client: httpx.AsyncClient, url: str, json: dict[str, Any]) -> None:
    response = await client.post(url, json=json)
    assert response.is_success, response.text


async def test_the_las_s14_choice_is_recorded_and_a_plan_naming_a_place_stays_with_it(
    client: httpx.AsyncClient,
) -> None:
    """Issue #18: the LA deciding that a pupil at a school has ALN chooses who prepares and
    maintains the IDP; not the school when the plan names a school place or board (422)."""
    la = ActingAs("la:665")
    body = {**concern(), "raised_by": "la:665", "raised_with": "la:665"}
    created = await client.post("/v1/determinations", json=body, auth=la)
    assert created.status_code == 201, created.text
    case = f"/v1/determinations/{created.json()['id']}"
    decision = {"has_aln": True, "reasons": "Needs a specialist place", "decided_on": "2026-04-01",
                "decided_by": "la:665", "person": "ALN officer",
                "idp_arrangement": "la_prepares_school_maintains",
                "names_place_or_board": True}  # fmt: skip
    before = stored_events(client)
    refused = await client.post(f"{case}/decision", json=decision, auth=la)
    assert_problem(refused, 422, "idp-arrangement-not-allowed")
    assert stored_events(client) == before
    decided = await client.post(f"{case}/decision", auth=la,
                                json={**decision, "names_place_or_board": False})  # fmt: skip
    assert decided.is_success, decided.text
    recorded = (await client.get(case, auth=la)).json()["decision"]
    assert (recorded["idp_arrangement"], recorded["directed_school"]) == (
        "la_prepares_school_maintains", SCHOOL,
    )  # fmt: skip
