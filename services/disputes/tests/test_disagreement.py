"""Disagreement resolution cases and independent advocacy (pure domain)."""

import uuid
from datetime import date, timedelta

import pytest

from disputes.domain import (
    Advocacy,
    AdvocacyStatus,
    CaseParticipant,
    DateOutOfOrderError,
    DisagreementResolution,
    DisagreementStatus,
    FacilitatorNotIndependentError,
    InvalidTransitionError,
    InvalidValueError,
    PartyRole,
    WrongDeadlineError,
    disagreement_case_id,
    extended_appeal_window,
)
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline, next_working_day

LA = "la:665"
SCHOOL = "school:6652001"
DECISION = uuid.UUID("6a1f0f3e-7c0b-4d8e-9a55-2a4c8f1d0b11")
PARTIES = [
    CaseParticipant("Parent of Cerys", PartyRole.FAMILY, None),
    CaseParticipant("Head teacher", PartyRole.SCHOOL, SCHOOL),
]
FACILITATOR = CaseParticipant("A. Mediator", None, "Independent Mediation Cymru")


def opened(on: date = date(2026, 4, 20), **changes: object) -> DisagreementResolution:
    details: dict[str, object] = {
        "learner_id": "learner-1", "local_authority": LA, "subject_id": DECISION,
        "opened_on": on, "arrangements": "The LA's commissioned mediation service",
        "facilitator": FACILITATOR, "parties": PARTIES, **changes,
    }  # fmt: skip
    return DisagreementResolution.open(**details)  # type: ignore[arg-type]


def test_a_case_about_a_decision_has_the_decisions_one_id() -> None:
    case = opened()
    assert case.id == disagreement_case_id(DECISION)
    assert case.status is DisagreementStatus.OPEN
    assert opened(subject_id=None).id != opened(subject_id=None).id


def test_started_in_the_window_the_appeal_window_is_recalculated_8_weeks_longer() -> None:
    case = opened()
    window = compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 3, 20))  # due 15 May
    extended = case.extend_appeal_window(window=window, rules=DEFAULT_RULES)
    assert case.appeal_window == extended
    # the first working day after 16 weeks beginning with 20 March (ending Thursday 9 July)
    assert extended.due_on == date(2026, 7, 10)
    assert extended.trigger_date == window.trigger_date
    assert (extended.length, extended.extension) == (16, 8)  # 8 weeks, extended by 8
    assert case.recalculations[0]["previous"]["due_on"] == "2026-05-15"  # as Deadline.as_dict
    with pytest.raises(InvalidTransitionError):  # once
        case.extend_appeal_window(window=window, rules=DEFAULT_RULES)


def test_the_extension_lengthens_the_period_not_the_rolled_date() -> None:
    """Issue #17: a notice of 6 February 2026 opens a window due Tuesday 7 April (its 8 weeks
    end on Good Friday); extended, it is due Friday 29 May (16 weeks end Thursday 28 May), not
    2 June (8 weeks after the rolled 7 April), which the old 4-day tolerance let through."""
    case = opened(on=date(2026, 3, 2))
    window = compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 2, 6))
    assert window.due_on == date(2026, 4, 7)
    extended = case.extend_appeal_window(window=window, rules=DEFAULT_RULES)
    assert extended.due_on == date(2026, 5, 29)
    assert case.appeal_window == extended


def test_an_already_extended_or_other_window_is_not_extended_again() -> None:
    window = compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 3, 20))
    twice = compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 3, 20), extension=8)
    with pytest.raises(WrongDeadlineError, match="already extended"):
        opened().extend_appeal_window(window=twice, rules=DEFAULT_RULES)
    cease = compute_deadline(DEFAULT_RULES, RuleId.D11, date(2026, 3, 20))
    with pytest.raises(WrongDeadlineError, match="D18"):
        opened().extend_appeal_window(window=cease, rules=DEFAULT_RULES)
    assert opened().extend_appeal_window(window=window, rules=DEFAULT_RULES).extension == 8


def test_a_case_opened_after_the_window_closed_does_not_extend_it() -> None:
    case = opened(on=date(2026, 5, 18))
    window = compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 3, 20))
    with pytest.raises(WrongDeadlineError):
        case.extend_appeal_window(window=window, rules=DEFAULT_RULES)


def test_the_facilitator_is_independent_of_the_parties_and_the_la() -> None:
    for organisation in (SCHOOL, LA):
        with pytest.raises(FacilitatorNotIndependentError):
            opened(facilitator=CaseParticipant("Someone", None, organisation))
    with pytest.raises(InvalidValueError):
        opened(parties=PARTIES[:1])


def test_a_case_is_concluded_once_and_not_before_it_opened() -> None:
    case = opened()
    with pytest.raises(DateOutOfOrderError):
        case.conclude(concluded_on=date(2026, 4, 1), outcome="resolved", summary="Agreed")
    case.conclude(concluded_on=date(2026, 5, 1), outcome="partly_resolved", summary="Some")
    assert case.conclusion is not None
    assert (case.status, case.conclusion["outcome"]) == (DisagreementStatus.CONCLUDED,
                                                         "partly_resolved")  # fmt: skip
    with pytest.raises(InvalidTransitionError):
        case.conclude(concluded_on=date(2026, 5, 2), outcome="resolved", summary="Again")


def test_advocacy_is_requested_provided_by_an_independent_advocate_and_ended() -> None:
    advocacy = Advocacy.request(
        learner_id="learner-1", local_authority=LA, for_person="child",
        requested_by="Parent of Cerys", requested_on=date(2026, 4, 1), related_case_id=None,
    )  # fmt: skip
    with pytest.raises(FacilitatorNotIndependentError):
        advocacy.provide(advocate=CaseParticipant("LA officer", None, LA),
                         provided_on=date(2026, 4, 5))  # fmt: skip
    with pytest.raises(DateOutOfOrderError):
        advocacy.provide(advocate=FACILITATOR, provided_on=date(2026, 3, 30))
    advocacy.provide(advocate=FACILITATOR, provided_on=date(2026, 4, 5))
    advocacy.end(ended_on=date(2026, 6, 1), reason="The appeal was decided")
    assert advocacy.status is AdvocacyStatus.ENDED
    with pytest.raises(InvalidTransitionError):
        advocacy.end(ended_on=date(2026, 6, 2), reason="Again")


def test_every_extended_window_over_two_school_years_is_the_lawful_date() -> None:
    """Issue #17: for every notice day from September 2025 to August 2027 (bank holidays,
    Easter, Christmas), the extended window is the first working day after the 16 weeks
    beginning with the notice (which end the day before notice + 112 days)."""
    day = date(2025, 9, 1)
    while day <= date(2027, 8, 31):
        window = compute_deadline(DEFAULT_RULES, RuleId.D18, day)
        extended = extended_appeal_window(window, DEFAULT_RULES)
        assert extended.due_on == next_working_day(day + timedelta(weeks=16)), day
        assert extended.trigger_date == day
        day += timedelta(days=1)
