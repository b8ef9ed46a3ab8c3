"""The shapes of a dispute case as its ``GET`` answers it (issue 20): the stable fields every
client reads are named, the rest of the case's state is allowed as it is (``extra="allow"``),
so documenting the answer never drops a field.

The answers are built by ``shared.current``; these models describe them (routes answer with
``response_model_exclude_unset`` so a field the case does not have is not added as null).
"""

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

_LEARNER = "7d1e4b2a-5c3f-4e8d-9a6b-0f1e2d3c4b5a"
_CASE = "3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f"
_SUBJECT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
_RECORDED = {"created_on": "2026-04-01T09:00:00+00:00", "modified_on": "2026-05-20T09:00:00+00:00"}
_APPEAL_WINDOW: JsonDict = {
    "rule_id": "D18",
    "rule_table_version": "2026.1",
    "unit": "weeks",
    "length": 8,
    "trigger_date": "2026-05-01",
    "due_on": "2026-06-26",
    "calendar_id": None,
    "calendar_version": None,
    "provisional": False,
    "explanation": "8 weeks beginning with 1 May 2026 under D18 (rules 2026.1): the period "
    "ends 25 June 2026, so due the first working day after, 26 June 2026",
}


class CaseDeadline(BaseModel):
    """A deadline of a dispute case, as the statutory clock computed it; a judged one (the
    clock a party must act by) also has ``state``, ``overdue`` and ``days_left`` as
    `/v1/reminders` judges it."""

    model_config = ConfigDict(extra="allow")

    due_on: str = Field(description="The day it falls due (ISO 8601 date)")
    provisional: bool | None = Field(
        default=None, description="True while a calendar it needs is not yet published"
    )
    rule_id: str | None = Field(default=None, description="The rule in the rule table, e.g. D8")
    explanation: str | None = Field(default=None, description="How it was computed, in words")
    state: Literal["open", "met", "missed", "cancelled"] | None = None
    overdue: bool | None = None
    days_left: int | None = None


