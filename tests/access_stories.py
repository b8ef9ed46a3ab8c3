"""What the access stories (``test_access_stories_stack.py``) share: the organisations, learners
with valid UPNs, callers with their tokens, the one 404 and the access audit's refusals."""

import email
import email.policy
import itertools
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from determination.domain.learner import upn_check_letter
from llwybr.edge import today_in_wales
from llwybr.problems import NOT_FOUND_DETAIL, TYPE_BASE

from .stack import Stack, restarted

# The organisations of the stories, in one place to align with the development clients
# (``gateway.security.DEV_CLIENTS``). The learners live in Wrexham (LA 665) unless a story says.
HOME_SCHOOL = "school:6652001"  # the learner's own school (the school B)
SECOND_SCHOOL = "school:6662001"  # another school, in Powys (the school A, the intruder)
LA = "la:665"  # Wrexham: the learners' responsible LA
SECOND_LA = "la:666"  # Powys: another LA
LOOKING_AFTER_LA = "la:667"  # Ceredigion: the LA looking after a Wrexham child in one story
FEI = "fei:10001234"  # a further education institution
HEALTH_BOARD = "lhb:7A1"  # Betsi Cadwaladr
SECOND_HEALTH_BOARD = "lhb:7A7"  # Powys Teaching Health Board
NHS_TRUST = "nhs:RQF"  # an NHS trust
AUDITOR = "auditor:665"  # Wrexham's auditor
SECOND_AUDITOR = "auditor:666"  # Powys's auditor
WALES_AUDITOR = "auditor:wales"  # whose jurisdiction is every LA
TRIBUNAL = "tribunal:etw"
SYSTEM = "system:admin"  # the administrator: reads the whole access audit

#: The one answer for "not yours" and "does not exist" (``llwybr.access.not_found``), all of
#: it but ``instance`` and ``request_id``.
THE_ONE_404 = {
    "type": f"{TYPE_BASE}not-found",
    "title": "Not Found",
    "status": 404,
    "detail": NOT_FOUND_DETAIL,
}

T = TypeVar("T")

OPINIONS = "/v1/notices/health-body-opinions"
#: The consumers that follow the determination topic, which carries the learner registry's
#: facts: once they have read it to the end (after a learner's first answer elsewhere), every
#: service knows the learner.
LEARNER_FOLLOWERS = {"idp.determinations", "disputes.decisions", "notifications.notices"}


