"""Make the sample world (``gateway.sample.world``) through the public API, as its
organisations' systems would: the same requests over HTTP, with their own OAuth clients,
never a write to a store. Every POST carries an idempotency key of its learner and step, so a
start interrupted half-way and run again gets the first answers back instead of duplicates;
once it is done, ``var/gateway/sample-data.json`` says so and later starts skip it (when the
API still knows its first learner: stack mode's data is in PostgreSQL, not beside the marker).
Each learner's steps are followed in order, many learners at once (``WORKERS``), so that the
server is never waiting for the seeder (``bench/sample_seed.py`` times it).
"""

import contextlib
import io
import json
import logging
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from gateway.sample.world import (
    COLEG,
    LA,
    ORGANISATIONS,
    SCHOOLS,
    WREXHAM,
    Learner,
    Organisation,
    Stage,
    calendar,
    learners,
)

log = logging.getLogger(__name__)

MARKER = "sample-data.json"
#: Learners followed at once (each one's steps in order): the gateway answers several
#: requests at a time, and one at a time the 200 would take minutes.
WORKERS = 16
_DECIDED = {Stage.NO_ALN, Stage.RECONSIDERED, Stage.APPEALED, Stage.ALN, Stage.ISSUED,
            Stage.REVIEWED}  # fmt: skip
_PLANNED = {Stage.ALN, Stage.ISSUED, Stage.REVIEWED}
#: About how many requests each stage takes after the concern (the longest go first).
_LENGTH = {Stage.RAISED: 1, Stage.GRADUATED: 2, Stage.NO_ALN: 3, Stage.RECONSIDERED: 7,
           Stage.APPEALED: 8, Stage.ALN: 9, Stage.ISSUED: 10, Stage.REVIEWED: 11}  # fmt: skip


class Api:
    """The gateway as the sample organisations call it: a token per client, kept; a request
    the gateway asks to repeat (429, or 404 with ``Retry-After``) repeated as told."""

    def __init__(self, base_url: str, credentials: Path) -> None:
        # A setting's bulk sync of 45 learners on a loaded machine can take a minute (stack
        # mode, PostgreSQL): waited for, not cut off and repeated.
        self.http = httpx.Client(base_url=base_url, timeout=180.0)
        self.credentials = credentials
        self.tokens: dict[str, str] = {}
        self.lock = threading.Lock()  # one token per client, however many workers ask at once
        self.problems: list[str] = []
        self.requests = 0

    def _token(self, client_id: str) -> str:
        with self.lock:
            return self._token_once(client_id)

    def _token_once(self, client_id: str) -> str:
        if client_id not in self.tokens:
            for _ in range(20):  # a client just added is accepted within a second
                secrets = {c["client_id"]: c["client_secret"]
                           for c in json.loads(self.credentials.read_bytes())}  # fmt: skip
                answer = self.http.post(
                    "/oauth/token", data={"grant_type": "client_credentials"},
                    auth=(client_id, secrets[client_id]),
                )  # fmt: skip
                if answer.status_code == 200:
                    self.tokens[client_id] = answer.json()["access_token"]
                    break
                time.sleep(0.25)
            else:
                raise RuntimeError(f"no token for {client_id}: {answer.text}")
        return self.tokens[client_id]

    def call(
        self, client_id: str, method: str, path: str, key: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._token(client_id)}"}
        if key is not None:
            headers["Idempotency-Key"] = f"sample-data:{key}"
        for attempt in range(40):
            self.requests += 1
            try:
                answer = self.http.request(method, path, headers=headers, **kwargs)
            except httpx.TransportError:  # a deployable restarting (stack mode): once more
                if attempt >= 5:
                    raise
                time.sleep(1.0)
                continue
            wait = answer.headers.get("Retry-After")
            if answer.status_code not in (404, 409, 429, 503) or wait is None:
                break
            time.sleep(min(float(wait), 1.0))
        if answer.is_error:
            self.problems.append(f"{method} {path}: {answer.status_code} {answer.text[:300]}")
        return answer

    def close(self) -> None:
        self.http.close()


def add_sample_clients(clients_file: Path) -> None:
    """The schools with no development client get one, with ``llwybr-admin clients add`` (its
    secret lands in the development credentials beside the clients file)."""
    from gateway.admin import add

    credentials = json.loads(clients_file.with_name("dev-credentials.json").read_bytes())
    known = {c["client_id"] for c in credentials}
    for school in SCHOOLS:
        if school.client_id not in known:
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                add(school.client_id, organisation=school.id, scope=None, name=school.name,
                    file=clients_file, as_json=True)  # fmt: skip


