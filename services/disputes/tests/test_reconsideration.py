"""The Reconsideration aggregate: given its history, when a command, then events, state or an
error."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from disputes.domain import (
    AlreadyDecidedError,
    DateOutOfOrderError,
    DisagreementResolutionAlreadyStartedError,
    InvalidOutcomeError,
    InvalidTransitionError,
    InvalidValueError,
    NoStandingError,
    NotASchoolDecisionError,
    OutsideWindowError,
    Party,
    Reconsideration,
    ReconsiderationStatus,
    WrongBodyError,
    WrongDeadlineError,
    WrongPartyError,
)
from llwybr.clock import DEFAULT_RULES, RuleId, Unit, compute_deadline

from .domain_cases import (
    DECIDED_ON,
    DETERMINATION_ID,
    IDP_ID,
    INVITED_ON,
    LA,
    LEARNER,
    RECEIVED_ON,
    REQUESTED_ON,
    SCHOOL,
    appeal_window,
    cease_window,
    decided,
    deciding,
    event_names,
    la_clock,
    notified,
    reconsideration_status,
    requested,
)

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
    assert r.decision.outcome == outcome
    assert r.decision.within_time is True
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
    assert r.decision.within_time is False


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
    r.start_disagreement_resolution(started_on=DECIDED_ON + timedelta(days=10), rules=DEFAULT_RULES)
    extended = compute_deadline(DEFAULT_RULES, RuleId.D18, DECIDED_ON, extension=8)
    assert r.appeal_window == extended
    assert extended.due_on == date(2026, 8, 4)  # 16 weeks beginning 14 April end Mon 3 August
    assert r.disagreement_resolution is not None
    assert r.disagreement_resolution["previous_appeal_window"] == window.as_dict()
    assert event_names(r)[-1] == "DisagreementResolutionStarted"
    assert reconsideration_status(r) == ReconsiderationStatus.NOTICE_ISSUED


def test_disagreement_resolution_after_the_window_does_not_extend_it() -> None:
    r = notified()
    due = appeal_window().due_on
    with pytest.raises(OutsideWindowError):
        r.start_disagreement_resolution(started_on=due + timedelta(days=1), rules=DEFAULT_RULES)


def test_disagreement_resolution_before_the_notice_is_outside_the_window() -> None:
    with pytest.raises(OutsideWindowError):
        decided().start_disagreement_resolution(started_on=DECIDED_ON, rules=DEFAULT_RULES)


def test_disagreement_resolution_extends_the_window_once_only() -> None:
    r = notified()
    r.start_disagreement_resolution(started_on=DECIDED_ON, rules=DEFAULT_RULES)
    with pytest.raises(DisagreementResolutionAlreadyStartedError):
        r.start_disagreement_resolution(started_on=DECIDED_ON, rules=DEFAULT_RULES)


def test_a_window_that_is_not_an_appeal_window_in_weeks_is_not_extended() -> None:
    r = notified()
    window = appeal_window()
    for wrong in (replace(window, rule_id=RuleId.D11), replace(window, unit=Unit.DAYS)):
        with pytest.raises(WrongDeadlineError):
            r.start_disagreement_resolution(
                started_on=DECIDED_ON, rules=DEFAULT_RULES, window=wrong
            )
    assert r.disagreement_resolution is None


def test_an_extension_from_a_window_rolled_over_easter_is_the_lawful_one() -> None:
    """Issue #17 (this test used to accept either date, within a 4-day tolerance): a notice
    of 6 February 2026 opens a window whose 8 weeks end on Good Friday 3 April, so it is due
    Tuesday 7 April; 8 weeks longer, it is due Friday 29 May (16 weeks beginning with 6
    February end Thursday 28 May), never 2 June (8 weeks after the rolled 7 April)."""
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
    assert appeal_window(notice_on).due_on == date(2026, 4, 7)
    r.start_disagreement_resolution(started_on=notice_on, rules=DEFAULT_RULES)
    assert r.appeal_window is not None
    assert r.appeal_window.due_on == date(2026, 5, 29)
    assert r.appeal_window.due_on != appeal_window(notice_on).due_on + timedelta(weeks=8)


FEI = "fei:10001234"


def test_a_young_person_may_ask_the_la_to_take_over_an_feis_idp() -> None:
    """Issue #18: R3 was refused for FEIs, although s.28(1)(a) covers them."""
    r = requested("R3", decided_by_kind="fei", body=FEI)
    assert (r.kind.value, r.school, r.other_side) == ("R3", FEI, Party.GOVERNING_BODY)


@pytest.mark.parametrize("kind", ["R1", "R2", "R4"])
def test_an_feis_other_decisions_are_not_reconsidered_by_the_la(kind: str) -> None:
    with pytest.raises(NotASchoolDecisionError):
        requested(kind, decided_by_kind="fei", body=FEI)


def test_only_the_family_asks_for_an_feis_idp_to_be_taken_over() -> None:
    with pytest.raises(NoStandingError):
        requested("R3", by_kind="governing_body", decided_by_kind="fei", body=FEI)
    with pytest.raises(InvalidValueError, match="fei:"):
        requested("R3", decided_by_kind="fei", body=SCHOOL)  # the body is the FEI
