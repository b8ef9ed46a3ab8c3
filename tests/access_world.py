"""The fixture world of the access matrix (``test_access_matrix_stack``), built through the
public API only: one learner per school and FEI, each with a determination, parents'
contacts, an NHS referral and, where the services get that far, a decision, a plan and
notices; and who is related to whom, so that each organisation has its own learner and
another's.

Building is tolerant: a step the services refuse (a rule that changed with issue 16) leaves
that resource as an id that does not exist, and is reported, so that the matrix still runs.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from .access_stories import new_upn

#: The kinds of organisation of the matrix (issue 16) and the development client of each.
ORGANISATIONS: dict[str, str] = {
    "school": "school:6652001",
    "second school": "school:6662001",
    "LA": "la:665",
    "second LA": "la:666",
    "LA looking after": "la:667",
    "FEI": "fei:10001234",
    "health board": "lhb:7A1",
    "second health board": "lhb:7A7",
    "auditor": "auditor:665",
    "second auditor": "auditor:666",
}


@dataclass
class Learner:
    """A learner of the world, the organisations related to them, and their records' ids."""

    key: str
    setting: str
    local_authority: str
    related: frozenset[str]
    concern: dict[str, Any]
    health_board: str | None = None
    learner_id: str = ""
    ids: dict[str, str] = field(default_factory=dict)  # determination_id, idp_id, ...
    names: list[str] = field(default_factory=list)  # what must never reach another

    def secrets(self) -> list[str]:
        """What of this learner no unrelated organisation may ever read."""
        ids = [v for k, v in self.ids.items() if k.endswith("_id") and k != "referral_id"]
        return [*self.names, *([self.learner_id] if self.learner_id else []), *ids]


def _learner_in(
    key: str, given: str, born: str, setting: str, kind: str, la: str, **extra: Any
) -> dict[str, Any]:
    return {
        "given_name": given, "family_name": f"Matrix{key}{uuid.uuid4().hex[:8]}",
        "date_of_birth": born, "setting": kind, "setting_id": setting.partition(":")[2],
        "local_authority": la, "upn": new_upn(), **extra,
    }  # fmt: skip


def plan_world() -> dict[str, Learner]:
    """A: at the school, in LA 665, looked after by LA 667, referred to health board 7A1;
    B: at the second school, in LA 666, referred to 7A7; C: at the FEI, in LA 665."""
    school, other_school, fei = "school:6652001", "school:6662001", "fei:10001234"
    a = _learner_in("A", "Alys", "2017-05-02", school, "maintained_school", "665",
                    looked_after=True, looking_after_authority="667")  # fmt: skip
    b = _learner_in("B", "Bryn", "2016-09-14", other_school, "maintained_school", "666")
    c = _learner_in("C", "Ceri", "2008-01-10", fei, "further_education", "665")

    def concern(setting: str, learner: dict[str, Any]) -> dict[str, Any]:
        return {"learner": learner, "raised_by": setting, "raised_with": setting,
                "came_to_attention_on": "2026-03-02"}  # fmt: skip

    return {
        "A": Learner("A", school, "665",
                     frozenset({school, "la:665", "la:667", "lhb:7A1", "auditor:665"}),
                     concern(school, a), health_board="lhb:7A1"),
        "B": Learner("B", other_school, "666",
                     frozenset({other_school, "la:666", "lhb:7A7", "auditor:666"}),
                     concern(other_school, b), health_board="lhb:7A7"),
        "C": Learner("C", fei, "665", frozenset({fei, "la:665", "auditor:665"}),
                     concern(fei, c)),
    }  # fmt: skip


#: Each organisation's own learner and another's (one it has no relationship with).
OWN = {"school": "A", "second school": "B", "LA": "A", "second LA": "B",
       "LA looking after": "A", "FEI": "C", "health board": "A", "second health board": "B",
       "auditor": "A", "second auditor": "B"}  # fmt: skip
ANOTHERS = {kind: "A" if own == "B" else "B" for kind, own in OWN.items()}


def _first_success(
    attempts: list[tuple[str, Callable[[str], httpx.Response]]],
) -> tuple[str, httpx.Response] | None:
    for organisation, attempt in attempts:
        response = attempt(organisation)
        if response.is_success:
            return organisation, response
    return None


