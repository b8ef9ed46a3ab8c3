"""Who may see a child, generated (issue 16): every route of the public API x every kind of
organisation x (its own, another's, a non-existent) resource, in stack mode.

For every answer: no data of a learner the organisation has no relationship with (names,
parents' names and emails, ids it did not send); every 404 the same body (apart from
``instance`` and ``request_id``); every refusal (401, 403, 404, 429) in the access audit as
``denied`` with a reason. One request per route x organisation x resource (a route that takes
no resource is asked once per organisation); writes carry an empty body, so most stop at
validation, before access (their access is shown by each service's own tests and the
stories).

The world is built through the public API (``tests.access_world``). A failure lists every
failing cell, grouped by what failed, so that it says which services still leak.
"""

import re
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from gateway.routing import UNNAMED_REFUSALS

from .access_stories import THE_ONE_404, new_upn
from .access_world import ANOTHERS, ORGANISATIONS, OWN, Learner, build_world
from .stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

METHODS = ("get", "post", "put", "patch", "delete")
REFUSALS = (401, 403, 404, 429)
CELLS = ("own", "another's", "non-existent")
#: The one 404 as ``without_request`` gives it.
THE_ONE_404_BODY = repr(sorted((k, repr(v)) for k, v in THE_ONE_404.items()))


def _own(kinds: set[str], *templates: str) -> set[tuple[str, str, str, str]]:
    return {("GET", template, kind, "own") for template in templates for kind in kinds}


_ALL = set(ORGANISATIONS)
_AUDITORS = {"auditor", "second auditor"}
#: Those who send the learner notices (deciding body, maintainer, responsible LA, LA looking
#: after), and the auditors. The school of a looked-after child (decided and maintained by
#: the LA looking after) and the health boards referred to are not among them.
_NOTICE_SENDERS = {"second school", "LA", "second LA", "LA looking after", "FEI"} | _AUDITORS
#: Cells whose answer must be 200: each kind reads its own learner's records (the matrix
#: would otherwise pass if every answer were a 404).
OWN_READS = (
    _own(_ALL, "/v1/determinations/{determination_id}")
    | _own(
        _ALL - {"health board", "second health board"},
        "/v1/learners/{learner_id}",
        "/v1/learners/by-upn/{upn}",
    )
    | _own(
        _NOTICE_SENDERS,
        "/v1/contacts/learners/{learner_id}",
        "/v1/idps/{idp_id}",
        "/v1/notices/{notice_id}",
    )
    | _own({"LA", "second LA"}, "/v1/learners/{learner_id}/subject-access")
    | _own(
        _AUDITORS,
        "/v1/audit/learners/{learner_id}/timeline",
        "/v1/audit/learners/{learner_id}/bundle",
        "/v1/audit/{service}/aggregates/{aggregate_id}",
    )
)
#: Ids for resources the world does not make: the same in every cell (they never exist).
NEVER_MADE = ("case_id", "appeal_id", "advocacy_id", "complaint_id", "subscription_id",
              "delivery_id", "opinion_id", "sha256", "order_id", "recommendation_id",
              "element_id")  # fmt: skip


@pytest.fixture(scope="module")
def stack(shared_stack: Stack) -> Stack:
    shared_stack.ensure_running()
    return shared_stack


