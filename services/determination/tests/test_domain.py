"""The Determination aggregate: given its history, when a command, then events or an error."""

from dataclasses import replace
from datetime import date

import pytest

from determination.domain import (
    Circumstances,
    Determination,
    Learner,
    NhsAnswer,
    NoticeType,
    Recipient,
    Setting,
    Status,
    route,
    validate_upn,
)
from determination.domain.errors import (
    ConsentRequiredError,
    DateOutOfOrderError,
    DeterminationAlreadyDecidedError,
    DeterminationNotOpenError,
    IncompleteNoticeError,
    InvalidLearnerError,
    InvalidTransitionError,
    InvalidUpnError,
    WrongDecidingBodyError,
)
from determination.domain.registry import LearnerIndex, LearnerRecord, OpenDetermination
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline

PUPIL = Learner(
    learner_id="l-1",
    given_name="Cerys",
    family_name="Jones",
    date_of_birth=date(2017, 5, 2),
    setting=Setting.MAINTAINED_SCHOOL,
    setting_id="6652001",
    local_authority="665",
)
SCHOOL = "school:6652001"
RAISED_ON = date(2026, 3, 2)
NO_ALN_CONTENT = {
    "decision_and_reasons": "Progress with targeted provision is good.",
    "contact_details": "ALNCo, Ysgol Example, 01978 000000",
    "information_and_advice": "Wrexham ALN information service",
    "disagreement_resolution": "Wrexham disagreement resolution arrangements",
    "independent_advocacy": "Advocacy service details",
    "right_to_ask_la_to_reconsider": "You may ask Wrexham County Borough Council to reconsider",
}


def raised(learner: Learner = PUPIL, circumstances: Circumstances | None = None) -> Determination:
    routing = route(learner, circumstances or Circumstances(raised_with=SCHOOL))
    rule = routing.body.decision_rule
    deadline = compute_deadline(DEFAULT_RULES, rule, RAISED_ON)
    return Determination.raise_concern(
        learner,
        routing,
        raised_by=SCHOOL,
        came_to_attention_on=RAISED_ON,
        decision_deadline=None if routing.awaiting_consent else deadline,
    )


def event_names(case: Determination) -> list[str]:
    return [type(e).__name__ for e in case.collect_events()]


def test_a_concern_about_a_school_pupil_starts_the_schools_clock() -> None:
    case = raised()
    assert case.status is Status.GATHERING_INFORMATION
    deadline = case.deadline()
    assert deadline is not None
    assert deadline.rule_id == RuleId.D1
    assert deadline.provisional  # no calendar was given
    assert event_names(case) == ["ConcernRaised"]


def test_a_decision_within_time_is_recorded_as_such() -> None:
    case = raised()
    case.decide(
        has_aln=True, reasons="needs ALP", decided_on=date(2026, 3, 20), decided_by=SCHOOL,
        person="ALNCo",
    )  # fmt: skip
    assert case.status is Status.DECIDED_ALN
    assert case.decision is not None
    assert case.decision["within_time"] is True


def test_a_late_decision_is_flagged_not_refused() -> None:
    case = raised()
    case.decide(
        has_aln=False, reasons="r", decided_on=date(2026, 9, 1), decided_by=SCHOOL, person="p"
    )
    assert case.decision is not None
    assert case.decision["within_time"] is False


def test_a_decision_dated_before_the_concern_is_refused() -> None:
    case = raised()
    with pytest.raises(DateOutOfOrderError):
        case.decide(
            has_aln=True, reasons="r", decided_on=date(2026, 2, 1), decided_by=SCHOOL, person="p"
        )


def test_a_decision_by_the_wrong_body_is_refused() -> None:
    case = raised()
    with pytest.raises(WrongDecidingBodyError, match="school:6652001"):
        case.decide(
            has_aln=True, reasons="r", decided_on=RAISED_ON, decided_by="la:665", person="p"
        )


