"""Who may see and do what with a disputes case (issue 16): the learner registry's
relationships and the case's own facts, asked of the one access policy. A write never creates
access the facts do not give; whatever the caller may not see answers the one 404."""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from disputes.main import create_app
from disputes.settings import Settings
from llwybr.access import REFUSAL_HEADER
from llwybr.problems import NOT_FOUND_DETAIL
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, started_client

from .learners import caught_up, registered
from .test_flow_stack import decide

LA = "la:665"
OTHER_LA = ActingAs("la:666")
LOOKING_AFTER = "la:670"
SCHOOL = "school:6652001"
TRIBUNAL = ActingAs("tribunal:etw")
LEARNER = "3f1c2b9e-learner"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    async with started_client(create_app(Settings(runtime=runtime)), "disputes", LA) as c:
        registered(c, LEARNER, LA, enrolled_at=(SCHOOL,))
        yield c


def stored_events(client: httpx.AsyncClient) -> int:
    app: Any = client.app  # type: ignore[attr-defined]
    return int(app.state.application.recorder.max_notification_id() or 0)


async def created(client: httpx.AsyncClient, url: str, body: dict[str, Any], **kw: Any) -> str:
    response = await client.post(url, json=body, **kw)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def the_one_404(response: httpx.Response) -> None:
    """The answer for a case the caller may not see, identical to one that does not exist."""
    assert response.status_code == 404, response.text
    body = response.json()
    assert (body["title"], body["detail"]) == ("Not Found", NOT_FOUND_DETAIL)
    assert body["type"].endswith("/not-found")
    assert response.headers[REFUSAL_HEADER] == "not-found"


def refused(response: httpx.Response, reason: str) -> None:
    """A 403 for a caller who may see the case, with the reason the access audit records."""
    assert response.status_code == 403, response.text
    assert response.json()["type"].endswith(f"/{reason}")
    assert response.headers[REFUSAL_HEADER] == reason


def disagreement(learner_id: str = LEARNER, **changes: Any) -> dict[str, Any]:
    return {"learner_id": learner_id, "opened_on": "2026-04-20",
            "arrangements": "Commissioned independent mediation",
            "facilitator": {"name": "A. Mediator", "organisation": "Mediation Cymru"},
            "parties": [{"name": "Parent", "role": "family"},
                        {"name": "Head teacher", "role": "school", "organisation": SCHOOL}],
            **changes}  # fmt: skip


def advocacy(learner_id: str = LEARNER) -> dict[str, Any]:
    return {"learner_id": learner_id, "for_person": "child", "requested_by": "Parent",
            "requested_on": "2026-04-21"}  # fmt: skip


def reconsideration(learner_id: str = LEARNER, **changes: Any) -> dict[str, Any]:
    return {"kind": "R1", "learner_id": learner_id, "subject_id": str(uuid.uuid4()),
            "school": SCHOOL, "decided_by_kind": "school", "requested_by_kind": "family",
            "requested_by": "Parent", "requested_on": "2026-04-01", **changes}  # fmt: skip


def appeal(learner_id: str = LEARNER, **changes: Any) -> dict[str, Any]:
    return {"learner_id": learner_id, "learner_is_young_person": False,
            "appellant_kind": "parent", "appellant": "Parent", "respondent": LA,
            "matter": "whether_aln", "notice_given_on": "2026-05-01",
            "lodged_on": "2026-05-20", **changes}  # fmt: skip


async def test_another_la_cannot_open_a_case_for_a_learner_not_its_own_and_reads_nothing(
    client: httpx.AsyncClient,
) -> None:
    """Issue 16: another LA opened a disagreement resolution case for a learner who was not its
    own (201), and then read what others recorded about the child."""
    the_one_404(await client.post("/v1/disagreement-resolutions", json=disagreement(),
                                  auth=OTHER_LA))  # fmt: skip
    the_one_404(await client.post("/v1/advocacy", json=advocacy(), auth=OTHER_LA))
    assert stored_events(client) == 1  # the registry's facts only
    own = await created(client, "/v1/disagreement-resolutions", disagreement())
    the_one_404(await client.get(f"/v1/disagreement-resolutions/{own}", auth=OTHER_LA))
    caught_up(client)
    for url in ("/v1/disputes/local-authorities/la:666/open",
                f"/v1/disputes/local-authorities/{LA}/open",
                f"/v1/disputes/local-authorities/{LA}/outcomes"):  # fmt: skip
        answer = await client.get(url, auth=OTHER_LA)
        assert (answer.status_code, answer.json()) == (200, []), url


