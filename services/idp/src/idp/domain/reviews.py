"""Reviews of an issued plan (the 12-month clock, D14/D15; extra reviews asked for, D16) and
ALP that an NHS body answered it will secure.

Each event class here is bound to the method that applies it in ``Idp`` (``idp.domain.plan``),
so it is stored as ``Idp.<Event>``.
"""

from copy import deepcopy
from datetime import date
from typing import Any

from idp.domain.drafting import ALP_ELEMENT
from idp.domain.errors import (
    DeadlineRequiredError,
    DuplicateAlpElementError,
    IdpInvalidTransitionError,
    InvalidPlanContentError,
    ReviewCannotBeDeclinedError,
    WrongDeadlineError,
)
from idp.domain.state import PENDING, REVIEW, PlanEvent, PlanState
from idp.domain.values import (
    AlpElement,
    ProviderKind,
    ReviewOutcome,
    ReviewRequester,
    RevisionReason,
    as_enum,
)
from llwybr.clock import Deadline
from llwybr.personal_data.aggregate import LEARNER_ID
from llwybr.personal_data.fields import PersonalFields


class Reviewing(PlanState):
    """Review requests and reviews held, and NHS ALP added."""

    class ReviewRequested(PlanEvent):
        __personal__ = PersonalFields(("reason",), learner=LEARNER_ID)  # ADR 0023
        requested_by_kind: str
        organisation_or_person: str
        requested_on: date
        reason: str

    def request_review(
        self,
        *,
        requested_by_kind: ReviewRequester,
        organisation_or_person: str,
        requested_on: date,
        reason: str,
    ) -> None:
        """An extra review asked for (D16): by the family, or by an NHS body whose ALP is in
        the plan in force."""
        requested_by_kind = as_enum(ReviewRequester, requested_by_kind, "requested_by_kind")
        self._require_reviewable()
        self._require_on_or_after_last(requested_on, "the request")
        if requested_by_kind is ReviewRequester.NHS_BODY and not any(
            e["provider_kind"] == ProviderKind.NHS_BODY.value
            and e["provider_organisation"] == organisation_or_person
            for e in self.versions[-1]["content"]["alp"]
        ):
            raise IdpInvalidTransitionError(
                f"{organisation_or_person} secures no ALP in plan {self.id}: only an NHS body "
                "whose ALP is in the plan may require a review"
            )
        self._request_review(
            requested_by_kind=requested_by_kind.value,
            organisation_or_person=organisation_or_person,
            requested_on=requested_on,
            reason=reason,
        )

    def _request_review(
        self, requested_by_kind: str, organisation_or_person: str, requested_on: date, reason: str
    ) -> None:
        self.review_requests.append(
            {
                "requested_by_kind": requested_by_kind,
                "organisation_or_person": organisation_or_person,
                "requested_on": requested_on,
                "reason": reason,
                "status": PENDING,
                "answered_on": None,
                "answer_reasons": None,
            }
        )
        self.last_dated_on = requested_on
        self.status = self._resting_status()

    class ReviewRequestDeclined(PlanEvent):
        __personal__ = PersonalFields(("reasons",), learner=LEARNER_ID)  # ADR 0023
        request_index: int
        declined_on: date
        reasons: str

    def decline_review(self, *, declined_on: date, reasons: str) -> None:
        """Decline the earliest pending family request; an NHS body's request may not be."""
        self._require_reviewable()
        self._require_on_or_after_last(declined_on, "declining")
        waiting = [
            (index, r) for index, r in enumerate(self.review_requests) if r["status"] == PENDING
        ]
        family = [i for i, r in waiting if r["requested_by_kind"] == ReviewRequester.FAMILY.value]
        if not family:
            if waiting:
                raise ReviewCannotBeDeclinedError(
                    f"an NHS body whose ALP is in plan {self.id} asked for the review: hold it"
                )
            raise IdpInvalidTransitionError(f"plan {self.id} has no pending review request")
        self._decline_review(request_index=family[0], declined_on=declined_on, reasons=reasons)

    def _decline_review(self, request_index: int, declined_on: date, reasons: str) -> None:
        request = self.review_requests[request_index]
        request.update(status="declined", answered_on=declined_on, answer_reasons=reasons)
        self.last_dated_on = declined_on
        self.status = self._resting_status()

    class ReviewHeld(PlanEvent):
        held_on: date
        outcome: str
        next_review_by: dict[str, Any] | None

    def hold_review(
        self, *, held_on: date, outcome: ReviewOutcome, next_review_by: Deadline | None = None
    ) -> None:
        """A review was held. Not revised: the next review period is ``next_review_by``, from
        the day the notice of no revision is given if during the current period, else the
        cycle runs on (s.23(3), (4); ``llwybr.clock.next_review``). Revised: a ``revise`` is
        due, which starts the next period."""
        outcome = as_enum(ReviewOutcome, outcome, "outcome")
        self._require_reviewable()
        if RevisionReason.REVIEW.value in self.revision_due:
            raise IdpInvalidTransitionError(f"a held review already revises plan {self.id}")
        self._require_on_or_after_last(held_on, "the review")
        if outcome is ReviewOutcome.NOT_REVISED:
            if next_review_by is None:
                raise DeadlineRequiredError("a plan not revised gets a new review clock")
            self._require_next_review(next_review_by, held_on, "the review clock")
        elif next_review_by is not None:
            raise WrongDeadlineError("a revised plan's clock starts when the revision is issued")
        self._hold_review(
            held_on=held_on,
            outcome=outcome.value,
            next_review_by=next_review_by.as_dict() if next_review_by is not None else None,
        )

    def _hold_review(
        self, held_on: date, outcome: str, next_review_by: dict[str, Any] | None
    ) -> None:
        for request in self.review_requests:
            if request["status"] == PENDING:
                request.update(status="held", answered_on=held_on)
        self.reviews.append({"held_on": held_on, "outcome": outcome})
        # the period this review answered, which a later notice of no revision follows
        # (``idp.domain.notices``), and the one it started from the day it was held
        self.review_periods = {
            "before": deepcopy(self.deadlines.get(REVIEW)),
            "after": deepcopy(next_review_by),
        }
        if next_review_by is not None:
            self.deadlines[REVIEW] = deepcopy(next_review_by)
        if outcome == ReviewOutcome.REVISED.value:
            self.revision_due.append(RevisionReason.REVIEW.value)
        self.last_dated_on = held_on
        self.status = self._resting_status()

    class NhsAlpAdded(PlanEvent):
        __personal__ = ALP_ELEMENT  # as a draft's element (ADR 0023)
        element: dict[str, Any]
        nhs_answer_reference: str
        added_on: date
        revision_due: bool

    def add_nhs_alp(
        self, element: AlpElement, *, nhs_answer_reference: str, added_on: date
    ) -> None:
        """ALP an NHS body answered it will secure goes into the draft ("ALP to be secured by
        the NHS body"); once the plan is issued, a revision becomes due."""
        self._require_not_ended()
        if not element.secured_by_nhs_body:
            raise InvalidPlanContentError("NHS ALP has provider_kind nhs_body")
        if not nhs_answer_reference.strip():
            raise InvalidPlanContentError("NHS ALP refers to the NHS body's answer")
        if self._draft_index(element.element_id) is not None:
            raise DuplicateAlpElementError(f"the draft already has element {element.element_id}")
        self._require_on_or_after_last(added_on, "the NHS ALP")
        self._add_nhs_alp(
            element=element.as_dict(),
            nhs_answer_reference=nhs_answer_reference,
            added_on=added_on,
            revision_due=bool(self.versions),
        )

    def _add_nhs_alp(
        self,
        element: dict[str, Any],
        nhs_answer_reference: str,
        added_on: date,
        revision_due: bool,
    ) -> None:
        self.draft["alp"].append(deepcopy(element))
        self.nhs_alp.append(
            {
                "element_id": element["element_id"],
                "nhs_answer_reference": nhs_answer_reference,
                "added_on": added_on,
            }
        )
        if revision_due and RevisionReason.NHS_ALP.value not in self.revision_due:
            self.revision_due.append(RevisionReason.NHS_ALP.value)
        self.last_dated_on = added_on
