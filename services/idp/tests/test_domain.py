"""The Idp aggregate: given its history, when a command, then events, state or an error."""

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, UUIDAsHex

from idp.domain import (
    PREPARATION,
    REVIEW,
    TRANSFER,
    AlnDescription,
    AlpElement,
    CeaseNotProposedError,
    ClosureReason,
    DateOutOfOrderError,
    Idp,
    IdpAlreadyCeasedError,
    IdpAlreadyIssuedError,
    IdpClosedError,
    IdpError,
    IdpIncompleteError,
    IdpInvalidTransitionError,
    IdpVersionFrozenError,
    InvalidPlanContentError,
    LacDetails,
    LacDetailsNotAllowedError,
    LaExtras,
    LaExtrasNotAllowedError,
    Maintainer,
    MaintainerKind,
    OnePageProfile,
    OpeningReason,
    ProviderKind,
    ReviewCannotBeDeclinedError,
    ReviewOutcome,
    ReviewRequester,
    RevisionNotDueError,
    RevisionReason,
    SameMaintainerError,
    Section1,
    Section3,
    Status,
    TransferNotAllowedError,
    TransferReason,
    UnknownAlpElementError,
    WrongDeadlineError,
    is_quantified,
)
from llwybr.clock import DEFAULT_RULES, Deadline, compute_deadline
from llwybr.eventstore import DateAsISO

SCHOOL = Maintainer(MaintainerKind.SCHOOL, "school:6652001")
OTHER_SCHOOL = Maintainer(MaintainerKind.SCHOOL, "school:6652002")
LA = Maintainer(MaintainerKind.LOCAL_AUTHORITY, "la:665")
LA_LOOKING_AFTER = Maintainer(MaintainerKind.LA_LOOKING_AFTER, "la:665")
FEI = Maintainer(MaintainerKind.FEI, "fei:6659001")
LHB = "lhb:7A1"
DETERMINATION_ID = uuid.UUID("6a1f0f3e-7c0b-4d8e-9a55-2a4c8f1d0b11")
CONCERN_ON = date(2026, 2, 2)
OPENED_ON = date(2026, 3, 2)
ISSUED_ON = date(2026, 3, 19)

ELEMENT = AlpElement(
    element_id="e1",
    intended_outcome="Reads a short text aloud with 90% accuracy by July",
    provision="Structured phonics programme, one to one",
    delivered_by="Teaching assistant trained in the programme",
    frequency="3 sessions a week",
    duration="30 minutes each, for 2 terms",
    in_welsh=True,
    provider_kind=ProviderKind.SCHOOL,
    provider_organisation="school:6652001",
    start_on=date(2026, 4, 13),
    review_or_end_on=date(2026, 12, 18),
    rationale="Decoding is the main barrier found in the assessments",
)
NHS_ELEMENT = replace(
    ELEMENT,
    element_id="nhs1",
    provision="Speech and language therapy",
    delivered_by="Speech and language therapist",
    frequency="1 session a fortnight",
    duration="45 minutes, for 1 year",
    provider_kind=ProviderKind.NHS_BODY,
    provider_organisation=LHB,
)
LAC = LacDetails("IRO Sian Roberts", "la:665", "PEP-2026-017")


def preparation_deadline() -> Deadline:
    return compute_deadline(DEFAULT_RULES, "D1", CONCERN_ON)


def review_clock(day: date, rule_id: str = "D14") -> Deadline:
    return compute_deadline(DEFAULT_RULES, rule_id, day)


def opened(maintainer: Maintainer = SCHOOL, *, looked_after: bool = False) -> Idp:
    return Idp.open(
        learner_id="l-1",
        maintainer=maintainer,
        opened_on=OPENED_ON,
        determination_id=DETERMINATION_ID,
        preparation_deadline=preparation_deadline(),
        looked_after=looked_after,
        reason=OpeningReason.ALN_DECISION,
    )


def drafted(maintainer: Maintainer = SCHOOL, *, looked_after: bool = False) -> Idp:
    idp = opened(maintainer, looked_after=looked_after)
    idp.set_section_1(Section1("Cerys Jones", date(2017, 5, 2), "Welsh", "Child: not needed"))
    idp.set_one_page_profile(OnePageProfile("Kind, funny", "My dog, Mam", "Quiet space"))
    idp.set_aln_description(AlnDescription("Dyslexia", "Slow reading in all subjects", None))
    idp.add_alp_element(ELEMENT)
    idp.set_welsh_language_decision("ALP in Welsh: the learner's home and school language")
    idp.set_section_3(Section3("Educational psychologist report", "Transition at Year 6"))
    if looked_after:
        idp.set_lac_details(LAC)
    return idp


