"""The Idp aggregate, from opening to its reviews: given its history, when a command, then
events, state or an error."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from idp.domain import (
    PREPARATION,
    REVIEW,
    DateOutOfOrderError,
    IdpAlreadyIssuedError,
    IdpIncompleteError,
    IdpInvalidTransitionError,
    IdpVersionFrozenError,
    InvalidPlanContentError,
    LaExtras,
    LaExtrasNotAllowedError,
    PlanOfLearner,
    ReviewCannotBeDeclinedError,
    ReviewOutcome,
    ReviewRequester,
    RevisionNotDueError,
    RevisionReason,
    Status,
    TransferNotAllowedError,
    TransferReason,
    UnknownAlpElementError,
    WrongDeadlineError,
    indexed,
    is_quantified,
    legacy_idp_id,
    plan_index_id,
)
from llwybr.clock import DEFAULT_RULES, RuleId, next_review

from .plans import (
    DETERMINATION_ID,
    ELEMENT,
    ISSUED_ON,
    LA,
    LA_LOOKING_AFTER,
    LAC,
    LHB,
    NHS_ELEMENT,
    OPENED_ON,
    SCHOOL,
    drafted,
    event_names,
    issued,
    opened,
    preparation_deadline,
    review_clock,
    status_of,
    with_nhs_alp,
)

# -- opening ------------------------------------------------------------------------------


def test_opening_a_plan_carries_the_preparation_deadline_of_the_decision() -> None:
    idp = opened()
    assert status_of(idp) is Status.DRAFT
    assert idp.deadline(PREPARATION) == preparation_deadline()
    assert idp.deadline(REVIEW) is None
    assert idp.determination_id == DETERMINATION_ID
    assert idp.current_version == 0
    assert event_names(idp) == ["Opened"]


def test_a_plans_id_is_random_and_its_index_entry_is_the_learners() -> None:
    """Issue 16: a plan's id told anyone who knew the learner's id whether they had a plan.
    One plan per learner is kept by the index entry saved with it, whose id is the learner's."""
    first, second = opened(), opened(LA)
    assert first.id != second.id
    assert first.id != legacy_idp_id("l-1")
    [plan, entry] = indexed(first)
    assert plan is first
    assert isinstance(entry, PlanOfLearner)
    assert (entry.id, entry.idp_id) == (plan_index_id("l-1"), first.id)
    assert indexed(second)[1].id == entry.id  # a second plan's entry cannot be saved


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
    assert review.rule_id == RuleId.D14
    assert review.due_on == date(2027, 3, 18)
    version = idp.issued_version(1)
    assert version["number"] == 1
    assert version["issued_on"] == ISSUED_ON
    assert version["review_by"]["due_on"] == "2027-03-18"
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
        idp.issue(
            issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON, RuleId.D15), issued_by="LA"
        )
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
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON, RuleId.D15), issued_by="x")
    with pytest.raises(WrongDeadlineError):
        idp.issue(issued_on=ISSUED_ON, review_by=review_clock(OPENED_ON), issued_by="x")


def test_a_looked_after_childs_plan_is_reviewed_on_the_d15_clock() -> None:
    idp = issued(LA_LOOKING_AFTER, looked_after=True)
    review = idp.deadline(REVIEW)
    assert review is not None
    assert review.rule_id == RuleId.D15
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
    assert review.due_on == date(2027, 6, 2)
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
    assert review.due_on == date(2028, 2, 29)
    assert status_of(idp) is Status.ACTIVE
    assert idp.current_version == 1


def test_a_late_review_keeps_the_cycle_and_is_not_counted_from_its_own_day() -> None:
    idp = issued()
    missed = idp.deadline(REVIEW)
    assert missed is not None
    held_on = missed.due_on + timedelta(days=40)
    with pytest.raises(WrongDeadlineError, match="runs on from the period that ended"):
        idp.hold_review(
            held_on=held_on, outcome=ReviewOutcome.NOT_REVISED, next_review_by=review_clock(held_on)
        )
    cycle = next_review(DEFAULT_RULES, RuleId.D14, missed, held_on)
    idp.hold_review(held_on=held_on, outcome=ReviewOutcome.NOT_REVISED, next_review_by=cycle)
    review = idp.deadline(REVIEW)
    assert review is not None
    assert review.trigger_date == missed.due_on + timedelta(days=1)


def test_a_revision_given_during_the_period_starts_the_next_period_with_its_day() -> None:
    idp = issued()
    idp.hold_review(held_on=date(2026, 6, 1), outcome=ReviewOutcome.REVISED)
    given_on = date(2026, 7, 1)
    with pytest.raises(WrongDeadlineError):
        idp.revise(
            issued_on=given_on,
            review_by=review_clock(date(2026, 6, 1)),
            reason=RevisionReason.REVIEW,
            issued_by="ALNCo Ysgol Example",
        )
    idp.revise(
        issued_on=given_on,
        review_by=review_clock(given_on),
        reason=RevisionReason.REVIEW,
        issued_by="ALNCo Ysgol Example",
    )
    review = idp.deadline(REVIEW)
    assert review is not None
    assert review.due_on == date(2027, 6, 30)


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