def test_a_second_decision_is_refused() -> None:
    case = raised()
    case.decide(has_aln=True, reasons="r", decided_on=RAISED_ON, decided_by=SCHOOL, person="p")
    with pytest.raises(DeterminationAlreadyDecidedError):
        case.decide(has_aln=False, reasons="r", decided_on=RAISED_ON, decided_by=SCHOOL, person="p")


def test_a_young_person_must_consent_before_a_decision() -> None:
    young = replace(
        PUPIL, young_person=True, setting=Setting.NOT_IN_EDUCATION, setting_id=None,
        date_of_birth=date(2008, 1, 1),
    )  # fmt: skip
    case = raised(young, Circumstances(raised_with="la:665"))
    assert case.status is Status.AWAITING_CONSENT
    with pytest.raises(ConsentRequiredError):
        case.decide(
            has_aln=True, reasons="r", decided_on=RAISED_ON, decided_by="la:665", person="p"
        )
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D3, date(2026, 3, 5))
    case.record_consent(
        given=True, recorded_on=date(2026, 3, 5), recorded_by="la:665", decision_deadline=deadline
    )
    assert case.is_open
    assert case.deadline() == deadline
    assert case.consent == {"given": True, "recorded_on": date(2026, 3, 5), "recorded_by": "la:665"}


def test_refused_consent_ends_the_duty_to_decide() -> None:
    young = replace(
        PUPIL, young_person=True, setting=Setting.NOT_IN_EDUCATION, setting_id=None,
        date_of_birth=date(2008, 1, 1),
    )  # fmt: skip
    case = raised(young, Circumstances(raised_with="la:665"))
    case.record_consent(
        given=False, recorded_on=RAISED_ON, recorded_by="la:665", decision_deadline=None
    )
    assert case.status is Status.NO_DECISION_REQUIRED
    assert case.no_decision_reason == "young_person_does_not_consent"


def test_a_referral_to_the_la_moves_the_duty_and_starts_a_new_clock() -> None:
    case = raised()
    la_deadline = compute_deadline(DEFAULT_RULES, RuleId.D3, date(2026, 3, 16))
    case.refer_to_local_authority(
        local_authority="la:665", reason="ALP would be unreasonable for the school to secure",
        referred_on=date(2026, 3, 16), referred_by=SCHOOL, deadline=la_deadline,
    )  # fmt: skip
    assert case.deciding_body.organisation == "la:665"
    assert case.deadline() == la_deadline
    with pytest.raises(WrongDecidingBodyError):
        case.decide(
            has_aln=True, reasons="r", decided_on=date(2026, 4, 1), decided_by=SCHOOL, person="p"
        )
    with pytest.raises(InvalidTransitionError):
        case.refer_to_local_authority(
            local_authority="la:665", reason="again", referred_on=date(2026, 3, 17),
            referred_by="la:665", deadline=la_deadline,
        )  # fmt: skip


def test_an_nhs_answer_comes_from_the_body_referred_to_and_says_if_in_welsh() -> None:
    case = raised()
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D7, date(2026, 3, 3))
    case.receive_nhs_referral(
        referral_id="r1", nhs_body="lhb:7A1", received_on=date(2026, 3, 3), deadline=deadline
    )
    with pytest.raises(WrongDecidingBodyError):
        case.answer_nhs_referral(
            referral_id="r1", answer=NhsAnswer.NONE, in_welsh=None,
            answered_on=date(2026, 3, 20), answered_by="lhb:7A2", details="d",
        )  # fmt: skip
    with pytest.raises(ValueError, match="Welsh"):
        case.answer_nhs_referral(
            referral_id="r1", answer=NhsAnswer.IDENTIFIED, in_welsh=None,
            answered_on=date(2026, 3, 20), answered_by="lhb:7A1", details="d",
        )  # fmt: skip
    case.answer_nhs_referral(
        referral_id="r1", answer=NhsAnswer.IDENTIFIED, in_welsh=True,
        answered_on=date(2026, 3, 20), answered_by="lhb:7A1", details="speech and language",
    )  # fmt: skip
    assert case.nhs_referrals["r1"]["answer"]["in_welsh"] is True


