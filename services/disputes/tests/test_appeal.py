"""The Appeal aggregate: given its history, when a command, then events, state or an error."""

from datetime import date, timedelta

import pytest

from disputes.domain import (
    AlreadyDecidedError,
    AppealStatus,
    CaseFriendAlreadyAppointedError,
    DateOutOfOrderError,
    InvalidOutcomeError,
    InvalidTransitionError,
    InvalidValueError,
    NoCaseFriendError,
    NoStandingError,
    OrderAlreadyCompliedError,
    OrderStatus,
    OutOfTimeError,
    OutsideWindowError,
    RecommendationAlreadyReportedError,
    RespondentNotAllowedError,
    UnknownReferenceError,
    WrongBodyError,
)

from .domain_cases import (
    APPEAL_DECIDED_ON,
    DIFFERING,
    FEI,
    HEARING_ON,
    IDP_ID,
    LHB,
    LODGED_ON,
    MAINTAIN,
    MATCHING,
    OTHER_LHB,
    RECOMMENDATION,
    REVISE,
    SCHOOL,
    WINDOW_UNTIL,
    appeal_status,
    decided_appeal,
    event_names,
    heard,
    lodged,
    review_window,
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
    assert appeal.review_applications[-1].applied_on == due
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
    assert attempt.met is False
    assert attempt.idp_revision is not None
    assert attempt.idp_revision.differences == ("2B.2: 2 sessions a week, not 3",)
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
    assert [a.met for a in appeal.compliance("o1")] == [False, True]
    assert appeal.compliance("o1")[-1].within_time is True
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
    assert report.reported_by == LHB
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
