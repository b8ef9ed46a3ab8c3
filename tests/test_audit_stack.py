"""Auditors replay a learner's case across services and prove it untouched (stack mode)."""

import hashlib
import io
import json
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from determination.api.schemas import public_learner
from disputes.api.shared import STORED_DEADLINES
from llwybr.settings import RuntimeSettings
from llwybr_testkit import IDP_DRAFT, postgres_conninfo

from .access_stories import as_told
from .stack import Stack, client, until

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"
AUDITOR = "auditor:665"
WALES_AUDITOR = "auditor:wales"


@pytest.fixture(scope="module")
def stack(shared_stack: Stack) -> Stack:
    shared_stack.ensure_running()
    shared_stack.wait_caught_up(
        {"determination.reconsiderations", "idp.determinations", "disputes.decisions"}
    )
    return shared_stack


def schema(stack: Stack, service: str) -> str:
    return stack.processes[service].env[f"{service.upper()}_POSTGRES_SCHEMA"]


def sql(runtime: RuntimeSettings, statement: str, *params: Any) -> int:
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        return conn.execute(statement, params).rowcount


def scripted_case(stack: Stack) -> dict[str, Any]:
    """A concern, a decision that the learner has ALN, the plan opened from it and issued."""
    with client(stack, SCHOOL) as school:
        created = school.post("/v1/determinations", json={
            "learner": {"local_id": f"learner-{uuid.uuid4().hex[:8]}", "given_name": "Cerys",
                        "family_name": "Jones",
                        "date_of_birth": "2017-05-02", "setting": "maintained_school",
                        "setting_id": "6652001", "local_authority": "665"},
            "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
        })  # fmt: skip
        assert created.status_code == 201, created.text
        case_id, learner_id = created.json()["id"], created.json()["learner_id"]
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

        def opened(items: list[dict[str, Any]]) -> bool:
            return any((e["service"], e["event"]) == ("idp", "Opened") for e in items)

        timeline = until(lambda: (
            items if len(items := auditor.get(
                f"/v1/audit/learners/{case['learner_id']}/timeline").json()["items"]) >= 5
            and opened(items) else None
        ))  # fmt: skip
        events = [(e["service"], e["event"]) for e in timeline]
        # The IDP service and the notifications service each act on the decision, in either
        # order (a loaded machine decides which records first): only the registry's record of
        # the learner, the concern and the decision come first.
        assert events[:3] == [
            ("determination", "Registered"),
            ("determination", "ConcernRaised"),
            ("determination", "Decided"),
        ]
        assert ("idp", "Opened") in events[3:]
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
            # The decision's outcome, not its reasons: free text is sealed (ADR 0023).
            f'UPDATE "{schema(stack, "determination")}".determination_events SET state = '
            "convert_to(replace(convert_from(state, 'UTF8'), '\"has_aln\":true', "
            "'\"has_aln\":false'), 'UTF8') "
            "WHERE originator_id = %s AND originator_version = 2 AND "
            "position('\"has_aln\":true' in convert_from(state, 'UTF8')) > 0",
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
    # A whole store is every LA's learners: the auditor for Wales verifies it.
    with client(stack, WALES_AUDITOR) as wales:
        idp_report = wales.get("/v1/audit/verify", params={"service": "idp"}).json()
        assert idp_report["ok"] is False
        gap = idp_report["first_broken"]["broken"]
        assert (gap["originator_id"], gap["originator_version"]) == (case["plan_id"], 3)
        assert "missing" in gap["reason"]


def test_only_auditors_read_the_history(stack: Stack) -> None:
    with client(stack, SCHOOL) as school:
        response = school.get("/v1/audit/verify", params={"service": "determination"})
    assert response.status_code == 403
    with client(stack, AUDITOR) as auditor:  # one LA's auditor verifies by learner only
        response = auditor.get("/v1/audit/verify", params={"service": "determination"})
    assert response.status_code == 403


# -- a whole case, replayed on both time axes ---------------------------------------------------

LA = "la:665"
TRIBUNAL = "tribunal:etw"
#: Live views whose shape differs from the stored state: compared field by field elsewhere.
NOT_COMPARED = {"deadlines", "id", "version"}


@dataclass
class Moment:
    """What the services showed, through their normal APIs, right after a step of the case."""

    step: str
    recorded: datetime  # taken after the views, so everything they show was recorded by then
    in_force_on: date  # the latest domain date of the case so far
    views: dict[tuple[str, str], dict[str, Any]]


@dataclass
class ScriptedCase:
    learner_id: str
    ids: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (service, id)
    moments: list[Moment] = field(default_factory=list)


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.is_success, f"{response.request.url}: {response.status_code} {response.text}"
    body: dict[str, Any] = response.json()
    return body