def organisations(api: Api, pool: ThreadPoolExecutor) -> None:
    """Names, addresses and contacts (notices cite them), and the term calendars."""
    calls: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
        ("llwybr-admin", f"/v1/contacts/organisations/{organisation.id}", {},
         organisation.contact()) for organisation in ORGANISATIONS
    ]  # fmt: skip
    calls += [(WREXHAM.client_id, f"/v1/calendars/{setting.id}", {"set_by": LA},
               calendar(f"{setting.name} 2025-2027"))
              for setting in (WREXHAM, *SCHOOLS)]  # fmt: skip
    calls.append((COLEG.client_id, f"/v1/calendars/{COLEG.id}", {"set_by": COLEG.id},
                  calendar(f"{COLEG.name} 2025-2027")))  # fmt: skip
    list(pool.map(lambda c: api.call(c[0], "PUT", c[1], params=c[2], json=c[3]), calls))


def raise_concerns(
    api: Api, world: list[Learner], pool: ThreadPoolExecutor
) -> dict[int, tuple[str, str]]:
    """Each setting's nightly sync (the bulk endpoint), the settings at once; (case id,
    learner id) by learner."""

    def sync(setting: Organisation) -> dict[int, tuple[str, str]]:
        theirs = [learner for learner in world if learner.setting is setting]
        answer = api.call(setting.client_id, "POST", "/v1/determinations/bulk",
                          key=f"bulk-{setting.id}",
                          json={"items": [learner.concern() for learner in theirs]})  # fmt: skip
        if not answer.is_success:
            return {}
        return {learner.index: (result["id"], result["learner_id"])
                for learner, result in zip(theirs, answer.json()["results"], strict=True)
                if result.get("id")}  # fmt: skip

    found: dict[int, tuple[str, str]] = {}
    for made in pool.map(sync, (*SCHOOLS, COLEG)):
        found |= made
    return found


def decide(api: Api, learner: Learner, case: str, learner_id: str) -> None:
    client, school = learner.setting.client_id, learner.setting.id
    api.call(client, "PUT", f"/v1/contacts/learners/{learner_id}", json={
        "learner_name": f"{learner.given_name} {learner.family_name}",
        "parties": [{"role": "parent", "name": learner.parent,
                     "email": f"{learner.family_name.lower()}.{learner.index}@example.org"}],
    })  # fmt: skip
    if learner.stage is Stage.RAISED:
        return
    api.call(client, "POST", f"/v1/determinations/{case}/graduated-response",
             key=f"{learner.index}-graduated", json={
                 "level": "targeted", "recorded_by": school, "recorded_on": learner.on(7),
                 "description": "Small-group literacy support for six weeks"})  # fmt: skip
    if learner.stage not in _DECIDED:
        return
    has_aln = learner.stage in _PLANNED
    reasons = ("Needs additional learning provision for literacy" if has_aln
               else "Differentiated teaching meets the learner's needs")  # fmt: skip
    api.call(client, "POST", f"/v1/determinations/{case}/decision",
             key=f"{learner.index}-decision", json={
                 "decided_by": school, "decided_on": learner.on(28), "has_aln": has_aln,
                 "person": "ALNCo", "reasons": reasons})  # fmt: skip


def reconsider(api: Api, learner: Learner, case: str, learner_id: str) -> None:
    """The family asks the LA to reconsider the school's decision (R1); it does; some
    appeal to the Tribunal."""
    made = api.call(WREXHAM.client_id, "POST", "/v1/reconsiderations",
                    key=f"{learner.index}-reconsideration", json={
                        "kind": "R1", "learner_id": learner_id, "subject_id": case,
                        "school": learner.setting.id, "decided_by_kind": "school",
                        "requested_by_kind": "family", "requested_by": learner.parent,
                        "requested_on": learner.on(35)})  # fmt: skip
    if not made.is_success:
        return
    path = f"/v1/reconsiderations/{made.json()['id']}"
    steps: list[tuple[str, dict[str, Any]]] = [
        ("invitation", {"invited_on": learner.on(36), "from_party": "governing_body"}),
        ("representations", {"received_on": learner.on(42),
                             "summary": "The family describes difficulties at home with reading"}),
        ("decision", {"decided_on": learner.on(49), "outcome": "no_aln",
                      "reasons": "The school's provision meets the learner's needs"}),
    ]  # fmt: skip
    for step, body in steps:
        api.call(WREXHAM.client_id, "POST", f"{path}/{step}",
                 key=f"{learner.index}-reconsideration-{step}", json=body)  # fmt: skip
    if learner.stage is Stage.APPEALED:
        api.call("education-tribunal", "POST", "/v1/appeals", key=f"{learner.index}-appeal",
                 json={"learner_id": learner_id, "learner_is_young_person": False,
                       "appellant_kind": "parent", "appellant": learner.parent,
                       "respondent": LA, "matter": "la_reconsideration_decision",
                       "lodged_on": learner.on(56), "notice_given_on": learner.on(49),
                       "reconsideration_id": made.json()["id"], "subject_id": case})  # fmt: skip