def issued(maintainer: Maintainer = SCHOOL, *, looked_after: bool = False) -> Idp:
    idp = drafted(maintainer, looked_after=looked_after)
    idp.issue(
        issued_on=ISSUED_ON,
        review_by=review_clock(ISSUED_ON, idp.review_rule),
        issued_by="ALNCo Ysgol Example",
    )
    return idp


def with_nhs_alp() -> Idp:
    """An issued plan, revised to include ALP secured by the health board."""
    idp = issued()
    idp.add_nhs_alp(NHS_ELEMENT, nhs_answer_reference="nhs-answer-9", added_on=date(2026, 5, 1))
    idp.revise(
        issued_on=date(2026, 5, 4),
        review_by=review_clock(date(2026, 5, 4)),
        reason=RevisionReason.NHS_ALP,
        issued_by="ALNCo",
    )
    return idp


def event_names(idp: Idp) -> list[str]:
    return [type(e).__name__ for e in idp.collect_events()]


def status_of(idp: Idp) -> Status:
    # read through a call: mypy would otherwise keep the first narrowed status in a test
    return idp.status


def state(idp: Idp) -> dict[str, Any]:
    return {k: v for k, v in vars(idp).items() if not k.startswith("_")}


# -- opening ------------------------------------------------------------------------------


def test_opening_a_plan_carries_the_preparation_deadline_of_the_decision() -> None:
    idp = opened()
    assert status_of(idp) is Status.DRAFT
    assert idp.deadline(PREPARATION) == preparation_deadline()
    assert idp.deadline(REVIEW) is None
    assert idp.determination_id == DETERMINATION_ID
    assert idp.current_version == 0
    assert event_names(idp) == ["Opened"]


def test_one_learner_has_exactly_one_plan_id() -> None:
    assert opened().id == opened(LA).id == Idp.create_id("l-1")
    assert Idp.create_id("l-2") != Idp.create_id("l-1")


def test_only_a_looked_after_childs_plan_is_maintained_by_the_la_looking_after() -> None:
    with pytest.raises(InvalidPlanContentError):
        opened(LA_LOOKING_AFTER, looked_after=False)


# -- issuing ------------------------------------------------------------------------------


def test_issuing_a_complete_plan_gives_version_1_with_its_review_date() -> None:
    idp = issued()
    assert status_of(idp) is Status.ACTIVE
    assert idp.current_version == 1
    review = idp.deadline(REVIEW)
    assert review is not None
    assert review.rule_id == "D14"
    assert review.due_on == date(2027, 3, 19)
    version = idp.issued_version(1)
    assert version["number"] == 1
    assert version["issued_on"] == ISSUED_ON
    assert version["review_by"]["due_on"] == "2027-03-19"
    assert [e["element_id"] for e in version["content"]["alp"]] == ["e1"]
    assert version["content"]["maintainer"] == SCHOOL.as_dict()
    assert event_names(idp)[-1] == "Issued"


def test_an_element_without_frequency_and_duration_cannot_be_issued() -> None:
    idp = drafted()
    idp.amend_alp_element(replace(ELEMENT, frequency="", duration="  "))
    with pytest.raises(IdpIncompleteError) as caught:
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON), issued_by="ALNCo")
    assert caught.value.fields == ("alp[e1].frequency", "alp[e1].duration")
    assert "alp[e1].frequency" in str(caught.value)
    assert "alp[e1].duration" in str(caught.value)
    assert idp.current_version == 0


def test_support_that_is_not_quantified_cannot_be_issued() -> None:
    idp = drafted()
    idp.amend_alp_element(replace(ELEMENT, frequency="as needed", duration="ongoing"))
    with pytest.raises(IdpIncompleteError) as caught:
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON), issued_by="ALNCo")
    assert caught.value.problems["alp[e1].frequency"].startswith("not quantified")
    assert caught.value.problems["alp[e1].duration"].startswith("not quantified")


