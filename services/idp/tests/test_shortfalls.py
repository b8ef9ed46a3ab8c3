"""Shortfalls found and ended (issue 24): judged daily, recorded once, listed for the next
review, published for the notifications service to remind and alert."""

from datetime import date
from typing import Any
from uuid import UUID

import httpx
import pytest

from contracts.idp import ProvisionShortfallFound
from idp import monitor
from idp.domain.provision import ElementProvision, Shortfall, ShortfallPolicy
from idp.publisher import translator
from llwybr_testkit import ActingAs

from .learners import receive
from .plans import issued
from .test_api import caught_up, draft, issue, ok, open_plan, service_of
from .test_provision_api import SCHEDULED, SUMMER

POLICY = ShortfallPolicy()


async def scheduled_plan(client: httpx.AsyncClient) -> str:
    """A plan issued with 3 sessions a week from 20 April, on the school's summer calendar."""
    receive(service_of(client), SUMMER, "school:6652001")
    plan = await open_plan(client)
    await draft(client, plan, SCHEDULED)
    await issue(client, plan)
    return plan


def judged(client: httpx.AsyncClient, on: date) -> dict[str, list[str]]:
    """One round of the provision monitor, once the read models are up to date."""
    engine = client.app.state.engine  # type: ignore[attr-defined]
    return monitor.judge_all(engine, service_of(client), on, POLICY)


async def test_a_shortfall_is_found_once_listed_for_the_next_review_and_published(
    client: httpx.AsyncClient,
) -> None:
    plan = await scheduled_plan(client)
    await caught_up(client)
    assert judged(client, date(2026, 6, 12)) == {plan: ["e1"]}
    assert judged(client, date(2026, 6, 12)) == {}  # once
    await caught_up(client)
    body = (await ok(client, "GET", f"/v1/idps/{plan}")).json()
    assert body["shortfalls"]["e1"]["kinds"] == ["below_share", "nothing_recorded"]
    assert body["shortfalls"]["e1"]["since"] == "2026-06-12"

    for reader in ("school:6652001", "la:665"):
        listed = await ok(client, "GET", "/v1/idps-shortfalls", auth=ActingAs(reader))
        assert [(r["element_id"], r["kinds"]) for r in listed.json()] == [
            ("e1", ["below_share", "nothing_recorded"])
        ]
    stranger = await ok(client, "GET", "/v1/idps-shortfalls", auth=ActingAs("la:670"))
    assert stranger.json() == []

    published = [
        p
        for p in _published(service_of(client), UUID(plan))
        if isinstance(p, ProvisionShortfallFound)
    ]
    assert [(p.element_id, p.provider_organisation, p.maintaining_organisation, p.kinds)
            for p in published] == [
        ("e1", "school:6652001", "school:6652001", ["below_share", "nothing_recorded"])
    ]  # fmt: skip


async def test_a_plan_is_judged_once_a_day_until_it_changes(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The monitor's rounds are incremental: a plan judged today at its current version is
    not loaded again; a record moves its version, and it is judged again; so is every plan
    the next day."""
    plan = await scheduled_plan(client)
    await caught_up(client)
    service, engine = service_of(client), client.app.state.engine  # type: ignore[attr-defined]
    loaded: list[UUID] = []
    judge = service.judge_provision

    def counted(idp_id: UUID, **kwargs: Any) -> tuple[list[str], bool]:
        loaded.append(idp_id)
        return judge(idp_id, **kwargs)

    monkeypatch.setattr(service, "judge_provision", counted)
    kept: monitor.Judged = {}
    day = date(2026, 6, 12)
    assert monitor.judge_all(engine, service, day, POLICY, kept) == {plan: ["e1"]}
    await caught_up(client)  # the shortfall recorded moved the version: judged once more
    assert monitor.judge_all(engine, service, day, POLICY, kept) == {}
    assert monitor.judge_all(engine, service, day, POLICY, kept) == {}
    assert loaded == [UUID(plan)] * 2
    record = {"element_id": "e1", "on": "2026-06-11", "delivered": True, "sessions": 3,
              "minutes": 90, "recorded_by": "school:6652001"}  # fmt: skip
    await ok(client, "POST", f"/v1/idps/{plan}/deliveries", json=record)
    await caught_up(client)
    monitor.judge_all(engine, service, day, POLICY, kept)
    monitor.judge_all(engine, service, date(2026, 6, 15), POLICY, kept)
    assert loaded == [UUID(plan)] * 4


async def test_a_closed_plans_provision_is_not_judged(client: httpx.AsyncClient) -> None:
    plan = await scheduled_plan(client)
    await ok(client, "POST", f"/v1/idps/{plan}/closure",
             json={"closed_on": "2026-04-30", "reason": "learner_left"})  # fmt: skip
    await caught_up(client)
    assert judged(client, date(2026, 6, 12)) == {}


def _published(service: Any, plan: UUID) -> list[Any]:
    """What the relay publishes of the plan's stored events."""
    translate = translator(service)
    found = []
    for recorded in service.recorded_events(plan):
        publication = translate(recorded)
        if publication is not None:
            found.append(publication.event)
    return found


def element(*shortfalls: Shortfall) -> ElementProvision:
    return ElementProvision(
        element_id="e1", provider_organisation="school:6652001", expected_sessions=None,
        expected_minutes=None, delivered_sessions=0, delivered_minutes=0, missed_sessions=0,
        missed_reasons=(), shortfalls=shortfalls, window_share=None,
    )  # fmt: skip


def test_a_shortfall_keeps_when_it_began_until_it_ends() -> None:
    idp = issued()
    assert idp.judge_provision([element(Shortfall.NOTHING_RECORDED)], date(2026, 5, 8)) == ["e1"]
    assert idp.judge_provision([element(Shortfall.NOTHING_RECORDED)], date(2026, 5, 9)) == []
    both = element(Shortfall.BELOW_SHARE, Shortfall.NOTHING_RECORDED)
    assert idp.judge_provision([both], date(2026, 6, 1)) == ["e1"]
    assert idp.open_shortfalls()["e1"]["since"] == date(2026, 5, 8)
    assert idp.judge_provision([element()], date(2026, 7, 1)) == ["e1"]
    assert idp.open_shortfalls() == {}
    names = [type(e).__name__ for e in idp.collect_events()][-3:]
    assert names == [
        "ProvisionShortfallFound",
        "ProvisionShortfallFound",
        "ProvisionShortfallEnded",
    ]