def until(condition: Callable[[], T | None], timeout: float = 120, what: str = "") -> T:
    """``condition()`` once it is truthy, polled until ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"not in time: {what or condition}"
        time.sleep(0.2)
    return result


def as_told(send: Callable[[], httpx.Response], timeout: float = 120) -> httpx.Response:
    """The answer once the service has settled: a 404, 409 or 503 with ``Retry-After`` (a
    service that has not yet learnt the registry's facts about the learner) is sent again
    after the time it says, until ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        response = send()
        wait = response.headers.get("retry-after")
        if wait is None or response.status_code not in (404, 409, 503):
            return response
        if time.monotonic() > deadline:
            return response
        time.sleep(min(float(wait), 2.0))


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.is_success, f"{response.request.url}: {response.status_code} {response.text}"
    body: dict[str, Any] = response.json()
    return body


class Callers:
    """One HTTP client per organisation, each with its token (asked for on first use)."""

    def __init__(self, stack: Stack) -> None:
        self.stack, self._clients = stack, dict[str, httpx.Client]()

    def __call__(self, organisation: str) -> httpx.Client:
        if organisation not in self._clients:
            if organisation not in self.stack.clients:
                pytest.fail(f"the stack has no development client for {organisation}")
            token = self.stack.token(organisation)
            self._clients[organisation] = httpx.Client(
                base_url=self.stack.gateway_url,
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
        return self._clients[organisation]

    def close(self) -> None:
        for client in self._clients.values():
            client.close()


def restart_with(stack: Stack, name: str, env: dict[str, str]) -> None:
    """Restart one deployable of a running stack with extra settings (the gateway keeps
    running: it forwards to the same port)."""
    stack.processes[name].env.update(env)
    restarted(stack, name)


# -- learners --------------------------------------------------------------------------------

_serials = itertools.count(random.randrange(10**8))


def new_upn() -> str:
    """A Wrexham UPN never used before in this run, with its check letter."""
    body = f"665{next(_serials) % 10**9:09d}"
    return upn_check_letter(body) + body


def days_ago(days: int) -> str:
    return (today_in_wales() - timedelta(days=days)).isoformat()


def today() -> str:
    return today_in_wales().isoformat()


def pupil(setting: str = HOME_SCHOOL, **changes: Any) -> dict[str, Any]:
    """A Wrexham learner at a school (or FEI) with a UPN of their own, as a concern names them."""
    kind, _, setting_id = setting.partition(":")
    learner = {
        "given_name": "Cerys",
        "family_name": "Jones",
        "date_of_birth": "2017-05-02",
        "upn": new_upn(),
        "setting": "further_education" if kind == "fei" else "maintained_school",
        "setting_id": setting_id,
        "local_authority": "665",
    }
    return {**learner, **changes}


def under_five() -> dict[str, Any]:
    """A Wrexham child under compulsory school age, at no school yet (no UPN)."""
    born = date(today_in_wales().year - 3, 9, 1).isoformat()
    return {
        "given_name": "Gwen",
        "family_name": "Morgan",
        "date_of_birth": born,
        "setting": "early_years",
        "local_authority": "665",
    }


def concern(learner: dict[str, Any], by: str = HOME_SCHOOL) -> dict[str, Any]:
    return {"learner": learner, "raised_by": by, "raised_with": by,
            "came_to_attention_on": days_ago(3)}  # fmt: skip


def decision(by: str = HOME_SCHOOL, has_aln: bool = True) -> dict[str, Any]:
    return {"has_aln": has_aln, "reasons": "Needs ALP" if has_aln else "Universal provision",
            "decided_on": today(), "decided_by": by, "person": "ALNCo"}  # fmt: skip


def parents(email: str, name: str = "Siân Jones") -> dict[str, Any]:
    return {"learner_name": "Cerys", "parties": [{"role": "parent", "name": name, "email": email}]}


# -- steps of the stories ------------------------------------------------------------------


def raised(callers: Callers, body: dict[str, Any], by: str = HOME_SCHOOL) -> tuple[str, str]:
    """(determination id, learner id) of a concern the server accepted."""
    response = callers(by).post("/v1/determinations", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert "learner_id" in created, f"the server names no learner: {created}"
    return str(created["id"]), str(created["learner_id"])


def register_contacts(client: httpx.Client, learner_id: str, email: str) -> None:
    url = f"/v1/contacts/learners/{learner_id}"
    response = as_told(lambda: client.put(url, json=parents(email)))
    assert response.status_code == 200, response.text


def plan_of(client: httpx.Client, learner_id: str) -> dict[str, Any]:
    """The learner's plan, once the decision has opened it."""
    items = until(
        lambda: client.get("/v1/idps", params={"learner_id": learner_id}).json()["items"],
        what="the plan opened from the decision",
    )
    return ok(client.get(f"/v1/idps/{items[0]['idp_id']}"))


def withdraw(client: httpx.Client, case_id: str, by: str = HOME_SCHOOL) -> None:
    body = {"reason": "Raised in error", "withdrawn_on": today(), "withdrawn_by": by}
    ok(client.post(f"/v1/determinations/{case_id}/withdrawal", json=body))


def under_five_with_parent(callers: Callers) -> tuple[str, str]:
    """(learner id, parent's email) of a child under five whose LA raised a concern and
    registered the parent."""
    parent = f"rhian-{uuid.uuid4().hex[:8]}@example.org"
    _, learner_id = raised(callers, concern(under_five(), LA), LA)
    register_contacts(callers(LA), learner_id, parent)
    return learner_id, parent


def recorded_opinion(client: httpx.Client, learner_id: str) -> httpx.Response:
    opinion = {"learner_id": learner_id, "local_authority": LA, "formed_on": days_ago(1),
               "officer": {"name": "Dr Angharad Rees", "phone": "01745 000000"}}  # fmt: skip
    return as_told(lambda: client.post("/v1/notices/health-body-opinions", json=opinion))


def disagreement_case(learner_id: str) -> dict[str, Any]:
    return {"learner_id": learner_id, "opened_on": today(),
            "arrangements": "Commissioned independent mediation",
            "facilitator": {"name": "A. Mediator", "organisation": "Mediation Cymru"},
            "parties": [{"name": "Parent", "role": "family"},
                        {"name": "Head teacher", "role": "school",
                         "organisation": HOME_SCHOOL}]}  # fmt: skip


def advocacy(learner_id: str) -> dict[str, Any]:
    return {"learner_id": learner_id, "for_person": "child", "requested_by": "Parent",
            "requested_on": today()}  # fmt: skip


# -- refusals --------------------------------------------------------------------------------


def is_the_one_404(response: httpx.Response) -> bool:
    if response.status_code != 404:
        return False
    body = response.json()
    return {k: v for k, v in body.items() if k not in ("instance", "request_id")} == THE_ONE_404


def assert_the_one_404(*responses: httpx.Response) -> None:
    for response in responses:
        assert is_the_one_404(response), (
            f"{response.request.method} {response.request.url.path}: "
            f"{response.status_code} {response.text}"
        )


def assert_not_leaked(response: httpx.Response, *secrets: str) -> None:
    """None of what others recorded (ids, names, addresses) is in the answer (a problem's
    ``instance`` is the path the caller asked for itself)."""
    text = response.text
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        text = json.dumps({k: v for k, v in response.json().items() if k != "instance"})
    for secret in secrets:
        assert secret not in text, (response.request.url.path, secret, response.text)


def audit_rows(reader: httpx.Client, organisation: str) -> dict[str, dict[str, Any]]:
    """The access audit's rows (as ``reader`` may see them) of an organisation's requests, by
    request id."""
    rows: dict[str, dict[str, Any]] = {}
    after: int | None = None
    while True:
        params: dict[str, Any] = {"organisation": organisation, "limit": 1000}
        if after is not None:
            params["after"] = after
        page = ok(reader.get("/v1/access-audit", params=params))
        rows.update({row["request_id"]: row for row in page["items"]})
        if page["next_after"] is None:
            return rows
        after = page["next_after"]


def assert_denied(
    reader: httpx.Client, organisation: str, refusals: Iterable[httpx.Response]
) -> None:
    """Every refusal is in the access audit as ``denied``, with its reason."""
    wanted = {r.headers["x-request-id"]: r for r in refusals}
    rows = until(
        lambda: found if set(wanted) <= set(found := audit_rows(reader, organisation)) else None,
        timeout=60,
        what=f"the access audit rows of {organisation}'s refusals",
    )
    for request_id, response in wanted.items():
        row = rows[request_id]
        where = f"{response.request.method} {response.request.url.path}: {row}"
        assert (row["outcome"], row["status"]) == ("denied", response.status_code), where
        assert row.get("reason"), where


def emails_to(outbox: Path, address: str) -> list[EmailMessage]:
    """The messages written to the notifications outbox for ``address``."""
    found = []
    for path in sorted(outbox.glob("*.eml")):
        with path.open("rb") as file:
            message = email.message_from_binary_file(file, policy=email.policy.default)
        if address.lower() in str(message["To"] or "").lower():
            found.append(message)
    return found
