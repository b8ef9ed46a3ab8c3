"""Provision recorded through the public API (issue 24): a provider records only the
elements it provides; the maintainer may record any on its behalf."""

import asyncio
from typing import Any

from .test_api import CONCERN, SCHOOL, Gateway, gateway
from .test_observability import GRADUATED_RESPONSE, HAS_ALN

__all__ = ["gateway"]  # the fixture, used by name

HEALTH_BOARD = "lhb:7A1"
ELEMENT = {
    "element_id": "e1", "intended_outcome": "Reads 100 high-frequency words by July",
    "provision": "Structured phonics in a small group", "delivered_by": "Teaching assistant",
    "in_welsh": True, "provider_kind": "school", "provider_organisation": SCHOOL,
    "start_on": "2026-04-20", "review_or_end_on": "2026-12-18", "rationale": "Limited progress",
    "schedule": {"sessions": 3, "minutes_each": 30, "per": "week"},
}  # fmt: skip
SECTIONS = {
    "section-1": {"learner_name": "Cerys Jones", "date_of_birth": "2017-05-02",
                  "home_language": "Cymraeg", "consent_and_capacity": "Parents consulted"},
    "one-page-profile": {"what_people_like_and_admire": "Kind", "what_is_important": "Music",
                         "how_best_to_support": "Short, clear instructions"},
    "aln-description": {"description": "Literacy", "impact_on_learning": "Reading age -2y"},
    "welsh-language-decision": {"decision": "ALP in Welsh: she is taught through Welsh"},
    "section-3": {"information_used": "EP report", "review_and_transition": "Before Y7"},
}  # fmt: skip


async def ok(response: Any) -> Any:
    answer = await response
    assert answer.status_code < 300, answer.text
    return answer


async def issued_plan(gateway: Gateway) -> str:
    """The school decides the learner has ALN; the plan it opens is drafted and issued with a
    school element and the health board's."""
    raised = await ok(gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN))
    case = raised.headers["location"]
    first = {"If-Match": '"1"'}
    evidence = await ok(
        gateway.as_(SCHOOL, "POST", f"{case}/graduated-response", json=GRADUATED_RESPONSE,
                    headers=first)
    )  # fmt: skip
    then = {"If-Match": evidence.headers["etag"]}
    await ok(gateway.as_(SCHOOL, "POST", f"{case}/decision", json=HAS_ALN, headers=then))
    for _ in range(100):  # the plan is opened once the decision has crossed the bus
        items = (await gateway.as_(SCHOOL, "GET", "/v1/idps")).json()["items"]
        if items:
            break
        await asyncio.sleep(0.1)
    plan = f"/v1/idps/{items[0]['idp_id']}"
    for section, body in SECTIONS.items():
        await ok(gateway.as_(SCHOOL, "PUT", f"{plan}/draft/{section}", json=body))
    await ok(gateway.as_(SCHOOL, "POST", f"{plan}/draft/alp-elements", json=ELEMENT))
    nhs = {**ELEMENT, "element_id": "n1", "provider_kind": "nhs_body",
           "provider_organisation": HEALTH_BOARD, "in_welsh": False}  # fmt: skip
    await ok(gateway.as_(SCHOOL, "POST", f"{plan}/nhs-alp", json={
        "element": nhs, "nhs_answer_reference": "nhs-1", "added_on": "2026-04-10"}))  # fmt: skip
    await ok(gateway.as_(SCHOOL, "POST", f"{plan}/issue",
                         json={"issued_on": "2026-04-20", "issued_by": SCHOOL}))  # fmt: skip
    return plan


async def test_a_provider_records_only_its_own_elements_through_the_gateway(
    gateway: Gateway,
) -> None:
    plan = await issued_plan(gateway)
    record = {"on": "2026-04-21", "delivered": True, "minutes": 45, "recorded_by": HEALTH_BOARD}
    url = f"{plan}/deliveries"
    theirs = await gateway.as_(HEALTH_BOARD, "POST", url, json={**record, "element_id": "e1"})
    assert theirs.status_code == 403, theirs.text
    assert theirs.json()["type"].endswith("/not-provider")
    await ok(gateway.as_(HEALTH_BOARD, "POST", url, json={**record, "element_id": "n1"}))
    on_behalf = {**record, "element_id": "n1", "recorded_by": SCHOOL, "key": "pm"}
    await ok(gateway.as_(SCHOOL, "POST", url, json=on_behalf))
    body = (await gateway.as_(SCHOOL, "GET", plan)).json()
    assert [r["recorded_by"] for r in body["deliveries"]["n1"]] == [HEALTH_BOARD, SCHOOL]
    assert "e1" not in body["deliveries"]
