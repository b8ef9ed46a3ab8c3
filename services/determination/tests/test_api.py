"""The determination API: validation at the edge, problems, ETags, and the whole flow."""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from determination.domain.learner import upn_check_letter
from determination.main import create_app
from determination.settings import Settings
from llwybr.settings import RuntimeSettings
from llwybr.testing import TEST_SECRET, ActingAs, eventually

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
            "setting_id": "6652001",
            "local_authority": "665",
            **learner,
        },
        "raised_by": SCHOOL,
        "raised_with": SCHOOL,
        "came_to_attention_on": "2026-03-02",
    }


async def started(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://determination", auth=ActingAs(SCHOOL)
        ) as c:
            c.app = app  # type: ignore[attr-defined]
            yield c


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    settings = Settings(runtime=runtime, max_document_bytes=4096)
    async for c in started(create_app(settings)):
        yield c


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
    case_id, etag = await open_case(client)
    assert etag == '"1"'
    response = await client.get(f"/v1/determinations/{case_id}")
    body = response.json()
    assert body["status"] == "gathering_information"
    assert body["deciding_body"] == {"kind": "school", "organisation": SCHOOL}
    decision = body["deadlines"]["decision"]
    assert decision["rule_id"] == "D1"
    assert decision["provisional"] is True
    assert "35 school days" in decision["explanation"]
    assert body["learner"]["learner_id"] == str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"upn:{valid_upn()}")
    )


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
    assert body["deadlines"]["idp_necessity"]["rule_id"] == "D5"
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


async def test_a_calendar_correction_through_the_api_recalculates_open_cases(
    client: httpx.AsyncClient,
) -> None:
    calendar = {
        "name": "Wrexham 2025/26",
        "terms": [
            {"name": "Spring 2", "start": "2026-02-23", "end": "2026-03-27"},
            {"name": "Summer 1", "start": "2026-04-13", "end": "2026-05-22"},
            {"name": "Summer 2", "start": "2026-06-01", "end": "2026-07-20"},
        ],
        "closures": [],
    }
    url = "/v1/calendars/la:665?set_by=la:665"
    la = ActingAs("la:665")
    assert (await client.put(url, json=calendar, auth=la)).json()["version"] == 1
    case_id, _ = await open_case(client)
    deadline = (await client.get(f"/v1/determinations/{case_id}")).json()["deadlines"]["decision"]
    assert deadline["calendar_id"] == "la:665"
    assert not deadline["provisional"]

    async def listed() -> bool:
        page = (await client.get("/v1/determinations", params={"organisation": SCHOOL})).json()
        return any(i["determination_id"] == case_id for i in page["items"])

    for _ in range(50):
        if await listed():
            break
    corrected = await client.put(url, json={**calendar, "closures": ["2026-03-04"]}, auth=la)
    assert corrected.json()["version"] == 2
    assert corrected.json()["recalculated"] == [case_id]
    body = (await client.get(f"/v1/determinations/{case_id}")).json()
    assert body["deadlines"]["decision"]["calendar_version"] == 2
    assert body["recalculations"][0]["previous"]["due_on"] == deadline["due_on"]


async def test_a_calendar_can_be_set_from_an_icalendar_file(client: httpx.AsyncClient) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Wrexham//Term dates//EN\r\n"
        "BEGIN:VEVENT\r\nUID:a@wrexham\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Summer Term\r\n"
        "DTSTART;VALUE=DATE:20260413\r\nDTEND;VALUE=DATE:20260721\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b@wrexham\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:INSET day\r\n"
        "DTSTART;VALUE=DATE:20260720\r\nDTEND;VALUE=DATE:20260721\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    response = await client.put(
        "/v1/calendars/la:665?set_by=la:665&name=Wrexham",
        content=ics.encode(),
        headers={"content-type": "text/calendar"},
        auth=ActingAs("la:665"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["closures"] == ["2026-07-20"]
    garbage = await client.put(
        "/v1/calendars/la:665?set_by=la:665",
        content=b"not a calendar",
        headers={"content-type": "text/calendar"},
        auth=ActingAs("la:665"),
    )
    assert_problem(garbage, 422, "invalid-calendar")


async def test_lists_and_statistics_come_from_the_read_model(client: httpx.AsyncClient) -> None:
    case_id, _ = await open_case(client)
    await client.post(
        f"/v1/determinations/{case_id}/decision",
        json={"has_aln": True, "reasons": "r", "decided_on": "2026-03-12", "decided_by": SCHOOL,
              "person": "ALNCo"},
    )  # fmt: skip
    app: Any = client.app  # type: ignore[attr-defined]
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)
    la = ActingAs("la:665")
    stats = (await client.get("/v1/statistics/local-authorities/665", auth=la)).json()
    assert (stats["decisions"], stats["decisions_within_time"]) == (1, 1)
    assert stats["average_days_to_decision"] == 10.0
    overdue = await client.get("/v1/determinations", params={"overdue_on": "2030-01-01"})
    assert overdue.json()["items"] == []
    assert runner.rebuild() == 2
    assert (await client.get("/v1/statistics/local-authorities/665", auth=la)).json() == stats