def test_every_missing_part_of_an_empty_draft_is_named_in_one_error() -> None:
    idp = opened(LA_LOOKING_AFTER, looked_after=True)
    with pytest.raises(IdpIncompleteError) as caught:
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON, "D15"), issued_by="LA")
    assert caught.value.fields == (
        "section_1",
        "one_page_profile",
        "aln_description",
        "alp",
        "welsh_language_decision",
        "lac_details",
    )


def test_numbers_in_words_count_as_quantified_in_english_and_welsh() -> None:
    assert is_quantified("twice a week")
    assert is_quantified("dwywaith yr wythnos")
    assert is_quantified("20 munud")
    assert not is_quantified("support will be provided")


def test_a_plan_cannot_be_issued_before_it_was_opened() -> None:
    idp = drafted()
    before = date(2026, 2, 27)
    with pytest.raises(DateOutOfOrderError):
        idp.issue(issued_on=before, review_by=review_clock(before), issued_by="ALNCo")


def test_a_review_clock_under_the_wrong_rule_or_date_is_refused() -> None:
    idp = drafted()
    with pytest.raises(WrongDeadlineError, match="D14"):
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON, "D15"), issued_by="x")
    with pytest.raises(WrongDeadlineError):
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(OPENED_ON), issued_by="x")


def test_a_looked_after_childs_plan_is_reviewed_on_the_d15_clock() -> None:
    idp = issued(LA_LOOKING_AFTER, looked_after=True)
    review = idp.deadline(REVIEW)
    assert review is not None
    assert review.rule_id == "D15"
    assert idp.issued_version(1)["content"]["lac_details"] == LAC.as_dict()


def test_version_1_cannot_be_issued_twice() -> None:
    idp = issued()
    with pytest.raises(IdpAlreadyIssuedError):
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON), issued_by="ALNCo")


# -- versions -----------------------------------------------------------------------------


def test_issued_version_1_never_changes_after_edits_and_a_revision() -> None:
    idp = issued()
    frozen = idp.issued_version(1)
    idp.issued_version(1)["content"]["alp"].clear()  # a caller's copy: changes nothing
    idp.amend_alp_element(replace(ELEMENT, frequency="4 sessions a week"))
    idp.set_welsh_language_decision("Bilingual")
    idp.hold_review(held_on=date(2026, 6, 1), outcome=ReviewOutcome.REVISED)
    idp.revise(
        issued_on=date(2026, 6, 3),
        review_by=review_clock(date(2026, 6, 3)),
        reason=RevisionReason.REVIEW,
        issued_by="ALNCo",
    )
    assert idp.issued_version(1) == frozen
    assert idp.issued_version(2)["content"]["alp"][0]["frequency"] == "4 sessions a week"


def test_a_held_review_with_outcome_revised_leads_to_version_2() -> None:
    idp = issued()
    idp.hold_review(held_on=date(2026, 6, 1), outcome=ReviewOutcome.REVISED)
    assert status_of(idp) is Status.UNDER_REVIEW
    assert idp.revision_due == ["review"]
    idp.revise(
        issued_on=date(2026, 6, 3),
        review_by=review_clock(date(2026, 6, 3)),
        reason=RevisionReason.REVIEW,
        issued_by="ALNCo",
    )
    assert idp.current_version == 2
    assert status_of(idp) is Status.ACTIVE
    assert idp.revision_due == []
    assert idp.issued_version(2)["revision_reason"] == "review"
    review = idp.deadline(REVIEW)
    assert review is not None
    assert review.due_on == date(2027, 6, 3)
    assert event_names(idp)[-2:] == ["ReviewHeld", "Revised"]


def test_a_revision_nothing_called_for_is_refused() -> None:
    idp = issued()
    with pytest.raises(RevisionNotDueError):
        idp.revise(
            issued_on=date(2026, 6, 3),
            review_by=review_clock(date(2026, 6, 3)),
            reason=RevisionReason.REVIEW,
            issued_by="ALNCo",
        )


def test_a_tribunal_order_is_cause_enough_to_revise() -> None:
    idp = issued()
    idp.revise(
        issued_on=date(2026, 9, 1),
        review_by=review_clock(date(2026, 9, 1)),
        reason=RevisionReason.TRIBUNAL_ORDER,
        issued_by="la:665",
    )
    assert idp.current_version == 2


