"""The IDP API: drafting, issuing frozen versions, the review clock, lifecycle rules."""

import io
from datetime import timedelta
from typing import Any

import httpx
from pypdf import PdfReader

from idp.application import IdpService
from llwybr.edge import today_in_wales
from llwybr_testkit import ActingAs, eventually

from .learners import record_learner

SCHOOL = "school:6652001"
LA = "la:665"
DECLO = "lhb:7A1"
ELEMENT = {
    "element_id": "e1",
    "intended_outcome": "Cerys reads 100 high-frequency words by July",
    "provision": "Structured phonics in a small group",
    "delivered_by": "Teaching assistant trained in phonics",
    "frequency": "3 sessions a week",
    "duration": "30 minutes each, for 2 terms",
    "in_welsh": True,
    "provider_kind": "school",
    "provider_organisation": SCHOOL,
    "start_on": "2026-04-20",
    "review_or_end_on": "2026-12-18",
    "rationale": "Limited progress with universal provision",
}


def stored_events(client: httpx.AsyncClient) -> int:
    app: Any = client.app  # type: ignore[attr-defined]
    return int(app.state.application.recorder.max_notification_id() or 0)


def problem(response: httpx.Response, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["type"].endswith(f"/{kind}"), body
    return body


async def ok(client: httpx.AsyncClient, method: str, url: str, **kwargs: Any) -> httpx.Response:
    response = await client.request(method, url, **kwargs)
    assert response.is_success, response.text
    return response


def service_of(client: httpx.AsyncClient) -> IdpService:
    app: Any = client.app  # type: ignore[attr-defined]
    service: IdpService = app.state.application
    return service


async def caught_up(client: httpx.AsyncClient) -> None:
    """The read models (plans, and who may list them) have every stored event."""
    runners = client.app.state.projections.values()  # type: ignore[attr-defined]
    await eventually(lambda: all(r.catch_up() == 0 for r in runners))


async def open_plan(client: httpx.AsyncClient, learner_id: str = "learner-1") -> str:
    """The learner's responsible LA (la:665, as the registry recorded) directs the school the
    learner is enrolled at to prepare a plan."""
    record_learner(service_of(client), learner_id)
    response = await ok(
        client, "POST", "/v1/idps", auth=ActingAs(LA),
        json={"learner_id": learner_id, "maintainer": {"kind": "school", "organisation": SCHOOL},
              "opened_on": "2026-04-01"},
    )  # fmt: skip
    return str(response.json()["id"])


async def draft(client: httpx.AsyncClient, plan: str, element: dict[str, Any] = ELEMENT) -> None:
    base = f"/v1/idps/{plan}/draft"
    await ok(client, "PUT", f"{base}/section-1", json={
        "learner_name": "Siôn Gŵyn", "date_of_birth": "2017-05-02", "home_language": "Cymraeg",
        "consent_and_capacity": "Parents consulted"})  # fmt: skip
    await ok(client, "PUT", f"{base}/one-page-profile", json={
        "what_people_like_and_admire": "Kind and funny", "what_is_important": "Football",
        "how_best_to_support": "Short, clear instructions"})  # fmt: skip
    await ok(client, "PUT", f"{base}/aln-description", json={
        "description": "Specific learning difficulty in literacy",
        "impact_on_learning": "Reading age two years below"})  # fmt: skip
    await ok(client, "PUT", f"{base}/welsh-language-decision",
             json={"decision": "ALP in Welsh: he is taught through Welsh"})  # fmt: skip
    await ok(client, "PUT", f"{base}/section-3", json={
        "information_used": "Educational psychologist's report",
        "review_and_transition": "Review before moving to secondary school"})  # fmt: skip
    await ok(client, "POST", f"{base}/alp-elements", json=element)


async def add_nhs_alp(client: httpx.AsyncClient, plan: str) -> None:
    await ok(client, "POST", f"/v1/idps/{plan}/nhs-alp", json={
        "element": {**ELEMENT, "element_id": "n1", "provider_kind": "nhs_body",
                    "provider_organisation": DECLO, "in_welsh": False},
        "nhs_answer_reference": "nhs-1", "added_on": "2026-04-10"})  # fmt: skip


async def issue(client: httpx.AsyncClient, plan: str, on: str = "2026-04-20") -> httpx.Response:
    return await client.post(f"/v1/idps/{plan}/issue", json={"issued_on": on, "issued_by": SCHOOL})


async def test_the_service_is_alive_and_ready_on_sqlite(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok", "service": "idp"}
    assert (await client.get("/readyz")).status_code == 200


async def test_issuing_freezes_version_1_and_starts_the_12_month_review_clock(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    assert (await issue(client, plan)).is_success
    body = (await client.get(f"/v1/idps/{plan}")).json()
    assert (body["status"], body["current_plan_version"]) == ("active", 1)
    review = body["deadlines"]["review"]
    assert (review["rule_id"], review["due_on"]) == ("D14", "2027-04-19")
    version = (await client.get(f"/v1/idps/{plan}/versions/1")).json()
    assert version["content"]["alp"][0]["frequency"] == "3 sessions a week"


async def test_an_unquantified_element_cannot_be_issued_and_nothing_is_stored(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan, {**ELEMENT, "frequency": "", "duration": "as needed"})
    before = stored_events(client)
    body = problem(await issue(client, plan), 422, "idp-incomplete")
    assert "alp[e1].frequency" in body["detail"]
    assert "alp[e1].duration" in body["detail"]
    assert stored_events(client) == before


async def test_an_issued_version_never_changes_after_revisions(client: httpx.AsyncClient) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    first = (await client.get(f"/v1/idps/{plan}/versions/1")).json()
    await ok(client, "POST", f"/v1/idps/{plan}/reviews",
             json={"held_on": "2026-10-01", "outcome": "revised"})  # fmt: skip
    changed = {**ELEMENT, "frequency": "4 sessions a week"}
    await ok(client, "PUT", f"/v1/idps/{plan}/draft/alp-elements/e1", json=changed)
    await ok(client, "POST", f"/v1/idps/{plan}/revisions",
             json={"issued_on": "2026-10-02", "issued_by": SCHOOL, "reason": "review"})  # fmt: skip
    assert (await client.get(f"/v1/idps/{plan}/versions/1")).json() == first
    second = (await client.get(f"/v1/idps/{plan}/versions/2")).json()
    assert second["content"]["alp"][0]["frequency"] == "4 sessions a week"
    assert second["review_by"]["due_on"] == "2027-10-01"  # 12 months beginning 2 Oct 2026
    problem(await client.get(f"/v1/idps/{plan}/versions/3"), 404, "not-found")


async def test_a_review_that_does_not_revise_resets_the_review_date(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    await ok(client, "POST", f"/v1/idps/{plan}/reviews",
             json={"held_on": "2026-11-02", "outcome": "not_revised"})  # fmt: skip
    review = (await client.get(f"/v1/idps/{plan}")).json()["deadlines"]["review"]
    assert review["due_on"] == "2027-11-01"


async def test_an_nhs_bodys_review_request_cannot_be_declined(client: httpx.AsyncClient) -> None:
    plan = await open_plan(client)
    await ok(client, "POST", f"/v1/idps/{plan}/nhs-alp", json={
        "element": {**ELEMENT, "element_id": "n1", "provider_kind": "nhs_body",
                    "provider_organisation": DECLO, "delivered_by": "NHS speech therapist"},
        "nhs_answer_reference": "nhs-1", "added_on": "2026-04-10"})  # fmt: skip
    await draft(client, plan)
    await issue(client, plan)
    await ok(client, "POST", f"/v1/idps/{plan}/review-requests", auth=ActingAs(DECLO), json={
        "requested_by_kind": "nhs_body", "organisation_or_person": DECLO,
        "requested_on": "2026-06-01", "reason": "Therapy needs have changed"})  # fmt: skip
    before = stored_events(client)
    declined = await client.post(
        f"/v1/idps/{plan}/review-requests/decline",
        json={"declined_on": "2026-06-02", "reasons": "not needed"},
    )
    problem(declined, 409, "invalid-transition")
    assert stored_events(client) == before


async def test_lifecycle_mistakes_are_refused_and_nothing_is_stored(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    before = stored_events(client)
    same = await client.post(f"/v1/idps/{plan}/transfers", json={
        "to": {"kind": "school", "organisation": SCHOOL}, "reason": "school_move",
        "transferred_on": "2026-05-01"})  # fmt: skip
    problem(same, 409, "invalid-transition")
    not_proposed = await client.post(
        f"/v1/idps/{plan}/cessation", json={"decided_on": "2026-05-01", "reasons": "r"}
    )
    problem(not_proposed, 409, "invalid-transition")
    assert stored_events(client) == before
    await ok(client, "POST", f"/v1/idps/{plan}/cease-proposals",
             json={"proposed_on": "2026-05-01", "reasons": "needs met"})  # fmt: skip
    ceased = await ok(client, "POST", f"/v1/idps/{plan}/cessation",
                      json={"decided_on": "2026-05-15", "reasons": "needs met"})  # fmt: skip
    assert ceased.is_success
    body = (await client.get(f"/v1/idps/{plan}")).json()
    assert body["cease"]["reconsideration_window_until"] == "2026-06-12"
    before = stored_events(client)
    again = await client.post(
        f"/v1/idps/{plan}/cessation", json={"decided_on": "2026-05-20", "reasons": "r"}
    )
    assert again.status_code == 409
    edit = await client.put(f"/v1/idps/{plan}/draft/section-3", json={
        "information_used": "x", "review_and_transition": "y"})  # fmt: skip
    assert edit.status_code == 409
    assert stored_events(client) == before


async def test_only_the_maintaining_body_edits_and_others_cannot_see(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    other = ActingAs("school:6652999")
    assert (await client.get(f"/v1/idps/{plan}", auth=other)).status_code == 404
    assert (await client.get(f"/v1/idps/{plan}", auth=ActingAs(LA))).status_code == 200
    response = await client.put(
        f"/v1/idps/{plan}/draft/section-3", auth=ActingAs(LA),
        json={"information_used": "x", "review_and_transition": "y"},
    )  # fmt: skip
    problem(response, 403, "not-maintainer")


async def test_an_issued_version_is_a_bilingual_pdf(client: httpx.AsyncClient) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    response = await client.get(f"/v1/idps/{plan}/versions/1/pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Siôn Gŵyn" in text
    assert "3 sessions a week" in text
    assert "Section 1C" in text


async def test_delivery_is_recorded_and_a_missed_session_needs_a_reason(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    url = f"/v1/idps/{plan}/deliveries"
    record = {"element_id": "e1", "on": "2026-04-21", "delivered": True, "sessions": 1,
              "minutes": 30, "recorded_by": SCHOOL}  # fmt: skip
    await ok(client, "POST", url, json=record)
    missed = await client.post(url, json={**record, "delivered": False, "on": "2026-04-22"})
    assert missed.status_code == 422
    await ok(client, "POST", url, json={**record, "delivered": False, "on": "2026-04-22",
                                        "missed_reason": "Teaching assistant absent"})  # fmt: skip
    body = (await client.get(f"/v1/idps/{plan}")).json()
    assert [d["delivered"] for d in body["deliveries"]["e1"]] == [True, False]


async def test_nhs_secured_alp_and_welsh_medium_delivery_are_reported(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await add_nhs_alp(client, plan)
    await draft(client, plan)
    await issue(client, plan)
    record = {"element_id": "e1", "on": "2026-04-21", "delivered": True, "recorded_by": SCHOOL}
    await ok(client, "POST", f"/v1/idps/{plan}/deliveries", json=record)
    await caught_up(client)

    provided = await client.get("/v1/idps-alp", params={"provider": DECLO}, auth=ActingAs(DECLO))
    assert [(e["element_id"], e["provider_kind"]) for e in provided.json()] == [("n1", "nhs_body")]
    welsh = (await client.get("/v1/idps-welsh-medium/665", auth=ActingAs(LA))).json()
    assert (welsh["alp_elements"], welsh["alp_elements_in_welsh"]) == (2, 1)
    assert welsh["welsh_sessions_delivered"] == 1


async def test_an_issued_version_cannot_be_edited_and_nothing_is_stored(
    client: httpx.AsyncClient,
) -> None:
    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    await ok(client, "DELETE", f"/v1/idps/{plan}/draft/alp-elements/e1")
    before = stored_events(client)
    frozen = await client.put(
        f"/v1/idps/{plan}/draft/alp-elements/e1", json={**ELEMENT, "frequency": "daily"}
    )
    problem(frozen, 409, "version-frozen")
    assert stored_events(client) == before
    version = (await client.get(f"/v1/idps/{plan}/versions/1")).json()
    assert version["content"]["alp"][0]["frequency"] == "3 sessions a week"


async def test_plans_are_listed_by_page_and_changes_by_cursor(client: httpx.AsyncClient) -> None:
    first = await open_plan(client, "learner-a")
    second = await open_plan(client, "learner-b")
    await caught_up(client)
    page = (await client.get("/v1/idps", params={"limit": 1})).json()
    assert len(page["items"]) == 1
    rest = (await client.get("/v1/idps", params={"after": page["next_after"]})).json()
    assert {page["items"][0]["idp_id"], rest["items"][0]["idp_id"]} == {first, second}
    changes = (await client.get("/v1/idps-changes")).json()
    assert [c["idp_id"] for c in changes["items"]] == [first, second]
    await draft(client, first)
    await caught_up(client)
    assert changes["cursor"] == changes["next_after"]  # the deprecated name, for a while
    answer = await client.get("/v1/idps-changes", params={"after": changes["next_after"]})
    assert answer.headers["deprecation"].startswith("@")
    assert [c["idp_id"] for c in answer.json()["items"]] == [first]


async def drafted_by_another_la(client: httpx.AsyncClient, plan: str) -> str:
    """The LA (not the school that maintains ``plan``) changes the draft's element e1, which
    a stranger LA cannot even see; the element's URL."""
    changed = {**ELEMENT, "frequency": "5 sessions a week"}
    url = f"/v1/idps/{plan}/draft/alp-elements/e1"
    assert (await client.put(url, json=changed, auth=ActingAs("la:666"))).status_code == 404
    await ok(client, "PUT", url, json=changed, auth=ActingAs(LA))
    return url


async def test_an_la_that_directed_a_revision_revises_the_school_plan_which_stays_the_schools(
    client: httpx.AsyncClient,
) -> None:
    import uuid
    from datetime import UTC, date, datetime

    from contracts.disputes import ReconsiderationDecided
    from contracts.envelope import Envelope
    from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline
    from llwybr.consumer import ApplicationEffect

    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    decided = ReconsiderationDecided(
        learner_id="learner-1", reconsideration_id=uuid.uuid4(), kind="R2",
        subject_id=uuid.UUID(plan), school=SCHOOL, local_authority=LA,
        outcome="revised_directed", decided_on=date(2026, 5, 1),
        appeal_window=compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 5, 1)).as_dict(),
    )  # fmt: skip
    envelope = Envelope.wrap(
        decided, learner_id="learner-1", aggregate_id=uuid.uuid4(), aggregate_version=4,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip
    app: Any = client.app  # type: ignore[attr-defined]
    application = app.state.application
    assert ApplicationEffect(application, "test", application.on_public_event).apply(envelope)
    la = ActingAs(LA)
    url = await drafted_by_another_la(client, plan)
    revision = {"issued_on": "2026-05-10", "issued_by": LA, "reason": "review"}
    refused = await client.post(f"/v1/idps/{plan}/revisions", json=revision, auth=la)
    assert refused.status_code == 403
    await ok(client, "POST", f"/v1/idps/{plan}/revisions", auth=la,
             json={**revision, "reason": "reconsideration"})  # fmt: skip
    body = (await client.get(f"/v1/idps/{plan}")).json()
    assert (body["current_plan_version"], body["revision_due"]) == (2, [])
    assert body["maintainer"]["organisation"] == SCHOOL
    assert body["revision_directions"][0]["revised_in"] == 2
    again = await client.put(url, json=ELEMENT, auth=la)  # the direction is answered
    problem(again, 403, "not-maintainer")


async def test_a_plan_issued_or_delivered_after_today_is_refused_and_nothing_stored(
    client: httpx.AsyncClient,
) -> None:
    """Issue #17: a plan "issued on 5 January 2027" was accepted on 7 December 2026 and a
    delivery dated next month too. An act cannot be dated after today in Wales."""
    plan = await open_plan(client)
    await draft(client, plan)
    before = stored_events(client)
    tomorrow = (today_in_wales() + timedelta(days=1)).isoformat()
    next_month = (today_in_wales() + timedelta(days=31)).isoformat()
    body = problem(await issue(client, plan, on=tomorrow), 422, "validation")
    [error] = body["errors"]
    assert (error["location"], error["type"]) == (["body", "issued_on"], "date_after_today")
    assert "issued_on records something done, so it cannot be after today" in error["message"]
    assert stored_events(client) == before
    await ok(client, "POST", f"/v1/idps/{plan}/issue",
             json={"issued_on": today_in_wales().isoformat(), "issued_by": SCHOOL})  # fmt: skip
    before = stored_events(client)
    record = {"element_id": "e1", "on": next_month, "delivered": True, "recorded_by": SCHOOL}
    delivery = await client.post(f"/v1/idps/{plan}/deliveries", json=record)
    assert problem(delivery, 422, "validation")["errors"][0]["location"] == ["body", "on"]
    review = await client.post(
        f"/v1/idps/{plan}/reviews", json={"held_on": tomorrow, "outcome": "not_revised"}
    )
    assert problem(review, 422, "validation")["errors"][0]["location"] == ["body", "held_on"]
    assert stored_events(client) == before


async def test_an_la_ordered_by_the_tribunal_revises_a_school_plan_it_does_not_maintain(
    client: httpx.AsyncClient,
) -> None:
    """Issue #18: after the Tribunal ordered the LA to revise a school's plan, the LA got 403
    `not-maintainer` on the draft and on revisions, and `revision_due` stayed empty."""
    import uuid
    from datetime import UTC, date, datetime

    from contracts.disputes import AppealDecided, OrderFacts
    from contracts.envelope import Envelope
    from llwybr.consumer import ApplicationEffect

    plan = await open_plan(client)
    await draft(client, plan)
    await issue(client, plan)
    order = OrderFacts(order_id="o1", kind="revise_idp", addressed_to=LA,
                       comply_by=date(2026, 6, 30))  # fmt: skip
    decided = AppealDecided(
        learner_id="learner-1", appeal_id=uuid.uuid4(), outcome="orders",
        decided_on=date(2026, 5, 1), orders=[order], recommendations=[],
    )  # fmt: skip
    envelope = Envelope.wrap(
        decided, learner_id="learner-1", aggregate_id=decided.appeal_id, aggregate_version=5,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip
    app: Any = client.app  # type: ignore[attr-defined]
    application = app.state.application
    assert ApplicationEffect(application, "test", application.on_public_event).apply(envelope)
    body = (await client.get(f"/v1/idps/{plan}")).json()
    assert (body["revision_due"], body["revision_due_by"]) == (["tribunal_order"], "2026-06-30")
    [ordered] = body["revision_orders"]
    assert (ordered["addressed_to"], ordered["order_id"], ordered["revised_in"]) == (LA, "o1", None)
    la = ActingAs(LA)
    url = await drafted_by_another_la(client, plan)
    revision = {"issued_on": "2026-05-10", "issued_by": LA, "reason": "reconsideration"}
    refused = await client.post(f"/v1/idps/{plan}/revisions", json=revision, auth=la)
    problem(refused, 403, "not-maintainer")  # no reconsideration of this LA directed it
    await ok(client, "POST", f"/v1/idps/{plan}/revisions", auth=la,
             json={**revision, "reason": "tribunal_order"})  # fmt: skip
    body = (await client.get(f"/v1/idps/{plan}")).json()
    assert (body["current_plan_version"], body["revision_due"]) == (2, [])
    assert (body["maintainer"]["organisation"], body["revision_due_by"]) == (SCHOOL, None)
    assert body["revision_orders"][0]["revised_in"] == 2
    again = await client.put(url, json=ELEMENT, auth=la)  # the order is carried out
    problem(again, 403, "not-maintainer")


async def test_an_la_plan_goes_to_an_fei_only_on_its_agreement_with_d13_from_its_receipt(
    client: httpx.AsyncClient,
) -> None:
    """Issue #18: an LA → FEI transfer moved the plan as soon as the LA asked; the FEI's duty
    arises on its agreement (s.36), and D13 runs from its receipt of the request."""
    fei, la = "fei:10001234", ActingAs(LA)
    plan = await open_plan(client)
    record_learner(service_of(client), "learner-1", enrolled_at=(SCHOOL, fei))
    await draft(client, plan)
    await issue(client, plan)
    to_la = {"kind": "local_authority", "organisation": LA}
    await ok(
        client,
        "POST",
        f"/v1/idps/{plan}/transfers",
        json={"to": to_la, "reason": "la_take_over", "transferred_on": "2026-05-01"},
    )
    direct = await client.post(f"/v1/idps/{plan}/transfers", auth=la, json={
        "to": {"kind": "fei", "organisation": fei}, "reason": "la_to_fei",
        "transferred_on": "2026-05-04"})  # fmt: skip
    problem(direct, 409, "invalid-transition")
    request = {"fei": fei, "requested_on": "2026-05-04", "received_on": "2026-05-06"}
    await ok(client, "POST", f"/v1/idps/{plan}/fei-requests", auth=la, json=request)
    body = (await client.get(f"/v1/idps/{plan}", auth=ActingAs(fei))).json()  # asked: it reads
    assert (body["maintainer"]["organisation"], body["fei_request"]["status"]) == (LA, "pending")
    d13 = body["deadlines"]["transfer"]
    assert (d13["rule_id"], d13["trigger_date"]) == ("D13", "2026-05-06")
    answer = {"agreed": True, "answered_on": "2026-05-20"}
    stranger = await client.post(f"/v1/idps/{plan}/fei-requests/answer", json=answer,
                                 auth=ActingAs("fei:10009999"))  # fmt: skip
    assert stranger.status_code == 404, stranger.text
    await ok(client, "POST", f"/v1/idps/{plan}/fei-requests/answer", auth=ActingAs(fei),
             json=answer)  # fmt: skip
    body = (await client.get(f"/v1/idps/{plan}", auth=ActingAs(fei))).json()
    assert (body["maintainer"]["organisation"], body["fei_request"]["status"]) == (fei, "agreed")
    assert body["transfers"][-1]["reason"] == "la_to_fei"
