"""Issue 16, "who may see a child", in the IDP service: access comes from the learner registry's
facts and the plan's own, through the one policy (``llwybr.access``); a write that would give
an organisation a plan it has no relationship to is refused; plan ids tell nothing of the
learner; every not-found is the one 404."""

from datetime import date
from typing import Any

import httpx

from idp.domain import Idp, Maintainer, MaintainerKind, OpeningReason, legacy_idp_id
from llwybr.access import REFUSAL_HEADER
from llwybr.problems import NOT_FOUND_DETAIL
from llwybr_testkit import ActingAs

from .learners import envelope, receive, record_learner, school_decided
from .test_api import (
    DECLO,
    LA,
    SCHOOL,
    add_nhs_alp,
    caught_up,
    draft,
    issue,
    ok,
    open_plan,
    problem,
    service_of,
)

OTHER_LA = "la:666"
LOOKING_AFTER = "la:670"
UNKNOWN = "/v1/idps/7d7c1a34-0a55-4b1e-9a53-3d1e2c41b0a7"


def direction(learner_id: str, school: str = SCHOOL) -> dict[str, Any]:
    return {
        "learner_id": learner_id,
        "maintainer": {"kind": "school", "organisation": school},
        "opened_on": "2026-04-01",
    }


def one_404(response: httpx.Response) -> dict[str, Any]:
    """The one answer for "not yours" and "does not exist" (no ids, no library text)."""
    body = problem(response, 404, "not-found")
    assert body["detail"] == NOT_FOUND_DETAIL
    assert response.headers[REFUSAL_HEADER] == "not-found"
    return {k: v for k, v in body.items() if k not in {"instance", "request_id"}}


async def listed(client: httpx.AsyncClient, organisation: str) -> list[str]:
    await caught_up(client)
    response = await ok(client, "GET", "/v1/idps", auth=ActingAs(organisation))
    return [item["idp_id"] for item in response.json()["items"]]


async def test_another_las_plan_is_refused_and_the_schools_decision_opens_one_with_its_deadline(
    client: httpx.AsyncClient,
) -> None:
    """The issue's story: another LA's plan for a learner not its own stood, and the school's
    "has ALN" decision then found a plan and opened none: no preparation deadline."""
    service = service_of(client)
    record_learner(service, "learner-s")
    refused = await client.post("/v1/idps", json=direction("learner-s"), auth=ActingAs(OTHER_LA))
    assert one_404(refused) == one_404(await client.get(UNKNOWN))
    receive(service, school_decided("learner-s"), "learner-s")
    plan = service.plan_of("learner-s")
    assert plan is not None
    body = (await ok(client, "GET", f"/v1/idps/{plan.id}")).json()
    assert body["maintainer"] == {"kind": "school", "organisation": SCHOOL}
    assert body["deadlines"]["preparation"]["rule_id"] == "D1"


async def test_before_the_registrys_facts_arrive_nobody_directs_a_plan_and_is_told_to_retry(
    client: httpx.AsyncClient,
) -> None:
    early = await client.post("/v1/idps", json=direction("learner-new"), auth=ActingAs(LA))
    assert one_404(early) == one_404(await client.get(UNKNOWN))
    assert early.headers["Retry-After"] == "5"
    record_learner(service_of(client), "learner-new")
    await ok(client, "POST", "/v1/idps", json=direction("learner-new"), auth=ActingAs(LA))


async def test_an_la_directs_only_a_school_the_learner_is_enrolled_at(
    client: httpx.AsyncClient,
) -> None:
    record_learner(service_of(client), "learner-d")
    elsewhere = direction("learner-d", school="school:6652999")
    refused = await client.post("/v1/idps", json=elsewhere, auth=ActingAs(LA))
    assert problem(refused, 403, "not-enrolled")
    assert refused.headers[REFUSAL_HEADER] == "not-enrolled"
    school = await client.post("/v1/idps", json=direction("learner-d"), auth=ActingAs(SCHOOL))
    problem(school, 403, "not-an-authority")