def test_amending_an_element_that_is_only_in_an_issued_version_is_refused() -> None:
    idp = issued()
    idp.remove_alp_element("e1")
    with pytest.raises(IdpVersionFrozenError, match=r"e1 is only in issued version\(s\) \[1\]"):
        idp.amend_alp_element(replace(ELEMENT, frequency="daily"))
    with pytest.raises(UnknownAlpElementError):
        idp.amend_alp_element(replace(ELEMENT, element_id="e9"))


# -- reviews and NHS ALP ------------------------------------------------------------------


def test_a_review_not_revised_resets_the_review_date() -> None:
    idp = issued()
    held_on = date(2027, 3, 1)
    idp.hold_review(
        held_on=held_on, outcome=ReviewOutcome.NOT_REVISED, next_review_by=review_clock(held_on)
    )
    review = idp.deadline(REVIEW)
    assert review is not None
    assert review.due_on == date(2028, 3, 1)
    assert status_of(idp) is Status.ACTIVE
    assert idp.current_version == 1


def test_a_family_review_request_can_be_declined() -> None:
    idp = issued()
    idp.request_review(
        requested_by_kind=ReviewRequester.FAMILY,
        organisation_or_person="Mrs Jones (parent)",
        requested_on=date(2026, 5, 5),
        reason="Reading has not improved",
    )
    assert status_of(idp) is Status.UNDER_REVIEW
    idp.decline_review(declined_on=date(2026, 5, 12), reasons="Reviewed in March; on track")
    assert status_of(idp) is Status.ACTIVE
    assert idp.review_requests[0]["status"] == "declined"
    assert event_names(idp)[-2:] == ["ReviewRequested", "ReviewRequestDeclined"]


def test_an_nhs_bodys_review_request_cannot_be_declined() -> None:
    idp = with_nhs_alp()
    idp.request_review(
        requested_by_kind=ReviewRequester.NHS_BODY,
        organisation_or_person=LHB,
        requested_on=date(2026, 6, 1),
        reason="Therapy goals met",
    )
    with pytest.raises(ReviewCannotBeDeclinedError):
        idp.decline_review(declined_on=date(2026, 6, 2), reasons="No")
    assert status_of(idp) is Status.UNDER_REVIEW


def test_an_nhs_body_with_no_alp_in_the_plan_cannot_require_a_review() -> None:
    idp = issued()
    with pytest.raises(IdpInvalidTransitionError, match="secures no ALP"):
        idp.request_review(
            requested_by_kind=ReviewRequester.NHS_BODY,
            organisation_or_person=LHB,
            requested_on=date(2026, 6, 1),
            reason="r",
        )


def test_nhs_alp_added_to_an_issued_plan_marks_a_revision_due() -> None:
    idp = issued()
    idp.add_nhs_alp(NHS_ELEMENT, nhs_answer_reference="nhs-answer-9", added_on=date(2026, 5, 1))
    assert idp.revision_due == ["nhs_alp"]
    assert idp.draft_elements()[-1].secured_by_nhs_body
    assert idp.issued_version(1)["content"]["alp"] == [ELEMENT.as_dict()]
    assert event_names(idp)[-1] == "NhsAlpAdded"


def test_nhs_alp_in_a_first_draft_needs_no_revision() -> None:
    idp = opened()
    idp.add_nhs_alp(NHS_ELEMENT, nhs_answer_reference="nhs-answer-9", added_on=OPENED_ON)
    assert not idp.is_revision_due


def test_nhs_alp_is_secured_by_an_nhs_body_and_only_added_with_its_answer() -> None:
    idp = issued()
    with pytest.raises(InvalidPlanContentError):
        idp.add_nhs_alp(ELEMENT, nhs_answer_reference="a", added_on=date(2026, 5, 1))
    with pytest.raises(InvalidPlanContentError, match="add_nhs_alp"):
        idp.add_alp_element(NHS_ELEMENT)


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


