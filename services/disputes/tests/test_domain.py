"""The disputes aggregates: given their history, when a command, then events, state or an error."""

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, UUIDAsHex

from disputes.domain import (
    DEADLINE_RULES,
    AlreadyDecidedError,
    Appeal,
    AppealStatus,
    CaseFriendAlreadyAppointedError,
    DateOutOfOrderError,
    DisagreementResolutionAlreadyStartedError,
    DisputesError,
    IdpRevision,
    InvalidOutcomeError,
    InvalidTransitionError,
    InvalidValueError,
    NoCaseFriendError,
    NoStandingError,
    NotASchoolDecisionError,
    Order,
    OrderAlreadyCompliedError,
    OrderKind,
    OrderStatus,
    OutOfTimeError,
    OutsideWindowError,
    Party,
    Recommendation,
    RecommendationAlreadyReportedError,
    Reconsideration,
    ReconsiderationKind,
    ReconsiderationStatus,
    RespondentNotAllowedError,
    UnknownReferenceError,
    WrongBodyError,
    WrongDeadlineError,
    WrongPartyError,
)
from llwybr.clock import DEFAULT_RULES, Deadline, add_weeks, compute_deadline, next_working_day
from llwybr.eventstore import DateAsISO

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
    return compute_deadline(DEFAULT_RULES, "D18", notice_on)


