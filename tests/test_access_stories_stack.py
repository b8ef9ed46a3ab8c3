"""Who may see a child (issue #16, ADR 0015): each story of the issue end to end, through the
gateway of a stack (real PostgreSQL and Kafka). The intruder gets nothing of anyone else's, no
notice goes to an address it entered, and every refusal is in the access audit as ``denied``.

Each test makes its own learners; the organisations are in ``access_stories``.
"""

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.authz import ROLE_SCOPES, required_scope
from idp.domain.state import legacy_idp_id

from .access_fixtures import callers_fixture, outbox_fixture, stack_fixture  # noqa: F401
from .access_stories import (
    AUDITOR,
    FEI,
    HEALTH_BOARD,
    HOME_SCHOOL,
    LA,
    LEARNER_FOLLOWERS,
    LOOKING_AFTER_LA,
    NHS_TRUST,
    OPINIONS,
    SECOND_AUDITOR,
    SECOND_HEALTH_BOARD,
    SECOND_LA,
    SECOND_SCHOOL,
    SYSTEM,
    TRIBUNAL,
    WALES_AUDITOR,
    Callers,
    advocacy,
    as_told,
    assert_denied,
    assert_not_leaked,
    assert_the_one_404,
    audit_rows,
    concern,
    days_ago,
    decision,
    disagreement_case,
    emails_to,
    new_upn,
    ok,
    parents,
    plan_of,
    pupil,
    raised,
    recorded_opinion,
    register_contacts,
    today,
    under_five_with_parent,
    until,
    withdraw,
)
from .stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]


# -- one learner identity --------------------------------------------------------------------


def test_the_server_assigns_the_learner_id_and_the_registry_reads_it(callers: Callers) -> None:
    learner = pupil()
    case_id, learner_id = raised(callers, concern(learner))
    assert learner_id not in (learner["upn"], str(uuid.uuid5(uuid.NAMESPACE_URL,
                                                             f"upn:{learner['upn']}")))  # fmt: skip
    school = callers(HOME_SCHOOL)
    assert ok(school.get(f"/v1/determinations/{case_id}"))["learner"]["learner_id"] == learner_id
    assert ok(school.get(f"/v1/learners/{learner_id}"))["learner_id"] == learner_id


def test_a_learner_id_the_server_never_assigned_is_refused(callers: Callers) -> None:
    invented = pupil(learner_id=f"learner-{uuid.uuid4().hex[:8]}")
    refused = callers(HOME_SCHOOL).post("/v1/determinations", json=concern(invented))
    assert refused.status_code in (404, 422), refused.text
    if refused.status_code == 404:
        assert_the_one_404(refused)


def test_a_learner_named_again_by_id_upn_or_local_id_is_the_same_learner(callers: Callers) -> None:
    school = callers(HOME_SCHOOL)
    learner = pupil(local_id=f"MIS-{uuid.uuid4().hex[:8]}")
    case_id, learner_id = raised(callers, concern(learner))
    without_upn = {k: v for k, v in learner.items() if k != "upn"}
    for again in ({**learner, "learner_id": learner_id}, learner, without_upn):
        withdraw(school, case_id)
        case_id, named = raised(callers, concern(again))
        assert named == learner_id, again


def test_two_settings_with_the_same_local_id_name_two_learners(callers: Callers) -> None:
    local_id = f"MIS-{uuid.uuid4().hex[:8]}"  # the two MIS systems' ids collide
    home = {k: v for k, v in pupil(local_id=local_id).items() if k != "upn"}
    other = {**home, "given_name": "Osian", "setting_id": SECOND_SCHOOL.partition(":")[2]}
    home_case, home_learner = raised(callers, concern(home))
    _, other_learner = raised(callers, concern(other, SECOND_SCHOOL), SECOND_SCHOOL)
    assert home_learner != other_learner
    intruder = callers(SECOND_SCHOOL)
    assert_the_one_404(intruder.get(f"/v1/determinations/{home_case}"),
                       intruder.get(f"/v1/learners/{home_learner}"))  # fmt: skip


