"""An LA's reconsideration reaches the determination and IDP services through Kafka (stack
mode).

The services start once for the module, with consumer groups that start at the end of the
shared topics (which hold every other test run's events), and each test uses learners of its
own. The tests act only once every consumer has joined and reached the end.
"""

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import date
from typing import Any, NamedTuple

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from contracts.determination import LearnerRelationsRecorded
from determination.main import create_app as determination_app
from determination.settings import Settings as DeterminationSettings
from disputes.main import create_app as disputes_app
from disputes.settings import Settings as DisputesSettings
from idp.main import create_app as idp_app
from idp.settings import Settings as IdpSettings
from llwybr.settings import RuntimeSettings
from llwybr_testkit import IDP_DRAFT, ActingAs, eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio(loop_scope="module")]

LA = "la:665"
SCHOOL = "school:6652001"
ADMIN = "system:admin"


async def started(stack: AsyncExitStack, app: FastAPI, name: str) -> httpx.AsyncClient:
    await stack.enter_async_context(app.router.lifespan_context(app))
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", auth=ActingAs(LA)
    )
    client.app = app  # type: ignore[attr-defined]
    return await stack.enter_async_context(client)


class Services(NamedTuple):
    disputes: httpx.AsyncClient
    idp: httpx.AsyncClient
    determination: httpx.AsyncClient


def caught_up(*clients: httpx.AsyncClient) -> bool:
    """Every consumer of these services has read its topics to the end (lag 0)."""
    for client in clients:
        app: Any = client.app  # type: ignore[attr-defined]
        registry = app.state.metrics.registry
        for consumer in app.state.consumers:
            lag = registry.get_sample_value("consumer_lag_messages", {"consumer": consumer.name})
            if lag != 0:
                return False
    return True


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def services(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str
) -> AsyncIterator[Services]:
    suffix = uuid.uuid4().hex[:8]
    # Only what this module publishes: the shared topics hold every other run's events too.
    # Its own consumer groups too: another module's groups of the same name (the session's
    # prefix) would resume from that module's offsets instead of the topics' end.
    postgres_runtime = postgres_runtime.model_copy(
        update={"consumer_start_from": "latest", "consumer_group_prefix": f"dis-{suffix}-"}
    )
    async with AsyncExitStack() as stack:
        disputes = await started(stack, disputes_app(
            DisputesSettings(runtime=postgres_runtime, postgres_schema=f"dis_{suffix}")
        ), "disputes")  # fmt: skip
        idp = await started(stack, idp_app(
            IdpSettings(runtime=postgres_runtime, postgres_schema=f"idp_{suffix}")
        ), "idp")  # fmt: skip
        determination = await started(stack, determination_app(
            DeterminationSettings(runtime=postgres_runtime, postgres_schema=f"det_{suffix}")
        ), "determination")  # fmt: skip
        await eventually(lambda: caught_up(disputes, idp, determination), timeout=60)
        yield Services(disputes, idp, determination)