def cease_window(notice_on: date = CEASE_NOTICE_ON) -> date:
    return compute_deadline(DEFAULT_RULES, "D11", notice_on).due_on


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
) -> Reconsideration:
    r4 = kind == "R4"
    return Reconsideration.request(
        kind=kind,
        learner_id=LEARNER,
        subject_id=DETERMINATION_ID if kind == "R1" else IDP_ID,
        school=SCHOOL,
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


KINDS = [
    ("R1", "has_aln", "taken_over"),
    ("R2", "revised_directed", "has_aln"),
    ("R3", "taken_over", "cease_confirmed"),
    ("R4", "idp_continues", "refused"),
]


@pytest.mark.parametrize(("kind", "outcome", "wrong"), KINDS)
def test_each_kind_runs_from_request_to_notice_with_an_outcome_it_allows(
    kind: str, outcome: str, wrong: str
) -> None:
    r = notified(kind, outcome)
    assert reconsideration_status(r) == ReconsiderationStatus.NOTICE_ISSUED
    assert event_names(r) == [
        "Requested",
        "RepresentationsInvited",
        "RepresentationsReceived",
        "Decided",
        "NoticeIssued",
    ]
    assert r.deadline == la_clock(kind)
    assert r.decision is not None
    assert r.decision["outcome"] == outcome
    assert r.decision["within_time"] is True
    assert r.appeal_window == appeal_window()


@pytest.mark.parametrize(("kind", "outcome", "wrong"), KINDS)
def test_an_outcome_the_kind_does_not_allow_is_refused(kind: str, outcome: str, wrong: str) -> None:
    r = deciding(kind)
    for bad in (wrong, "maybe"):
        with pytest.raises(InvalidOutcomeError):
            r.decide(
                decided_on=DECIDED_ON,
                outcome=bad,
                reasons="r",
                decided_by=LA,
                appeal_window=appeal_window(),
            )
    assert reconsideration_status(r) == ReconsiderationStatus.DECIDING


def test_the_governing_body_may_ask_for_a_take_over_and_the_family_is_invited() -> None:
    r = requested("R3", by_kind="governing_body")
    assert r.requested_by_kind == Party.GOVERNING_BODY
    with pytest.raises(WrongPartyError):
        r.invite_representations(invited_on=INVITED_ON, from_party="governing_body")
    r.invite_representations(invited_on=INVITED_ON, from_party="family")
    assert reconsideration_status(r) == ReconsiderationStatus.REPRESENTATIONS_INVITED


@pytest.mark.parametrize("kind", ["R1", "R2", "R4"])
def test_the_governing_body_cannot_ask_for_anything_but_a_take_over(kind: str) -> None:
    with pytest.raises(NoStandingError):
        requested(kind, by_kind="governing_body")


def test_a_request_to_reconsider_a_cease_after_four_weeks_is_refused() -> None:
    last_day = cease_window()
    assert last_day == date(2026, 3, 20)
    assert requested("R4", requested_on=last_day).window_until == last_day
    with pytest.raises(OutsideWindowError):
        requested("R4", requested_on=last_day + timedelta(days=1))


@pytest.mark.parametrize("body", ["local_authority", "fei", "la_looking_after"])
def test_only_a_schools_decision_can_be_reconsidered(body: str) -> None:
    with pytest.raises(NotASchoolDecisionError):
        requested("R1", decided_by_kind=body)


def test_a_cease_window_belongs_to_r4_requests_only() -> None:
    with pytest.raises(InvalidValueError, match="only an R4"):
        Reconsideration.request(
            kind="R1",
            learner_id=LEARNER,
            subject_id=DETERMINATION_ID,
            school=SCHOOL,
            local_authority=LA,
            decided_by_kind="school",
            requested_by_kind="family",
            requested_by="parent",
            requested_on=REQUESTED_ON,
            deadline=la_clock("R1"),
            window_until=cease_window(),
        )
    with pytest.raises(InvalidValueError, match="cease notice"):
        Reconsideration.request(
            kind="R4",
            learner_id=LEARNER,
            subject_id=IDP_ID,
            school=SCHOOL,
            local_authority=LA,
            decided_by_kind="school",
            requested_by_kind="family",
            requested_by="parent",
            requested_on=REQUESTED_ON,
            deadline=la_clock("R4"),
        )


def test_the_las_clock_must_be_the_rule_of_the_kind_from_the_request() -> None:
    with pytest.raises(WrongDeadlineError, match="D9"):
        Reconsideration.request(
            kind="R2",
            learner_id=LEARNER,
            subject_id=IDP_ID,
            school=SCHOOL,
            local_authority=LA,
            decided_by_kind="school",
            requested_by_kind="family",
            requested_by="parent",
            requested_on=REQUESTED_ON,
            deadline=la_clock("R1"),
        )
    with pytest.raises(WrongDeadlineError, match="from the request"):
        Reconsideration.request(
            kind="R1",
            learner_id=LEARNER,
            subject_id=DETERMINATION_ID,
            school=SCHOOL,
            local_authority=LA,
            decided_by_kind="school",
            requested_by_kind="family",
            requested_by="parent",
            requested_on=REQUESTED_ON,
            deadline=la_clock("R1", REQUESTED_ON - timedelta(days=7)),
        )


def test_the_la_invites_the_other_side_before_deciding() -> None:
    r = requested("R1")
    with pytest.raises(WrongPartyError):
        r.invite_representations(invited_on=INVITED_ON, from_party="family")
    with pytest.raises(InvalidTransitionError, match="invite representations first"):
        r.decide(
            decided_on=DECIDED_ON,
            outcome="has_aln",
            reasons="r",
            decided_by=LA,
            appeal_window=appeal_window(),
        )


def test_the_la_may_decide_without_representations_once_invited() -> None:
    r = requested("R1")
    r.invite_representations(invited_on=INVITED_ON, from_party="governing_body")
    r.decide(
        decided_on=DECIDED_ON,
        outcome="no_aln",
        reasons="r",
        decided_by=LA,
        appeal_window=appeal_window(),
    )
    assert reconsideration_status(r) == ReconsiderationStatus.DECIDED


def test_only_the_la_decides() -> None:
    with pytest.raises(WrongBodyError):
        deciding().decide(
            decided_on=DECIDED_ON,
            outcome="has_aln",
            reasons="r",
            decided_by=SCHOOL,
            appeal_window=appeal_window(),
        )


def test_deciding_twice_is_refused() -> None:
    r = decided()
    with pytest.raises(AlreadyDecidedError):
        r.decide(
            decided_on=DECIDED_ON,
            outcome="no_aln",
            reasons="r",
            decided_by=LA,
            appeal_window=appeal_window(),
        )
    r.issue_notice(issued_on=DECIDED_ON, recipients=["family"])
    with pytest.raises(AlreadyDecidedError):
        r.decide(
            decided_on=DECIDED_ON,
            outcome="no_aln",
            reasons="r",
            decided_by=LA,
            appeal_window=appeal_window(),
        )


def test_dates_never_go_backwards() -> None:
    r = requested("R1")
    with pytest.raises(DateOutOfOrderError):
        r.invite_representations(
            invited_on=REQUESTED_ON - timedelta(days=1), from_party="governing_body"
        )
    r = deciding()
    with pytest.raises(DateOutOfOrderError):
        r.decide(
            decided_on=RECEIVED_ON - timedelta(days=1),
            outcome="has_aln",
            reasons="r",
            decided_by=LA,
            appeal_window=appeal_window(RECEIVED_ON - timedelta(days=1)),
        )


def test_a_decision_after_the_las_deadline_is_flagged_not_refused() -> None:
    late = la_clock("R1").due_on + timedelta(days=1)
    r = deciding()
    r.decide(
        decided_on=late,
        outcome="has_aln",
        reasons="r",
        decided_by=LA,
        appeal_window=appeal_window(late),
    )
    assert r.decision is not None
    assert r.decision["within_time"] is False


def test_the_appeal_window_runs_from_the_notice() -> None:
    r = decided()
    later = DECIDED_ON + timedelta(days=2)
    with pytest.raises(WrongDeadlineError, match="from the notice"):
        r.issue_notice(issued_on=later, recipients=["family"])
    with pytest.raises(InvalidValueError):
        r.issue_notice(issued_on=DECIDED_ON, recipients=[])
    r.issue_notice(issued_on=later, recipients=["family"], appeal_window=appeal_window(later))
    assert r.appeal_window == appeal_window(later)


def test_a_notice_needs_a_decision() -> None:
    with pytest.raises(InvalidTransitionError):
        deciding().issue_notice(issued_on=DECIDED_ON, recipients=["family"])


# -- disagreement resolution --------------------------------------------------------------


def test_disagreement_resolution_within_the_window_adds_eight_weeks() -> None:
    r = notified()
    window = appeal_window()
    extended = compute_deadline(DEFAULT_RULES, "D18", window.due_on)
    r.start_disagreement_resolution(
        started_on=DECIDED_ON + timedelta(days=10), appeal_window_extended=extended
    )
    assert r.appeal_window == extended
    assert extended.due_on - window.due_on == timedelta(weeks=8)
    assert r.disagreement_resolution is not None
    assert r.disagreement_resolution["previous_appeal_window"] == window.as_dict()
    assert event_names(r)[-1] == "DisagreementResolutionStarted"
    assert reconsideration_status(r) == ReconsiderationStatus.NOTICE_ISSUED


def test_disagreement_resolution_after_the_window_does_not_extend_it() -> None:
    r = notified()
    due = appeal_window().due_on
    with pytest.raises(OutsideWindowError):
        r.start_disagreement_resolution(
            started_on=due + timedelta(days=1),
            appeal_window_extended=compute_deadline(DEFAULT_RULES, "D18", due),
        )


def test_disagreement_resolution_before_the_notice_is_outside_the_window() -> None:
    with pytest.raises(OutsideWindowError):
        decided().start_disagreement_resolution(
            started_on=DECIDED_ON,
            appeal_window_extended=compute_deadline(DEFAULT_RULES, "D18", appeal_window().due_on),
        )


def test_disagreement_resolution_extends_the_window_once_only() -> None:
    r = notified()
    extended = compute_deadline(DEFAULT_RULES, "D18", appeal_window().due_on)
    r.start_disagreement_resolution(started_on=DECIDED_ON, appeal_window_extended=extended)
    with pytest.raises(DisagreementResolutionAlreadyStartedError):
        r.start_disagreement_resolution(
            started_on=DECIDED_ON,
            appeal_window_extended=compute_deadline(DEFAULT_RULES, "D18", extended.due_on),
        )


def test_an_extension_that_is_not_eight_weeks_is_refused() -> None:
    r = notified()
    window = appeal_window()
    for weeks in (4, 9):
        wrong = replace(window, due_on=window.due_on + timedelta(weeks=weeks))
        with pytest.raises(WrongDeadlineError):
            r.start_disagreement_resolution(started_on=DECIDED_ON, appeal_window_extended=wrong)


def test_an_extension_from_a_window_rolled_over_easter_is_accepted_either_way() -> None:
    # given a window whose 8 weeks end on Good Friday 3 April 2026, so due Tuesday 7 April
    notice_on = date(2026, 2, 6)
    r = Reconsideration.request(
        kind="R1",
        learner_id=LEARNER,
        subject_id=DETERMINATION_ID,
        school=SCHOOL,
        local_authority=LA,
        decided_by_kind="school",
        requested_by_kind="family",
        requested_by="parent",
        requested_on=date(2026, 1, 5),
        deadline=la_clock("R1", date(2026, 1, 5)),
    )
    r.invite_representations(invited_on=date(2026, 1, 6), from_party="governing_body")
    r.decide(
        decided_on=notice_on,
        outcome="no_aln",
        reasons="r",
        decided_by=LA,
        appeal_window=appeal_window(notice_on),
    )
    r.issue_notice(issued_on=notice_on, recipients=["family"])
    window = appeal_window(notice_on)
    assert window.due_on == date(2026, 4, 7)
    # when 8 weeks are counted from the unrolled end (29 May), not the due date (2 June)
    unrolled = next_working_day(add_weeks(date(2026, 4, 3), 8))
    assert (window.due_on + timedelta(weeks=8)) - unrolled == timedelta(days=4)
    r.start_disagreement_resolution(
        started_on=notice_on, appeal_window_extended=replace(window, due_on=unrolled)
    )
    # then it is accepted
    assert r.appeal_window is not None
    assert r.appeal_window.due_on == date(2026, 5, 29)


# -- appeals: lodging ---------------------------------------------------------------------

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


def test_an_appeal_lodged_in_time_is_recorded() -> None:
    appeal = lodged()
    assert appeal_status(appeal) == AppealStatus.LODGED
    assert appeal.late is False
    assert event_names(appeal) == ["Lodged"]


def test_an_appeal_against_a_school_is_refused() -> None:
    with pytest.raises(RespondentNotAllowedError):
        lodged(respondent=SCHOOL)
    assert lodged(respondent=FEI, appellant_kind="young_person", young_person=True)


def test_a_late_appeal_without_the_presidents_admission_is_refused() -> None:
    with pytest.raises(OutOfTimeError):
        lodged(lodged_on=WINDOW_UNTIL + timedelta(days=1))
    assert lodged(lodged_on=WINDOW_UNTIL).late is False


def test_a_late_appeal_admitted_by_the_president_is_accepted_and_recorded() -> None:
    appeal = lodged(
        lodged_on=WINDOW_UNTIL + timedelta(days=20), admitted=True, admission_reference="P-2026-9"
    )
    assert appeal.late is True
    assert appeal.late_admitted_by_president is True
    assert appeal.admission_reference == "P-2026-9"
    with pytest.raises(InvalidValueError):
        lodged(lodged_on=WINDOW_UNTIL + timedelta(days=20), admitted=True)


def test_a_parent_cannot_appeal_for_a_young_person() -> None:
    with pytest.raises(NoStandingError):
        lodged(appellant_kind="parent", young_person=True)
    with pytest.raises(NoStandingError):
        lodged(appellant_kind="young_person", young_person=False)
    assert lodged(appellant_kind="young_person", young_person=True)
    assert lodged(appellant_kind="case_friend")


# -- appeals: proceedings and decision ----------------------------------------------------

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
    return compute_deadline(DEFAULT_RULES, "D19", sent_on)


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


def test_an_appeal_goes_from_lodging_to_a_decision_with_orders_and_recommendations() -> None:
    appeal = decided_appeal()
    assert appeal_status(appeal) == AppealStatus.DECIDED
    assert event_names(appeal) == [
        "Lodged",
        "Acknowledged",
        "CaseStatementFiled",
        "CaseStatementFiled",
        "HearingScheduled",
        "Decided",
    ]
    assert appeal.tribunal_reference == "ETW-2026-0042"
    assert appeal.open_orders == ["o1", "o2"]
    assert appeal.order("o1") == REVISE
    assert appeal.order_status("o1") == OrderStatus.OPEN
    assert appeal.unreported_recommendations == ["rec1"]
    assert appeal.recommendation("rec1") == RECOMMENDATION
    assert appeal.review_window == review_window()


def test_a_case_statement_needs_the_acknowledgement() -> None:
    with pytest.raises(InvalidTransitionError):
        lodged().file_case_statement(party="appellant", filed_on=LODGED_ON, summary="s")


def test_an_appeal_is_decided_once() -> None:
    appeal = decided_appeal()
    with pytest.raises(AlreadyDecidedError):
        appeal.decide(
            decided_on=APPEAL_DECIDED_ON,
            outcome="dismissed",
            orders=[],
            recommendations=[],
            review_window=review_window(),
        )


def test_the_orders_must_fit_the_outcome() -> None:
    appeal = heard()
    for outcome, orders in (("orders", []), ("dismissed", [MAINTAIN]), ("upheld", [])):
        with pytest.raises(InvalidOutcomeError):
            appeal.decide(
                decided_on=APPEAL_DECIDED_ON,
                outcome=outcome,
                orders=orders,
                recommendations=[],
                review_window=review_window(),
            )
    with pytest.raises(DateOutOfOrderError):
        appeal.decide(
            decided_on=HEARING_ON - timedelta(days=1),
            outcome="dismissed",
            orders=[],
            recommendations=[],
            review_window=review_window(HEARING_ON - timedelta(days=1)),
        )


def test_a_dismissed_appeal_with_nothing_to_follow_up_is_closed_at_once() -> None:
    appeal = heard()
    appeal.decide(
        decided_on=APPEAL_DECIDED_ON,
        outcome="dismissed",
        orders=[],
        recommendations=[],
        review_window=review_window(),
    )
    assert appeal_status(appeal) == AppealStatus.CLOSED
    assert event_names(appeal)[-2:] == ["Decided", "Closed"]


def test_a_review_can_be_applied_for_within_28_days_only() -> None:
    appeal = decided_appeal()
    due = review_window().due_on
    appeal.apply_for_review(applied_on=due, by="parent:Rhian Jones", grounds="New evidence")
    assert appeal.review_applications[-1]["applied_on"] == due
    with pytest.raises(OutsideWindowError):
        appeal.apply_for_review(
            applied_on=due + timedelta(days=1), by="parent:Rhian Jones", grounds="Late"
        )
    assert event_names(appeal)[-1] == "ReviewRequested"


# -- appeals: compliance and NHS reports --------------------------------------------------


def test_a_revised_idp_that_differs_from_the_order_leaves_it_open() -> None:
    appeal = decided_appeal()
    appeal.record_compliance(
        order_id="o1", complied_on=date(2026, 8, 3), evidence="IDP v2", idp_revision=DIFFERING
    )
    assert appeal.order_status("o1") == OrderStatus.OPEN
    attempt = appeal.compliance("o1")[-1]
    assert attempt["met"] is False
    assert attempt["idp_revision"]["differences"] == ["2B.2: 2 sessions a week, not 3"]
    assert event_names(appeal)[-1] == "ComplianceRecorded"


def test_a_revised_idp_with_the_ordered_wording_complies_with_the_order() -> None:
    appeal = decided_appeal()
    appeal.record_compliance(
        order_id="o1", complied_on=date(2026, 8, 3), evidence="IDP v2", idp_revision=DIFFERING
    )
    appeal.record_compliance(
        order_id="o1", complied_on=date(2026, 8, 10), evidence="IDP v3", idp_revision=MATCHING
    )
    assert appeal.order_status("o1") == OrderStatus.COMPLIED
    assert [a["met"] for a in appeal.compliance("o1")] == [False, True]
    assert appeal.compliance("o1")[-1]["within_time"] is True
    assert appeal.open_orders == ["o2"]
    with pytest.raises(OrderAlreadyCompliedError):
        appeal.record_compliance(
            order_id="o1", complied_on=date(2026, 8, 11), evidence="e", idp_revision=MATCHING
        )


def test_an_order_to_revise_needs_the_comparison_with_the_revised_idp() -> None:
    appeal = decided_appeal()
    with pytest.raises(InvalidValueError, match="idp_revision"):
        appeal.record_compliance(
            order_id="o1", complied_on=date(2026, 8, 3), evidence="e", idp_revision=None
        )
    with pytest.raises(InvalidValueError):
        appeal.record_compliance(
            order_id="o1",
            complied_on=date(2026, 8, 3),
            evidence="e",
            idp_revision={"idp_id": str(IDP_ID), "version": 2},
        )
    with pytest.raises(UnknownReferenceError):
        appeal.record_compliance(
            order_id="o9", complied_on=date(2026, 8, 3), evidence="e", idp_revision=None
        )


def test_a_report_by_the_nhs_body_recommended_to_is_accepted_once() -> None:
    appeal = decided_appeal()
    with pytest.raises(WrongBodyError):
        appeal.report_on_recommendation(
            recommendation_id="rec1",
            reported_on=date(2026, 9, 1),
            reported_by=OTHER_LHB,
            report="r",
        )
    appeal.report_on_recommendation(
        recommendation_id="rec1", reported_on=date(2026, 9, 1), reported_by=LHB, report="Assessed"
    )
    report = appeal.report("rec1")
    assert report is not None
    assert report["reported_by"] == LHB
    assert appeal.unreported_recommendations == []
    with pytest.raises(RecommendationAlreadyReportedError):
        appeal.report_on_recommendation(
            recommendation_id="rec1", reported_on=date(2026, 9, 2), reported_by=LHB, report="r"
        )


def test_the_appeal_closes_when_every_order_is_complied_with_and_every_report_made() -> None:
    appeal = decided_appeal()
    appeal.record_compliance(
        order_id="o1", complied_on=date(2026, 8, 10), evidence="IDP v3", idp_revision=MATCHING
    )
    appeal.report_on_recommendation(
        recommendation_id="rec1", reported_on=date(2026, 9, 1), reported_by=LHB, report="Done"
    )
    assert appeal_status(appeal) == AppealStatus.DECIDED
    appeal.record_compliance(
        order_id="o2", complied_on=date(2026, 9, 2), evidence="Maintained", idp_revision=None
    )
    assert appeal_status(appeal) == AppealStatus.CLOSED
    assert appeal.closed_on == date(2026, 9, 2)
    assert event_names(appeal)[-2:] == ["ComplianceRecorded", "Closed"]


# -- appeals: capacity and case friends ---------------------------------------------------


def test_a_case_friend_is_appointed_for_a_child_and_removed() -> None:
    appeal = heard()
    appeal.declare_capacity(declared_on=date(2026, 6, 10), person="child", has_capacity=False)
    appeal.appoint_case_friend(appointed_on=date(2026, 6, 11), case_friend="Aunt Megan Davies")
    with pytest.raises(CaseFriendAlreadyAppointedError):
        appeal.appoint_case_friend(appointed_on=date(2026, 6, 12), case_friend="Someone else")
    appeal.remove_case_friend(removed_on=date(2026, 6, 20), reason="Conflict of interest")
    assert appeal.case_friend is None
    with pytest.raises(NoCaseFriendError):
        appeal.remove_case_friend(removed_on=date(2026, 6, 21), reason="r")
    assert event_names(appeal)[-3:] == [
        "CapacityDeclared",
        "CaseFriendAppointed",
        "CaseFriendRemoved",
    ]


def test_a_young_person_has_no_case_friend() -> None:
    appeal = lodged(appellant_kind="young_person", young_person=True)
    with pytest.raises(NoStandingError):
        appeal.appoint_case_friend(appointed_on=LODGED_ON, case_friend="x")


# -- values and replay --------------------------------------------------------------------


def test_values_round_trip_through_dicts_and_accept_iso_strings() -> None:
    data = REVISE.as_dict()
    assert data["kind"] == "revise_idp"
    assert Order.from_dict(data) == REVISE
    assert Order.from_dict({**data, "comply_by": "2026-08-24"}) == REVISE
    assert Recommendation.from_dict(RECOMMENDATION.as_dict()) == RECOMMENDATION
    revision = IdpRevision.from_dict({**MATCHING, "idp_id": IDP_ID})
    assert revision.matches
    assert IdpRevision.from_dict(revision.as_dict()) == revision
    with pytest.raises(InvalidValueError):
        Order("o3", OrderKind.REVISE_IDP, SCHOOL, "w", None)
    with pytest.raises(InvalidValueError):
        Recommendation("r2", LA, "w", None)
    assert issubclass(InvalidValueError, DisputesError)


def busy_reconsideration() -> Reconsideration:
    r = notified("R2", "revised_directed")
    r.start_disagreement_resolution(
        started_on=DECIDED_ON + timedelta(days=3),
        appeal_window_extended=compute_deadline(DEFAULT_RULES, "D18", appeal_window().due_on),
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


@pytest.mark.parametrize("build", [busy_reconsideration, busy_appeal])
def test_replaying_the_events_rebuilds_the_same_state(build: Callable[[], Aggregate]) -> None:
    original = build()
    replayed: Aggregate | None = None
    for e in original.collect_events():
        replayed = e.mutate(replayed)
    assert replayed is not None
    assert type(replayed) is type(original)
    assert state(replayed) == state(original)


@pytest.mark.parametrize("build", [busy_reconsideration, busy_appeal])
def test_every_event_survives_the_stores_json_transcoding(build: Callable[[], Aggregate]) -> None:
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)
    mapper: Mapper[uuid.UUID] = Mapper(transcoder=transcoder)
    original = build()
    replayed: Aggregate | None = None
    for e in original.collect_events():
        decoded = mapper.to_domain_event(mapper.to_stored_event(e))
        assert isinstance(decoded, Aggregate.Event)
        replayed = decoded.mutate(replayed)
    assert replayed is not None
    assert state(replayed) == state(original)


def test_every_stored_event_says_which_day_it_takes_effect() -> None:
    from disputes.domain import Advocacy, DisagreementResolution
    from disputes.domain.dates import IN_FORCE
    from llwybr.in_force import unmapped

    aggregates: list[type[Aggregate]] = [Reconsideration, Appeal, DisagreementResolution, Advocacy]
    assert unmapped(aggregates, IN_FORCE) == []