def views(stack: Stack, case: ScriptedCase) -> dict[tuple[str, str], dict[str, Any]]:
    """Every aggregate of the case so far, as each one's own reader sees it now."""
    readers = {"determination": SCHOOL, "idp": SCHOOL, "reconsideration": LA, "appeal": TRIBUNAL}
    paths = {"determination": "/v1/determinations/{}", "idp": "/v1/idps/{}",
             "reconsideration": "/v1/reconsiderations/{}", "appeal": "/v1/appeals/{}"}  # fmt: skip
    found = {}
    for name, (service, aggregate_id) in case.ids.items():
        with client(stack, readers[name]) as reader:
            response = reader.get(paths[name].format(aggregate_id))
            view = ok(response)
            view["version"] = int(response.headers["etag"].strip('"'))
            found[service, aggregate_id] = view
    return found


def step(stack: Stack, case: ScriptedCase, name: str, in_force_on: str) -> None:
    seen = views(stack, case)
    case.moments.append(Moment(name, datetime.now(UTC), date.fromisoformat(in_force_on), seen))
    time.sleep(0.05)  # the next step's events are recorded strictly later


def run_scripted_case(stack: Stack) -> ScriptedCase:
    """Concern, evidence asked for, a decision entered late (dated before the request), the
    plan opened through Kafka and issued, a review, an R2 reconsideration by the LA with its
    notice, and an appeal against it decided by the Tribunal."""
    case = ScriptedCase(f"learner-{uuid.uuid4().hex[:8]}")  # the school's own id, until known
    with client(stack, SCHOOL) as school, client(stack, LA) as la, \
            client(stack, TRIBUNAL) as tribunal:  # fmt: skip
        created = ok(
            school.post(
                "/v1/determinations",
                json={
                    "learner": {
                        "local_id": case.learner_id,
                        "given_name": "Cerys",
                        "family_name": "Jones",
                        "date_of_birth": "2017-05-02",
                        "setting": "maintained_school",
                        "setting_id": "6652001",
                        "local_authority": "665",
                    },
                    "raised_by": SCHOOL,
                    "raised_with": SCHOOL,
                    "came_to_attention_on": "2026-03-02",
                },
            )
        )
        case.learner_id = created["learner_id"]  # the registry assigns it
        determination = f"/v1/determinations/{created['id']}"
        case.ids["determination"] = ("determination", created["id"])
        step(stack, case, "concern", "2026-03-02")

        ok(
            school.post(
                f"{determination}/evidence-requests",
                json={
                    "request_id": "ep1",
                    "from_organisation": "lhb:7A1",
                    "description": "Educational psychologist's report",
                    "requested_on": "2026-03-25",
                },
            )
        )
        step(stack, case, "evidence asked for", "2026-03-25")

        ok(
            school.post(
                f"{determination}/decision",
                json={
                    "has_aln": True,
                    "reasons": "Needs ALP",
                    "decided_on": "2026-03-20",
                    "decided_by": SCHOOL,
                    "person": "ALNCo",
                },
            )
        )
        ok(
            school.post(
                f"{determination}/notices",
                json={
                    "notice_type": "has_aln",
                    "recipients": ["parent"],
                    "issued_on": "2026-03-20",
                    "issued_by": SCHOOL,
                    "content": {"decision_and_reasons": "Cerys has ALN"},
                },
            )
        )
        plans = until(
            lambda: school.get("/v1/idps", params={"learner_id": case.learner_id}).json()["items"]
        )
        plan = f"/v1/idps/{plans[0]['idp_id']}"
        case.ids["idp"] = ("idp", plans[0]["idp_id"])
        # in force on 25 March: everything dated by then, the decision and the request
        step(stack, case, "decision entered late, plan opened", "2026-03-25")

        for method, path, body in IDP_DRAFT:
            ok(school.request(method, f"{plan}/draft/{path}", json=body))
        ok(school.post(f"{plan}/issue", json={"issued_on": "2026-04-20", "issued_by": SCHOOL}))
        step(stack, case, "plan issued", "2026-04-20")

        ok(school.post(f"{plan}/reviews", json={"held_on": "2026-06-01", "outcome": "not_revised"}))
        step(stack, case, "review held", "2026-06-01")

        # as told: the one 404 with Retry-After until the registry's facts reach disputes
        requested = ok(
            as_told(
                lambda: la.post(
                    "/v1/reconsiderations",
                    json={
                        "kind": "R2",
                        "learner_id": case.learner_id,
                        "subject_id": case.ids["idp"][1],
                        "school": SCHOOL,
                        "decided_by_kind": "school",
                        "requested_by_kind": "family",
                        "requested_by": "Parent of Cerys",
                        "requested_on": "2026-06-10",
                    },
                )
            )
        )
        reconsideration = f"/v1/reconsiderations/{requested['id']}"
        case.ids["reconsideration"] = ("disputes", requested["id"])
        for path, step_body in (
            ("invitation", {"invited_on": "2026-06-11", "from_party": "governing_body"}),
            ("representations", {"received_on": "2026-06-18", "summary": "The school's view"}),
            ("decision", {"decided_on": "2026-07-01", "outcome": "not_revised",
                          "reasons": "The plan meets the needs"}),
            ("notice", {"issued_on": "2026-07-01", "recipients": ["parent", SCHOOL]}),
        ):  # fmt: skip
            ok(la.post(f"{reconsideration}/{path}", json=step_body))
        step(stack, case, "reconsidered", "2026-07-01")

        lodged = ok(
            tribunal.post(
                "/v1/appeals",
                json={
                    "learner_id": case.learner_id,
                    "learner_is_young_person": False,
                    "appellant_kind": "parent",
                    "appellant": "Parent of Cerys",
                    "respondent": LA,
                    "matter": "la_reconsideration_decision",
                    "reconsideration_id": requested["id"],
                    "lodged_on": "2026-07-20",
                },
            )
        )
        appeal = f"/v1/appeals/{lodged['id']}"
        case.ids["appeal"] = ("disputes", lodged["id"])
        step(stack, case, "appeal lodged", "2026-07-20")

        ok(
            tribunal.post(
                f"{appeal}/acknowledgement",
                json={"acknowledged_on": "2026-07-22", "tribunal_reference": "ETW/2026/0099"},
            )
        )
        ok(
            tribunal.post(
                f"{appeal}/decision", json={"decided_on": "2026-10-01", "outcome": "dismissed"}
            )
        )
        step(stack, case, "appeal decided", "2026-10-01")
    return case