def test_a_no_aln_notice_must_state_the_rights_the_code_requires() -> None:
    case = raised()
    case.decide(has_aln=False, reasons="r", decided_on=RAISED_ON, decided_by=SCHOOL, person="p")
    content = dict(NO_ALN_CONTENT)
    del content["right_to_ask_la_to_reconsider"]
    with pytest.raises(IncompleteNoticeError, match="right_to_ask_la_to_reconsider"):
        case.issue_notice(
            notice_type=NoticeType.NO_ALN, recipients=[Recipient.PARENT], content=content,
            issued_on=RAISED_ON, issued_by=SCHOOL,
        )  # fmt: skip
    case.issue_notice(
        notice_type=NoticeType.NO_ALN, recipients=[Recipient.PARENT], content=NO_ALN_CONTENT,
        issued_on=RAISED_ON, issued_by=SCHOOL,
    )  # fmt: skip
    assert case.notices[0]["notice_type"] == "no_aln"


def test_a_looked_after_childs_notice_goes_to_the_iro_too() -> None:
    child = replace(PUPIL, looked_after=True, looking_after_authority="681")
    case = raised(child)
    case.decide(has_aln=False, reasons="r", decided_on=RAISED_ON, decided_by="la:681", person="p")
    content = {k: v for k, v in NO_ALN_CONTENT.items() if k != "right_to_ask_la_to_reconsider"}
    content["right_of_appeal"] = "You may appeal to the Education Tribunal for Wales"
    with pytest.raises(IncompleteNoticeError, match="independent_reviewing_officer"):
        case.issue_notice(
            notice_type=NoticeType.NO_ALN, recipients=[Recipient.PARENT], content=content,
            issued_on=RAISED_ON, issued_by="la:681",
        )  # fmt: skip


def test_a_has_aln_notice_needs_an_aln_decision() -> None:
    case = raised()
    with pytest.raises(InvalidTransitionError):
        case.issue_notice(
            notice_type=NoticeType.HAS_ALN, recipients=[Recipient.PARENT],
            content={"decision_and_reasons": "d"}, issued_on=RAISED_ON, issued_by=SCHOOL,
        )  # fmt: skip


def test_a_withdrawn_concern_cannot_be_decided() -> None:
    case = raised()
    case.withdraw(reason="left the school", withdrawn_on=RAISED_ON, withdrawn_by=SCHOOL)
    with pytest.raises(DeterminationNotOpenError):
        case.decide(has_aln=True, reasons="r", decided_on=RAISED_ON, decided_by=SCHOOL, person="p")


def test_the_aggregate_replays_to_the_same_state() -> None:
    case = raised()
    case.decide(has_aln=True, reasons="r", decided_on=RAISED_ON, decided_by=SCHOOL, person="p")
    replayed: Determination | None = None
    for e in case.collect_events():
        replayed = e.mutate(replayed)
    assert isinstance(replayed, Determination)
    assert replayed.decision == case.decision
    assert replayed.deadlines == case.deadlines


def test_a_welsh_upn_with_the_right_check_letter_is_accepted() -> None:
    # By hand: 6*2 + 6*3 + 5*4 + 2*5 + 0*6 + 0*7 + 1*8 + 2*9 + 5*10 + 0*11 + 0*12 + 1*13 = 149;
    # 149 mod 23 = 11; the 12th letter of ABCDEFGHJKLMNPQRTUVWXYZ is M.
    assert validate_upn(" m665200125001 ") == "M665200125001"


def test_a_upn_with_the_wrong_check_letter_names_the_right_one() -> None:
    from determination.domain.learner import upn_check_letter

    body = "665200125001"
    right = upn_check_letter(body)
    wrong = "B" if right != "B" else "C"
    with pytest.raises(InvalidUpnError, match=f"should be {right}"):
        validate_upn(wrong + body)


