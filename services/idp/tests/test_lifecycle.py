"""The Idp aggregate's later life: transfers, cease, closure and provision delivered."""

from dataclasses import replace
from datetime import date

import pytest

from idp.domain import (
    TRANSFER,
    CeaseNotProposedError,
    ClosureReason,
    DateOutOfOrderError,
    IdpAlreadyCeasedError,
    IdpClosedError,
    IdpError,
    IdpInvalidTransitionError,
    InvalidPlanContentError,
    LacDetailsNotAllowedError,
    Maintainer,
    SameMaintainerError,
    Status,
    TransferNotAllowedError,
    TransferReason,
    UnknownAlpElementError,
)
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline

from .plans import (
    ELEMENT,
    FEI,
    LA,
    LA_LOOKING_AFTER,
    LAC,
    OTHER_SCHOOL,
    SCHOOL,
    drafted,
    event_names,
    issued,
    status_of,
)

# -- transfer, cease, close ---------------------------------------------------------------


def test_a_transfer_to_the_same_maintainer_is_refused() -> None:
    idp = issued()
    with pytest.raises(SameMaintainerError):
        idp.transfer(
            to=Maintainer.from_dict({"kind": "school", "organisation": "school:6652001"}),
            reason=TransferReason.SCHOOL_MOVE,
            transferred_on=date(2026, 9, 1),
        )


def test_a_school_move_transfers_the_plan() -> None:
    idp = issued()
    idp.transfer(
        to=OTHER_SCHOOL, reason=TransferReason.SCHOOL_MOVE, transferred_on=date(2026, 9, 1)
    )
    assert idp.maintaining_body == OTHER_SCHOOL
    assert idp.transfers[0]["from"] == SCHOOL.as_dict()
    assert idp.issued_version(1)["content"]["maintainer"] == SCHOOL.as_dict()


def test_a_transfer_must_fit_its_reason() -> None:
    idp = issued()
    with pytest.raises(TransferNotAllowedError):
        idp.transfer(to=FEI, reason=TransferReason.SCHOOL_MOVE, transferred_on=date(2026, 9, 1))


def test_an_la_plan_moves_to_an_fei_only_on_its_agreement_on_the_d13_clock() -> None:
    """Issue #18 (s.36): the FEI's duty arises on its agreement; D13 runs from its receipt of
    the LA's request. A transfer straight to the FEI is refused."""
    idp = issued(LA)
    d13 = compute_deadline(DEFAULT_RULES, RuleId.D13, date(2026, 9, 3))
    with pytest.raises(TransferNotAllowedError):
        idp.transfer(
            to=FEI, reason=TransferReason.LA_TO_FEI, transferred_on=date(2026, 9, 1), deadline=d13
        )
    with pytest.raises(IdpError):  # D13 runs from the FEI's receipt, not from the request
        idp.ask_fei(
            fei=FEI,
            requested_on=date(2026, 9, 1),
            received_on=date(2026, 9, 3),
            deadline=compute_deadline(DEFAULT_RULES, RuleId.D13, date(2026, 9, 1)),
        )
    idp.ask_fei(fei=FEI, requested_on=date(2026, 9, 1), received_on=date(2026, 9, 3),
                deadline=d13)  # fmt: skip
    assert (idp.maintaining_body, idp.deadline(TRANSFER)) == (LA, d13)
    idp.answer_fei_request(agreed=True, answered_on=date(2026, 9, 20))
    assert idp.maintaining_body == FEI
    assert idp.transfers[-1]["reason"] == "la_to_fei"


def test_after_the_feis_refusal_the_welsh_ministers_may_determine_it_maintains_the_plan() -> None:
    idp = issued(LA)
    d13 = compute_deadline(DEFAULT_RULES, RuleId.D13, date(2026, 9, 3))
    idp.ask_fei(fei=FEI, requested_on=date(2026, 9, 1), received_on=date(2026, 9, 3),
                deadline=d13)  # fmt: skip
    with pytest.raises(IdpInvalidTransitionError):  # not before the FEI refused
        idp.record_ministers_determination(fei_maintains=True, determined_on=date(2026, 9, 9))
    idp.answer_fei_request(agreed=False, answered_on=date(2026, 9, 20))
    assert idp.maintaining_body == LA
    idp.record_ministers_determination(fei_maintains=True, determined_on=date(2026, 11, 2))
    assert idp.maintaining_body == FEI
    assert idp.fei_request is not None
    assert idp.fei_request["status"] == "determined_fei"


def test_a_child_who_becomes_looked_after_gets_the_d15_clock_and_lac_details() -> None:
    idp = issued()
    with pytest.raises(LacDetailsNotAllowedError):
        idp.set_lac_details(LAC)
    idp.transfer(
        to=LA_LOOKING_AFTER,
        reason=TransferReason.BECOMES_LOOKED_AFTER,
        transferred_on=date(2026, 9, 1),
    )
    assert idp.looked_after
    assert idp.review_rule == RuleId.D15
    idp.set_lac_details(LAC)
    assert idp.draft["lac_details"] == LAC.as_dict()


