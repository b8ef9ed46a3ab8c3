"""Builders shared by the domain tests: the disputes aggregates at each step of their lives,
with their statutory dates computed as the service computes them."""

import uuid
from datetime import date, timedelta
from typing import Any

from eventsourcing.domain import Aggregate

from disputes.domain import (
    DEADLINE_RULES,
    Advocacy,
    Appeal,
    AppealStatus,
    DisagreementResolution,
    Order,
    OrderKind,
    Recommendation,
    Reconsideration,
    ReconsiderationKind,
    ReconsiderationStatus,
)
from llwybr.clock import DEFAULT_RULES, Deadline, RuleId, compute_deadline

LEARNER = "learner:1"
SCHOOL = "school:6652001"
LA = "la:665"
FEI = "fei:6659001"
LHB = "lhb:7A1"
OTHER_LHB = "lhb:7A2"
DETERMINATION_ID = uuid.UUID("6a1f0f3e-7c0b-4d8e-9a55-2a4c8f1d0b11")
IDP_ID = uuid.UUID("0b9e3c55-1f0a-4c1e-8d0e-5d8f4a0e2c77")

REQUESTED_ON = date(2026, 3, 2)
INVITED_ON = date(2026, 3, 3)
RECEIVED_ON = date(2026, 3, 17)
DECIDED_ON = date(2026, 4, 14)
CEASE_NOTICE_ON = date(2026, 2, 20)


def la_clock(kind: str, requested_on: date = REQUESTED_ON) -> Deadline:
    return compute_deadline(DEFAULT_RULES, DEADLINE_RULES[ReconsiderationKind(kind)], requested_on)


def appeal_window(notice_on: date = DECIDED_ON) -> Deadline:
    return compute_deadline(DEFAULT_RULES, RuleId.D18, notice_on)


def cease_window(notice_on: date = CEASE_NOTICE_ON) -> date:
    return compute_deadline(DEFAULT_RULES, RuleId.D11, notice_on).due_on


def event_names(aggregate: Aggregate) -> list[str]:
    return [type(e).__name__ for e in aggregate.collect_events()]


def state(aggregate: Aggregate) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if not k.startswith("_")}


def reconsideration_status(r: Reconsideration) -> ReconsiderationStatus:
    # read through a call: mypy would otherwise keep the first narrowed status in a test
    return r.status


def appeal_status(a: Appeal) -> AppealStatus:
    return a.status


# -- reconsiderations ---------------------------------------------------------------------


def requested(
    kind: str = "R1",
    *,
    by_kind: str = "family",
    decided_by_kind: str = "school",
    requested_on: date = REQUESTED_ON,
    body: str = SCHOOL,
) -> Reconsideration:
    r4 = kind == "R4"
    return Reconsideration.request(
        kind=kind,
        learner_id=LEARNER,
        subject_id=DETERMINATION_ID if kind == "R1" else IDP_ID,
        school=body,
        local_authority=LA,
        decided_by_kind=decided_by_kind,
        requested_by_kind=by_kind,
        requested_by="parent:Rhian Jones" if by_kind == "family" else SCHOOL,
        requested_on=requested_on,
        deadline=la_clock(kind, requested_on),
        cease_notice_given_on=CEASE_NOTICE_ON if r4 else None,
        window_until=cease_window() if r4 else None,
    )


def deciding(kind: str = "R1", *, by_kind: str = "family") -> Reconsideration:
    r = requested(kind, by_kind=by_kind)
    r.invite_representations(invited_on=INVITED_ON, from_party=r.other_side)
    r.receive_representations(received_on=RECEIVED_ON, summary="The school's reasons")
    return r


def decided(kind: str = "R1", outcome: str = "has_aln") -> Reconsideration:
    r = deciding(kind)
    r.decide(
        decided_on=DECIDED_ON,
        outcome=outcome,
        reasons="The evidence shows significantly greater difficulty in learning",
        decided_by=LA,
        appeal_window=appeal_window(),
    )
    return r


def notified(kind: str = "R1", outcome: str = "has_aln") -> Reconsideration:
    r = decided(kind, outcome)
    r.issue_notice(issued_on=DECIDED_ON, recipients=["family", "governing_body"])
    return r


LODGED_ON = date(2026, 5, 4)
WINDOW_UNTIL = appeal_window().due_on