def test_a_second_concern_while_one_is_open_gets_409_naming_the_open_case(
    callers: Callers,
) -> None:
    learner = pupil()
    case_id, learner_id = raised(callers, concern(learner))
    school = callers(HOME_SCHOOL)
    for again in (learner, {**learner, "learner_id": learner_id}):
        refused = school.post("/v1/determinations", json=concern(again))
        assert refused.status_code == 409, refused.text
        assert refused.json()["type"].endswith("open-determination")
        assert refused.json()["determination_id"] == case_id


@pytest.mark.timeout(900)  # two syncs of 1,000 on a machine other tests share
def test_a_repeated_bulk_sync_of_1000_learners_creates_nothing_the_second_time(
    callers: Callers,
) -> None:
    sync = {"items": [concern(pupil()) for _ in range(1000)]}
    school, answers = callers(HOME_SCHOOL), []
    for _ in range(2):  # the shared gateway waits up to SERVICE_TIMEOUT_SECONDS (conftest)
        started = time.monotonic()
        answers.append(ok(school.post("/v1/determinations/bulk", json=sync, timeout=310)))
        print(f"a bulk sync of 1,000: {time.monotonic() - started:.1f} s")  # a figure
    first, again = answers
    assert first["created"] == 1000, [r for r in first["results"] if r["status"] != 201][:3]
    assert again["created"] == 0
    assert len(again["results"]) == 1000
    assert {r["status"] for r in again["results"]} == {"existing"}


# -- the learner takeover --------------------------------------------------------------------


def test_a_school_naming_another_schools_pupil_gains_nothing_and_the_notice_goes_to_the_parent(
    callers: Callers, outbox: Path
) -> None:
    """School B (the learner's own) raises a concern and registers the parent; school A tries
    all the issue lists; B's decision notice goes to the address B registered."""
    suffix = uuid.uuid4().hex[:8]
    parent, impostor = f"sian-{suffix}@example.org", f"impostor-{suffix}@example.org"
    learner = pupil()
    case_id, learner_id = raised(callers, concern(learner))
    school, intruder = callers(HOME_SCHOOL), callers(SECOND_SCHOOL)
    register_contacts(school, learner_id, parent)

    own_setting = {"setting_id": SECOND_SCHOOL.partition(":")[2]}
    by_upn = intruder.post("/v1/determinations",
                           json=concern({**learner, **own_setting}, SECOND_SCHOOL))  # fmt: skip
    assert by_upn.status_code == 409, by_upn.text
    assert by_upn.json()["type"].endswith("enrolled-elsewhere")
    by_id = intruder.post("/v1/determinations", json=concern(
        {**learner, **own_setting, "learner_id": learner_id}, SECOND_SCHOOL))  # fmt: skip
    assert by_id.status_code in (404, 409), by_id.text
    contacts = f"/v1/contacts/learners/{learner_id}"
    probes = [
        intruder.get(contacts),  # the service knows the learner: B's registration was taken
        intruder.put(contacts, json=parents(impostor, "Impostor")),
        intruder.get(f"/v1/determinations/{case_id}"),
        intruder.get(f"/v1/learners/{learner_id}"),
        intruder.post(f"/v1/determinations/{case_id}/decision", json=decision(SECOND_SCHOOL)),
    ]
    assert_the_one_404(*probes)
    for response in (by_upn, by_id, *probes):
        assert_not_leaked(response, case_id, parent, "Siân")
    cases = ok(intruder.get("/v1/determinations"))["items"]
    assert case_id not in {c["determination_id"] for c in cases}

    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision(has_aln=False)))

    def parent_notices() -> list[dict[str, Any]]:
        items = school.get("/v1/notices", params={"learner_id": learner_id}).json()["items"]
        return [n for n in items if n["recipient_role"] == "parent" and n["status"] == "given"]

    notices = until(parent_notices, what="the decision notice given to the parent")
    assert {n["recipient_address"] for n in notices} == {parent}
    assert until(lambda: emails_to(outbox, parent), what="the parent's email")
    assert emails_to(outbox, impostor) == []
    listed = intruder.get("/v1/notices", params={"learner_id": learner_id})
    assert listed.status_code == 404 or listed.json()["items"] == [], listed.text
    notice = f"/v1/notices/{notices[0]['notice_id']}"
    later = [intruder.get(notice), intruder.post(f"{notice}/redelivery")]
    assert_the_one_404(*later)
    # Wrexham's auditor sees the probing of its learner's records; the administrator sees
    # every refusal, the naming of another school's pupil too
    assert_denied(callers(AUDITOR), SECOND_SCHOOL, [by_id, *probes, *later])
    assert_denied(callers(SYSTEM), SECOND_SCHOOL, [by_upn])


