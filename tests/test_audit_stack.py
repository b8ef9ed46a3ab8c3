"""Auditors replay a learner's case across services and prove it untouched (stack mode)."""

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import psycopg
import pytest

from llwybr.settings import RuntimeSettings
from llwybr.testing import postgres_conninfo

from .stack import Stack, running_stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"
AUDITOR = "auditor:665"


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Stack]:
    runtime = postgres_runtime.model_copy(update={"kafka_bootstrap_servers": kafka_bootstrap})
    with running_stack(runtime, tmp_path_factory.mktemp("audit-stack")) as running:
        yield running


def client(stack: Stack, organisation: str) -> httpx.Client:
    headers = {"Authorization": f"Bearer {stack.token(organisation)}"}
    return httpx.Client(base_url=stack.gateway_url, headers=headers, timeout=30)


def until(condition: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.2)
    return result


def schema(stack: Stack, service: str) -> str:
    return stack.processes[service].env[f"{service.upper()}_POSTGRES_SCHEMA"]


def sql(runtime: RuntimeSettings, statement: str, *params: Any) -> int:
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        return conn.execute(statement, params).rowcount


def scripted_case(stack: Stack) -> dict[str, Any]:
    """A concern, a decision that the learner has ALN, the plan opened from it and issued."""
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    with client(stack, SCHOOL) as school:
        created = school.post("/v1/determinations", json={
            "learner": {"learner_id": learner_id, "given_name": "Cerys", "family_name": "Jones",
                        "date_of_birth": "2017-05-02", "setting": "maintained_school",
                        "setting_id": "6652001", "local_authority": "665"},
            "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
        })  # fmt: skip
        assert created.status_code == 201, created.text
        case_id = created.json()["id"]
        after_concern = datetime.now(UTC)
        time.sleep(0.05)
        decided = school.post(f"/v1/determinations/{case_id}/decision", json={
            "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
            "decided_by": SCHOOL, "person": "ALNCo"})  # fmt: skip
        assert decided.is_success, decided.text
        plans = until(
            lambda: school.get("/v1/idps", params={"learner_id": learner_id}).json()["items"]
        )
        plan_id = plans[0]["idp_id"]
        school.put(f"/v1/idps/{plan_id}/draft/section-3", json={
            "information_used": "Reports", "review_and_transition": "Yearly"})  # fmt: skip
        school.put(f"/v1/idps/{plan_id}/draft/welsh-language-decision",
                   json={"decision": "Not in Welsh: English-medium school"})  # fmt: skip
    return {"learner_id": learner_id, "case_id": case_id, "plan_id": plan_id,
            "after_concern": after_concern}  # fmt: skip


def test_a_learners_case_is_replayed_across_services_as_of_a_moment(stack: Stack) -> None:
    case = scripted_case(stack)
    with client(stack, AUDITOR) as auditor:
        timeline = until(lambda: (
            items if len(items := auditor.get(
                f"/v1/audit/learners/{case['learner_id']}/timeline").json()["items"]) >= 5
            else None
        ))  # fmt: skip
        assert [(e["service"], e["event"]) for e in timeline][:3] == [
            ("determination", "ConcernRaised"),
            ("determination", "Decided"),
            ("idp", "Opened"),
        ]
        assert timeline[0]["actor"].endswith(f"@{SCHOOL}")
        stamps = [e["recorded_at"] for e in timeline]
        assert stamps == sorted(stamps)

        url = f"/v1/audit/determination/aggregates/{case['case_id']}"
        then = auditor.get(url, params={"as_of_recorded": case["after_concern"].isoformat()})
        assert then.json()["version"] == 1
        assert then.json()["state"]["status"] == "gathering_information"
        now = auditor.get(url).json()
        assert (now["version"], now["state"]["status"]) == (2, "decided_aln")
        assert auditor.get(url, params={"as_of_version": 1}).json()["state"]["decision"] is None


def test_an_untouched_case_verifies_and_an_altered_or_deleted_event_is_named(
    stack: Stack, postgres_runtime: RuntimeSettings
) -> None:
    case = scripted_case(stack)
    with client(stack, AUDITOR) as auditor:
        verified = auditor.get("/v1/audit/verify", params={"learner_id": case["learner_id"]})
        assert verified.json()["ok"] is True

        altered = sql(
            postgres_runtime,
            f'UPDATE "{schema(stack, "determination")}".determination_events SET state = '
            "convert_to(replace(convert_from(state, 'UTF8'), 'Needs ALP', 'No ALN'), 'UTF8') "
            "WHERE originator_id = %s AND originator_version = 2",
            uuid.UUID(case["case_id"]),
        )
        assert altered == 1
        report = auditor.get("/v1/audit/verify", params={"learner_id": case["learner_id"]}).json()
        assert report["ok"] is False
        broken = report["first_broken"]["broken"]
        assert (broken["originator_id"], broken["originator_version"]) == (case["case_id"], 2)
        assert "altered" in broken["reason"]

        deleted = sql(
            postgres_runtime,
            f'DELETE FROM "{schema(stack, "idp")}".idp_events '
            "WHERE originator_id = %s AND originator_version = 2",
            uuid.UUID(case["plan_id"]),
        )
        assert deleted == 1
        idp_report = auditor.get("/v1/audit/verify", params={"service": "idp"}).json()
        assert idp_report["ok"] is False
        gap = idp_report["first_broken"]["broken"]
        assert (gap["originator_id"], gap["originator_version"]) == (case["plan_id"], 3)
        assert "missing" in gap["reason"]


def test_only_auditors_read_the_history(stack: Stack) -> None:
    with client(stack, SCHOOL) as school:
        response = school.get("/v1/audit/verify", params={"service": "determination"})
    assert response.status_code == 403
