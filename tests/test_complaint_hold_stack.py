"""A complaint holds the learner's personal data (issue 23), through the gateway on the shared
stack: the LA responsible opens a complaint (disputes), the registry learns it from Kafka as a
legal hold, an erasure that is due is refused (409 `legal-hold`); once the complaint is closed
the hold is lifted and the daily retention run erases the learner."""

import json
from typing import Any

import httpx
import pytest

from .access_stories import (
    HOME_SCHOOL,
    LA,
    SECOND_LA,
    Callers,
    concern,
    decision,
    ok,
    pupil,
    raised,
    today,
    until,
)
from .stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_an_open_complaint_stops_a_due_shred_and_closing_it_lets_the_run_erase(
    shared_stack: Stack,
) -> None:
    from typer.testing import CliRunner

    from gateway.cli import app as audit_cli

    shared_stack.ensure_running()
    callers = Callers(shared_stack)
    try:
        school, la = callers(HOME_SCHOOL), callers(LA)
        case_id, learner_id = raised(callers, concern(pupil()))
        ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision(has_aln=False)))
        complaint = {"learner_id": learner_id, "made_by": "Rhian Jones, mother",
                     "summary": "The decision came late", "opened_on": today()}  # fmt: skip

        def opened() -> httpx.Response | None:  # 404 until disputes knows the learner
            answer = la.post("/v1/complaints", json=complaint)
            return answer if answer.status_code != 404 else None

        created = until(opened, what="disputes knowing the learner")
        assert created.status_code == 201, created.text
        complaint_id = created.json()["id"]
        other = callers(SECOND_LA).post("/v1/complaints", json=complaint)
        assert other.status_code in (403, 404), other.text  # only the responsible LA
        bad = la.post("/v1/complaints", json={**complaint, "summary": ""})
        assert bad.status_code == 422
        assert bad.headers["content-type"].startswith("application/problem+json")

        def holds() -> list[str]:
            found: list[str] = ok(la.get(f"/v1/learners/{learner_id}"))["legal_holds"]
            return found

        until(lambda: holds() == [f"complaint:{complaint_id}"], what="the complaint's hold")
        erasure = {"erased_on": today(), "schedule": "no-aln-6", "recorded_by": LA}
        refused = la.post(f"/v1/learners/{learner_id}/erasure", json=erasure)
        assert refused.status_code == 409, refused.text
        assert refused.json()["type"].endswith("legal-hold")

        service = shared_stack.processes["determination"]
        gateway = shared_stack.processes["gateway"]
        env = {  # the service's settings, its var directory (the development KEK) absolute
            **service.env, "LLWYBR_VAR_DIR": str(service.directory / "var"),
            "GATEWAY_POSTGRES_SCHEMA": gateway.env.get("GATEWAY_POSTGRES_SCHEMA", "gateway"),
        }  # fmt: skip
        run = ["retention", "run", "--la", LA, "--on", "2040-01-31", "--json",
               "--learner", learner_id]  # fmt: skip
        held = CliRunner().invoke(audit_cli, run, env=env)
        assert held.exit_code == 0, held.output
        account: dict[str, Any] = json.loads(held.output)
        assert [line["learner_id"] for line in account["held"]] == [learner_id]
        assert account["erased"] == []

        version = ok(la.get(f"/v1/complaints/{complaint_id}"))["version"]
        ok(la.post(f"/v1/complaints/{complaint_id}/closure", headers={"If-Match": f'"{version}"'},
                   json={"closed_on": today(), "outcome": "Apology given"}))  # fmt: skip
        until(lambda: holds() == [] or None, what="the hold lifted")

        erased = CliRunner().invoke(audit_cli, run, env=env)
        assert erased.exit_code == 0, erased.output
        assert [line["learner_id"] for line in json.loads(erased.output)["erased"]] == [learner_id]
        entry = ok(la.get(f"/v1/learners/{learner_id}"))
        assert entry["personal_data_erased"] == (
            "personal data erased on 2040-01-31 under schedule no-aln-6"
        )

        def complaint_erased() -> dict[str, Any] | None:  # within the vault's cache time
            found = ok(la.get(f"/v1/complaints/{complaint_id}"))
            return found if found["made_by"] is None else None

        closed = until(complaint_erased, what="the complaint's text erased")
        assert (closed["summary"], closed["outcome"], closed["status"]) == (None, None, "closed")
    finally:
        callers.close()
