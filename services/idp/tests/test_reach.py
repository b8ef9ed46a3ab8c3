"""The read model lists a plan for exactly the organisations the policy lets read it: its rows
are the relationships ``idp.access.relations_of`` derives from the plan and those the learner
registry's facts establish, through a plan's life."""

import uuid
from datetime import date
from typing import Any

import httpx
import sqlalchemy as sa

from contracts.disputes import ReconsiderationDecided
from idp import access
from idp.domain import Idp
from idp.reach import learner_jurisdiction, learner_relations, plan_relations
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline
from llwybr_testkit import ActingAs

from .learners import receive, record_learner
from .test_api import DECLO, LA, SCHOOL, add_nhs_alp, caught_up, draft, issue, ok, open_plan
from .test_api import service_of as service_of_client

NEW_SCHOOL = "school:6652002"


def rows(client: httpx.AsyncClient, statement: sa.Select[Any]) -> set[tuple[str, str]]:
    engine: sa.Engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return {(r[0], r[1]) for r in conn.execute(statement)}


def expected(plan: Idp) -> set[tuple[str, str]]:
    parties = access.relations_of(plan).parties
    return {(o, r.value) for o, held in parties.items() for r in held}


async def test_a_plans_listed_relationships_are_the_policys_through_its_life(
    client: httpx.AsyncClient,
) -> None:
    service = service_of_client(client)
    plan_id = await open_plan(client, "learner-r")
    await add_nhs_alp(client, plan_id)
    await draft(client, plan_id)
    await issue(client, plan_id)
    await ok(client, "DELETE", f"/v1/idps/{plan_id}/draft/alp-elements/e1")
    await ok(client, "POST", f"/v1/idps/{plan_id}/review-requests", auth=ActingAs(DECLO), json={
        "requested_by_kind": "nhs_body", "organisation_or_person": DECLO,
        "requested_on": "2026-06-01", "reason": "Therapy needs have changed"})  # fmt: skip
    directed = ReconsiderationDecided(
        learner_id="learner-r", reconsideration_id=uuid.uuid4(), kind="R2",
        subject_id=uuid.UUID(plan_id), school=SCHOOL, local_authority=LA,
        outcome="revised_directed", decided_on=date(2026, 6, 2),
        appeal_window=compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 6, 2)).as_dict(),
    )  # fmt: skip
    receive(service, directed, "learner-r")
    record_learner(service, "learner-r", enrolled_at=[SCHOOL, NEW_SCHOOL], looking_after="la:670")
    await ok(client, "POST", f"/v1/idps/{plan_id}/transfers", json={
        "to": {"kind": "school", "organisation": NEW_SCHOOL}, "reason": "school_move",
        "transferred_on": "2026-06-03"})  # fmt: skip
    await caught_up(client)

    plan = service.load(uuid.UUID(plan_id), Idp)
    listed = sa.select(plan_relations.c.organisation, plan_relations.c.relationship).where(
        plan_relations.c.idp_id == plan_id
    )
    assert rows(client, listed) == expected(plan)
    assert ("la:665", "maintainer") in expected(plan)  # the LA revising, until it issues

    learner = service.learner_relations("learner-r")
    theirs = sa.select(learner_relations.c.organisation, learner_relations.c.relationship).where(
        learner_relations.c.learner_id == "learner-r"
    )
    assert rows(client, theirs) == {
        (o, r.value) for o, held in learner.parties.items() for r in held
    }
    jurisdiction = sa.select(
        learner_jurisdiction.c.local_authority, learner_jurisdiction.c.learner_id
    ).where(learner_jurisdiction.c.learner_id == "learner-r")
    assert rows(client, jurisdiction) == {(la, "learner-r") for la in learner.jurisdiction}