class Clients:
    """One HTTP client per organisation, with a token of its development client."""

    def __init__(self, stack: Stack) -> None:
        self.stack, self.clients = stack, dict[str, httpx.Client]()

    def __call__(self, organisation: str) -> httpx.Client:
        if organisation not in self.clients:
            token = self.stack.token(organisation)
            self.clients[organisation] = httpx.Client(
                base_url=self.stack.gateway_url,
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
        return self.clients[organisation]

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


def value(param: str, schema: dict[str, Any], kind: str, cell: str,
          world: dict[str, Learner]) -> str:  # fmt: skip
    """The value of a path or query parameter for one organisation and cell."""
    organisation = ORGANISATIONS[kind]
    learner = {"own": world[OWN[kind]], "another's": world[ANOTHERS[kind]]}.get(cell)
    unknown = str(uuid.uuid4())
    if param in NEVER_MADE:
        return "0" * 64 if param == "sha256" else unknown
    if param in {"determination_id", "idp_id", "notice_id", "aggregate_id", "referral_id"}:
        key = "determination_id" if param == "aggregate_id" else param
        return learner.ids.get(key, unknown) if learner else unknown
    if param in {"learner_id", "resource_id"}:
        return learner.learner_id if learner else unknown
    if param == "upn":
        return str(learner.concern["learner"]["upn"]) if learner else new_upn()
    if param == "local_authority":
        la = {"own": learner.local_authority if learner else "", "another's": ""}.get(cell, "")
        la = la or {"own": "665", "another's": "666"}.get(cell, "699")
        if kind in {"second LA"} and cell == "own":
            la = "666"
        return la if "\\d{3}" in str(schema.get("pattern", "")) + str(schema) else f"la:{la}"
    if param in {"organisation", "calendar_id", "provider", "set_by", "setting"}:
        other = "school:6662001" if organisation != "school:6662001" else "school:6652001"
        return {"own": organisation, "another's": other}.get(cell, "school:9999999")
    if param == "service":
        return "determination"
    if param == "number":
        return "1"
    if param == "month":  # an LA's retention report: a month far enough for cases to be due
        return "2040-01"
    raise AssertionError(f"no value for parameter {param}")


#: Parameters whose value depends on the cell (the others are asked once per organisation).
BY_CELL = {"determination_id", "idp_id", "notice_id", "aggregate_id", "referral_id",
           "learner_id", "resource_id", "local_authority", "organisation", "calendar_id",
           "provider", "set_by", "upn"}  # fmt: skip


def fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


def requests_of(document: dict[str, Any], world: dict[str, Learner]) -> Iterator[
    tuple[str, str, str, str, str, dict[str, str]]
]:  # fmt: skip
    """(method, template, kind, cell, url, query) for every cell of the matrix."""
    for template, item in sorted(document["paths"].items()):
        if not template.startswith("/v1/"):
            continue
        for method in (m for m in METHODS if m in item):
            parameters = [p for p in item[method].get("parameters", [])
                          if p["in"] in {"path", "query"}]  # fmt: skip
            asked = [p for p in parameters if p["in"] == "path" or p.get("required")
                     or p["name"] in BY_CELL]  # fmt: skip
            cells = CELLS if any(p["name"] in BY_CELL for p in asked) else ("any",)
            for kind in ORGANISATIONS:
                for cell in cells:
                    values = {p["name"]: value(p["name"], p.get("schema", {}), kind,
                                               cell if cell != "any" else "own", world)
                              for p in asked}  # fmt: skip
                    url = fill(template, values)
                    query = {p["name"]: values[p["name"]] for p in asked if p["in"] == "query"}
                    yield method.upper(), template, kind, cell, url, query


def without_request(response: httpx.Response) -> str:
    body = response.json()
    return repr(
        sorted((k, repr(v)) for k, v in body.items() if k not in {"instance", "request_id"})
    )


def leaked(response: httpx.Response, sent: str, secrets: list[str]) -> list[str]:
    """The secrets in the answer that the caller did not send itself."""
    text = response.text
    if response.headers.get("content-type", "").endswith("json"):
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            text = repr({k: v for k, v in body.items() if k != "instance"})
    return [s for s in secrets if s and s in text and s not in sent]


def audit_rows(clients: Clients) -> dict[str, dict[str, Any]]:
    """Every access audit row, by request id (read as the auditor for Wales)."""
    rows: dict[str, dict[str, Any]] = {}
    after = None
    while True:
        params: dict[str, Any] = {"limit": 1000} | ({"after": after} if after else {})
        page = clients("auditor:wales").get("/v1/access-audit", params=params)
        assert page.status_code == 200, page.text
        for row in page.json()["items"]:
            rows[row["request_id"]] = row
        after = page.json()["next_after"]
        if after is None:
            return rows


def ask(
    clients: Clients, n: int, cell: tuple[str, str, str, str, str, dict[str, str]]
) -> tuple[str, httpx.Response]:
    """(request id, answer) of one cell of the matrix."""
    method, _, kind, _, url, query = cell
    request_id = f"matrix-{n:05d}-{uuid.uuid4().hex[:8]}"
    response = clients(ORGANISATIONS[kind]).request(
        method, url, params=query, headers={"X-Request-ID": request_id},
        json={} if method in {"POST", "PUT", "PATCH"} else None,
    )  # fmt: skip
    return request_id, response


@pytest.mark.timeout(900)  # thousands of requests on a machine other tests share
def test_no_organisation_reads_another_learner_and_every_refusal_is_the_same_and_audited(
    stack: Stack,
) -> None:
    clients = Clients(stack)
    try:
        notes: list[str] = []
        world = build_world(clients, notes)
        document = httpx.get(f"{stack.gateway_url}/openapi.json", timeout=30).json()
        failures: list[tuple[str, str]] = [("the world was not built", n) for n in notes]
        refusals: dict[str, tuple[str, int]] = {}
        bodies: Counter[str] = Counter()
        first_404: dict[str, str] = {}
        for organisation in ORGANISATIONS.values():
            clients(organisation)  # every token before the threads share the clients
        cells = list(requests_of(document, world))
        # A few requests at once: the matrix is thousands of them, on a shared machine.
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda cell: ask(clients, *cell), enumerate(cells)))
        for (method, template, kind, cell, url, query), (request_id, response) in zip(
            cells, answers, strict=True
        ):
            organisation = ORGANISATIONS[kind]
            where = f"{method} {template} as {kind} ({organisation}), {cell}"
            secrets = [s for learner in world.values() if organisation not in learner.related
                       for s in learner.secrets()]  # fmt: skip
            sent = f"{url} {query}"
            if found := leaked(response, sent, secrets):
                failures.append(("foreign data in the answer", f"{where}: {found}"))
            if response.status_code == 500:
                failures.append(("a 500", f"{where}: {response.text[:200]}"))
            if response.status_code == 404:
                body = without_request(response)
                bodies[body] += 1
                first_404.setdefault(body, where)
            if response.status_code in REFUSALS:
                refusals[request_id] = (where, response.status_code)
            if (method, template, kind, cell) in OWN_READS and response.status_code != 200:
                failures.append(("own record not read", f"{where}: {response.status_code}"))
        asked = {(m, t, k, c) for m, t, k, c, *_ in cells}
        failures += [("own read not in the matrix", str(c)) for c in OWN_READS - asked]
        rows = audit_rows(clients)
        for request_id, (where, status) in refusals.items():
            row = rows.get(request_id)
            if row is None:
                failures.append(("refusal not in the access audit", f"{where}: {status}"))
            elif row["outcome"] != "denied" or not row.get("reason"):
                failures.append((
                    "refusal not audited as denied with a reason",
                    f"{where}: {status} audited {row['outcome']} reason {row.get('reason')}",
                ))  # fmt: skip
            elif status == 403 and row["reason"] == UNNAMED_REFUSALS[403]:
                failures.append(("a service's 403 names no reason", f"{where}"))
        if bodies:
            common = bodies.most_common(1)[0][0]
            if common != THE_ONE_404_BODY:
                failures.append(("the common 404 is not the one 404", common))
            for body, count in bodies.items():
                if body != common:
                    seen = f"{first_404[body]} (and {count - 1} more): {body}"
                    failures.append(("another 404 body", seen))
    finally:
        clients.close()
    by_kind = Counter(k for k, _ in failures)
    report = "\n".join(
        [f"world: {note}" for note in notes]
        + [f"{k}: {count}" for k, count in by_kind.items()]
        + [f"  {k}: {detail}" for k, detail in failures[:300]]
    )
    assert not failures, report