def lodged(
    *,
    appellant_kind: str = "parent",
    respondent: str = LA,
    young_person: bool = False,
    lodged_on: date = LODGED_ON,
    admitted: bool = False,
    admission_reference: str | None = None,
) -> Appeal:
    return Appeal.lodge(
        learner_id=LEARNER,
        learner_is_young_person=young_person,
        appellant_kind=appellant_kind,
        appellant="parent:Rhian Jones",
        respondent=respondent,
        matter="la_reconsideration_decision",
        subject_id=DETERMINATION_ID,
        lodged_on=lodged_on,
        window_until=WINDOW_UNTIL,
        late_admitted_by_president=admitted,
        admission_reference=admission_reference,
    )


HEARING_ON = date(2026, 7, 6)
APPEAL_DECIDED_ON = date(2026, 7, 13)
REVISE = Order(
    order_id="o1",
    kind=OrderKind.REVISE_IDP,
    addressed_to=LA,
    wording="Section 2B: 3 one-to-one phonics sessions of 30 minutes a week",
    comply_by=date(2026, 8, 24),
)
MAINTAIN = Order("o2", OrderKind.MAINTAIN_IDP, LA, "Maintain the IDP", None)
RECOMMENDATION = Recommendation("rec1", LHB, "Assess for speech and language therapy", None)


def review_window(sent_on: date = APPEAL_DECIDED_ON) -> Deadline:
    return compute_deadline(DEFAULT_RULES, RuleId.D19, sent_on)


def heard() -> Appeal:
    appeal = lodged()
    appeal.acknowledge(acknowledged_on=date(2026, 5, 6), tribunal_reference="ETW-2026-0042")
    appeal.file_case_statement(party="appellant", filed_on=date(2026, 6, 1), summary="Needs ALP")
    appeal.file_case_statement(party="respondent", filed_on=date(2026, 6, 8), summary="No ALN")
    appeal.schedule_hearing(hearing_on=HEARING_ON)
    return appeal


def decided_appeal() -> Appeal:
    appeal = heard()
    appeal.decide(
        decided_on=APPEAL_DECIDED_ON,
        outcome="orders",
        orders=[REVISE, MAINTAIN],
        recommendations=[RECOMMENDATION],
        review_window=review_window(),
    )
    return appeal


MATCHING = {"idp_id": str(IDP_ID), "version": 2, "wording_found": True, "differences": []}
DIFFERING = {
    "idp_id": str(IDP_ID),
    "version": 2,
    "wording_found": True,
    "differences": ["2B.2: 2 sessions a week, not 3"],
}


def busy_reconsideration() -> Reconsideration:
    r = notified("R2", "revised_directed")
    r.start_disagreement_resolution(
        started_on=DECIDED_ON + timedelta(days=3),
        rules=DEFAULT_RULES,
    )
    return r


def busy_appeal() -> Appeal:
    appeal = decided_appeal()
    appeal.declare_capacity(declared_on=APPEAL_DECIDED_ON, person="child", has_capacity=False)
    appeal.appoint_case_friend(appointed_on=APPEAL_DECIDED_ON, case_friend="Aunt Megan")
    appeal.apply_for_review(applied_on=date(2026, 7, 20), by=LA, grounds="Error of law")
    appeal.record_compliance(
        order_id="o1", complied_on=date(2026, 8, 3), evidence="IDP v2", idp_revision=DIFFERING
    )
    appeal.record_compliance(
        order_id="o1", complied_on=date(2026, 8, 10), evidence="IDP v3", idp_revision=MATCHING
    )
    appeal.record_compliance(
        order_id="o2", complied_on=date(2026, 8, 11), evidence="Maintained", idp_revision=None
    )
    appeal.report_on_recommendation(
        recommendation_id="rec1", reported_on=date(2026, 9, 1), reported_by=LHB, report="Done"
    )
    return appeal


#: Fields events gained so that the publisher reads its facts from the event alone.
ADDED: dict[type, set[str]] = {
    Reconsideration.Decided: {"learner_id", "kind", "subject_id", "school", "local_authority"},
    Reconsideration.NoticeIssued: {"learner_id", "kind", "outcome"},
    Reconsideration.DisagreementResolutionStarted: {"learner_id"},
    Appeal.Decided: {"learner_id"},
    Appeal.ComplianceRecorded: {"learner_id"},
    Appeal.RecommendationReported: {"learner_id"},
    DisagreementResolution.AppealWindowRecalculated: {"learner_id", "subject_id"},
    DisagreementResolution.Concluded: {"learner_id"},
    Advocacy.Provided: {"learner_id"},
    Advocacy.Ended: {"learner_id"},
}


def as_stored_before(event: Any) -> Any:
    """``event`` as it was stored before it carried the fields in ``ADDED``."""
    added = ADDED.get(type(event), set())
    old = object.__new__(type(event))
    object.__setattr__(old, "__dict__", {k: v for k, v in vars(event).items() if k not in added})
    return old
