"""Tribunal orders as obligations on the body they name (issue #18), end to end through the
gateway of a stack (real PostgreSQL and Kafka): the Tribunal orders the LA to revise a school's
plan; the LA carries it out; the order is complied with only once the revised version is
issued, as the IDP service's events tell the disputes service."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from llwybr_testkit import IDP_DRAFT

from .access_stories import (
    HOME_SCHOOL,
    LA,
    LEARNER_FOLLOWERS,
    TRIBUNAL,
    Callers,
    concern,
    decision,
    ok,
    plan_of,
    pupil,
    raised,
    today,
    until,
)
from .stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def callers(shared_stack: Stack) -> Iterator[Callers]:
    shared_stack.ensure_running()
    shared_stack.wait_caught_up(LEARNER_FOLLOWERS)
    found = Callers(shared_stack)
    yield found
    found.close()


def issued_school_plan(callers: Callers) -> tuple[str, str]:
    """(learner id, plan id) of a school's plan, decided, drafted and issued by the school."""
    school = callers(HOME_SCHOOL)
    case_id, learner_id = raised(callers, concern(pupil()))
    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision()))
    plan_id = str(plan_of(school, learner_id)["id"])
    for method, path, body in IDP_DRAFT:
        ok(school.request(method, f"/v1/idps/{plan_id}/draft/{path}", json=body))
    ok(school.post(f"/v1/idps/{plan_id}/issue", json={"issued_on": today(),
                                                       "issued_by": HOME_SCHOOL}))  # fmt: skip
    return learner_id, plan_id


def ordered_to_revise(callers: Callers, learner_id: str) -> str:
    """An appeal decided with an order to the LA to revise the learner's plan; its id."""
    tribunal = callers(TRIBUNAL)
    appeal_id = ok(tribunal.post("/v1/appeals", json={
        "learner_id": learner_id, "learner_is_young_person": False, "appellant_kind": "parent",
        "appellant": "Parent of Cerys", "respondent": LA, "matter": "alp",
        "notice_given_on": today(), "lodged_on": today()}))["id"]  # fmt: skip
    base = f"/v1/appeals/{appeal_id}"
    ok(
        tribunal.post(
            f"{base}/acknowledgement",
            json={"acknowledged_on": today(), "tribunal_reference": "ETW/2026/0101"},
        )
    )
    ok(tribunal.post(f"{base}/decision", json={
        "decided_on": today(), "outcome": "orders",
        "orders": [{"order_id": "o1", "kind": "revise_idp", "addressed_to": LA,
                    "wording": "Phonics 5 sessions a week",
                    "comply_by": "2027-01-29"}]}))  # fmt: skip
    return str(appeal_id)


def citing(plan_id: str, version: int) -> dict[str, Any]:
    return {"complied_on": today(), "evidence": f"IDP version {version}",
            "idp_revision": {"idp_id": plan_id, "version": version, "wording_found": True,
                             "differences": []}}  # fmt: skip


def order_status(client: httpx.Client, appeal_id: str) -> tuple[str, str]:
    appeal = ok(client.get(f"/v1/appeals/{appeal_id}"))
    return appeal["orders"]["o1"]["status"], appeal["status"]


def test_the_la_ordered_to_revise_a_school_plan_carries_it_out_and_complies_once_issued(
    callers: Callers,
) -> None:
    learner_id, plan_id = issued_school_plan(callers)
    appeal_id = ordered_to_revise(callers, learner_id)
    la, tribunal = callers(LA), callers(TRIBUNAL)
    plan_url = f"/v1/idps/{plan_id}"

    def ordered() -> dict[str, Any] | None:
        plan = ok(la.get(plan_url))
        return plan if plan["revision_orders"] else None

    plan = until(ordered, what="the IDP service recorded the Tribunal's order")
    assert (plan["revision_due"], plan["revision_due_by"]) == (["tribunal_order"], "2027-01-29")
    assert plan["maintainer"]["organisation"] == HOME_SCHOOL

    compliance = f"/v1/appeals/{appeal_id}/orders/o1/compliance"
    not_issued = la.post(compliance, json=citing(plan_id, 2))  # no version 2 exists yet
    assert not_issued.status_code == 409, not_issued.text
    assert not_issued.json()["type"].endswith("/version-not-issued")
    for caller in (tribunal, la):
        assert order_status(caller, appeal_id) == ("open", "decided")

    element = dict(IDP_DRAFT[-1][2], frequency="5 sessions a week")
    ok(la.put(f"{plan_url}/draft/alp-elements/e1", json=element))
    ok(la.post(f"{plan_url}/revisions", json={"issued_on": today(), "issued_by": LA,
                                              "reason": "tribunal_order"}))  # fmt: skip
    revised = ok(la.get(plan_url))
    assert (revised["current_plan_version"], revised["revision_due"]) == (2, [])
    assert revised["maintainer"]["organisation"] == HOME_SCHOOL  # the school maintains it still

    def complied() -> httpx.Response | None:
        # 409 until the disputes service has learned version 2 from the IDP service's events
        response = la.post(compliance, json=citing(plan_id, 2))
        return response if response.status_code != 409 else None

    ok(until(complied, what="the disputes service learned the issued version"))
    for caller in (tribunal, la):
        assert order_status(caller, appeal_id) == ("complied", "closed")