async def test_r1_has_aln_supersedes_the_schools_decision_and_opens_an_la_plan(
    services: Services,
) -> None:
    disputes, idp, determination = services
    school = ActingAs(SCHOOL)
    # The school's own MIS id; the registry assigns the learner id (ADR 0015).
    learner = {"local_id": f"mis-{uuid.uuid4().hex[:8]}", "given_name": "Cerys",
               "family_name": "Jones", "date_of_birth": "2017-05-02",
               "setting": "maintained_school", "setting_id": "6652001",
               "local_authority": "665"}  # fmt: skip
    raised = await determination.post("/v1/determinations", auth=school, json={
        "learner": learner, "raised_by": SCHOOL, "raised_with": SCHOOL,
        "came_to_attention_on": "2026-03-02"})  # fmt: skip
    assert raised.status_code == 201, raised.text
    determination_id, learner_id = raised.json()["id"], raised.json()["learner_id"]
    known = disputes.app.state.application.learner_known  # type: ignore[attr-defined]
    await eventually(lambda: known(learner_id) is not None, timeout=30)  # the registry's facts
    decision = {"has_aln": False, "reasons": "Progress is good", "decided_on": "2026-03-20",
                "decided_by": SCHOOL, "person": "ALNCo"}  # fmt: skip
    decided = await determination.post(
        f"/v1/determinations/{determination_id}/decision", auth=school, json=decision
    )
    assert decided.is_success, decided.text
    case_id = await decide(disputes, {
        "kind": "R1", "learner_id": learner_id, "subject_id": determination_id,
        "school": SCHOOL, "decided_by_kind": "school", "requested_by_kind": "family",
        "requested_by": "Parent", "requested_on": "2026-04-01"}, "has_aln")  # fmt: skip

    async def superseded() -> bool:
        case = (await determination.get(f"/v1/determinations/{determination_id}")).json()
        return bool(case["superseded_decisions"])

    await eventually(superseded, timeout=30)
    case = (await determination.get(f"/v1/determinations/{determination_id}")).json()
    assert case["status"] == "decided_aln"
    assert case["decision"] == {"has_aln": True, "decided_on": "2026-05-01", "decided_by": LA,
                                "reconsideration_id": case_id}  # fmt: skip
    assert case["superseded_decisions"][0]["decided_by"] == SCHOOL

    async def plan_opened() -> bool:
        page = await idp.get("/v1/idps", params={"learner_id": learner_id})
        return bool(page.json()["items"])

    await eventually(plan_opened, timeout=30)
    [plan] = (await idp.get("/v1/idps", params={"learner_id": learner_id})).json()["items"]
    assert (plan["maintainer_kind"], plan["organisation"]) == ("local_authority", LA)

    async def listed() -> list[dict[str, Any]]:
        page = await determination.get("/v1/determinations", params={"status": "decided_aln"})
        return [c for c in page.json()["items"] if c["determination_id"] == determination_id]

    async def in_list() -> bool:
        return bool(await listed())

    await eventually(in_list, timeout=30)
    [row] = await listed()
    assert (row["has_aln"], row["reconsidered_by"], row["reconsidered_on"]) == (
        True, LA, "2026-05-01",
    )  # fmt: skip


async def test_r3_taken_over_moves_the_school_plan_to_the_la(
    services: Services,
) -> None:
    disputes, idp = services.disputes, services.idp
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    registered(idp, disputes, learner_id=learner_id)
    opened = await idp.post("/v1/idps", json={
        "learner_id": learner_id, "opened_on": "2026-03-01",
        "maintainer": {"kind": "school", "organisation": "school:6652001"}})  # fmt: skip
    assert opened.status_code == 201, opened.text
    plan_id = opened.json()["id"]
    governing_body = ActingAs("school:6652001")
    created = await disputes.post("/v1/reconsiderations", auth=governing_body, json={
        "kind": "R3", "learner_id": learner_id, "subject_id": plan_id,
        "school": "school:6652001", "decided_by_kind": "school",
        "requested_by_kind": "governing_body", "requested_by": "Chair of governors",
        "requested_on": "2026-04-01"})  # fmt: skip
    assert created.status_code == 201, created.text
    base = f"/v1/reconsiderations/{created.json()['id']}"
    for path, body in (
        ("invitation", {"invited_on": "2026-04-02", "from_party": "family"}),
        ("representations", {"received_on": "2026-04-10", "summary": "The family agrees"}),
        ("decision", {"decided_on": "2026-05-01", "outcome": "taken_over", "reasons": "Needs"}),
    ):
        response = await disputes.post(f"{base}/{path}", json=body)
        assert response.is_success, response.text

    async def taken_over() -> bool:
        plan = (await idp.get(f"/v1/idps/{plan_id}")).json()
        return bool(plan["maintainer"]["organisation"] == LA)

    await eventually(taken_over, timeout=30)
    plan = (await idp.get(f"/v1/idps/{plan_id}")).json()
    assert plan["transfers"][-1]["reason"] == "la_take_over"