async def test_a_take_over_goes_only_to_the_learners_responsible_la(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    take_over = {"to": {"kind": "local_authority", "organisation": OTHER_LA},
                 "reason": "la_take_over", "transferred_on": "2026-05-01"}  # fmt: skip
    refused = await client.post(f"/v1/idps/{plan}/transfers", json=take_over)
    problem(refused, 403, "not-responsible")
    one_404(await client.get(f"/v1/idps/{plan}", auth=ActingAs(OTHER_LA)))
    mine = {**take_over, "to": {"kind": "local_authority", "organisation": LA}}
    await ok(client, "POST", f"/v1/idps/{plan}/transfers", json=mine)
    assert (await ok(client, "GET", f"/v1/idps/{plan}", auth=ActingAs(SCHOOL))).is_success


async def test_a_plan_moves_to_another_school_only_if_the_learner_is_enrolled_there(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client, "learner-m")
    move = {"to": {"kind": "school", "organisation": "school:6652002"},
            "reason": "school_move", "transferred_on": "2026-05-01"}  # fmt: skip
    problem(await client.post(f"/v1/idps/{plan}/transfers", json=move), 403, "not-enrolled")
    record_learner(service_of(client), "learner-m", enrolled_at=[SCHOOL, "school:6652002"])
    await ok(client, "POST", f"/v1/idps/{plan}/transfers", json=move)


async def test_the_la_looking_after_reads_and_lists_its_looked_after_learners_plans(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client, "learner-lac")
    other = await open_plan(client, "learner-home")
    record_learner(service_of(client), "learner-lac", looking_after=LOOKING_AFTER)
    assert (await ok(client, "GET", f"/v1/idps/{plan}", auth=ActingAs(LOOKING_AFTER))).is_success
    one_404(await client.get(f"/v1/idps/{other}", auth=ActingAs(LOOKING_AFTER)))
    assert await listed(client, LOOKING_AFTER) == [plan]
    assert sorted(await listed(client, LA)) == sorted([plan, other])
    assert await listed(client, OTHER_LA) == []


async def test_an_la_reads_no_plan_of_a_learner_it_is_not_responsible_for(
    client: httpx.AsyncClient,
) -> None:
    """Before: an LA read every plan of a school whose number began with its own."""
    plan = await open_plan(client, "learner-x")
    record_learner(service_of(client), "learner-x", "la:670")  # moved: now la:670's
    one_404(await client.get(f"/v1/idps/{plan}", auth=ActingAs(LA)))
    assert await listed(client, LA) == []
    assert await listed(client, "la:670") == [plan]


async def test_an_auditor_reads_and_lists_its_jurisdiction_only(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    assert (await ok(client, "GET", f"/v1/idps/{plan}", auth=ActingAs("auditor:665"))).is_success
    assert one_404(await client.get(f"/v1/idps/{plan}", auth=ActingAs("auditor:670"))) == one_404(
        await client.get(UNKNOWN, auth=ActingAs("auditor:670"))
    )
    assert await listed(client, "auditor:665") == [plan]
    assert await listed(client, "auditor:670") == []
    assert await listed(client, "auditor:wales") == [plan]
    section = {"information_used": "x", "review_and_transition": "y"}
    write = await client.put(
        f"/v1/idps/{plan}/draft/section-3", json=section, auth=ActingAs("auditor:665")
    )
    problem(write, 403, "read-only")


async def test_an_auditor_reads_the_history_of_its_jurisdiction_only(
    client: httpx.AsyncClient,
) -> None:
    """The history endpoints ask the same policy (the service's hook, ADR 0015)."""
    plan = await open_plan(client)
    for path in (f"/internal/history/aggregates/{plan}", "/internal/history/learners/learner-1"):
        assert (await ok(client, "GET", path, auth=ActingAs("auditor:665"))).is_success
        refused = await client.get(path, auth=ActingAs("auditor:670"))
        assert one_404(refused) == one_404(await client.get(UNKNOWN, auth=ActingAs("auditor:670")))


async def test_figures_and_alp_reports_cover_only_what_the_caller_may_read(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    await listed(client, LA)
    figures = "/v1/idps-welsh-medium/665"
    assert (await ok(client, "GET", figures, auth=ActingAs("auditor:665"))).json()[
        "alp_elements"
    ] == 1
    problem(await client.get(figures, auth=ActingAs("auditor:670")), 403, "not-the-authority")
    problem(await client.get(figures, auth=ActingAs(OTHER_LA)), 403, "not-the-authority")
    provided = {"provider": SCHOOL}
    alp = "/v1/idps-alp"
    assert len((await ok(client, "GET", alp, params=provided, auth=ActingAs(LA))).json()) == 1
    elsewhere = await ok(client, "GET", alp, params=provided, auth=ActingAs("auditor:670"))
    assert elsewhere.json() == []


async def test_an_nhs_body_asks_for_a_review_in_its_own_name_only(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await add_nhs_alp(client, plan)
    await draft(client, plan)
    await issue(client, plan)
    ask = {"requested_by_kind": "nhs_body", "organisation_or_person": "lhb:7A2",
           "requested_on": "2026-06-01", "reason": "Therapy needs have changed"}  # fmt: skip
    url = f"/v1/idps/{plan}/review-requests"
    problem(await client.post(url, json=ask, auth=ActingAs(DECLO)), 403, "own-name")
    await ok(client, "POST", url, json={**ask, "organisation_or_person": DECLO},
             auth=ActingAs(DECLO))  # fmt: skip
    one_404(await client.post(url, json={**ask, "organisation_or_person": "lhb:7A2"},
                              auth=ActingAs("lhb:7A2")))  # fmt: skip


async def test_plan_ids_are_random_and_one_learner_has_one_plan(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client, "learner-1")
    assert plan != str(legacy_idp_id("learner-1"))
    again = await client.post("/v1/idps", json=direction("learner-1"), auth=ActingAs(LA))
    problem(again, 409, "idp-exists")
    service = service_of(client)
    decided = envelope(school_decided("learner-1"), "learner-1")
    assert service.on_public_event(decided) == []  # the decision opens no second plan


async def test_a_plan_stored_with_its_learner_derived_id_still_loads_and_is_found(
    client: httpx.AsyncClient,
) -> None:
    service = service_of(client)
    record_learner(service, "learner-old")
    old = Idp._create(  # as plans were opened before their ids were random
        Idp.Opened, id=legacy_idp_id("learner-old"), learner_id="learner-old",
        maintainer=Maintainer(MaintainerKind.SCHOOL, SCHOOL).as_dict(),
        opened_on=date(2026, 3, 2), determination_id=None, preparation_deadline=None,
        looked_after=False, reason=OpeningReason.ALN_DECISION.value,
    )  # fmt: skip
    service.save(old)
    found = service.plan_of("learner-old")
    assert found is not None
    assert found.id == old.id
    assert (await ok(client, "GET", f"/v1/idps/{old.id}")).json()["learner_id"] == "learner-old"
    assert receive(service, school_decided("learner-old"), "learner-old") == []
    again = await client.post("/v1/idps", json=direction("learner-old"), auth=ActingAs(LA))
    problem(again, 409, "idp-exists")


async def test_every_not_found_is_the_one_answer(client: httpx.AsyncClient) -> None:
    plan = await open_plan(client)
    unknown = one_404(await client.get(UNKNOWN))
    assert "no IDP" not in str(unknown)
    assert "Aggregate" not in str(unknown)
    assert one_404(await client.get(f"/v1/idps/{plan}", auth=ActingAs("school:6652999"))) == (
        unknown
    )
    assert one_404(await client.get(f"/v1/idps/{plan}/versions/9")) == unknown
    section = {"information_used": "x", "review_and_transition": "y"}
    assert one_404(await client.put(f"{UNKNOWN}/draft/section-3", json=section)) == unknown


async def test_a_stranger_is_told_to_retry_alike_whether_or_not_the_learner_exists(
    client: httpx.AsyncClient,
) -> None:
    """The 404's headers say no more than its body: ``Retry-After`` only for a learner not
    known yet would tell another LA holding an id that the learner exists."""
    record_learner(service_of(client), "learner-known")
    known = await client.post("/v1/idps", json=direction("learner-known"), auth=ActingAs(OTHER_LA))
    unknown = await client.post("/v1/idps", json=direction("learner-none"), auth=ActingAs(OTHER_LA))
    assert one_404(known) == one_404(unknown)
    assert known.headers.get("Retry-After") == unknown.headers.get("Retry-After") == "5"