async def test_before_the_registrys_facts_arrive_no_case_is_opened_and_the_la_is_told_to_retry(
    client: httpx.AsyncClient,
) -> None:
    early = await client.post("/v1/disagreement-resolutions", json=disagreement("new-learner"))
    the_one_404(early)
    assert early.headers["Retry-After"] == "5"
    the_one_404(await client.post("/v1/advocacy", json=advocacy("new-learner")))
    registered(client, "new-learner", LA)
    await created(client, "/v1/disagreement-resolutions", disagreement("new-learner"))
    await created(client, "/v1/advocacy", advocacy("new-learner"))


async def test_the_la_looking_after_opens_cases_and_sees_its_learners_cases(
    client: httpx.AsyncClient,
) -> None:
    registered(client, LEARNER, LA, looking_after=LOOKING_AFTER, enrolled_at=(SCHOOL,))
    looking_after = ActingAs(LOOKING_AFTER)
    dispute = await created(client, "/v1/disagreement-resolutions", disagreement(),
                            auth=looking_after)  # fmt: skip
    request = await created(client, "/v1/reconsiderations", reconsideration())
    assert (await client.get(f"/v1/reconsiderations/{request}", auth=looking_after)).is_success
    # it reads the home LA's reconsideration; deciding it is the home LA's (s.26)
    decision = {"decided_on": "2026-05-01", "outcome": "has_aln", "reasons": "ALP"}
    refused(await client.post(f"/v1/reconsiderations/{request}/decision", json=decision,
                              auth=looking_after), "not-the-keeper")  # fmt: skip
    caught_up(client)
    url = f"/v1/disputes/local-authorities/{LOOKING_AFTER}/open"
    rows = (await client.get(url, auth=looking_after)).json()
    assert {r["case_id"] for r in rows} == {dispute, request}
    home = (await client.get(f"/v1/disputes/local-authorities/{LA}/open")).json()
    assert {r["case_id"] for r in home} == {dispute, request}


async def test_a_reconsideration_is_recorded_by_the_la_responsible_for_the_learner(
    client: httpx.AsyncClient,
) -> None:
    """Not the LA the school's number starts with: the registry says who is responsible."""
    registered(client, "moved-learner", LOOKING_AFTER, enrolled_at=(SCHOOL,))
    the_one_404(await client.post("/v1/reconsiderations",
                                  json=reconsideration("moved-learner")))  # fmt: skip
    responsible = ActingAs(LOOKING_AFTER)
    case = await created(client, "/v1/reconsiderations", reconsideration("moved-learner"),
                         auth=responsible)  # fmt: skip
    body = (await client.get(f"/v1/reconsiderations/{case}", auth=responsible)).json()
    assert body["local_authority"] == LOOKING_AFTER
    the_one_404(await client.get(f"/v1/reconsiderations/{case}"))
    school = await client.get(f"/v1/reconsiderations/{case}", auth=ActingAs(SCHOOL))
    assert school.is_success  # the school whose decision it is, a party
    the_one_404(await client.get(f"/v1/reconsiderations/{case}", auth=ActingAs("school:6652002")))


async def test_before_the_registrys_facts_arrive_another_la_is_told_to_retry_a_request(
    client: httpx.AsyncClient,
) -> None:
    """Until the registry's facts arrive every LA, the one whose number the school's starts
    with too, gets the one 404 with Retry-After: who reconsiders is the registry's fact, never
    derived from the school's number (issue #18); once it says who is responsible, that LA
    records it."""
    for la in (ActingAs(LOOKING_AFTER), ActingAs(LA)):
        early = await client.post("/v1/reconsiderations", json=reconsideration("new-learner"),
                                  auth=la)  # fmt: skip
        the_one_404(early)
        assert early.headers["Retry-After"] == "5"
    registered(client, "new-learner", LOOKING_AFTER)
    await created(client, "/v1/reconsiderations", reconsideration("new-learner"),
                  auth=ActingAs(LOOKING_AFTER))  # fmt: skip