def registered(*clients: httpx.AsyncClient, learner_id: str) -> None:
    """The learner registry's facts (la:665 responsible, enrolled at the school), as these
    services follow them: only the learner's LA directs a plan, and reconsiders (issues 16
    and 18)."""
    facts = LearnerRelationsRecorded(
        learner_id=learner_id, responsible_authority=LA, enrolled_at=[SCHOOL],
        compulsory_school_age_on=date(2022, 9, 1), young_person_on=date(2033, 9, 1),
    )  # fmt: skip
    for client in clients:
        application = client.app.state.application  # type: ignore[attr-defined]
        application.save(*application.adopt_learner(facts))


async def issued_school_plan(
    idp: httpx.AsyncClient, learner_id: str, *also: httpx.AsyncClient
) -> str:
    """A school's plan, opened on the LA's direction and issued by the school (the registry's
    facts about the learner given to the IDP service and to ``also``)."""
    registered(idp, *also, learner_id=learner_id)
    opened = await idp.post("/v1/idps", json={
        "learner_id": learner_id, "opened_on": "2026-03-01",
        "maintainer": {"kind": "school", "organisation": SCHOOL}})  # fmt: skip
    assert opened.status_code == 201, opened.text
    plan_id = str(opened.json()["id"])
    school = ActingAs(SCHOOL)
    for method, path, body in IDP_DRAFT:
        response = await idp.request(method, f"/v1/idps/{plan_id}/draft/{path}", json=body,
                                     auth=school)  # fmt: skip
        assert response.is_success, response.text
    issued = await idp.post(f"/v1/idps/{plan_id}/issue", auth=school,
                            json={"issued_on": "2026-03-09", "issued_by": SCHOOL})  # fmt: skip
    assert issued.is_success, issued.text
    return plan_id


async def decide(disputes: httpx.AsyncClient, case: dict[str, Any], outcome: str) -> str:
    """Request a reconsideration and take it to the LA's ``outcome``; the case's id."""
    created = await disputes.post("/v1/reconsiderations", json=case)
    assert created.status_code == 201, created.text
    base = f"/v1/reconsiderations/{created.json()['id']}"
    for path, body in (
        ("invitation", {"invited_on": "2026-04-02", "from_party": "governing_body"}),
        ("representations", {"received_on": "2026-04-10", "summary": "The school's view"}),
        ("decision", {"decided_on": "2026-05-01", "outcome": outcome, "reasons": "Reasons"}),
    ):
        response = await disputes.post(f"{base}/{path}", json=body)
        assert response.is_success, response.text
    return str(created.json()["id"])


async def test_r2_revised_and_directed_makes_the_la_revise_the_school_plan(
    services: Services,
) -> None:
    disputes, idp = services.disputes, services.idp
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    plan_id = await issued_school_plan(idp, learner_id, disputes)
    case_id = await decide(disputes, {
        "kind": "R2", "learner_id": learner_id, "subject_id": plan_id, "school": SCHOOL,
        "decided_by_kind": "school", "requested_by_kind": "family", "requested_by": "Parent",
        "requested_on": "2026-04-01"}, "revised_directed")  # fmt: skip

    async def directed() -> bool:
        return bool((await idp.get(f"/v1/idps/{plan_id}")).json()["revision_directions"])

    await eventually(directed, timeout=30)
    plan = (await idp.get(f"/v1/idps/{plan_id}")).json()
    assert plan["revision_due"] == ["reconsideration"]
    [direction] = plan["revision_directions"]
    assert (direction["local_authority"], direction["reconsideration_id"]) == (LA, case_id)
    assert plan["maintainer"]["organisation"] == SCHOOL
    revised = await idp.post(f"/v1/idps/{plan_id}/revisions", json={
        "issued_on": "2026-05-11", "issued_by": LA, "reason": "reconsideration"})  # fmt: skip
    assert revised.is_success, revised.text
    assert (await idp.get(f"/v1/idps/{plan_id}")).json()["current_plan_version"] == 2


