"""The case page: found by UPN, its deadlines with their basis, notices (and the one write:
a notice given by post or by hand), plan versions; the one access policy deciding who sees it."""

import asyncio

import pytest

from .console_world import (
    ALP,
    DRAFT,
    OTHER_SCHOOL,
    SCHOOL,
    SCHOOL_ORG,
    UPN,
    Console,
    api_as,
    console,
    csrf_of,
    decided_has_aln,
    escalated_notice,
    until,
    world,
)

__all__ = ["console", "world"]  # the fixtures, shared with the console's page tests

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_find_by_upn_opens_the_case_page(console: Console) -> None:
    await console.sign_in("wrexham-la")
    found = await console.client.get(f"/console/find?upn={UPN.lower()}")
    assert found.status_code == 303
    assert found.headers["location"] == f"/console/learners/{console.learner_id}"
    case = await console.client.get(found.headers["location"])
    assert case.status_code == 200
    assert "Cerys Jones" in case.text
    assert "school:6652001" in case.text  # who owes the decision
    # The basis as the service published it, in Welsh on a Welsh page (the issue corrects the
    # English sentence this page used to show to Welsh readers), in English on an English one.
    assert "35 diwrnod ysgol o 2 Mawrth 2026 dan reol D1" in case.text
    assert "35 school days from 2 March 2026" not in case.text
    english = await console.client.get(found.headers["location"], headers={"Accept-Language": "en"})
    assert "35 school days from 2 March 2026 under D1" in english.text
    assert (await console.client.get("/console/find?upn=nonsense")).status_code == 400
    assert (await console.client.get("/console/find?upn=F665000000018")).status_code == 404


async def test_another_schools_learner_is_the_one_404_and_the_attempt_is_audited(
    console: Console,
) -> None:
    await console.sign_in(OTHER_SCHOOL)
    path = f"/console/learners/{console.learner_id}"
    page = await console.client.get(path)
    assert page.status_code == 404
    assert "Cerys" not in page.text
    rows = [r for r in console.accesses(path) if r["organisation"] == "school:6662001"]
    assert rows
    assert rows[-1]["outcome"] == "denied"
    assert rows[-1]["reason"] == "not-found"
    assert rows[-1]["resource_id"] == console.learner_id


async def test_every_page_view_is_in_the_access_audit(console: Console) -> None:
    await console.sign_in("wrexham-la")
    path = f"/console/learners/{console.learner_id}"
    before = len(console.accesses(path))
    assert (await console.client.get(path)).status_code == 200
    rows = console.accesses(path)
    assert len(rows) == before + 1
    assert rows[-1]["organisation"] == "la:665"
    assert rows[-1]["outcome"] == "granted"
    assert rows[-1]["jurisdiction"] == ["665"]


async def test_an_officer_records_a_posted_notice_and_the_service_decides_the_day(
    console: Console,
) -> None:
    notice = await escalated_notice(console)
    notice_id, learner_id = notice["notice_id"], notice["learner_id"]
    await console.sign_in(SCHOOL)
    case = await console.client.get(f"/console/learners/{learner_id}")
    action = f'action="/console/notices/{notice_id}/given-outside"'
    assert action in case.text
    csrf, path = csrf_of(case.text), f"/console/notices/{notice_id}/given-outside"
    forged = await console.client.post(path, data={"csrf": "forged", "channel": "post",
                                                   "on": "2026-03-23"})  # fmt: skip
    assert forged.status_code == 403
    bad = await console.client.post(path, data={"csrf": csrf, "channel": "pigeon",
                                                "on": "2026-03-23"})  # fmt: skip
    assert bad.status_code == 400
    api = await console.client.get(f"/v1/notices/{notice_id}", headers=notice["headers"])
    assert (api.json()["status"], api.json()["given_on"]) == ("escalated", None)  # unchanged
    # Posted on Monday 23 March: the notices service counts it given on Wednesday 25 March.
    posted = await console.client.post(path, data={"csrf": csrf, "channel": "post",
                                                   "on": "2026-03-23"})  # fmt: skip
    assert posted.status_code == 303, posted.text
    assert posted.headers["location"] == f"/console/learners/{learner_id}#notice-{notice_id}"
    api = await console.client.get(f"/v1/notices/{notice_id}", headers=notice["headers"])
    assert api.json()["given_on"] == "2026-03-25"
    case = await console.client.get(f"/console/learners/{learner_id}")
    assert "2026-03-25" in case.text
    assert action not in case.text  # given now: nothing more to record
    again = await console.client.post(path, data={"csrf": csrf, "channel": "hand",
                                                  "on": "2026-03-24"})  # fmt: skip
    assert again.status_code == 409
    rows = console.accesses(path)
    assert [(r["status"], r["outcome"]) for r in rows] == [
        (403, "denied"), (400, "denied"), (303, "granted"), (409, "failed")
    ]  # fmt: skip  # a conflict is no refusal of access, as in the API's own rows
    assert rows[2]["method"] == "POST"
    assert rows[2]["resource_id"] == learner_id
    assert rows[2]["jurisdiction"] == ["665"]


async def test_the_case_page_lists_plan_versions_with_pdfs_and_open_disputes(
    console: Console,
) -> None:
    learner_id, case_id, school = await decided_has_aln(console, "Gwen")
    api = console.client
    [plan] = await until(console, "/v1/idps", school, learner_id=learner_id)
    path = f"/v1/idps/{plan['idp_id']}"
    for section, body in DRAFT.items():
        assert (await api.put(f"{path}/draft/{section}", json=body, headers=school)).is_success
    assert (await api.post(f"{path}/draft/alp-elements", json=ALP, headers=school)).is_success
    issued = await api.post(
        f"{path}/issue", json={"issued_by": SCHOOL_ORG, "issued_on": "2026-04-17"}, headers=school
    )
    assert issued.is_success, issued.text
    la = await api_as(console, "wrexham-la")
    asked = await api.post("/v1/reconsiderations", headers=la, json={
        "kind": "R1", "learner_id": learner_id, "subject_id": case_id, "school": SCHOOL_ORG,
        "decided_by_kind": "school", "requested_by_kind": "family", "requested_by": "Mair Evans",
        "requested_on": "2026-04-20"})  # fmt: skip
    assert asked.is_success, asked.text
    reconsideration = await api.get(f"/v1/reconsiderations/{asked.json()['id']}", headers=la)
    decision = reconsideration.json()["deadlines"]["decision"]
    await console.sign_in("wrexham-la")
    for _ in range(100):  # the disputes list is a read model: wait until it has the case
        page = await console.client.get(f"/console/learners/{learner_id}")
        if asked.json()["id"] in page.text:
            break
        await asyncio.sleep(0.05)
    pdf = f"/console/learners/{learner_id}/plans/{plan['idp_id']}/versions/1/pdf"
    assert f'href="{pdf}"' in page.text
    assert "2026-04-17" in page.text  # the day version 1 was issued, as frozen
    assert f'id="dispute-{asked.json()["id"]}"' in page.text
    # the LA's time limit to decide, its date and state as the disputes service publishes them
    shown = f'<li class="state-{decision["state"]}">y penderfyniad (D8): {decision["due_on"]}, '
    assert shown in page.text
    downloaded = await console.client.get(pdf)
    assert downloaded.status_code == 200
    assert downloaded.content[:5] == b"%PDF-"
    assert console.accesses(pdf)[-1]["resource_id"] == learner_id
    await console.sign_in(OTHER_SCHOOL)
    assert (await console.client.get(pdf)).status_code == 404