class CaseView(BaseModel):
    """What every dispute case answers: its id and version (the ``ETag``), the learner, its
    status and its deadlines by name; the rest is the case's own state."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="The case's id")
    version: int = Field(description="Its version, also the ETag; send it as If-Match")
    created_on: str | None = Field(default=None, description="When it was recorded")
    modified_on: str | None = Field(default=None, description="When it last changed")
    learner_id: str
    status: str = Field(description="Where the case stands")
    deadlines: dict[str, CaseDeadline | None] | None = Field(
        default=None,
        description="Its deadlines by name (null: a window not yet open); absent when none",
    )


def _example(case: JsonDict) -> ConfigDict:
    return ConfigDict(extra="allow", json_schema_extra={"examples": [case]})


class ReconsiderationView(CaseView):
    """A reconsideration (an LA reconsidering a school's decision, R1, or its own, R2)."""

    model_config = _example(
        {
            "id": _CASE,
            "version": 6,
            **_RECORDED,
            "kind": "R1",
            "learner_id": _LEARNER,
            "subject_id": _SUBJECT,
            "school": "school:6652001",
            "local_authority": "la:665",
            "requested_by_kind": "family",
            "requested_by": "Parent of Cerys",
            "requested_on": "2026-04-01",
            "status": "notice_issued",
            "invitation": {"invited_on": "2026-04-02", "from_party": "governing_body"},
            "representations": [{"received_on": "2026-04-10", "summary": "The school's evidence"}],
            "decision": {
                "decided_on": "2026-05-01",
                "outcome": "has_aln",
                "reasons": "Needs ALP",
                "decided_by": "la:665",
                "within_time": True,
            },
            "notice": {"issued_on": "2026-05-01", "recipients": ["parent", "school:6652001"]},
            "last_dated_on": "2026-05-01",
            "deadlines": {
                "decision": {
                    "rule_id": "D8",
                    "rule_table_version": "2026.1",
                    "unit": "weeks",
                    "length": 7,
                    "trigger_date": "2026-04-01",
                    "due_on": "2026-05-20",
                    "calendar_id": None,
                    "calendar_version": None,
                    "provisional": False,
                    "explanation": "7 weeks from 1 April 2026 under D8 (rules 2026.1): due "
                    "20 May 2026",
                    "state": "met",
                    "overdue": False,
                    "days_left": 19,
                },
                "appeal_window": _APPEAL_WINDOW,
            },
        }
    )

    kind: str = Field(description="R1 (a school's decision) or R2 (the LA's own)")
    local_authority: str = Field(description="The reconsidering LA, e.g. `la:665`")


class AppealView(CaseView):
    """An appeal to the Education Tribunal for Wales, its orders and recommendations."""

    model_config = _example(
        {
            "id": _CASE,
            "version": 6,
            **_RECORDED,
            "learner_id": _LEARNER,
            "learner_is_young_person": False,
            "appellant_kind": "parent",
            "appellant": "Parent of Cerys",
            "respondent": "la:665",
            "matter": "alp",
            "lodged_on": "2026-05-20",
            "window_until": "2026-06-26",
            "late": False,
            "late_admitted_by_president": False,
            "status": "decided",
            "tribunal_reference": "ETW/2026/0042",
            "acknowledged_on": "2026-05-22",
            "case_statements": [],
            "hearing_on": "2026-08-20",
            "decision": {"decided_on": "2026-09-01", "outcome": "orders"},
            "orders": {
                "o1": {
                    "order": {
                        "order_id": "o1",
                        "kind": "revise_idp",
                        "addressed_to": "la:665",
                        "wording": "Add weekly speech therapy",
                        "comply_by": "2026-10-01",
                    },
                    "status": "open",
                    "compliance": [],
                }
            },
            "recommendations": {},
            "review_applications": [],
            "capacity_declarations": [],
            "case_friend_history": [],
            "last_dated_on": "2026-09-01",
            "deadlines": {
                "order:o1": {
                    "due_on": "2026-10-01",
                    "provisional": False,
                    "state": "open",
                    "overdue": False,
                    "days_left": 14,
                }
            },
        }
    )

    appellant_kind: str = Field(description="Who appeals: the parent, the young person, ...")
    respondent: str = Field(description="The body whose decision is appealed, e.g. `la:665`")
    matter: str = Field(description="What is appealed")
    lodged_on: str
    orders: dict[str, Any] = Field(description="The Tribunal's orders by id, with compliance")
    recommendations: dict[str, Any] = Field(description="Recommendations to NHS bodies by id")


class DisagreementResolutionView(CaseView):
    """A disagreement resolution case an LA arranged (Act s.68)."""

    model_config = _example(
        {
            "id": _CASE,
            "version": 2,
            **_RECORDED,
            "learner_id": _LEARNER,
            "local_authority": "la:665",
            "subject_id": _SUBJECT,
            "opened_on": "2026-04-20",
            "arrangements": "Commissioned independent mediation",
            "facilitator": {"name": "A. Mediator", "organisation": "Mediation Cymru"},
            "parties": [
                {"name": "Parent", "role": "family"},
                {"name": "Head teacher", "role": "school", "organisation": "school:6652001"},
            ],
            "status": "open",
            "recalculations": [],
            "deadlines": {"appeal_window": _APPEAL_WINDOW},
        }
    )

    local_authority: str = Field(description="The LA that keeps the case, e.g. `la:665`")
    opened_on: str
    parties: list[dict[str, Any]] = Field(description="Each party: name, role, organisation")
    conclusion: dict[str, Any] | None = Field(
        default=None, description="Once concluded: the day, the outcome and a summary"
    )


class AdvocacyView(CaseView):
    """A request for independent advocacy (Act s.69) and its provision."""

    model_config = _example(
        {
            "id": _CASE,
            "version": 2,
            **_RECORDED,
            "learner_id": _LEARNER,
            "local_authority": "la:665",
            "for_person": "child",
            "requested_by": "Parent of Cerys",
            "requested_on": "2026-04-01",
            "related_case_id": _SUBJECT,
            "status": "provided",
            "provision": {
                "advocate": {"name": "B. Advocate", "organisation": "Eiriol Cymru"},
                "provided_on": "2026-04-08",
            },
        }
    )

    local_authority: str = Field(description="The LA asked, e.g. `la:665`")
    requested_on: str
    provision: dict[str, Any] | None = Field(
        default=None, description="Once provided: the advocate and the day"
    )
    ending: dict[str, Any] | None = Field(default=None, description="Once ended: day, reason")


class DisputeCaseRow(BaseModel):
    """A dispute case in a list: its next statutory date and, once ended, its outcome."""

    model_config = _example(
        {
            "case_id": _CASE,
            "case_type": "reconsideration",
            "kind": "R1",
            "learner_id": _LEARNER,
            "local_authority": "la:665",
            "subject_id": _SUBJECT,
            "status": "requested",
            "due_on": "2026-05-20",
            "deadline_rule": "D8",
            "version": 1,
            "overdue": False,
        }
    )

    case_id: str
    case_type: Literal[
        "reconsideration", "appeal", "disagreement_resolution", "advocacy", "complaint"
    ]
    kind: str = Field(description="R1 or R2, an appeal's matter, ...")
    learner_id: str
    local_authority: str = Field(description="The LA that keeps or answers it, e.g. `la:665`")
    subject_id: str | None = Field(default=None, description="The decision or case it is about")
    status: str
    due_on: date | None = Field(default=None, description="Its next statutory date")
    deadline_rule: str | None = Field(default=None, description="The rule that date is under")
    hearing_on: date | None = None
    outcome: str | None = None
    version: int
    overdue: bool | None = Field(
        default=None, description="In an LA's open list: its own date is past (not D18's)"
    )


class RecommendationRow(BaseModel):
    """A Tribunal recommendation to an NHS body, not yet reported on."""

    model_config = _example(
        {
            "appeal_id": _CASE,
            "recommendation_id": "r1",
            "nhs_body": "lhb:7A1",
            "report_by": "2026-10-01",
        }
    )

    appeal_id: str
    recommendation_id: str
    nhs_body: str = Field(description="The NHS body it is made to, e.g. `lhb:7A1`")
    report_by: date | None = Field(default=None, description="The day to report by (D20)")
    reported_on: date | None = None


class OutcomeRow(BaseModel):
    """How many of an LA's ended cases of one type and kind ended one way."""

    model_config = _example(
        {"case_type": "reconsideration", "kind": "R1", "outcome": "has_aln", "n": 2}
    )

    case_type: Literal[
        "reconsideration", "appeal", "disagreement_resolution", "advocacy", "complaint"
    ]
    kind: str = Field(description="A reconsideration's kind (R1, R2) or an appeal's matter")
    outcome: str
    n: int = Field(description="How many cases")


class ComplaintView(CaseView):
    """A complaint about a learner's case, kept by the LA responsible for them; while it is
    open the learner's personal data is on legal hold. Its text reads null once erased."""

    model_config = _example(
        {
            "id": _CASE,
            "version": 1,
            **_RECORDED,
            "learner_id": _LEARNER,
            "local_authority": "la:665",
            "made_by": "Parent of Cerys",
            "summary": "The IDP review was late",
            "opened_on": "2026-05-20",
            "status": "open",
            "closed_on": None,
            "outcome": None,
        }
    )

    local_authority: str = Field(description="The LA that keeps it, e.g. `la:665`")
    opened_on: str
    closed_on: str | None = Field(default=None, description="Once closed: the day")
