"""The public API in stack mode, each deployable its own process: outages, concurrency, fuzzing."""

import asyncio
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.specs.openapi.schemas import OpenApiSchema

from gateway.authz import ROUTE_SCOPES
from llwybr.settings import RuntimeSettings
from tests.stack import TEST_LIMITS, Stack, running_stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"
LA = "la:665"
LEARNER = {
    "given_name": "Cerys",
    "family_name": "Jones",
    "date_of_birth": "2017-05-02",
    "setting": "maintained_school",
    "setting_id": "6652001",
    "local_authority": "665",
}
CONCERN = {
    "learner": LEARNER,
    "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
}  # fmt: skip


@pytest.fixture(scope="module")
def running(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Stack]:
    runtime = postgres_runtime.model_copy(update={"kafka_bootstrap_servers": kafka_bootstrap})
    # The fuzzing sends a few hundred requests a minute as one client, which is not a runaway.
    with running_stack(runtime, tmp_path_factory.mktemp("stack"), TEST_LIMITS) as stack:
        yield stack


@pytest.fixture
def stack(running: Stack) -> Stack:
    """The module's stack with every process up, whatever a previous test stopped."""
    running.ensure_running()
    return running


def bearer(stack: Stack, organisation: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.token(organisation)}"}


def test_a_stopped_service_gives_503_and_the_gateway_recovers_when_it_is_back(
    stack: Stack,
) -> None:
    gateway_pid = stack.processes["gateway"].pid
    with httpx.Client(base_url=stack.gateway_url, headers=bearer(stack, SCHOOL)) as client:
        created = client.post("/v1/determinations", json=CONCERN)
        assert created.status_code == 201, created.text
        case = created.headers["location"]
        assert client.get(case).status_code == 200

        stack.stop("determination")
        started = time.monotonic()
        down = client.get(case, timeout=30)
        elapsed = time.monotonic() - started
        assert down.status_code == 503, down.text
        assert down.headers["content-type"] == "application/problem+json"
        assert int(down.headers["retry-after"]) > 0
        assert down.json()["status"] == 503
        assert elapsed < 10

        stack.start("determination")
        back = client.get(case)
    assert back.status_code == 200, back.text
    assert back.json()["id"] == created.json()["id"]
    assert stack.processes["gateway"].pid == gateway_pid


async def test_of_concurrent_updates_with_one_if_match_one_wins_and_the_rest_are_refused(
    stack: Stack,
) -> None:
    """Conflicting commands on one case: exactly one wins, every other is told 412 (or 409),
    and the case's event stream has no gap and no duplicate version."""
    rivals = 6
    auditor = bearer(stack, "auditor:665")
    async with httpx.AsyncClient(
        base_url=stack.gateway_url, headers=bearer(stack, SCHOOL), timeout=30
    ) as client:

        async def evidence_request(case: str, request_id: str) -> httpx.Response:
            body = {"request_id": request_id, "from_organisation": "lhb:7A1",
                    "description": "Paediatric reports", "requested_on": "2026-03-03"}  # fmt: skip
            return await client.post(
                f"{case}/evidence-requests", json=body, headers={"If-Match": '"1"'}
            )

        # A few cases, since one set may miss the race by timing.
        for n in range(3):
            learner = {**LEARNER, "local_id": f"race-{uuid.uuid4().hex[:8]}-{n}"}
            concern = {**CONCERN, "learner": learner}
            created = await client.post("/v1/determinations", json=concern)
            assert created.status_code == 201, created.text
            case, learner_id = created.headers["location"], created.json()["learner_id"]
            responses = await asyncio.gather(
                *(evidence_request(case, f"declo-{r}") for r in range(rivals))
            )
            statuses = sorted(r.status_code for r in responses)
            assert statuses[0] == 200, [r.text for r in responses]
            assert all(s in (409, 412) for s in statuses[1:]), statuses
            after = (await client.get(case)).json()
            assert after["version"] == 2
            assert len(after["evidence_requests"]) == 1
            timeline = await client.get(
                f"/v1/audit/learners/{learner_id}/timeline", headers=auditor
            )
            assert timeline.status_code == 200, timeline.text
            case_events = [e for e in timeline.json()["items"]
                           if e["aggregate_id"] == created.json()["id"]]  # fmt: skip
            assert [e["version"] for e in case_events] == [1, 2]


# -- the OpenAPI document, fuzzed -------------------------------------------------------------

#: Fixed, so each run sends the same examples (this seed reached the server errors fixed
#: since: control characters in paths, an unbounded cursor).
SEED = 4


FUZZED = [
    pytest.param(
        method,
        path,
        id=f"{method} {path}",
    )
    for method, path in sorted(ROUTE_SCOPES)
    if path.startswith(("/v1/determinations", "/v1/calendars"))
]


@pytest.fixture(scope="module")
def api(running: Stack) -> OpenApiSchema:
    """The gateway's OpenAPI document, as it serves it (merged from the services at start-up)."""
    return schemathesis.openapi.from_url(f"{running.gateway_url}/openapi.json")


def acting_as_la(case: Case[Any]) -> Case[Any]:
    """Make a generated request one the LA may make: for itself, about its learners, no If-Match."""

    def own(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: LA if k.endswith("_by") and isinstance(v, str)
                else "665" if k == "local_authority" and isinstance(v, str)
                else own(v)
                for k, v in value.items()
            }  # fmt: skip
        if isinstance(value, list):
            return [own(v) for v in value]
        return value

    case.body = own(case.body)
    if case.query and "set_by" in case.query:
        case.query["set_by"] = LA
    if case.headers:
        case.headers.pop("if-match", None)
    return case


@pytest.mark.parametrize(("method", "path"), FUZZED)
def test_generated_requests_get_no_server_error_and_answers_match_the_schema(
    stack: Stack, api: OpenApiSchema, method: str, path: str
) -> None:
    operation = api[path][method]
    headers = bearer(stack, LA)
    la_concern = {**CONCERN, "raised_by": LA, "raised_with": LA}
    created = httpx.post(f"{stack.gateway_url}/v1/determinations", json=la_concern, headers=headers)
    assert created.status_code == 201, created.text
    # Random ids mostly reach "not found": a third of the requests are about the LA's own case
    # and calendar, acting for itself, so they reach the rules behind the edge.
    own = {"determination_id": created.json()["id"], "calendar_id": LA}
    own = {name: value for name, value in own.items() if f"{{{name}}}" in path}
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=own).map(acting_as_la),
    )

    @seed(SEED)
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: each request is a round trip
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def check(case: Case[Any]) -> None:
        case.call_and_validate(
            base_url=stack.gateway_url,
            session=session,
            headers=headers,
            checks=[not_a_server_error, response_schema_conformance],
        )

    with requests.Session() as session:
        check()