def as_answered(state: dict[str, Any]) -> dict[str, Any]:
    """The stored state with the learner's LAs and school or FEI in the form the API answers
    (`la:665`, `school:6652001`): the events keep the numbers as stored and the services
    convert them at their edge (#20), by `public_learner`."""
    learner = state.get("learner")
    if not isinstance(learner, dict):
        return state
    return {**state, "learner": public_learner(learner)}


def assert_same(step_name: str, view: dict[str, Any], replayed: dict[str, Any]) -> None:
    """The replayed state is the state the service showed: every field the view shows, with
    the stored state's name for it, and each deadline's rule and due date."""
    state = as_answered(replayed["state"])
    assert replayed["version"] == view["version"], step_name
    compared = (set(view) & set(state)) - NOT_COMPARED
    assert len(compared) >= 6, (step_name, sorted(compared))  # enough to mean something
    assert {k: view[k] for k in compared} == {k: state[k] for k in compared}, step_name
    # A dispute's deadlines are stored by their own names and answered in one object.
    kept = state.get("deadlines") or {
        n: state[k] for k, n in STORED_DEADLINES.items() if k in state
    }
    for key, deadline in (view.get("deadlines") or {}).items():
        if key.startswith("order:") or deadline is None or deadline.get("due_on") is None:
            continue  # shown, not stored: an order's compliance, a duty with no time limit
        stored = kept[key]
        if stored is None and key == "appeal_window":
            continue  # the window a family's notice opened, kept by FamilyNotices (ADR 0017)
        assert (deadline["rule_id"], deadline["due_on"]) == (stored["rule_id"], stored["due_on"]), (
            step_name
        )


@pytest.fixture(scope="module")
def scripted(stack: Stack) -> ScriptedCase:
    return run_scripted_case(stack)


def replayed(auditor: httpx.Client, service: str, aggregate_id: str, **params: str) -> Any:
    return ok(auditor.get(f"/v1/audit/{service}/aggregates/{aggregate_id}", params=params))


def test_the_case_replayed_as_recorded_at_each_step_is_what_the_services_showed(
    stack: Stack, scripted: ScriptedCase
) -> None:
    with client(stack, AUDITOR) as auditor:
        for moment in scripted.moments:
            for (service, aggregate_id), view in moment.views.items():
                then = replayed(auditor, service, aggregate_id,
                                as_of_recorded=moment.recorded.isoformat())  # fmt: skip
                assert_same(moment.step, view, then)


def test_the_case_in_force_on_each_steps_date_is_what_the_services_showed(
    stack: Stack, scripted: ScriptedCase
) -> None:
    """From the decision on, the steps were recorded in date order: the state in force on a
    step's date is the state shown after it. Before, the decision came in late."""
    with client(stack, AUDITOR) as auditor:
        for moment in scripted.moments[2:]:
            for (service, aggregate_id), view in moment.views.items():
                then = replayed(auditor, service, aggregate_id,
                                in_force_on=moment.in_force_on.isoformat())  # fmt: skip
                assert_same(moment.step, view, then)
                # only what was recorded after the step is not in force yet
                assert all(v > view["version"] for v in then["not_in_force"]), moment.step