def test_ceasing_requires_a_proposal() -> None:
    idp = issued()
    with pytest.raises(CeaseNotProposedError):
        idp.decide_cease(
            decided_on=date(2026, 7, 1),
            reasons="Needs met",
            reconsideration_window_until=date(2026, 7, 29),
        )
    idp.propose_cease(proposed_on=date(2026, 6, 1), reasons="Needs met")
    assert idp.cease is not None
    idp.decide_cease(
        decided_on=date(2026, 7, 1),
        reasons="Needs met",
        reconsideration_window_until=date(2026, 7, 29),
    )
    assert status_of(idp) is Status.CEASED
    assert event_names(idp)[-2:] == ["CeaseProposed", "Ceased"]


def test_a_schools_decision_to_cease_states_the_reconsideration_window() -> None:
    idp = issued()
    idp.propose_cease(proposed_on=date(2026, 6, 1), reasons="Needs met")
    with pytest.raises(IdpError, match="D11"):
        idp.decide_cease(
            decided_on=date(2026, 7, 1), reasons="r", reconsideration_window_until=None
        )


def test_a_ceased_plan_cannot_be_ceased_again_or_edited() -> None:
    idp = issued()
    idp.propose_cease(proposed_on=date(2026, 6, 1), reasons="Needs met")
    idp.decide_cease(
        decided_on=date(2026, 7, 1), reasons="r", reconsideration_window_until=date(2026, 7, 29)
    )
    with pytest.raises(IdpAlreadyCeasedError, match="already ceased"):
        idp.decide_cease(
            decided_on=date(2026, 7, 2), reasons="r", reconsideration_window_until=date(2026, 8, 1)
        )
    with pytest.raises(IdpClosedError):
        idp.set_welsh_language_decision("English")
    with pytest.raises(IdpClosedError):
        idp.propose_cease(proposed_on=date(2026, 7, 2), reasons="r")


def test_a_ceased_plan_continues_when_reconsideration_reinstates_it() -> None:
    idp = issued()
    idp.propose_cease(proposed_on=date(2026, 6, 1), reasons="Needs met")
    idp.decide_cease(
        decided_on=date(2026, 7, 1), reasons="r", reconsideration_window_until=date(2026, 7, 29)
    )
    idp.reinstate(reinstated_on=date(2026, 9, 1), reasons="LA reconsideration: needs remain")
    assert status_of(idp) is Status.ACTIVE
    assert idp.cease is None
    assert idp.cease_history[0]["decided_on"] == date(2026, 7, 1)


def test_a_closed_plan_cannot_be_acted_on() -> None:
    idp = issued()
    idp.close(closed_on=date(2026, 7, 20), reason=ClosureReason.LEARNER_LEFT)
    assert status_of(idp) is Status.CLOSED
    with pytest.raises(IdpClosedError):
        idp.close(closed_on=date(2026, 7, 21), reason=ClosureReason.LEARNER_LEFT)
    with pytest.raises(IdpClosedError):
        idp.add_alp_element(replace(ELEMENT, element_id="e2"))


def test_lifecycle_dates_do_not_go_backwards() -> None:
    idp = issued()
    idp.propose_cease(proposed_on=date(2026, 6, 1), reasons="r")
    with pytest.raises(DateOutOfOrderError):
        idp.withdraw_cease_proposal(withdrawn_on=date(2026, 5, 31), reasons="r")


# -- provision delivered ------------------------------------------------------------------


def test_delivered_and_missed_sessions_are_recorded_per_element() -> None:
    idp = issued()
    idp.record_delivery(
        element_id="e1",
        on=date(2026, 4, 14),
        delivered=True,
        sessions=1,
        minutes=30,
        missed_reason=None,
        recorded_by="TA Lewis",
    )
    idp.record_delivery(
        element_id="e1",
        on=date(2026, 4, 16),
        delivered=False,
        sessions=None,
        minutes=None,
        missed_reason="TA covering a class",
        recorded_by="TA Lewis",
    )
    records = idp.delivery_records("e1")
    assert [r["delivered"] for r in records] == [True, False]
    assert records[1]["missed_reason"] == "TA covering a class"
    assert records[1]["version_number"] == 1


def test_a_missed_session_needs_a_reason() -> None:
    idp = issued()
    with pytest.raises(InvalidPlanContentError, match="needs a reason"):
        idp.record_delivery(
            element_id="e1",
            on=date(2026, 4, 16),
            delivered=False,
            sessions=None,
            minutes=None,
            missed_reason="  ",
            recorded_by="TA",
        )


def test_delivery_is_recorded_only_against_the_version_in_force() -> None:
    idp = drafted()
    with pytest.raises(IdpError):
        idp.record_delivery(
            element_id="e1",
            on=date(2026, 4, 16),
            delivered=True,
            sessions=1,
            minutes=30,
            missed_reason=None,
            recorded_by="TA",
        )
    idp = issued()
    idp.add_alp_element(replace(ELEMENT, element_id="e2"))  # in the draft, not yet in force
    with pytest.raises(UnknownAlpElementError, match="version 1"):
        idp.record_delivery(
            element_id="e2",
            on=date(2026, 4, 16),
            delivered=True,
            sessions=1,
            minutes=30,
            missed_reason=None,
            recorded_by="TA",
        )
