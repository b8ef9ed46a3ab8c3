"""The statutory clocks through the gateway (stack mode, issue #17): a late review keeps the IDP's
review cycle, and a date counted without the school's term calendar is shown provisional until
the calendar is published, then firm."""

import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from llwybr.settings import RuntimeSettings
from llwybr_testkit import IDP_DRAFT

from .stack import TEST_LIMITS, Stack, running_stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Stack]:
    # Only what this run publishes: the shared topics hold every other run's events too.
    runtime = postgres_runtime.model_copy(
        update={"kafka_bootstrap_servers": kafka_bootstrap, "consumer_start_from": "latest"}
    )
    with running_stack(runtime, tmp_path_factory.mktemp("clocks"), TEST_LIMITS) as running:
        running.wait_caught_up({"idp.determinations"})
        yield running


def client(stack: Stack, organisation: str) -> httpx.Client:
    headers = {"Authorization": f"Bearer {stack.token(organisation)}"}
    return httpx.Client(base_url=stack.gateway_url, headers=headers, timeout=30)


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.is_success, response.text
    body: dict[str, Any] = response.json()
    return body


def until(condition: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.2)
    return result


def concern(school: httpx.Client, came_to_attention_on: str) -> dict[str, Any]:
    return ok(school.post("/v1/determinations", json={
        "learner": {"local_id": f"learner-{uuid.uuid4().hex[:8]}", "given_name": "Cerys",
                    "family_name": "Jones", "date_of_birth": "2017-05-02",
                    "setting": "maintained_school", "setting_id": "6652001",
                    "local_authority": "665"},
        "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": came_to_attention_on,
    }))  # fmt: skip


def test_a_late_review_keeps_the_plans_review_cycle(stack: Stack) -> None:
    with client(stack, SCHOOL) as school:
        case = concern(school, "2025-09-08")
        ok(school.post(f"/v1/determinations/{case['id']}/decision", json={
            "has_aln": True, "reasons": "Needs ALP", "decided_on": "2025-09-26",
            "decided_by": SCHOOL, "person": "ALNCo"}))  # fmt: skip
        items = until(lambda: school.get(
            "/v1/idps", params={"learner_id": case["learner_id"]}).json()["items"])  # fmt: skip
        plan = f"/v1/idps/{items[0]['idp_id']}"
        for method, path, body in IDP_DRAFT:
            ok(school.request(method, f"{plan}/draft/{path}", json=body))
        ok(school.post(f"{plan}/issue", json={"issued_on": "2025-10-06", "issued_by": SCHOOL}))
        review = ok(school.get(plan))["deadlines"]["review"]
        assert (review["due_on"], review["state"]) == ("2026-10-05", "missed")
        assert ok(school.get(plan))["deadlines"]["preparation"]["state"] == "met"
        # held four weeks after the period ended: the next period runs on from 6 October 2026
        # (s.23(4)), not from the day of the review
        ok(school.post(f"{plan}/reviews", json={"held_on": "2026-11-02", "outcome": "not_revised"}))
        review = ok(school.get(plan))["deadlines"]["review"]
        assert (review["trigger_date"], review["due_on"]) == ("2026-10-06", "2027-10-05")
        assert review["state"] == "open"
        assert "s.23(4)" in review["explanation"]


def test_a_date_without_the_schools_calendar_is_provisional_until_the_calendar_is_published(
    stack: Stack,
) -> None:
    with client(stack, SCHOOL) as school:
        case = concern(school, "2026-11-20")
        deadline = ok(school.get(f"/v1/determinations/{case['id']}"))["deadlines"]["decision"]
        assert deadline["provisional"] is True
        calendar = {
            "name": "Ysgol Example 2026/27",
            "terms": [
                {"name": "Autumn 2", "start": "2026-11-02", "end": "2026-12-18"},
                {"name": "Spring 1", "start": "2027-01-05", "end": "2027-02-12"},
                {"name": "Spring 2", "start": "2027-02-22", "end": "2027-03-26"},
            ],
            "closures": ["2027-01-05"],
        }
        published = ok(school.put(f"/v1/calendars/{SCHOOL}?set_by={SCHOOL}", json=calendar))
        assert case["id"] in published["recalculated"]
        firm = ok(school.get(f"/v1/determinations/{case['id']}"))["deadlines"]["decision"]
        assert firm["provisional"] is False
        assert firm["calendar_id"] == SCHOOL
        assert firm["due_on"] > deadline["due_on"]  # the holidays do not count

        def watched_firm() -> dict[str, Any] | None:
            page = school.get("/v1/reminders", params={"learner_id": case["learner_id"]})
            items = [i for i in page.json()["items"] if i["subject_id"] == case["id"]]
            return items[0] if items and items[0]["due_on"] == firm["due_on"] else None

        reminder = until(watched_firm)
        assert reminder["provisional"] is False


def test_an_la_is_named_la_665_through_the_gateway_and_the_bare_number_is_deprecated(
    stack: Stack,
) -> None:
    """Issue 20: one id form for an LA; the bare number still works, with `Deprecation`."""
    with client(stack, SCHOOL) as school, client(stack, "la:665") as la:
        learner = {"local_id": f"learner-{uuid.uuid4().hex[:8]}", "given_name": "Cerys",
                   "family_name": "Jones", "date_of_birth": "2017-05-02",
                   "setting": "maintained_school", "setting_id": "school:6652001",
                   "local_authority": "la:665"}  # fmt: skip
        raised = school.post("/v1/determinations", json={
            "learner": learner, "raised_by": SCHOOL, "raised_with": SCHOOL,
            "came_to_attention_on": "2025-09-08"})  # fmt: skip
        assert raised.status_code == 201, raised.text
        assert "Deprecation" not in raised.headers
        case = ok(school.get(f"/v1/determinations/{raised.json()['id']}"))
        assert case["learner"]["local_authority"] == "la:665"
        current = la.get("/v1/statistics/local-authorities/la:665")
        bare = la.get("/v1/statistics/local-authorities/665")
        assert ok(current)["local_authority"] == ok(bare)["local_authority"] == "la:665"
        assert "Deprecation" not in current.headers
        assert bare.headers["Deprecation"] == "@1796601600"
        free_text = la.get("/v1/statistics/local-authorities/Wrexham")
        assert free_text.status_code == 422, free_text.text
