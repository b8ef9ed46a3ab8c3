"""The case page shows each plan's provision planned against delivered, per ALP element, with
its shortfalls in Welsh and English, exactly as the IDP service counts and judges them
(``GET /v1/idps/{id}/provision``, issue 24): the console counts nothing itself.

Its own module (its own embedded gateway): the school publishes a term calendar here, which
would move the deadlines the other case-page tests read."""

import asyncio
from typing import Any

import pytest

from .console_world import (
    ALP,
    DRAFT,
    SCHOOL,
    SCHOOL_ORG,
    Console,
    console,
    decided_has_aln,
    until,
    world,
)

__all__ = ["console", "world"]  # the fixtures, shared with the console's page tests

pytestmark = pytest.mark.asyncio(loop_scope="module")

#: The school's autumn, ended before today: the figures are the same whatever day this runs.
AUTUMN = {
    "name": "Ysgol Example autumn 2026",
    "terms": [
        {"name": "Autumn 1", "start": "2026-09-07", "end": "2026-10-23"},
        {"name": "Autumn 2", "start": "2026-11-02", "end": "2026-11-27"},
    ],
    "closures": [],
}
#: 3 sessions of 30 minutes a week from the first day of term: measurable, so judged.
SCHEDULED = {
    **ALP, "element_id": "phonics", "start_on": "2026-09-07",
    "schedule": {"sessions": 3, "minutes_each": 30, "per": "week"},
}  # fmt: skip


async def _issued_plan(console: Console) -> tuple[str, str, dict[str, str]]:
    """A plan issued with a scheduled element and one without a schedule: the learner, the
    plan and the school's headers."""
    learner_id, _, school = await decided_has_aln(console, "Nia")
    api = console.client
    [plan] = await until(console, "/v1/idps", school, learner_id=learner_id)
    path = f"/v1/idps/{plan['idp_id']}"
    for section, body in DRAFT.items():
        assert (await api.put(f"{path}/draft/{section}", json=body, headers=school)).is_success
    for element in (SCHEDULED, ALP):
        added = await api.post(f"{path}/draft/alp-elements", json=element, headers=school)
        assert added.is_success, added.text
    issued = await api.post(
        f"{path}/issue", json={"issued_by": SCHOOL_ORG, "issued_on": "2026-04-17"}, headers=school
    )
    assert issued.is_success, issued.text
    return learner_id, plan["idp_id"], school


async def _counted(console: Console, idp_id: str, school: dict[str, str]) -> dict[str, Any]:
    """The service's provision figures once it counts on the school's calendar."""
    for _ in range(100):  # the IDP service learns the calendar from the bus
        answer = await console.client.get(f"/v1/idps/{idp_id}/provision", headers=school)
        assert answer.status_code == 200, answer.text
        if answer.json()["calendar"]:
            provision: dict[str, Any] = answer.json()
            return provision
        await asyncio.sleep(0.05)
    raise AssertionError(answer.text)


async def test_the_case_page_shows_each_elements_shortfall_as_the_service_judges_it(
    console: Console,
) -> None:
    learner_id, idp_id, school = await _issued_plan(console)
    calendar = await console.client.put(
        f"/v1/calendars/{SCHOOL_ORG}", params={"set_by": SCHOOL_ORG}, json=AUTUMN, headers=school
    )
    assert calendar.is_success, calendar.text
    delivered = await console.client.post(f"/v1/idps/{idp_id}/deliveries", headers=school, json={
        "element_id": "phonics", "on": "2026-09-08", "delivered": True, "sessions": 2,
        "minutes": 60, "recorded_by": SCHOOL_ORG, "language": "cy"})  # fmt: skip
    assert delivered.is_success, delivered.text
    provision = await _counted(console, idp_id, school)
    figures = {e["element_id"]: e for e in provision["elements"]}
    phonics, literacy = figures["phonics"], figures["literacy"]
    assert phonics["shortfalls"]  # one week's sessions over a term: short
    assert not literacy["measurable"]

    await console.sign_in(SCHOOL)
    path = f"/console/learners/{learner_id}"
    welsh = (await console.client.get(path)).text
    row = welsh.split('id="element-phonics"')[1].split("</tr>")[0]
    assert row.startswith(' class="short"')
    # The service's figures, as it gives them (never counted here) ...
    assert f"<td>{phonics['expected_minutes']}</td><td>60</td>" in row
    assert f"<td>{phonics['gap_minutes']}</td>" in row
    # ... and its judgement in Welsh, one phrase per reason it gives.
    welsh_reasons = {
        "below_share": "llai na&#39;r gyfran sy&#39;n ddyledus",
        "nothing_recorded": "dim wedi&#39;i gofnodi ers rhai wythnosau ysgol",
    }
    for kind in phonics["shortfalls"]:
        assert welsh_reasons[kind] in row
    other = welsh.split('id="element-literacy"')[1].split("</tr>")[0]
    assert "dim modd ei fesur" in other
    assert "<strong>" not in other

    english = await console.client.get(path, headers={"Accept-Language": "en"})
    row = english.text.split('id="element-phonics"')[1].split("</tr>")[0]
    english_reasons = {
        "below_share": "less than the share due was delivered",
        "nothing_recorded": "nothing recorded for some school weeks",
    }
    for kind in phonics["shortfalls"]:
        assert english_reasons[kind] in row
    assert "Provision planned against delivered, per element" in english.text
    assert provision["calendar"] in english.text
