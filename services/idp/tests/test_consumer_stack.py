"""A decision that a learner has ALN opens their IDP through Kafka, exactly once; an LA's
decision that a young person's IDP is not necessary opens none; an administrator's correction
of the rule table reaches the IDP service, whose next review date follows it."""

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from contracts.topics import DETERMINATION
from determination.main import create_app as determination_app
from determination.settings import Settings as DeterminationSettings
from idp.main import create_app as idp_app
from idp.settings import Settings as IdpSettings
from llwybr.clock import DEFAULT_RULES, RuleId
from llwybr.kafka import KafkaPublisher
from llwybr.settings import RuntimeSettings
from llwybr_testkit import ActingAs, eventually, read_envelopes

from .test_api import draft, issue, ok, open_plan

pytestmark = pytest.mark.integration

SCHOOL = "school:6652001"


async def started(stack: AsyncExitStack, app: FastAPI, name: str) -> httpx.AsyncClient:
    await stack.enter_async_context(app.router.lifespan_context(app))
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(
        transport=transport, base_url=f"http://{name}", auth=ActingAs(SCHOOL)
    )
    client.app = app  # type: ignore[attr-defined]
    return await stack.enter_async_context(client)


@pytest.fixture
async def services(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient, FastAPI]]:
    suffix = uuid.uuid4().hex[:8]
    async with AsyncExitStack() as stack:
        determination = await started(
            stack,
            determination_app(
                DeterminationSettings(runtime=postgres_runtime, postgres_schema=f"det_{suffix}")
            ),
            "determination",
        )
        app = idp_app(IdpSettings(runtime=postgres_runtime, postgres_schema=f"idp_{suffix}"))
        idp = await started(stack, app, "idp")
        yield determination, idp, app


async def plans_of(idp: httpx.AsyncClient, learner_id: str) -> list[dict[str, Any]]:
    response = await idp.get("/v1/idps", params={"learner_id": learner_id})
    assert response.is_success, response.text
    plans: list[dict[str, Any]] = response.json()["items"]
    return plans


async def test_an_aln_decision_opens_the_learners_plan_once_even_when_redelivered(
    services: tuple[httpx.AsyncClient, httpx.AsyncClient, FastAPI], kafka_bootstrap: str
) -> None:
    determination, idp, idp_fastapi = services
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    created = await determination.post("/v1/determinations", json={
        "learner": {"local_id": learner_id, "given_name": "Cerys", "family_name": "Jones",
                    "date_of_birth": "2017-05-02", "setting": "maintained_school",
                    "setting_id": "6652001", "local_authority": "665"},
        "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
    })  # fmt: skip
    case_id, learner_id = created.json()["id"], created.json()["learner_id"]
    decided = await determination.post(f"/v1/determinations/{case_id}/decision", json={
        "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
        "decided_by": SCHOOL, "person": "ALNCo"})  # fmt: skip
    assert decided.is_success, decided.text

    async def opened() -> bool:
        return bool(await plans_of(idp, learner_id))

    await eventually(opened, timeout=30)
    plans = await plans_of(idp, learner_id)
    assert len(plans) == 1, "the plan opened within seconds"
    plan = (await idp.get(f"/v1/idps/{plans[0]['idp_id']}")).json()
    assert plan["maintainer"] == {"kind": "school", "organisation": SCHOOL}
    assert plan["deadlines"]["preparation"]["rule_id"] == "D1"
    determination_view = (await determination.get(f"/v1/determinations/{case_id}")).json()
    decision_due = determination_view["deadlines"]["decision"]["due_on"]
    assert plan["deadlines"]["preparation"]["due_on"] == decision_due

    # Redeliver the decision, as a relay that died before saving its position would.
    [decided_event] = [
        e
        for e in await read_envelopes(kafka_bootstrap, DETERMINATION.name, {case_id}, 2)
        if e.type.endswith(".decided.v3")
    ]
    publisher = KafkaPublisher(kafka_bootstrap, "test-redelivery")
    await publisher.publish([decided_event])
    await publisher.stop()
    [consumer] = idp_fastapi.state.consumers
    await eventually(lambda: consumer.duplicates >= 1, timeout=30)
    again = (await idp.get(f"/v1/idps/{plans[0]['idp_id']}")).json()
    assert again["version"] == plan["version"] == 1
    assert len(await plans_of(idp, learner_id)) == 1


async def test_an_las_idp_not_necessary_decision_opens_no_plan(
    services: tuple[httpx.AsyncClient, httpx.AsyncClient, FastAPI],
) -> None:
    determination, _, idp_fastapi = services
    la = ActingAs("la:665")
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    created = await determination.post("/v1/determinations", auth=la, json={
        "learner": {"local_id": learner_id, "given_name": "Dylan", "family_name": "Evans",
                    "date_of_birth": "2007-09-01", "setting": "not_in_education",
                    "local_authority": "665", "young_person": True},
        "raised_by": "la:665", "raised_with": "la:665", "came_to_attention_on": "2026-03-02",
    })  # fmt: skip
    case = f"/v1/determinations/{created.json()['id']}"
    consent = {"given": True, "recorded_on": "2026-03-05", "recorded_by": "la:665"}
    assert (await determination.post(f"{case}/consent", json=consent, auth=la)).is_success
    decided = await determination.post(f"{case}/decision", auth=la, json={
        "has_aln": True, "idp_necessary": False, "reasons": "Needs met by his training provider",
        "decided_on": "2026-04-01", "decided_by": "la:665", "person": "ALN officer"})  # fmt: skip
    assert decided.is_success, decided.text
    version = decided.json()["version"]

    # The consumer's tracking record of the decision: it was applied, and opened nothing.
    recorder = idp_fastapi.state.application.tracking_recorder
    applied = f"idp.determinations:{created.json()['id']}"
    await eventually(lambda: recorder.has_tracking_id(applied, version), timeout=30)
    assert idp_fastapi.state.application.plan_of(learner_id) is None


async def test_a_rule_table_correction_reaches_the_idp_service_and_its_next_review(
    services: tuple[httpx.AsyncClient, httpx.AsyncClient, FastAPI],
) -> None:
    determination, idp, idp_fastapi = services
    version = f"t-{uuid.uuid4().hex[:8]}"
    # D14 as the determination API takes a rule (due_after_period: its default, as D14's)
    released = DEFAULT_RULES.rule(RuleId.D14).as_dict()
    d14 = {**{k: v for k, v in released.items() if k != "due_after_period"}, "length": 6}
    admin = ActingAs("system:admin")
    corrected = await determination.post("/v1/rule-table/corrections", auth=admin, json={
        "version": version, "rules": [d14], "corrected_by": "system:admin",
        "reason": "D14 checked against the Regulations"})  # fmt: skip
    assert corrected.is_success, corrected.text

    application = idp_fastapi.state.application
    await eventually(lambda: application.rule_table().version == version, timeout=30)
    plan = await open_plan(idp, f"learner-{uuid.uuid4().hex[:8]}")
    await draft(idp, plan)
    assert (await issue(idp, plan, on="2026-04-20")).is_success
    review = (await ok(idp, "GET", f"/v1/idps/{plan}")).json()["deadlines"]["review"]
    assert (review["rule_table_version"], review["due_on"]) == (version, "2026-10-19")