async def test_a_rule_correction_recalculates_open_deadlines_explicitly(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    referral = {"referral_id": "r1", "nhs_body": "lhb:7A1", "received_on": "2026-03-03"}
    await post_ok(client, f"/v1/determinations/{case_id}/nhs-referrals", referral)
    before = (await client.get(f"/v1/determinations/{case_id}")).json()["deadlines"]["nhs:r1"]
    assert before["due_on"] == "2026-04-14"
    d7 = next(r for r in (await client.get("/v1/rule-table")).json()["rules"] if r["id"] == "D7")
    app: Any = client.app  # type: ignore[attr-defined]
    await eventually(lambda: app.state.projections["determination.cases"].catch_up() == 0)

    response = await client.post(
        "/v1/rule-table/corrections",
        json={"version": "2026.2", "rules": [{**d7, "length": 8}],
              "corrected_by": "system:admin", "reason": "checked against the Regulations"},
        auth=ActingAs("system:admin"),
    )  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["version"] == "2026.2"
    assert response.json()["recalculated"] == [case_id]
    body = (await client.get(f"/v1/determinations/{case_id}")).json()
    after = body["deadlines"]["nhs:r1"]
    assert (after["due_on"], after["rule_table_version"]) == ("2026-04-28", "2026.2")
    assert body["recalculations"][0]["reason"] == "rule D7 corrected (rules 2026.2)"
    assert body["deadlines"]["decision"]["rule_table_version"] == "2026.1"  # D1 unchanged


async def post_ok(client: httpx.AsyncClient, url: str, json: dict[str, Any]) -> None:
    response = await client.post(url, json=json)
    assert response.is_success, response.text


async def test_another_school_cannot_see_or_act_on_a_case(client: httpx.AsyncClient) -> None:
    case_id, _ = await open_case(client)
    other = ActingAs("school:6652999")
    assert_problem(await client.get(f"/v1/determinations/{case_id}", auth=other), 404, "not-found")
    listed = await client.get("/v1/determinations", auth=other)
    assert listed.json()["items"] == []
    decision = {"has_aln": True, "reasons": "r", "decided_on": "2026-03-10",
                "decided_by": "school:6652999", "person": "p"}  # fmt: skip
    response = await client.post(
        f"/v1/determinations/{case_id}/decision", json=decision, auth=other
    )
    assert_problem(response, 404, "not-found")


async def test_a_school_cannot_raise_a_concern_about_another_schools_pupil(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/v1/determinations", json=concern(setting_id="6652999"), auth=ActingAs(SCHOOL)
    )
    assert_problem(response, 403, "not-responsible")
    assert stored_events(client) == 0


async def test_a_caller_cannot_act_in_another_organisations_name(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    response = await client.post(
        f"/v1/determinations/{case_id}/withdrawal",
        json={"reason": "r", "withdrawn_on": "2026-03-05", "withdrawn_by": SCHOOL},
        auth=ActingAs("la:665"),
    )
    assert_problem(response, 403, "acting-for-another")


async def test_an_auditor_reads_its_jurisdiction_and_writes_nothing(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    auditor = ActingAs("auditor:665")
    assert (await client.get(f"/v1/determinations/{case_id}", auth=auditor)).status_code == 200
    app: Any = client.app  # type: ignore[attr-defined]
    await eventually(lambda: app.state.projections["determination.cases"].catch_up() == 0)
    assert len((await client.get("/v1/determinations", auth=auditor)).json()["items"]) == 1
    elsewhere = ActingAs("auditor:681")
    assert (await client.get(f"/v1/determinations/{case_id}", auth=elsewhere)).status_code == 404
    response = await client.post(
        f"/v1/determinations/{case_id}/withdrawal",
        json={"reason": "r", "withdrawn_on": "2026-03-05", "withdrawn_by": "auditor:665"},
        auth=auditor,
    )
    assert_problem(response, 403, "read-only")


async def test_a_health_board_sees_a_case_once_evidence_is_asked_of_it(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client)
    declo = ActingAs("lhb:7A1")
    assert (await client.get(f"/v1/determinations/{case_id}", auth=declo)).status_code == 404
    await post_ok(client, f"/v1/determinations/{case_id}/evidence-requests",
                  {"request_id": "q1", "from_organisation": "lhb:7A1", "description": "reports",
                   "requested_on": "2026-03-03"})  # fmt: skip
    assert (await client.get(f"/v1/determinations/{case_id}", auth=declo)).status_code == 200
    response = await client.post(
        f"/v1/determinations/{case_id}/evidence",
        data={"submitted_by": "lhb:7A1", "summary": "SLT report", "submitted_on": "2026-03-09",
              "request_id": "q1"},
        files={"documents": ("slt.pdf", PDF, "application/pdf")},
        auth=declo,
    )  # fmt: skip
    assert response.is_success, response.text
    app: Any = client.app  # type: ignore[attr-defined]
    await eventually(lambda: app.state.projections["determination.cases"].catch_up() == 0)
    listed = (await client.get("/v1/determinations", auth=declo)).json()["items"]
    assert [i["determination_id"] for i in listed] == [case_id]


async def test_a_request_without_the_gateways_principal_is_refused(tmp_path: Path) -> None:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    app = create_app(Settings(runtime=runtime))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://determination") as c:
            assert_problem(await c.get("/v1/determinations"), 401, "principal")
            forged = {"x-llwybr-principal": "e30=", "x-llwybr-principal-signature": "t=1,v1=00"}
            response = await c.get("/v1/determinations", headers=forged)
            assert_problem(response, 401, "principal")
            assert (await c.get("/healthz")).status_code == 200


async def test_a_nightly_sync_raises_many_concerns_with_a_result_per_item(
    client: httpx.AsyncClient,
) -> None:
    good = concern(upn=valid_upn("665200125002"))
    bad_upn = concern(upn="B" + valid_upn("665200125003")[1:])
    other_school = concern(setting_id="6652999", upn=None)
    response = await client.post("/v1/determinations/bulk", json={"items": [good, other_school]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["failed"]) == (1, 1)
    assert [r["status"] for r in body["results"]] == [201, 403]
    invalid = await client.post("/v1/determinations/bulk", json={"items": [good, bad_upn]})
    assert_problem(invalid, 422, "validation")  # the whole request is validated first
    assert stored_events(client) == 1


async def test_the_change_feed_gives_each_changed_case_once_after_a_cursor(
    client: httpx.AsyncClient,
) -> None:
    first, _ = await open_case(client)
    second, _ = await open_case(client)
    app: Any = client.app  # type: ignore[attr-defined]
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)
    page = (await client.get("/v1/determinations-changes")).json()
    assert [i["determination_id"] for i in page["items"]] == [first, second]
    await client.post(
        f"/v1/determinations/{first}/withdrawal",
        json={"reason": "left", "withdrawn_on": "2026-03-05", "withdrawn_by": SCHOOL},
    )
    await eventually(lambda: runner.catch_up() == 0)
    later = (
        await client.get("/v1/determinations-changes", params={"after": page["cursor"]})
    ).json()
    assert [(i["determination_id"], i["status"]) for i in later["items"]] == [(first, "withdrawn")]
    unchanged = await client.get("/v1/determinations-changes", params={"after": later["cursor"]})
    assert unchanged.json() == {"items": [], "cursor": later["cursor"]}