def test_not_yours_and_does_not_exist_get_the_same_404_from_every_organisation(
    callers: Callers,
) -> None:
    learner = pupil()
    case_id, learner_id = raised(callers, concern(learner))
    school = callers(HOME_SCHOOL)
    register_contacts(school, learner_id, f"sian-{uuid.uuid4().hex[:8]}@example.org")
    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision()))
    plan_id = plan_of(school, learner_id)["id"]
    assert plan_id != str(legacy_idp_id(learner_id))  # nothing to derive from the learner id
    paths = [
        "/v1/determinations/{case}", "/v1/idps/{plan}", "/v1/contacts/learners/{learner}",
        "/v1/learners/{learner}", "/v1/audit/learners/{learner}/timeline",
        "/v1/audit/determination/aggregates/{case}", "/v1/audit/learners/{learner}/bundle",
        "/v1/learners/by-upn/{upn}",
    ]  # fmt: skip
    theirs = {"case": case_id, "plan": plan_id, "learner": learner_id, "upn": learner["upn"]}
    for organisation in (SECOND_SCHOOL, SECOND_LA, FEI, SECOND_HEALTH_BOARD, NHS_TRUST,
                         SECOND_AUDITOR):  # fmt: skip
        client, refusals = callers(organisation), []
        for path in paths:
            scope = required_scope("GET", path.format(**theirs))
            if scope not in ROLE_SCOPES.get(organisation.partition(":")[0], ()):
                continue  # the gateway refuses by scope alike, whoever's the record
            nobody = {"case": str(uuid.uuid4()), "plan": str(uuid.uuid4()),
                      "learner": str(uuid.uuid4()), "upn": new_upn()}  # fmt: skip
            refused = client.get(path.format(**theirs))
            assert_the_one_404(refused, client.get(path.format(**nobody)))
            refusals.append(refused)
        if "idps:read" in ROLE_SCOPES[organisation.partition(":")[0]]:  # has the child a plan?
            listed = client.get("/v1/idps", params={"learner_id": learner_id})
            assert ok(listed)["items"] == [], listed.text
        assert_denied(callers(AUDITOR), organisation, refusals)


# -- contacts --------------------------------------------------------------------------------


def test_contacts_are_read_only_by_those_who_send_the_learner_notices(callers: Callers) -> None:
    parent = f"sian-{uuid.uuid4().hex[:8]}@example.org"
    case_id, learner_id = raised(callers, concern(pupil()))
    url = f"/v1/contacts/learners/{learner_id}"
    register_contacts(callers(HOME_SCHOOL), learner_id, parent)  # the deciding body
    for reader in (HOME_SCHOOL, LA, AUDITOR):  # the responsible LA; auditors read
        read = as_told(lambda: callers(reader).get(url))  # noqa: B023 - called at once
        assert [p["email"] for p in ok(read)["parties"]] == [parent], reader
    written = callers(AUDITOR).put(url, json=parents("auditor@example.org"))
    assert written.status_code == 403, written.text
    strangers = [callers(o).get(url) for o in (SECOND_SCHOOL, SECOND_LA, FEI, SECOND_HEALTH_BOARD)]
    assert_the_one_404(*strangers)
    # a health board asked for evidence works on the case, but sends no notices
    ok(callers(HOME_SCHOOL).post(f"/v1/determinations/{case_id}/evidence-requests", json={
        "request_id": "ep1", "from_organisation": HEALTH_BOARD,
        "description": "Educational psychologist's report", "requested_on": today()}))  # fmt: skip
    asked = callers(HEALTH_BOARD).get(url)
    assert asked.status_code in (403, 404), asked.text
    assert_not_leaked(asked, parent)
    auditor = callers(AUDITOR)
    assert_denied(callers(SYSTEM), AUDITOR, [written])  # by scope: no record touched
    for organisation, response in zip((SECOND_SCHOOL, SECOND_LA, FEI, SECOND_HEALTH_BOARD),
                                      strangers, strict=True):  # fmt: skip
        assert_denied(auditor, organisation, [response])
    assert_denied(auditor, HEALTH_BOARD, [asked])