def build_world(
    client: Callable[[str], httpx.Client], notes: list[str], timeout: float = 60.0
) -> dict[str, Learner]:
    """Make the world through the public API; ``notes`` gets every step that did not work."""
    world = plan_world()
    for learner in world.values():
        _raise_concern(client, learner, notes)
    for learner in world.values():
        if "determination_id" in learner.ids:
            _contacts_and_referral(client, learner, notes)
            _decide(client, learner, notes)
    deadline = time.monotonic() + timeout
    for learner in world.values():
        if "determination_id" in learner.ids:
            _find_plan_and_notices(client, learner, deadline, notes)
    return world


def _raise_concern(
    client: Callable[[str], httpx.Client], learner: Learner, notes: list[str]
) -> None:
    details = learner.concern["learner"]
    learner.names += [details["family_name"]]
    created = client(learner.setting).post("/v1/determinations", json=learner.concern)
    if not created.is_success:
        notes.append(f"{learner.key}: concern refused {created.status_code} {created.text}")
        return
    learner.ids["determination_id"] = created.json()["id"]
    case = client(learner.setting).get(f"/v1/determinations/{created.json()['id']}").json()
    found = case.get("learner_id") or case.get("learner", {}).get("learner_id")
    if not found:
        notes.append(f"{learner.key}: the determination names no learner id")
    learner.learner_id = str(found or uuid.uuid4())


def _contacts_and_referral(
    client: Callable[[str], httpx.Client], learner: Learner, notes: list[str]
) -> None:
    parent = f"Parent{learner.key}{uuid.uuid4().hex[:6]}"
    email = f"{parent.lower()}@example.org"
    learner.names += [parent, email]
    writers = [learner.setting, f"la:{learner.local_authority}", "la:667"]
    body = {"learner_name": learner.concern["learner"]["given_name"],
            "parties": [{"role": "parent", "name": parent, "email": email}]}  # fmt: skip
    path = f"/v1/contacts/learners/{learner.learner_id}"
    if not _first_success([(w, lambda o: client(o).put(path, json=body)) for w in writers]):
        notes.append(f"{learner.key}: nobody could register the parents' contacts")
    if learner.health_board is None:
        return
    referral = {"referral_id": f"ref-{learner.key.lower()}", "nhs_body": learner.health_board,
                "received_on": "2026-03-03"}  # fmt: skip
    case = learner.ids["determination_id"]
    referred = _first_success([
        (w, lambda o: client(o).post(f"/v1/determinations/{case}/nhs-referrals", json=referral))
        for w in writers
    ])  # fmt: skip
    if referred:
        learner.ids["referral_id"] = referral["referral_id"]
    else:
        notes.append(f"{learner.key}: nobody could refer to {learner.health_board}")


def _decide(client: Callable[[str], httpx.Client], learner: Learner, notes: list[str]) -> None:
    case = learner.ids["determination_id"]
    deciding = client(learner.setting).get(f"/v1/determinations/{case}").json()
    body = deciding.get("deciding_body") or {}
    decider = str(body.get("organisation") or learner.setting)
    if deciding.get("status") == "awaiting_consent":  # a young person consents first
        consent = {"given": True, "recorded_on": "2026-03-04", "recorded_by": decider}
        given = client(decider).post(f"/v1/determinations/{case}/consent", json=consent)
        if not given.is_success:
            notes.append(f"{learner.key}: consent by {decider} refused {given.status_code}")
    decision = {"has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
                "decided_by": decider, "person": "ALNCo"}  # fmt: skip
    decided = client(decider).post(f"/v1/determinations/{case}/decision", json=decision)
    if not decided.is_success:
        notes.append(f"{learner.key}: decision by {decider} refused {decided.status_code}")
    learner.ids["decider"] = decider


def _find_plan_and_notices(
    client: Callable[[str], httpx.Client], learner: Learner, deadline: float, notes: list[str]
) -> None:
    reader = client(learner.ids.pop("decider", learner.setting))
    while time.monotonic() < deadline and not {"idp_id", "notice_id"} <= set(learner.ids):
        plans = reader.get("/v1/idps", params={"learner_id": learner.learner_id})
        if plans.is_success and plans.json()["items"]:
            learner.ids["idp_id"] = plans.json()["items"][0]["idp_id"]
        notices = reader.get("/v1/notices", params={"learner_id": learner.learner_id})
        if notices.is_success and notices.json()["items"]:
            found = notices.json()["items"][0]
            learner.ids["notice_id"] = str(found.get("notice_id") or found.get("id"))
        time.sleep(0.5)
    for name in ("idp_id", "notice_id"):
        if name not in learner.ids:
            notes.append(f"{learner.key}: no {name} appeared")