def test_an_la_plan_moves_to_an_fei_on_the_d13_clock() -> None:
    idp = issued(LA)
    with pytest.raises(IdpError):
        idp.transfer(to=FEI, reason=TransferReason.LA_TO_FEI, transferred_on=date(2026, 9, 1))
    d13 = compute_deadline(DEFAULT_RULES, "D13", date(2026, 9, 1))
    idp.transfer(
        to=FEI, reason=TransferReason.LA_TO_FEI, transferred_on=date(2026, 9, 1), deadline=d13
    )
    assert idp.deadline(TRANSFER) == d13
    assert idp.maintaining_body == FEI


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
    assert idp.review_rule == "D15"
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


# -- draft rules --------------------------------------------------------------------------


def test_la_extras_are_refused_on_a_school_plan() -> None:
    idp = drafted()
    with pytest.raises(LaExtrasNotAllowedError):
        idp.set_la_extras(LaExtras("Ysgol Arbennig", board_and_lodging=False, transport=None))


def test_la_extras_belong_to_an_la_plan_and_stay_with_an_la() -> None:
    idp = issued(LA)
    idp.set_la_extras(LaExtras("Ysgol Arbennig", board_and_lodging=True, transport="Taxi"))
    with pytest.raises(TransferNotAllowedError, match="set_la_extras"):
        idp.transfer(to=SCHOOL, reason=TransferReason.SCHOOL_MOVE, transferred_on=date(2026, 9, 1))


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


# -- values and replay --------------------------------------------------------------------


def test_values_round_trip_through_dicts_and_accept_iso_strings() -> None:
    data = ELEMENT.as_dict()
    assert data["provider_kind"] == "school"
    assert AlpElement.from_dict(data) == ELEMENT
    as_json = {**data, "start_on": "2026-04-13", "review_or_end_on": "2026-12-18"}
    assert AlpElement.from_dict(as_json) == ELEMENT
    with pytest.raises(InvalidPlanContentError, match="kind"):
        Maintainer.from_dict({"kind": "academy", "organisation": "x"})
    with pytest.raises(InvalidPlanContentError, match="before it starts"):
        replace(ELEMENT, review_or_end_on=date(2026, 1, 1))


def busy_plan() -> Idp:
    """A plan through most of its life, for the replay tests."""
    idp = with_nhs_alp()
    idp.record_delivery(
        element_id="nhs1",
        on=date(2026, 5, 6),
        delivered=False,
        sessions=None,
        minutes=None,
        missed_reason="Therapist off sick",
        recorded_by=LHB,
    )
    idp.request_review(
        requested_by_kind=ReviewRequester.FAMILY,
        organisation_or_person="parent",
        requested_on=date(2026, 6, 1),
        reason="r",
    )
    idp.hold_review(held_on=date(2026, 6, 10), outcome=ReviewOutcome.REVISED)
    idp.remove_alp_element("e1")
    idp.revise(
        issued_on=date(2026, 6, 12),
        review_by=review_clock(date(2026, 6, 12)),
        reason=RevisionReason.REVIEW,
        issued_by="ALNCo",
    )
    idp.transfer(to=LA, reason=TransferReason.LA_TAKE_OVER, transferred_on=date(2026, 9, 1))
    idp.propose_cease(proposed_on=date(2027, 1, 4), reasons="Needs met")
    idp.decide_cease(
        decided_on=date(2027, 2, 1), reasons="Needs met", reconsideration_window_until=None
    )
    return idp


def test_replaying_the_events_rebuilds_the_same_plan() -> None:
    idp = busy_plan()
    replayed: Idp | None = None
    for e in idp.collect_events():
        replayed = e.mutate(replayed)
    assert isinstance(replayed, Idp)
    assert state(replayed) == state(idp)
    assert replayed.issued_version(1) == idp.issued_version(1)


def test_every_event_survives_the_stores_json_transcoding() -> None:
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)
    mapper: Mapper[uuid.UUID] = Mapper(transcoder=transcoder)
    idp = busy_plan()
    replayed: Idp | None = None
    for e in idp.collect_events():
        decoded = mapper.to_domain_event(mapper.to_stored_event(e))
        assert isinstance(decoded, Aggregate.Event)
        replayed = decoded.mutate(replayed)
    assert isinstance(replayed, Idp)
    assert state(replayed) == state(idp)
    assert replayed.status is Status.CEASED


def test_every_stored_event_says_which_day_it_takes_effect() -> None:
    from idp.domain.dates import IN_FORCE
    from llwybr.in_force import unmapped

    assert unmapped([Idp], IN_FORCE) == []
