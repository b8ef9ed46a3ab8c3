"""The reports across plans (issue 24): the provider report follows transfers and drops
closed plans; Welsh-medium sufficiency counts by the learner's responsible LA."""

from typing import Any

import httpx

from llwybr_testkit import ActingAs

from .learners import record_learner
from .test_api import (
    DECLO,
    ELEMENT,
    SCHOOL,
    add_nhs_alp,
    caught_up,
    draft,
    issue,
    ok,
    open_plan,
    service_of,
)

OTHER_SCHOOL = "school:6652002"


async def test_the_provider_report_follows_a_transfer_and_drops_a_closed_plan(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    record_learner(service_of(client), "learner-1", enrolled_at=(SCHOOL, OTHER_SCHOOL))
    await add_nhs_alp(client, plan)
    await draft(client, plan)
    await issue(client, plan)
    await ok(client, "POST", f"/v1/idps/{plan}/transfers", json={
        "to": {"kind": "school", "organisation": OTHER_SCHOOL}, "reason": "school_move",
        "transferred_on": "2026-05-01"})  # fmt: skip
    await caught_up(client)
    report = await ok(client, "GET", "/v1/idps-alp", params={"provider": DECLO},
                      auth=ActingAs(DECLO))  # fmt: skip
    assert [r["maintaining_organisation"] for r in report.json()] == [OTHER_SCHOOL]
    await ok(client, "POST", f"/v1/idps/{plan}/closure", auth=ActingAs(OTHER_SCHOOL),
             json={"closed_on": "2026-06-01", "reason": "learner_left"})  # fmt: skip
    await caught_up(client)
    report = await ok(client, "GET", "/v1/idps-alp", params={"provider": DECLO},
                      auth=ActingAs(DECLO))  # fmt: skip
    assert report.json() == []


async def plan_directed_by(
    client: httpx.AsyncClient, learner: str, la: str, *more: dict[str, Any]
) -> str:
    """A plan at the school in LA 665 for a learner whose responsible LA is ``la``, issued
    with ELEMENT (in Welsh) and ``more`` elements."""
    record_learner(service_of(client), learner, la)
    response = await ok(
        client, "POST", "/v1/idps", auth=ActingAs(la),
        json={"learner_id": learner, "maintainer": {"kind": "school", "organisation": SCHOOL},
              "opened_on": "2026-04-01"},
    )  # fmt: skip
    plan = str(response.json()["id"])
    await draft(client, plan)
    for element in more:
        await ok(client, "POST", f"/v1/idps/{plan}/draft/alp-elements", json=element)
    await issue(client, plan)
    return plan


async def test_a_learner_of_one_la_at_a_school_in_another_counts_only_for_their_own_la(
    client: httpx.AsyncClient,
) -> None:
    english = {**ELEMENT, "element_id": "e2", "in_welsh": False}
    own = await plan_directed_by(client, "learner-665", "la:665", english)
    await plan_directed_by(client, "learner-670", "la:670")
    record = {"element_id": "e1", "on": "2026-04-22", "delivered": True, "sessions": 2,
              "minutes": 60, "recorded_by": SCHOOL, "language": "en"}  # fmt: skip
    await ok(client, "POST", f"/v1/idps/{own}/deliveries", json=record)
    await caught_up(client)
    figures = {}
    for la in ("665", "670"):
        response = await ok(client, "GET", f"/v1/idps-welsh-medium/{la}", auth=ActingAs(f"la:{la}"))
        figures[la] = response.json()
    assert (figures["670"]["learners_needing_welsh"], figures["670"]["alp_elements"]) == (1, 1)
    # the LA in its one form (issue 20), asked by its deprecated bare number here
    assert (figures["665"]["local_authority"], figures["670"]["local_authority"]) == (
        "la:665", "la:670"
    )  # fmt: skip
    la_665 = figures["665"]
    assert (la_665["learners_needing_welsh"], la_665["plans_needing_welsh"]) == (1, 1)
    assert (la_665["alp_elements"], la_665["alp_elements_in_welsh"]) == (2, 1)
    # Welsh-medium provision given in English is not Welsh-medium provision delivered
    assert (la_665["welsh_sessions_delivered"], la_665["welsh_sessions_given_in_english"]) == (
        0, 2
    )  # fmt: skip
    assert (la_665["learners_given_welsh"], la_665["alp_elements_given_in_welsh"]) == (0, 0)


async def test_a_closed_plan_no_longer_counts_as_needing_welsh(client: httpx.AsyncClient) -> None:
    plan = await plan_directed_by(client, "learner-1", "la:665")
    await ok(client, "POST", f"/v1/idps/{plan}/closure",
             json={"closed_on": "2026-06-01", "reason": "learner_left"})  # fmt: skip
    await caught_up(client)
    figures = await ok(client, "GET", "/v1/idps-welsh-medium/665", auth=ActingAs("la:665"))
    assert (figures.json()["plans_needing_welsh"], figures.json()["alp_elements"]) == (0, 0)