def plan_of(api: Api, learner: Learner, learner_id: str, seconds: float = 60.0) -> str | None:
    """The learner's IDP (the IDP service opens it when it hears of the decision), from the
    school's list of plans filtered by learner; None if it did not open in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(1.0)  # it opens a moment after the decision, never before
        page = api.call(learner.setting.client_id, "GET", "/v1/idps",
                        params={"learner_id": learner_id})  # fmt: skip
        if page.is_success and page.json()["items"]:
            plan: str = page.json()["items"][0]["idp_id"]
            return plan
    api.problems.append(f"no IDP for learner {learner.index} after {seconds:.0f} s")
    return None


def follow(api: Api, learner: Learner, case: str, learner_id: str) -> None:
    """One learner's steps after the concern, in order, as far as its stage goes."""
    decide(api, learner, case, learner_id)
    if learner.stage in (Stage.RECONSIDERED, Stage.APPEALED):
        reconsider(api, learner, case, learner_id)
    if learner.stage in _PLANNED:
        idp = plan_of(api, learner, learner_id)
        if idp is not None:
            prepare_plan(api, learner, idp)


def prepare_plan(api: Api, learner: Learner, idp: str) -> None:
    client, school, path = learner.setting.client_id, learner.setting.id, f"/v1/idps/{idp}"
    welsh = learner.welsh_medium
    drafts: list[tuple[str, dict[str, Any]]] = [
        ("aln-description", {"description": "Difficulties with reading and spelling",
                             "impact_on_learning": "Falls behind in written work"}),
        ("section-1", {"learner_name": f"{learner.given_name} {learner.family_name}",
                       "date_of_birth": learner.date_of_birth.isoformat(),
                       "home_language": "Cymraeg" if welsh else "English",
                       "consent_and_capacity": "The parents took part in preparing the plan"}),
        ("one-page-profile", {"what_people_like_and_admire": "Kind, funny, loves football",
                              "what_is_important": "Friends, routine, knowing what comes next",
                              "how_best_to_support": "Short tasks, visual prompts, praise"}),
        ("welsh-language-decision", {"decision": "ALP in Welsh" if welsh else "ALP in English",
                                     "alp_in_welsh": welsh}),
    ]  # fmt: skip
    for section, body in drafts:
        api.call(client, "PUT", f"{path}/draft/{section}", json=body)
    api.call(client, "POST", f"{path}/draft/alp-elements", key=f"{learner.index}-alp", json={
        "element_id": "literacy", "provider_kind": "school", "provider_organisation": school,
        "provision": "A structured literacy programme", "in_welsh": welsh,
        "frequency": "3 sessions a week", "duration": "30 minutes each, for 2 terms",
        "intended_outcome": "Reads and spells at the level expected for their age",
        "delivered_by": "A trained teaching assistant", "rationale": "Gaps in phonics",
        "start_on": learner.on(42), "review_or_end_on": "2027-07-16"})  # fmt: skip
    if learner.stage is Stage.ALN:
        return
    api.call(client, "POST", f"{path}/issue", key=f"{learner.index}-issue",
             json={"issued_by": school, "issued_on": learner.on(35)})  # fmt: skip
    if learner.stage is Stage.REVIEWED:
        api.call(client, "POST", f"{path}/reviews", key=f"{learner.index}-review",
                 json={"held_on": learner.on(63), "outcome": "not_revised"})  # fmt: skip


def made_before(base_url: str, gateway_dir: Path) -> bool:
    """Whether the API knows the sample's first learner (by UPN, as the LA's system asks)."""
    api = Api(base_url, gateway_dir / "dev-credentials.json")
    try:
        first = learners()[0]
        return api.call(WREXHAM.client_id, "GET", f"/v1/learners/by-upn/{first.upn}").is_success
    finally:
        api.close()


def seed(base_url: str, var_dir: Path) -> dict[str, Any]:
    """Make the sample world unless it was made; what was made (the marker's content)."""
    gateway_dir = var_dir / "gateway"
    marker = gateway_dir / MARKER
    if marker.exists() and made_before(base_url, gateway_dir):
        done: dict[str, Any] = json.loads(marker.read_bytes())
        return {**done, "already": True}
    started = time.monotonic()
    phases: dict[str, float] = {}

    def phase(name: str) -> None:
        phases[name] = round(time.monotonic() - started - sum(phases.values()), 1)

    add_sample_clients(gateway_dir / "clients.json")
    api = Api(base_url, gateway_dir / "dev-credentials.json")
    try:
        world = learners()
        with ThreadPoolExecutor(WORKERS) as pool:
            organisations(api, pool)
            phase("clients, contacts, calendars")
            cases = raise_concerns(api, world, pool)
            phase("concerns (bulk)")
            raised = [w for w in world if w.index in cases]
            # Each learner's steps in order, the learners at once: the longest stages first,
            # so that the last to finish do not start last.
            raised.sort(key=lambda w: -_LENGTH[w.stage])
            list(pool.map(lambda w: follow(api, w, *cases[w.index]), raised))
            phase("each learner's steps (decisions, disputes, IDPs)")
    finally:
        api.close()
    stages = Counter(learner.stage.value for learner in world)
    result = {"learners": len(cases), "stages": dict(stages), "problems": api.problems,
              "requests": api.requests, "phases": phases,
              "seconds": round(time.monotonic() - started, 1)}  # fmt: skip
    marker.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