async def test_r4_from_the_cease_notice_to_the_plan_continuing(
    services: Services,
) -> None:
    from disputes.decisions import known
    from disputes.domain.learned import Decision

    disputes, idp = services.disputes, services.idp
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    plan_id = await issued_school_plan(idp, learner_id, disputes)
    school = ActingAs(SCHOOL)
    for path, body in (
        ("cease-proposals", {"proposed_on": "2026-03-20", "reasons": "Needs met"}),
        ("cessation", {"decided_on": "2026-03-27", "reasons": "Needs met"}),
    ):
        response = await idp.post(f"/v1/idps/{plan_id}/{path}", json=body, auth=school)
        assert response.is_success, response.text
    engine = disputes.app.state.engine  # type: ignore[attr-defined]

    async def learned() -> bool:
        with engine.connect() as conn:
            return known(conn, plan_id, Decision.CEASED) is not None

    await eventually(learned, timeout=30)
    request = {"kind": "R4", "learner_id": learner_id, "subject_id": plan_id, "school": SCHOOL,
               "decided_by_kind": "school", "requested_by_kind": "family",
               "requested_by": "Parent"}  # fmt: skip
    # the decision to cease is not its notice: with no notice published (no notifications
    # service here), the day it was given must be stated (ADR 0017)
    unknown = await disputes.post(
        "/v1/reconsiderations", json={**request, "requested_on": "2026-04-01"}
    )
    assert unknown.status_code == 422, unknown.text
    assert unknown.json()["type"].endswith("/notice-unknown")
    request["cease_notice_given_on"] = "2026-03-27"
    late = await disputes.post(
        "/v1/reconsiderations", json={**request, "requested_on": "2026-04-30"}
    )
    assert late.status_code == 422, late.text  # 4 weeks from the notice of 27 March ended
    assert late.json()["type"].endswith("/outside-window")
    await decide(disputes, {**request, "requested_on": "2026-04-01"}, "idp_continues")

    async def continues() -> bool:
        return bool((await idp.get(f"/v1/idps/{plan_id}")).json()["status"] == "active")

    await eventually(continues, timeout=30)
    plan = (await idp.get(f"/v1/idps/{plan_id}")).json()
    assert plan["cease"] is None


async def test_a_rule_table_correction_reaches_disputes_and_changes_its_next_deadline(
    services: Services,
) -> None:
    """Last in the module: the corrected table stays in force for these services."""
    disputes, determination = services.disputes, services.determination
    rules = (await determination.get("/v1/rule-table")).json()["rules"]
    d8 = next(r for r in rules if r["id"] == "D8")  # the LA's clock to reconsider R1
    d8.pop("due_after_period", None)  # shown by the table, not taken by a correction
    version = f"2026.{uuid.uuid4().hex[:8]}"
    correction = {"version": version, "rules": [{**d8, "length": 8}], "corrected_by": ADMIN,
                  "reason": "Clarified"}  # fmt: skip
    corrected = await determination.post(
        "/v1/rule-table/corrections", json=correction, auth=ActingAs(ADMIN)
    )
    assert corrected.is_success, corrected.text
    app: Any = disputes.app  # type: ignore[attr-defined]
    await eventually(lambda: app.state.application.rule_table().version == version, timeout=30)
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    registered(disputes, learner_id=learner_id)
    requested = await disputes.post("/v1/reconsiderations", json={
        "kind": "R1", "learner_id": learner_id,
        "subject_id": str(uuid.uuid4()), "school": SCHOOL, "decided_by_kind": "school",
        "requested_by_kind": "family", "requested_by": "Parent",
        "requested_on": "2026-04-01"})  # fmt: skip
    assert requested.status_code == 201, requested.text
    case = (await disputes.get(f"/v1/reconsiderations/{requested.json()['id']}")).json()
    deadline = case["deadlines"]["decision"]
    assert (deadline["rule_id"], deadline["rule_table_version"]) == ("D8", version)
    assert (deadline["length"], deadline["unit"]) == (8, "weeks")