def test_contacts_are_registrable_straight_after_the_concern_is_acknowledged(
    callers: Callers,
) -> None:
    """Read your own writes: the school registers the parents the moment it has the 201. The
    service waits for the concern to reach it; past that wait it answers the one 404 with
    ``Retry-After`` (never a bare 404), and asked again as told it registers them."""
    school = callers(HOME_SCHOOL)
    for _ in range(5):
        _, learner_id = raised(callers, concern(pupil()))
        url, parent = f"/v1/contacts/learners/{learner_id}", f"sian-{uuid.uuid4().hex[:8]}@x.org"
        first = school.put(url, json=parents(parent))
        if first.status_code != 200:
            assert first.status_code in (404, 409, 503), first.text
            assert first.headers.get("retry-after"), first.headers
            first = as_told(lambda: school.put(url, json=parents(parent)), timeout=30)  # noqa: B023
        assert [p["email"] for p in ok(first)["parties"]] == [parent]


# -- any write no longer creates access ------------------------------------------------------


def test_another_la_may_not_open_disagreement_resolution_or_advocacy_for_a_learner_not_its_own(
    callers: Callers, outbox: Path
) -> None:
    """Nor, through them, reach the parents' contacts or the decision notice waiting for them."""
    suffix = uuid.uuid4().hex[:8]
    parent, impostor = f"sian-{suffix}@example.org", f"powys-{suffix}@example.org"
    case_id, learner_id = raised(callers, concern(pupil()))
    school = callers(HOME_SCHOOL)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision(has_aln=False)))
    case = disagreement_case(learner_id)
    # The learner's own LA may: the disputes service knows the learner.
    assert as_told(lambda: callers(LA).post("/v1/disagreement-resolutions", json=case)).is_success
    other, contacts = callers(SECOND_LA), f"/v1/contacts/learners/{learner_id}"
    refusals = [
        other.post("/v1/disagreement-resolutions", json=case),
        other.post("/v1/advocacy", json=advocacy(learner_id)),
        other.get(contacts),
        other.put(contacts, json=parents(impostor, "Impostor")),
    ]

    def to_parent(status: str) -> list[dict[str, Any]]:
        items = school.get("/v1/notices", params={"learner_id": learner_id}).json()["items"]
        return [n for n in items if n["recipient_role"] == "parent" and n["status"] == status]

    [waiting] = until(lambda: to_parent("escalated"), what="the notice waiting for a parent")
    listed = other.get("/v1/notices", params={"learner_id": learner_id})
    assert listed.status_code == 404 or listed.json()["items"] == [], listed.text
    notice = f"/v1/notices/{waiting['notice_id']}"
    refusals += [other.get(notice), other.post(f"{notice}/redelivery")]
    assert_the_one_404(*refusals)
    register_contacts(school, learner_id, parent)
    given = until(lambda: to_parent("given"), what="the waiting notice given to the parent")
    assert {n["recipient_address"] for n in given} == {parent}
    assert emails_to(outbox, impostor) == []
    assert_denied(callers(AUDITOR), SECOND_LA, refusals)


def test_a_health_body_opinion_on_a_child_of_compulsory_school_age_is_refused(
    callers: Callers,
) -> None:
    _, learner_id = raised(callers, concern(pupil(date_of_birth="2018-05-02")))
    opinion = {"learner_id": learner_id, "local_authority": LA, "formed_on": days_ago(1),
               "officer": {"name": "Dr Angharad Rees"}}  # fmt: skip
    refused = as_told(lambda: callers(HEALTH_BOARD).post(OPINIONS, json=opinion))
    assert refused.status_code == 422, refused.text


def test_a_health_body_opinion_reveals_none_of_the_parents_recorded(callers: Callers) -> None:
    learner_id, parent = under_five_with_parent(callers)
    trust = callers(NHS_TRUST)
    recorded = recorded_opinion(trust, learner_id)
    assert recorded.status_code == 201, recorded.text
    read = trust.get(f"{OPINIONS}/{recorded.json()['opinion_id']}")
    for answer in (recorded, read):
        assert_not_leaked(answer, parent, "Siân", "Jones")
    # The opinion relates the trust to the child as a health body: it may know the child
    # exists, but the parents' contacts are for those who send notices (ADR 0015).
    contacts = trust.get(f"/v1/contacts/learners/{learner_id}")
    assert contacts.status_code == 403, contacts.text
    assert_not_leaked(contacts, parent, "Siân", "Jones")


