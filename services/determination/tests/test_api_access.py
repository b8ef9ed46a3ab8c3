"""The determination API's access rules: who sees and acts on which case (a case a caller may
not see is "not found"), read-only auditors, and the gateway's principal."""

from pathlib import Path
from typing import Any

import httpx

from determination.main import create_app
from determination.settings import Settings
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, eventually

from .test_api import PDF, SCHOOL, assert_problem, concern, open_case, post_ok, stored_events


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


async def test_a_stale_if_match_from_a_caller_who_cannot_see_the_case_is_not_found(
    client: httpx.AsyncClient,
) -> None:
    """Access is checked on the case before its version: a 412 would tell a stranger that the
    case exists and what version it is at."""
    case_id, _ = await open_case(client)
    response = await client.post(
        f"/v1/determinations/{case_id}/withdrawal",
        json={"reason": "r", "withdrawn_on": "2026-03-05", "withdrawn_by": "school:6652999"},
        headers={"If-Match": '"7"'},
        auth=ActingAs("school:6652999"),
    )
    assert_problem(response, 404, "not-found")