def test_a_temporary_upn_ending_in_a_letter_is_accepted() -> None:
    from determination.domain.learner import upn_check_letter

    body = "66520012500A"
    assert validate_upn(upn_check_letter(body) + body)


def test_a_looked_after_child_needs_the_authority_looking_after_them() -> None:
    with pytest.raises(InvalidLearnerError):
        replace(PUPIL, looked_after=True)


def test_the_las_reconsideration_supersedes_the_schools_decision() -> None:
    import uuid

    case = raised()
    case.decide(
        has_aln=False, reasons="r", decided_on=date(2026, 3, 20), decided_by=SCHOOL, person="p"
    )
    school_decision = case.decision
    reconsideration = uuid.uuid4()
    case.record_reconsideration(
        reconsideration_id=reconsideration, local_authority="la:665", has_aln=True,
        decided_on=date(2026, 5, 1),
    )  # fmt: skip
    assert case.status is Status.DECIDED_ALN
    assert case.decision == {
        "has_aln": True,
        "decided_on": date(2026, 5, 1),
        "decided_by": "la:665",
        "reconsideration_id": reconsideration,
    }
    assert case.superseded_decisions == [school_decision]
    assert event_names(case)[-1] == "Reconsidered"
    with pytest.raises(InvalidTransitionError):  # the same outcome, delivered again
        case.record_reconsideration(
            reconsideration_id=reconsideration, local_authority="la:665", has_aln=True,
            decided_on=date(2026, 5, 1),
        )  # fmt: skip


def test_only_a_schools_decision_is_superseded_by_an_la_reconsideration() -> None:
    import uuid

    case = raised()
    la_deadline = compute_deadline(DEFAULT_RULES, RuleId.D3, date(2026, 3, 16))
    case.refer_to_local_authority(
        local_authority="la:665", reason="r", referred_on=date(2026, 3, 16), referred_by=SCHOOL,
        deadline=la_deadline,
    )  # fmt: skip
    with pytest.raises(WrongDecidingBodyError):
        case.record_reconsideration(
            reconsideration_id=uuid.uuid4(), local_authority="la:665", has_aln=True,
            decided_on=date(2026, 5, 1),
        )  # fmt: skip


def test_every_stored_event_says_which_day_it_takes_effect() -> None:
    from eventsourcing.domain import Aggregate

    from determination.domain.calendar import CalendarRecord
    from determination.domain.dates import IN_FORCE
    from determination.domain.rules import RuleTableRecord
    from llwybr.in_force import unmapped

    aggregates: list[type[Aggregate]] = [
        Determination, CalendarRecord, RuleTableRecord, LearnerRecord, LearnerIndex,
        OpenDetermination,
    ]  # fmt: skip
    assert unmapped(aggregates, IN_FORCE) == []


def test_stored_events_keep_the_topics_they_were_stored_under() -> None:
    """Stored events are found by topic: a renamed or moved event class would not load."""
    from eventsourcing.utils import get_topic, resolve_topic

    from determination.domain.calendar import CalendarRecord
    from determination.domain.rules import RuleTableRecord

    names = ["ConcernRaised", "ConsentRecorded", "GraduatedResponseRecorded",
             "EvidenceRequested", "EvidenceSubmitted", "NhsReferralReceived",
             "NhsReferralAnswered", "ReferredToLocalAuthority", "ExceptionClaimed",
             "DeadlineRecalculated", "Decided", "NoticeIssued", "Reconsidered",
             "Withdrawn"]  # fmt: skip
    for aggregate, module, events in [
        (Determination, "determination.domain.determination", names),
        (CalendarRecord, "determination.domain.calendar", ["Set", "Corrected"]),
        (RuleTableRecord, "determination.domain.rules", ["Started", "Corrected"]),
    ]:
        for name in events:
            topic = f"{module}:{aggregate.__name__}.{name}"
            event_class = getattr(aggregate, name)
            assert (get_topic(event_class), resolve_topic(topic)) == (topic, event_class)