async def test_of_twenty_parallel_requests_to_tell_the_la_exactly_one_is_answered_201(
    callers: Callers,
) -> None:
    learner_id, _ = under_five_with_parent(callers)
    board = callers(HEALTH_BOARD)
    recorded = recorded_opinion(board, learner_id)
    assert recorded.status_code == 201, recorded.text
    url = f"{OPINIONS}/{recorded.json()['opinion_id']}"

    def parent_told() -> bool:
        notices = ok(board.get(url))["notices"]
        return any(n["recipient_role"] == "parent" and n["status"] == "given" for n in notices)

    until(parent_told, what="the parent told of the opinion")
    async with httpx.AsyncClient(
        base_url=str(board.base_url), headers=dict(board.headers), timeout=60
    ) as client:
        answers = await asyncio.gather(*(
            client.post(f"{url}/local-authority", json={"discussed_on": today()})
            for _ in range(20)
        ))  # fmt: skip
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * 19, statuses


def test_another_la_may_not_open_a_plan_and_the_plan_from_the_decision_has_its_deadline(
    stack: Stack, callers: Callers
) -> None:
    case_id, learner_id = raised(callers, concern(pupil()))
    register_contacts(callers(HOME_SCHOOL), learner_id, f"sian-{uuid.uuid4().hex[:8]}@example.org")
    stack.wait_caught_up(LEARNER_FOLLOWERS)  # the IDP service knows the learner
    opened = callers(SECOND_LA).post("/v1/idps", json={
        "learner_id": learner_id, "opened_on": today(),
        "maintainer": {"kind": "local_authority", "organisation": SECOND_LA}})  # fmt: skip
    assert opened.status_code in (403, 404), opened.text
    if opened.status_code == 404:
        assert_the_one_404(opened)
    school = callers(HOME_SCHOOL)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision()))
    plan = plan_of(school, learner_id)
    assert plan["maintainer"]["organisation"] == HOME_SCHOOL
    assert plan["deadlines"]["preparation"]["due_on"], plan["deadlines"]
    assert_the_one_404(callers(SECOND_LA).get(f"/v1/idps/{plan['id']}"))
    assert_denied(callers(AUDITOR), SECOND_LA, [opened])


def test_a_plan_is_not_taken_over_by_an_la_that_is_not_the_learners(callers: Callers) -> None:
    case_id, learner_id = raised(callers, concern(pupil()))
    school = callers(HOME_SCHOOL)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision()))
    plan_id = plan_of(school, learner_id)["id"]
    moved = school.post(f"/v1/idps/{plan_id}/transfers", json={
        "to": {"kind": "local_authority", "organisation": SECOND_LA},
        "reason": "la_take_over", "transferred_on": today()})  # fmt: skip
    assert moved.status_code == 403, moved.text
    assert_the_one_404(callers(SECOND_LA).get(f"/v1/idps/{plan_id}"))
    assert ok(school.get(f"/v1/idps/{plan_id}"))["maintainer"]["organisation"] == HOME_SCHOOL
    assert_denied(callers(AUDITOR), HOME_SCHOOL, [moved])


def test_an_appeal_citing_a_reconsideration_never_decided_is_refused(callers: Callers) -> None:
    case_id, learner_id = raised(callers, concern(pupil()))
    school = callers(HOME_SCHOOL)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision(has_aln=False)))
    reconsideration = {
        "kind": "R1", "learner_id": learner_id, "subject_id": case_id, "school": HOME_SCHOOL,
        "decided_by_kind": "school", "requested_by_kind": "family",
        "requested_by": "Parent of Cerys", "requested_on": today(),
    }  # fmt: skip

    def asked_for() -> httpx.Response | None:  # once the decision has reached the service
        response = callers(LA).post("/v1/reconsiderations", json=reconsideration)
        return response if response.is_success else None

    asked = until(asked_for, what="the reconsideration asked for")
    lodged = callers(TRIBUNAL).post("/v1/appeals", json={
        "learner_id": learner_id, "learner_is_young_person": False, "appellant_kind": "parent",
        "appellant": "Parent of Cerys", "respondent": LA,
        "matter": "la_reconsideration_decision", "reconsideration_id": asked.json()["id"],
        "lodged_on": today()})  # fmt: skip
    assert lodged.status_code == 422, lodged.text