def test_a_decision_entered_late_is_in_force_from_its_date_but_unknown_until_entered(
    stack: Stack, scripted: ScriptedCase
) -> None:
    service, case_id = scripted.ids["determination"]
    concern, asked, decided = scripted.moments[:3]
    with client(stack, AUDITOR) as auditor:
        in_force = replayed(auditor, service, case_id, in_force_on="2026-03-21")
        assert in_force["state"]["status"] == "decided_aln"
        assert in_force["state"]["evidence_requests"] == {}  # asked for on 25 March
        # the evidence request entered late; later events (the decision given with the IDP,
        # s.4(6)) are dated after this day too
        assert [
            v for v in in_force["not_in_force"] if v <= decided.views[service, case_id]["version"]
        ] == [2]
        known_then = replayed(auditor, service, case_id, in_force_on="2026-03-21",
                              as_of_recorded=asked.recorded.isoformat())  # fmt: skip
        assert known_then["state"]["status"] == "gathering_information"  # not entered yet
        assert_same(concern.step, concern.views[service, case_id], known_then)
        on_the_request = replayed(auditor, service, case_id, in_force_on="2026-03-25")
        assert_same(decided.step, decided.views[service, case_id], on_the_request)


def test_the_bundle_has_each_aggregates_key_dates_and_every_notice(
    stack: Stack, scripted: ScriptedCase, tmp_path: Path
) -> None:
    with client(stack, AUDITOR) as auditor:
        bundle = auditor.get(f"/v1/audit/learners/{scripted.learner_id}/bundle")
        assert bundle.status_code == 200, bundle.text
        with zipfile.ZipFile(io.BytesIO(bundle.content)) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        manifest = json.loads(files["manifest.json"])
        for entry in manifest["files"]:
            assert hashlib.sha256(files[entry["name"]]).hexdigest() == entry["sha256"]
        for service, aggregate_id in scripted.ids.values():
            states = json.loads(files[f"states/{service}-{aggregate_id}.json"])["in_force"]
            for key_date in states:
                alone = replayed(auditor, service, aggregate_id,
                                 in_force_on=key_date["in_force_on"])  # fmt: skip
                assert (key_date["version"], key_date["state"]) == (alone["version"],
                                                                    alone["state"])  # fmt: skip
        plan_dates = json.loads(files[f"states/idp-{scripted.ids['idp'][1]}.json"])["in_force"]
        assert [d["in_force_on"] for d in plan_dates] == ["2026-03-20", "2026-04-20",
                                                         "2026-06-01"]  # fmt: skip
        notices = [json.loads(line) for line in files["notices.jsonl"].decode().splitlines()]
        assert [(n["notice"], n["given_on"]) for n in notices] == [
            ("Determination.NoticeIssued", "2026-03-20"),
            ("Idp.Issued", "2026-04-20"),
            ("Idp.ReviewHeld", "2026-06-01"),
            ("Reconsideration.RepresentationsInvited", "2026-06-11"),
            ("Reconsideration.NoticeIssued", "2026-07-01"),
            ("Appeal.Acknowledged", "2026-07-22"),
            ("Appeal.Decided", "2026-10-01"),
        ]


def access_rows(stack: Stack, runtime: RuntimeSettings, request_id: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        return conn.execute(
            f'SELECT outcome, status, method, jurisdiction FROM "{schema(stack, "gateway")}"'
            ".access_audit WHERE request_id = %s ORDER BY id",
            (request_id,),
        ).fetchall()


def test_a_change_has_one_row_committed_with_it_and_a_refusal_the_gateways(
    stack: Stack, postgres_runtime: RuntimeSettings
) -> None:
    """ADR 0025: the service commits the change's row with its events (no row ahead, no
    outcome row); a refusal, which commits nothing, has the gateway's row."""
    case = scripted_case(stack)
    path = f"/v1/determinations/{case['case_id']}/decision"
    with client(stack, SCHOOL) as school:
        changed = school.put(
            f"/v1/idps/{case['plan_id']}/draft/section-3",
            json={"information_used": "Reports, again", "review_and_transition": "Yearly"},
        )
    assert changed.is_success, changed.text
    assert access_rows(stack, postgres_runtime, changed.headers["x-request-id"]) == [
        ("granted", changed.status_code, "PUT", ",665,")
    ]
    with client(stack, AUDITOR) as auditor:
        refused = auditor.post(path, json={"has_aln": False})
    assert refused.status_code in {403, 404, 422}, refused.text
    rows = access_rows(stack, postgres_runtime, refused.headers["x-request-id"])
    assert [(o, s, m) for o, s, m, _ in rows] == [
        ("denied" if refused.status_code != 422 else "failed", refused.status_code, "POST")
    ]