async def test_an_appeal_against_a_reconsideration_never_decided_is_refused(
    client: httpx.AsyncClient,
) -> None:
    case = await created(client, "/v1/reconsiderations", reconsideration())
    before = stored_events(client)
    against = appeal(matter="la_reconsideration_decision", reconsideration_id=case)
    response = await client.post("/v1/appeals", json=against, auth=TRIBUNAL)
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("/not-decided")
    assert stored_events(client) == before
    unknown = {**against, "reconsideration_id": str(uuid.uuid4())}
    the_one_404(await client.post("/v1/appeals", json=unknown, auth=TRIBUNAL))


async def test_auditors_read_their_jurisdiction_only(client: httpx.AsyncClient) -> None:
    lodged = await created(client, "/v1/appeals", appeal(), auth=TRIBUNAL)
    dispute = await created(client, "/v1/disagreement-resolutions", disagreement())
    own, other = ActingAs("auditor:665"), ActingAs("auditor:670")
    for url in (f"/v1/appeals/{lodged}", f"/v1/disagreement-resolutions/{dispute}"):
        assert (await client.get(url, auth=own)).is_success, url
        assert (await client.get(url, auth=ActingAs("auditor:wales"))).is_success, url
        the_one_404(await client.get(url, auth=other))
    refused(await client.post("/v1/disagreement-resolutions", json=disagreement(), auth=own),
            "read-only")  # fmt: skip
    caught_up(client)
    url = f"/v1/disputes/local-authorities/{LA}/open"
    assert {r["case_id"] for r in (await client.get(url, auth=own)).json()} == {lodged, dispute}
    assert (await client.get(url, auth=other)).json() == []


async def test_only_the_tribunal_decides_and_the_body_ordered_complies_with_a_reason(
    client: httpx.AsyncClient,
) -> None:
    lodged = await created(client, "/v1/appeals", appeal(), auth=TRIBUNAL)
    acknowledged = await client.post(f"/v1/appeals/{lodged}/acknowledgement", json={
        "acknowledged_on": "2026-05-22", "tribunal_reference": "ETW/1"}, auth=TRIBUNAL)  # fmt: skip
    assert acknowledged.is_success, acknowledged.text
    decision = {"decided_on": "2026-08-01", "outcome": "orders",
                "orders": [{"order_id": "o1", "kind": "maintain_idp", "addressed_to": LA,
                            "wording": "Maintain the IDP"}]}  # fmt: skip
    refused(await client.post(f"/v1/appeals/{lodged}/decision", json=decision), "tribunal-only")
    the_one_404(await client.post(f"/v1/appeals/{lodged}/decision", json=decision,
                                  auth=OTHER_LA))  # fmt: skip
    assert (await client.post(f"/v1/appeals/{lodged}/decision", json=decision,
                              auth=TRIBUNAL)).is_success  # fmt: skip
    compliance = {"complied_on": "2026-08-05", "evidence": "Maintained"}
    url = f"/v1/appeals/{lodged}/orders/o1/compliance"
    refused(await client.post(url, json=compliance, auth=TRIBUNAL), "not-ordered")
    the_one_404(await client.post(f"/v1/appeals/{lodged}/orders/o9/compliance", json=compliance))
    assert (await client.post(url, json=compliance)).is_success