# -- auditors and the LA looking after -------------------------------------------------------


def test_an_auditor_reads_only_its_jurisdiction(callers: Callers) -> None:
    case_id, learner_id = raised(callers, concern(pupil()))
    ok(callers(HOME_SCHOOL).post(f"/v1/determinations/{case_id}/decision", json=decision()))
    history = [f"/v1/audit/learners/{learner_id}/timeline",
               f"/v1/audit/determination/aggregates/{case_id}",
               f"/v1/audit/learners/{learner_id}/bundle"]  # fmt: skip
    wrexham, powys = callers(AUDITOR), callers(SECOND_AUDITOR)
    until(lambda: wrexham.get(history[0]).json().get("items"), what="the learner's timeline")
    seen = [wrexham.get(path) for path in history]
    assert [r.status_code for r in seen] == [200, 200, 200], [r.text[:300] for r in seen]
    assert callers(WALES_AUDITOR).get(history[0]).status_code == 200  # every LA's
    refused = [powys.get(path) for path in history]
    refused.append(powys.get(f"/v1/determinations/{case_id}"))
    assert_the_one_404(*refused)
    assert_denied(wrexham, SECOND_AUDITOR, refused)
    wrexham_requests = {r.headers["x-request-id"] for r in seen}
    visible = audit_rows(powys, AUDITOR)
    assert not wrexham_requests & set(visible)
    assert case_id not in {row["resource_id"] for row in audit_rows(powys, HOME_SCHOOL).values()}


def test_the_la_looking_after_a_child_finds_the_case(callers: Callers) -> None:
    number = LOOKING_AFTER_LA.partition(":")[2]
    looked_after = pupil(looked_after=True, looking_after_authority=number)
    carer = callers(LOOKING_AFTER_LA)
    figures = f"/v1/statistics/local-authorities/{number}"
    before = ok(carer.get(figures))["open_cases"]
    case_id, learner_id = raised(callers, concern(looked_after))

    def ids(items: list[dict[str, Any]]) -> set[str]:
        return {i["determination_id"] for i in items}

    until(lambda: case_id in ids(carer.get("/v1/determinations").json()["items"]),
          what="the case in the looking-after LA's list")  # fmt: skip
    soon = carer.get("/v1/determinations-due-soon", params={"within_days": 120})
    assert case_id in ids(soon.json()), soon.text
    assert case_id in ids(ok(carer.get("/v1/determinations-changes"))["items"])
    assert ok(carer.get(figures))["open_cases"] == before + 1
    # The LA looking after decides (docs/domain.md section 2): it registers and reads the
    # contacts its notices go to.
    register_contacts(carer, learner_id, f"sian-{uuid.uuid4().hex[:8]}@example.org")
    assert ok(as_told(lambda: carer.get(f"/v1/contacts/learners/{learner_id}")))["parties"]


# -- young person ----------------------------------------------------------------------------


def test_an_18_year_old_at_an_fei_is_a_young_person_without_the_flag(callers: Callers) -> None:
    student = pupil(FEI, date_of_birth="2008-03-01")
    case_id, _ = raised(callers, concern(student, FEI), FEI)
    case = ok(callers(FEI).get(f"/v1/determinations/{case_id}"))
    assert case["status"] == "awaiting_consent"
    assert case["learner"]["young_person"] is True


def test_a_young_person_flag_contradicting_the_date_of_birth_is_refused_both_ways(
    callers: Callers,
) -> None:
    child = concern(pupil(date_of_birth="2016-05-02", young_person=True))  # a 10-year-old
    student = concern(pupil(FEI, date_of_birth="2008-03-01", young_person=False), FEI)  # 18
    for by, body in ((HOME_SCHOOL, child), (FEI, student)):
        refused = callers(by).post("/v1/determinations", json=body)
        assert refused.status_code == 422, refused.text
        assert refused.json()["type"].endswith("young-person-conflict")
