"""Each service under a real race on one of its own command routes (issue 21, ADR 0027):
N callers send a command to one aggregate at the same moment, through the gateway of the
shared stack, on PostgreSQL. No caller gets a 500; with one ``If-Match`` exactly one wins and
every other is told 412 ``stale-version``; without one, a command every caller may repeat is
run again by the service when it lost (``RetryConflicts``), so each is applied or told 409
``concurrent-change`` and the aggregate holds exactly one change per success; a command
that may be applied once is applied once and the rest are refused with a 409 of the domain.
"""

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import httpx
import pytest

from .access_stories import (
    HOME_SCHOOL,
    LA,
    Callers,
    as_told,
    concern,
    decision,
    disagreement_case,
    ok,
    parents,
    plan_of,
    pupil,
    raised,
    today,
)
from .stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: Callers at the same moment: more than the service's retries (5 runs) can always absorb.
RIVALS = 8


@pytest.fixture(scope="module")
def callers(shared_stack: Stack) -> Iterator[Callers]:
    shared_stack.ensure_running()
    found = Callers(shared_stack)
    yield found
    found.close()


def raced(
    stack: Stack, organisation: str, method: str, url: str, bodies: list[dict[str, Any]],
    if_match: str | None = None,
) -> list[httpx.Response]:  # fmt: skip
    """Every body sent at once, each by a client (and connection) of its own."""
    headers = {"Authorization": f"Bearer {stack.token(organisation)}"}
    if if_match is not None:
        headers["If-Match"] = if_match
    clients = [
        httpx.Client(base_url=stack.gateway_url, headers=headers, timeout=60) for _ in bodies
    ]
    try:
        for c in clients:  # connected before the race, so the requests leave together
            c.get("/healthz")
        with ThreadPoolExecutor(len(bodies)) as pool:
            return list(pool.map(lambda c, b: c.request(method, url, json=b), clients, bodies))
    finally:
        for c in clients:
            c.close()


def statuses(responses: list[httpx.Response]) -> list[int]:
    return sorted(r.status_code for r in responses)


def refused_as(responses: list[httpx.Response], status: int) -> set[str]:
    return {r.json()["type"].rsplit("/", 1)[-1] for r in responses if r.status_code == status}


def version(reader: Callable[[], httpx.Response]) -> int:
    response = reader()
    assert response.status_code == 200, response.text
    return int(response.headers["etag"].strip('W/"'))


def assert_one_if_match_wins(responses: list[httpx.Response]) -> None:
    assert statuses(responses) == sorted([200] + [412] * (len(responses) - 1)), [
        r.text for r in responses
    ]
    assert refused_as(responses, 412) == {"stale-version"}


def assert_each_applied_or_a_conflict(responses: list[httpx.Response]) -> int:
    """The number applied; every other answer is a 409 ``concurrent-change``."""
    codes = statuses(responses)
    assert set(codes) <= {200, 409}, [r.text for r in responses if r.status_code not in (200, 409)]
    assert refused_as(responses, 409) <= {"concurrent-change"}
    applied = codes.count(200)
    assert applied >= 1
    return applied


def test_determination_evidence_requests_raced_on_one_case(
    shared_stack: Stack, callers: Callers
) -> None:
    case_id, _ = raised(callers, concern(pupil()))
    url = f"/v1/determinations/{case_id}/evidence-requests"
    school = callers(HOME_SCHOOL)
    read = partial(school.get, f"/v1/determinations/{case_id}")

    def asks(tag: str) -> list[dict[str, Any]]:
        return [{"request_id": f"{tag}{n}", "from_organisation": "lhb:7A1", "description": "d",
                 "requested_on": today()} for n in range(RIVALS)]  # fmt: skip

    before = version(read)
    assert_one_if_match_wins(
        raced(shared_stack, HOME_SCHOOL, "POST", url, asks("m"), f'"{before}"')
    )
    assert version(read) == before + 1

    applied = assert_each_applied_or_a_conflict(
        raced(shared_stack, HOME_SCHOOL, "POST", url, asks("r"))
    )
    assert version(read) == before + 1 + applied


def test_idp_draft_section_raced_on_one_plan(shared_stack: Stack, callers: Callers) -> None:
    case_id, learner_id = raised(callers, concern(pupil()))
    school = callers(HOME_SCHOOL)
    ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision()))
    plan_id = plan_of(school, learner_id)["id"]
    url = f"/v1/idps/{plan_id}/draft/section-1"
    read = partial(school.get, f"/v1/idps/{plan_id}")

    def sections(tag: str) -> list[dict[str, Any]]:
        return [{"learner_name": f"Siôn {tag}{n}", "date_of_birth": "2017-05-02",
                 "home_language": "Cymraeg", "consent_and_capacity": "Parents consulted"}
                for n in range(RIVALS)]  # fmt: skip

    before = version(read)
    assert_one_if_match_wins(
        raced(shared_stack, HOME_SCHOOL, "PUT", url, sections("m"), f'"{before}"')
    )
    assert version(read) == before + 1

    applied = assert_each_applied_or_a_conflict(
        raced(shared_stack, HOME_SCHOOL, "PUT", url, sections("r"))
    )
    assert version(read) == before + 1 + applied


def test_disputes_conclusion_raced_on_one_case(shared_stack: Stack, callers: Callers) -> None:
    """Concluding is done once: of the rivals without ``If-Match`` one is applied and every
    other, run again on the concluded case, is refused by the domain (a 409, not a retry)."""
    la = callers(LA)
    conclusion = {"concluded_on": today(), "outcome": "resolved", "summary": "Agreed"}
    versions = []
    for if_match in (True, False):
        _, learner_id = raised(callers, concern(pupil()))
        opened = as_told(
            partial(la.post, "/v1/disagreement-resolutions", json=disagreement_case(learner_id))
        )
        assert opened.status_code == 201, opened.text
        case_url = opened.headers["location"].removeprefix(shared_stack.gateway_url)
        read = partial(la.get, case_url)
        before = version(read)
        answers = raced(shared_stack, LA, "POST", f"{case_url}/conclusion", [conclusion] * RIVALS,
                        f'"{before}"' if if_match else None)  # fmt: skip
        if if_match:
            assert_one_if_match_wins(answers)
        else:
            assert statuses(answers) == sorted([200] + [409] * (RIVALS - 1)), [
                a.text for a in answers
            ]
            assert "concurrent-change" not in refused_as(answers, 409)
        versions.append(version(read) - before)
    assert versions == [1, 1]


def test_notifications_contacts_raced_for_one_learner(
    shared_stack: Stack, callers: Callers
) -> None:
    _, learner_id = raised(callers, concern(pupil()))
    school = callers(HOME_SCHOOL)
    url = f"/v1/contacts/learners/{learner_id}"
    first = as_told(lambda: school.put(url, json=parents("first@example.org")))
    assert first.status_code == 200, first.text
    read = partial(school.get, url)

    def contacts(tag: str) -> list[dict[str, Any]]:
        return [parents(f"{tag}{n}-{uuid.uuid4().hex[:6]}@example.org") for n in range(RIVALS)]

    before = version(read)
    assert_one_if_match_wins(
        raced(shared_stack, HOME_SCHOOL, "PUT", url, contacts("m"), f'"{before}"')
    )
    assert version(read) == before + 1

    applied = assert_each_applied_or_a_conflict(
        raced(shared_stack, HOME_SCHOOL, "PUT", url, contacts("r"))
    )
    assert version(read) == before + 1 + applied