async def test_not_yours_and_does_not_exist_are_the_same_404_on_every_case(
    client: httpx.AsyncClient,
) -> None:
    cases = {
        "reconsiderations": await created(client, "/v1/reconsiderations", reconsideration()),
        "appeals": await created(client, "/v1/appeals", appeal(), auth=TRIBUNAL),
        "disagreement-resolutions": await created(
            client, "/v1/disagreement-resolutions", disagreement()
        ),
        "advocacy": await created(client, "/v1/advocacy", advocacy()),
    }
    for kind, case_id in cases.items():
        the_one_404(await client.get(f"/v1/{kind}/{case_id}", auth=OTHER_LA))
        the_one_404(await client.get(f"/v1/{kind}/{uuid.uuid4()}"))
    # a case of another kind, named as if it were this kind, does not exist either
    the_one_404(await client.get(f"/v1/appeals/{cases['advocacy']}"))


async def test_the_nhs_body_recommended_to_reads_the_appeal_and_reports_and_no_other(
    client: httpx.AsyncClient,
) -> None:
    trust, other = ActingAs("nhs:7A4BV"), ActingAs("lhb:7A1")
    lodged = await created(client, "/v1/appeals", appeal(), auth=TRIBUNAL)
    the_one_404(await client.get(f"/v1/appeals/{lodged}", auth=trust))  # not yet recommended
    acknowledged = await client.post(f"/v1/appeals/{lodged}/acknowledgement", json={
        "acknowledged_on": "2026-05-22", "tribunal_reference": "ETW/2"}, auth=TRIBUNAL)  # fmt: skip
    assert acknowledged.is_success, acknowledged.text
    decided = await client.post(f"/v1/appeals/{lodged}/decision", auth=TRIBUNAL, json={
        "decided_on": "2026-08-01", "outcome": "dismissed",
        "recommendations": [{"recommendation_id": "r1", "nhs_body": "nhs:7A4BV",
                             "wording": "Speech therapy"}]})  # fmt: skip
    assert decided.is_success, decided.text
    assert (await client.get(f"/v1/appeals/{lodged}", auth=trust)).is_success
    the_one_404(await client.get(f"/v1/appeals/{lodged}", auth=other))
    report = {"reported_on": "2026-08-10", "report": "Arranged"}
    url = f"/v1/appeals/{lodged}/recommendations/r1/report"
    the_one_404(await client.post(url, json=report, auth=other))
    refused(await client.post(url, json=report), "not-recommended")  # the respondent LA
    assert (await client.post(url, json=report, auth=trust)).is_success


async def test_advocacy_names_only_a_related_case_of_the_same_learner_the_la_may_see(
    client: httpx.AsyncClient,
) -> None:
    registered(client, "other-learner", "la:666")
    theirs = await created(client, "/v1/advocacy", advocacy("other-learner"), auth=OTHER_LA)
    the_one_404(await client.post("/v1/advocacy",
                                  json={**advocacy(), "related_case_id": theirs}))  # fmt: skip
    registered(client, "sibling", LA)
    sibling = await created(client, "/v1/advocacy", advocacy("sibling"))
    about_another = await client.post("/v1/advocacy", json={**advocacy(),
                                                           "related_case_id": sibling})  # fmt: skip
    assert about_another.status_code == 422, about_another.text
    assert about_another.json()["type"].endswith("/facts-differ")


async def test_the_la_responsible_records_a_young_persons_request_to_take_over_an_feis_idp(
    client: httpx.AsyncClient,
) -> None:
    """Issue #18: R3 covers FEIs (s.28(1)(a)); the FEI is a party and sees the case, and the
    LA's decision to take the plan over is published naming it."""
    fei = "fei:10001234"
    registered(client, "student", LA, enrolled_at=(fei,))
    plan = uuid.uuid4()
    request = reconsideration("student", kind="R3", subject_id=str(plan), school=fei,
                              decided_by_kind="fei")  # fmt: skip
    refused_body = {**request, "requested_by_kind": "governing_body"}
    response = await client.post("/v1/reconsiderations", json=refused_body, auth=ActingAs(fei))
    assert response.status_code == 422, response.text  # only the family asks for an FEI's plan
    case = await decide(client, request, "taken_over")
    seen = (await client.get(f"/v1/reconsiderations/{case}", auth=ActingAs(fei))).json()
    assert (seen["school"], seen["decision"]["outcome"]) == (fei, "taken_over")
