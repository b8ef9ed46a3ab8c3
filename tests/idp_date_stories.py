"""The IDP's dates told to the family, as the stack stories of `test_notice_given_stack.py` set
them up: a school's plan issued and ceased, and the family's challenge (R4) on the told day."""

from datetime import date, timedelta
from typing import Any

import httpx

from llwybr_testkit import IDP_DRAFT

from .access_stories import (
    HOME_SCHOOL,
    LA,
    Callers,
    concern,
    ok,
    plan_of,
    pupil,
    raised,
    register_contacts,
    until,
)


def family_notices(client: httpx.Client, learner_id: str, kind: str) -> list[dict[str, Any]]:
    """The notices of ``kind`` to the learner's parent, oldest first."""
    items = client.get("/v1/notices", params={"learner_id": learner_id}).json()["items"]
    found = [n for n in items if n["kind"] == kind and n["recipient_role"] == "parent"]
    return sorted(found, key=lambda n: n["created_at"])


def notice_of(
    client: httpx.Client, learner_id: str, kind: str, status: str = "given", after: int = 0
) -> dict[str, Any]:
    """The ``after``-th notice of ``kind`` to the parent, once it is ``status``."""

    def found() -> dict[str, Any] | None:
        notices = family_notices(client, learner_id, kind)
        ready = len(notices) > after and notices[after]["status"] == status
        return notices[after] if ready else None

    return until(found, what=f"a {kind} notice {status}")


def issued_school_plan(callers: Callers, email: str | None) -> tuple[str, str]:
    """(learner id, plan id) of a plan the school decided, drafted and issued in June; the
    parent's contacts registered when ``email`` is given (else the family's notices escalate)."""
    school = callers(HOME_SCHOOL)
    case_id, learner_id = raised(
        callers, {**concern(pupil()), "came_to_attention_on": "2026-06-01"}
    )
    if email is not None:
        register_contacts(school, learner_id, email)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json={
        "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-06-10",
        "decided_by": HOME_SCHOOL, "person": "ALNCo"}))  # fmt: skip
    plan_id = str(plan_of(school, learner_id)["id"])
    for method, path, body in IDP_DRAFT:
        ok(school.request(method, f"/v1/idps/{plan_id}/draft/{path}", json=body))
    ok(school.post(f"/v1/idps/{plan_id}/issue", json={"issued_on": "2026-06-22",
                                                       "issued_by": HOME_SCHOOL}))  # fmt: skip
    return learner_id, plan_id


def ceased_by_the_school(callers: Callers, plan_id: str, decided_on: str) -> None:
    school, base = callers(HOME_SCHOOL), f"/v1/idps/{plan_id}"
    ok(school.post(f"{base}/cease-proposals", json={"proposed_on": "2026-07-20",
                                                    "reasons": "Needs met"}))  # fmt: skip

    # The IDP service may be recording the proposal's notice on the plan at that moment: the
    # service runs the decision again on a fresh load (issue 21), so no retry here.
    ok(school.post(f"{base}/cessation",
                   json={"decided_on": decided_on, "reasons": "Needs met"}))  # fmt: skip


def challenge(callers: Callers, learner_id: str, plan_id: str, on: str) -> httpx.Response:
    """The family asks the LA to reconsider the school's decision to cease (R4) on ``on``."""
    return callers(LA).post("/v1/reconsiderations", json={
        "kind": "R4", "learner_id": learner_id, "subject_id": plan_id, "school": HOME_SCHOOL,
        "decided_by_kind": "school", "requested_by_kind": "family", "requested_by": "Parent",
        "requested_on": on})  # fmt: skip


def challenged_on_the_told_day(callers: Callers, learner_id: str, plan_id: str, on: str) -> None:
    """A challenge on the last day the family was told is accepted (asked again until the
    disputes service has learned the notice: a refusal changes nothing); a day later, refused."""

    def accepted() -> bool:
        return challenge(callers, learner_id, plan_id, on).status_code == 201

    until(accepted, what=f"a challenge on {on} accepted")
    day_after = (date.fromisoformat(on) + timedelta(days=1)).isoformat()
    late = challenge(callers, learner_id, plan_id, day_after)
    assert late.status_code == 422, late.text
    assert late.json()["type"].endswith("outside-window")
