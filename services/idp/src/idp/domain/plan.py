"""The Idp aggregate: one learner's Individual Development Plan (docs/domain.md sections 5 and 8).

A plan has one draft, edited freely, and issued versions 1, 2, ... that never change: issuing
freezes a snapshot of the draft, and later edits go to the draft, which becomes the next
version when revised. Around that runs the statutory life: reviews (12-month clock, family or
NHS requests), NHS ALP added, transfers, cease proposed then decided, and closure.

Deadlines and dates are decided by the caller (``llwybr.clock``) and stored in the events as
dicts; an event body only applies what it is given, so a replay rebuilds exactly the same plan.
"""

import uuid
from copy import deepcopy
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from idp.domain.completeness import problems_before_issue
from idp.domain.errors import (
    CeaseNotProposedError,
    DateOutOfOrderError,
    DeadlineRequiredError,
    DuplicateAlpElementError,
    IdpAlreadyCeasedError,
    IdpAlreadyIssuedError,
    IdpClosedError,
    IdpIncompleteError,
    IdpInvalidTransitionError,
    IdpNotIssuedError,
    IdpVersionFrozenError,
    InvalidPlanContentError,
    LacDetailsNotAllowedError,
    LaExtrasNotAllowedError,
    ReviewCannotBeDeclinedError,
    RevisionNotDueError,
    UnknownAlpElementError,
    UnknownVersionError,
    WrongDeadlineError,
)
from idp.domain.transfers import check_transfer
from idp.domain.values import (
    AlnDescription,
    AlpElement,
    ClosureReason,
    LacDetails,
    LaExtras,
    Maintainer,
    MaintainerKind,
    OnePageProfile,
    OpeningReason,
    ProviderKind,
    ReviewOutcome,
    ReviewRequester,
    RevisionReason,
    Section1,
    Section3,
    Status,
    TransferReason,
    as_enum,
)
from llwybr.clock import Deadline

_NAMESPACE = uuid.UUID("1811b49d-fc4c-5cd9-be1e-4dbf13b53695")

PREPARATION = "preparation"  # D1-D4, carried over from the determination
REVIEW = "review"  # D14, or D15 for a looked-after child
TRANSFER = "transfer"  # e.g. D13: the FEI answers an LA's request to take the plan over

_ENDED = frozenset({Status.CEASED, Status.CLOSED})
_REVIEWABLE = frozenset({Status.ACTIVE, Status.UNDER_REVIEW})
_PENDING = "pending"


def idp_id(learner_id: str) -> uuid.UUID:
    """One plan aggregate per learner: a redelivered "ALN decided" event cannot open two."""
    return uuid.uuid5(_NAMESPACE, f"idp:{learner_id}")


def review_rule(looked_after: bool) -> str:
    """The statutory clock of a plan's review: D15 for a looked-after child, else D14."""
    return "D15" if looked_after else "D14"


def _empty_draft() -> dict[str, Any]:
    return {
        "section_1": None,
        "one_page_profile": None,
        "aln_description": None,
        "alp": [],
        "welsh_language_decision": None,
        "la_extras": None,
        "section_3": None,
        "lac_details": None,
    }


class Idp(Aggregate):
    """One learner's plan: its draft, its issued versions and its statutory life."""

    @staticmethod
    def create_id(learner_id: str) -> uuid.UUID:
        """The plan's id, derived from the learner's id."""
        return idp_id(learner_id)

    @event("Opened")
    def __init__(
        self,
        learner_id: str,
        maintainer: dict[str, Any],
        opened_on: date,
        determination_id: uuid.UUID | None,
        preparation_deadline: dict[str, Any] | None,
        looked_after: bool,
        reason: str,
    ) -> None:
        self.learner_id = learner_id
        self.maintainer = deepcopy(maintainer)
        self.opened_on = opened_on
        self.determination_id = determination_id
        self.looked_after = looked_after
        self.opening_reason = OpeningReason(reason)
        self.status = Status.DRAFT
        self.deadlines: dict[str, dict[str, Any]] = {}
        if preparation_deadline is not None:
            self.deadlines[PREPARATION] = deepcopy(preparation_deadline)
        self.draft = _empty_draft()
        self.versions: list[dict[str, Any]] = []
        self.revision_due: list[str] = []  # RevisionReason values not yet answered by a revision
        # LA reconsiderations (s.27) that revise the plan: the LA issues the revision
        self.revision_directions: list[dict[str, Any]] = []
        self.review_requests: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self.nhs_alp: list[dict[str, Any]] = []
        self.transfers: list[dict[str, Any]] = []
        self.cease: dict[str, Any] | None = None  # the current proposal and decision to cease
        self.cease_history: list[dict[str, Any]] = []  # withdrawn proposals, reinstated plans
        self.closure: dict[str, Any] | None = None
        self.deliveries: dict[str, list[dict[str, Any]]] = {}
        self.last_dated_on = opened_on  # lifecycle dates never go backwards

    @classmethod
    def open(
        cls,
        *,
        learner_id: str,
        maintainer: Maintainer,
        opened_on: date,
        determination_id: uuid.UUID | None,
        preparation_deadline: Deadline | None,
        looked_after: bool,
        reason: OpeningReason,
    ) -> "Idp":
        """A plan is to be prepared for a learner found to have ALN, by ``maintainer``, by
        ``preparation_deadline`` (the D1-D4 deadline of the decision)."""
        reason = as_enum(OpeningReason, reason, "reason")
        if not learner_id.strip():
            raise InvalidPlanContentError("a plan names its learner")
        if maintainer.kind is MaintainerKind.LA_LOOKING_AFTER and not looked_after:
            raise InvalidPlanContentError("an LA looking after maintains only a looked-after plan")
        if reason is OpeningReason.LA_DIRECTION and maintainer.is_local_authority:
            raise InvalidPlanContentError("an LA directs a school or FEI, not itself (s.14)")
        return cls(
            learner_id=learner_id,
            maintainer=maintainer.as_dict(),
            opened_on=opened_on,
            determination_id=determination_id,
            preparation_deadline=(
                preparation_deadline.as_dict() if preparation_deadline is not None else None
            ),
            looked_after=looked_after,
            reason=reason.value,
        )

    # -- views on state -------------------------------------------------------------------

    @property
    def maintaining_body(self) -> Maintainer:
        """The body maintaining the plan now."""
        return Maintainer.from_dict(self.maintainer)

    @property
    def current_version(self) -> int:
        """The number of the version in force; 0 while the plan has never been issued."""
        return len(self.versions)

    @property
    def review_rule(self) -> str:
        """The rule id to compute ``review_by`` with: "D15" if looked after, else "D14"."""
        return review_rule(self.looked_after)

    @property
    def revising_authority(self) -> str | None:
        """The LA whose reconsideration directed a revision not yet issued, if any: it may
        edit the draft and issue that revision, which the school then maintains (s.27)."""
        pending = [d for d in self.revision_directions if d["revised_in"] is None]
        return str(pending[-1]["local_authority"]) if pending else None

    @property
    def is_revision_due(self) -> bool:
        """A held review, NHS ALP added, ... awaits a ``revise``."""
        return bool(self.revision_due)

    def issued_version(self, number: int) -> dict[str, Any]:
        """Issued version ``number`` exactly as frozen (a copy: changing it changes nothing)."""
        if not 1 <= number <= len(self.versions):
            raise UnknownVersionError(f"plan {self.id} has no version {number}")
        return deepcopy(self.versions[number - 1])

    def deadline(self, key: str = REVIEW) -> Deadline | None:
        """A stored deadline: ``REVIEW``, ``PREPARATION`` or ``TRANSFER``."""
        data = self.deadlines.get(key)
        return Deadline.from_dict(data) if data is not None else None

    def draft_elements(self) -> list[AlpElement]:
        """The draft's ALP elements, in form order."""
        return [AlpElement.from_dict(e) for e in self.draft["alp"]]

    def problems_before_issue(self) -> dict[str, str]:
        """What the draft still lacks (field -> why); empty when it can be issued."""
        return problems_before_issue(self.draft, looked_after=self.looked_after)

    def delivery_records(self, element_id: str) -> list[dict[str, Any]]:
        """Every delivered or missed session recorded for an element, oldest first."""
        return deepcopy(self.deliveries.get(element_id, []))

    # -- guards ---------------------------------------------------------------------------

    def _require_not_ended(self) -> None:
        if self.status in _ENDED:
            raise IdpClosedError(f"plan {self.id} is {self.status}")

    def _require_issued(self) -> None:
        self._require_not_ended()
        if not self.versions:
            raise IdpNotIssuedError(f"plan {self.id} has not been issued")

    def _require_reviewable(self) -> None:
        self._require_issued()
        if self.status not in _REVIEWABLE:
            raise IdpInvalidTransitionError(f"plan {self.id} is {self.status}")

    def _require_on_or_after_last(self, day: date, what: str) -> None:
        if day < self.last_dated_on:
            raise DateOutOfOrderError(f"{what} ({day}) cannot be before {self.last_dated_on}")

    def _require_deadline(
        self, deadline: Deadline, rule_id: str, trigger: date | None, what: str
    ) -> None:
        if deadline.rule_id != rule_id:
            raise WrongDeadlineError(f"{what} runs under {rule_id}, not {deadline.rule_id}")
        if trigger is not None and deadline.trigger_date != trigger:
            raise WrongDeadlineError(
                f"{what} runs from {trigger}, not from {deadline.trigger_date}"
            )

    def _draft_index(self, element_id: str) -> int | None:
        for index, element in enumerate(self.draft["alp"]):
            if element["element_id"] == element_id:
                return index
        return None

    def _require_draft_element(self, element_id: str) -> dict[str, Any]:
        index = self._draft_index(element_id)
        if index is not None:
            element: dict[str, Any] = self.draft["alp"][index]
            return element
        issued = [v["number"] for v in self.versions if _element_in(v, element_id)]
        if issued:
            raise IdpVersionFrozenError(
                f"ALP element {element_id} is only in issued version(s) {issued}, which never "
                "change; it is not in the draft: add it to the draft to change the next version"
            )
        raise UnknownAlpElementError(f"plan {self.id} has no ALP element {element_id}")

    def _resting_status(self) -> Status:
        """The status once nothing (cease, closure) overrides it."""
        if not self.versions:
            return Status.DRAFT
        if _pending(self.review_requests) or RevisionReason.REVIEW.value in self.revision_due:
            return Status.UNDER_REVIEW
        return Status.ACTIVE

    # -- the draft ------------------------------------------------------------------------

    def set_section_1(self, section: Section1) -> None:
        """Section 1: the learner and the plan's administration."""
        self._require_not_ended()
        self._set_section_1(section=section.as_dict())

    @event("Section1Set")
    def _set_section_1(self, section: dict[str, Any]) -> None:
        self.draft["section_1"] = deepcopy(section)

    def set_one_page_profile(self, profile: OnePageProfile) -> None:
        """1C: the one-page profile."""
        self._require_not_ended()
        self._set_one_page_profile(profile=profile.as_dict())

    @event("OnePageProfileSet")
    def _set_one_page_profile(self, profile: dict[str, Any]) -> None:
        self.draft["one_page_profile"] = deepcopy(profile)

    def set_aln_description(self, description: AlnDescription) -> None:
        """2A: the description of the learner's ALN."""
        self._require_not_ended()
        self._set_aln_description(description=description.as_dict())

    @event("AlnDescriptionSet")
    def _set_aln_description(self, description: dict[str, Any]) -> None:
        self.draft["aln_description"] = deepcopy(description)

    def add_alp_element(self, element: AlpElement) -> None:
        """2B: a new element of ALP in the draft (NHS ALP comes with ``add_nhs_alp``)."""
        self._require_not_ended()
        if element.secured_by_nhs_body:
            # the NHS body decides what it secures: its answer must be on record
            raise InvalidPlanContentError("ALP secured by an NHS body is added with add_nhs_alp")
        if self._draft_index(element.element_id) is not None:
            raise DuplicateAlpElementError(f"the draft already has element {element.element_id}")
        self._add_alp_element(element=element.as_dict())

    @event("AlpElementAdded")
    def _add_alp_element(self, element: dict[str, Any]) -> None:
        self.draft["alp"].append(deepcopy(element))

    def amend_alp_element(self, element: AlpElement) -> None:
        """Replace the draft's element with the same id (issued versions never change)."""
        self._require_not_ended()
        current = self._require_draft_element(element.element_id)
        if (current["provider_kind"] == ProviderKind.NHS_BODY.value) != (
            element.secured_by_nhs_body
        ):
            raise InvalidPlanContentError(
                f"element {element.element_id}: whether the NHS body secures it cannot change"
            )
        self._amend_alp_element(element=element.as_dict())

    @event("AlpElementAmended")
    def _amend_alp_element(self, element: dict[str, Any]) -> None:
        index = self._draft_index(element["element_id"])
        assert index is not None  # checked by the command
        self.draft["alp"][index] = deepcopy(element)

    def remove_alp_element(self, element_id: str) -> None:
        """Take an element out of the draft (it stays in the versions that contain it)."""
        self._require_not_ended()
        self._require_draft_element(element_id)
        self._remove_alp_element(element_id=element_id)

    @event("AlpElementRemoved")
    def _remove_alp_element(self, element_id: str) -> None:
        self.draft["alp"] = [e for e in self.draft["alp"] if e["element_id"] != element_id]

    def set_welsh_language_decision(self, text: str) -> None:
        """Whether ALP should be provided in Welsh, and why: every preparer must say [C]."""
        self._require_not_ended()
        self._set_welsh_language_decision(text=text)

    @event("WelshLanguageDecisionSet")
    def _set_welsh_language_decision(self, text: str) -> None:
        self.draft["welsh_language_decision"] = text

    def set_la_extras(self, extras: LaExtras | None) -> None:
        """Named place, board and lodging, transport: LA-maintained plans only (None clears)."""
        self._require_not_ended()
        if extras is not None and not self.maintaining_body.is_local_authority:
            raise LaExtrasNotAllowedError(
                f"plan {self.id} is maintained by a {self.maintainer['kind']}, not an LA"
            )
        self._set_la_extras(extras=extras.as_dict() if extras is not None else None)

    @event("LaExtrasSet")
    def _set_la_extras(self, extras: dict[str, Any] | None) -> None:
        self.draft["la_extras"] = deepcopy(extras)

    def set_section_3(self, section: Section3) -> None:
        """Section 3: information used, review and transition planning."""
        self._require_not_ended()
        self._set_section_3(section=section.as_dict())

    @event("Section3Set")
    def _set_section_3(self, section: dict[str, Any]) -> None:
        self.draft["section_3"] = deepcopy(section)

    def set_lac_details(self, details: LacDetails | None) -> None:
        """IRO, looking-after authority and PEP: a looked-after child's plan only."""
        self._require_not_ended()
        if details is not None and not self.looked_after:
            raise LacDetailsNotAllowedError(f"the learner of plan {self.id} is not looked after")
        self._set_lac_details(details=details.as_dict() if details is not None else None)

    @event("LacDetailsSet")
    def _set_lac_details(self, details: dict[str, Any] | None) -> None:
        self.draft["lac_details"] = deepcopy(details)

    # -- issuing and revising -------------------------------------------------------------

    def _snapshot(self, issued_on: date, review_by: Deadline) -> dict[str, Any]:
        """The draft as it will be frozen, checked complete first."""
        self._require_on_or_after_last(issued_on, "issuing")
        self._require_deadline(review_by, self.review_rule, issued_on, "the review clock")
        problems = self.problems_before_issue()
        if problems:
            raise IdpIncompleteError(problems)
        return {
            "learner_id": self.learner_id,
            "maintainer": deepcopy(self.maintainer),
            "looked_after": self.looked_after,
            **deepcopy(self.draft),
        }

    def issue(self, *, issued_on: date, review_by: Deadline, issued_by: str) -> None:
        """Issue the draft as version 1; ``review_by`` is the D14 (D15) clock from
        ``issued_on``. Raises IdpIncompleteError naming every missing field."""
        self._require_not_ended()
        if self.versions:
            raise IdpAlreadyIssuedError(f"plan {self.id} is issued: revise it instead")
        content = self._snapshot(issued_on, review_by)
        self._issue(
            number=1,
            issued_on=issued_on,
            issued_by=issued_by,
            review_by=review_by.as_dict(),
            content=content,
        )

    @event("Issued")
    def _issue(
        self,
        number: int,
        issued_on: date,
        issued_by: str,
        review_by: dict[str, Any],
        content: dict[str, Any],
    ) -> None:
        self._freeze(number, issued_on, issued_by, review_by, None, content)

    def revise(
        self, *, issued_on: date, review_by: Deadline, reason: RevisionReason, issued_by: str
    ) -> None:
        """Issue the draft as the next version. A review's "revised" outcome or NHS ALP added
        must be pending for those reasons; a Tribunal order or LA reconsideration suffices on
        its own. Restarts the review clock (``review_by``, from ``issued_on``)."""
        reason = as_enum(RevisionReason, reason, "reason")
        self._require_issued()
        if self.status == Status.CEASE_PROPOSED:
            raise IdpInvalidTransitionError(f"plan {self.id} is proposed to cease")
        needs_due = {RevisionReason.REVIEW, RevisionReason.NHS_ALP}
        if reason in needs_due and reason.value not in self.revision_due:
            raise RevisionNotDueError(f"no revision of plan {self.id} is due for {reason.value}")
        content = self._snapshot(issued_on, review_by)
        self._revise(
            number=len(self.versions) + 1,
            issued_on=issued_on,
            issued_by=issued_by,
            review_by=review_by.as_dict(),
            reason=reason.value,
            content=content,
        )

    @event("Revised")
    def _revise(
        self,
        number: int,
        issued_on: date,
        issued_by: str,
        review_by: dict[str, Any],
        reason: str,
        content: dict[str, Any],
    ) -> None:
        self._freeze(number, issued_on, issued_by, review_by, reason, content)

    def _freeze(
        self,
        number: int,
        issued_on: date,
        issued_by: str,
        review_by: dict[str, Any],
        reason: str | None,
        content: dict[str, Any],
    ) -> None:
        self.versions.append(
            {
                "number": number,
                "issued_on": issued_on,
                "issued_by": issued_by,
                "review_by": deepcopy(review_by),
                "revision_reason": reason,
                "content": deepcopy(content),
            }
        )
        self.deadlines[REVIEW] = deepcopy(review_by)
        self.revision_due = []  # the new version answers every pending reason
        for direction in self.revision_directions:
            if direction["revised_in"] is None:
                direction["revised_in"] = number
        self.last_dated_on = issued_on
        self.status = self._resting_status()

    def direct_revision(
        self, *, local_authority: str, reconsideration_id: uuid.UUID, directed_on: date
    ) -> None:
        """The LA, reconsidering this school plan (R2, s.27), decided to revise it and to direct
        the governing body to maintain it: a revision by the LA is due (reason
        ``reconsideration``); the school goes on maintaining the plan."""
        self._require_issued()
        if self.maintaining_body.kind is not MaintainerKind.SCHOOL:
            raise IdpInvalidTransitionError(
                f"plan {self.id} is maintained by a {self.maintainer['kind']}: only a school's "
                "plan is revised on an LA's reconsideration"
            )
        if not local_authority.startswith("la:"):
            raise InvalidPlanContentError(f"a revision is directed by an LA, not {local_authority}")
        if any(d["reconsideration_id"] == reconsideration_id for d in self.revision_directions):
            raise IdpInvalidTransitionError(
                f"reconsideration {reconsideration_id} already directed a revision"
            )
        # The LA's decision may predate later steps of the plan (it is dated when decided): it
        # does not move the plan's own dates.
        self._direct_revision(
            local_authority=local_authority,
            reconsideration_id=reconsideration_id,
            directed_on=directed_on,
        )

    @event("RevisionDirected")
    def _direct_revision(
        self, local_authority: str, reconsideration_id: uuid.UUID, directed_on: date
    ) -> None:
        self.revision_directions.append(
            {
                "local_authority": local_authority,
                "reconsideration_id": reconsideration_id,
                "directed_on": directed_on,
                "revised_in": None,
            }
        )
        if RevisionReason.RECONSIDERATION.value not in self.revision_due:
            self.revision_due.append(RevisionReason.RECONSIDERATION.value)

    # -- reviews and NHS ALP --------------------------------------------------------------

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

    @event("ReviewRequested")
    def _request_review(
        self, requested_by_kind: str, organisation_or_person: str, requested_on: date, reason: str
    ) -> None:
        self.review_requests.append(
            {
                "requested_by_kind": requested_by_kind,
                "organisation_or_person": organisation_or_person,
                "requested_on": requested_on,
                "reason": reason,
                "status": _PENDING,
                "answered_on": None,
                "answer_reasons": None,
            }
        )
        self.last_dated_on = requested_on
        self.status = self._resting_status()

    def decline_review(self, *, declined_on: date, reasons: str) -> None:
        """Decline the earliest pending family request; an NHS body's request may not be."""
        self._require_reviewable()
        self._require_on_or_after_last(declined_on, "declining")
        pending = [
            (index, r) for index, r in enumerate(self.review_requests) if r["status"] == _PENDING
        ]
        family = [i for i, r in pending if r["requested_by_kind"] == ReviewRequester.FAMILY.value]
        if not family:
            if pending:
                raise ReviewCannotBeDeclinedError(
                    f"an NHS body whose ALP is in plan {self.id} asked for the review: hold it"
                )
            raise IdpInvalidTransitionError(f"plan {self.id} has no pending review request")
        self._decline_review(request_index=family[0], declined_on=declined_on, reasons=reasons)

    @event("ReviewRequestDeclined")
    def _decline_review(self, request_index: int, declined_on: date, reasons: str) -> None:
        request = self.review_requests[request_index]
        request.update(status="declined", answered_on=declined_on, answer_reasons=reasons)
        self.last_dated_on = declined_on
        self.status = self._resting_status()

    def hold_review(
        self, *, held_on: date, outcome: ReviewOutcome, next_review_by: Deadline | None = None
    ) -> None:
        """A review was held. Not revised: the review clock restarts at ``next_review_by``
        (D14/D15 from ``held_on``). Revised: a ``revise`` is due, which restarts the clock."""
        outcome = as_enum(ReviewOutcome, outcome, "outcome")
        self._require_reviewable()
        if RevisionReason.REVIEW.value in self.revision_due:
            raise IdpInvalidTransitionError(f"a held review already revises plan {self.id}")
        self._require_on_or_after_last(held_on, "the review")
        if outcome is ReviewOutcome.NOT_REVISED:
            if next_review_by is None:
                raise DeadlineRequiredError("a plan not revised gets a new review clock")
            self._require_deadline(next_review_by, self.review_rule, held_on, "the review clock")
        elif next_review_by is not None:
            raise WrongDeadlineError("a revised plan's clock starts when the revision is issued")
        self._hold_review(
            held_on=held_on,
            outcome=outcome.value,
            next_review_by=next_review_by.as_dict() if next_review_by is not None else None,
        )

    @event("ReviewHeld")
    def _hold_review(
        self, held_on: date, outcome: str, next_review_by: dict[str, Any] | None
    ) -> None:
        for request in self.review_requests:
            if request["status"] == _PENDING:
                request.update(status="held", answered_on=held_on)
        self.reviews.append({"held_on": held_on, "outcome": outcome})
        if next_review_by is not None:
            self.deadlines[REVIEW] = deepcopy(next_review_by)
        if outcome == ReviewOutcome.REVISED.value:
            self.revision_due.append(RevisionReason.REVIEW.value)
        self.last_dated_on = held_on
        self.status = self._resting_status()

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

    @event("NhsAlpAdded")
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

    # -- transfer, cease, close -----------------------------------------------------------

    def transfer(
        self,
        *,
        to: Maintainer,
        reason: TransferReason,
        transferred_on: date,
        deadline: Deadline | None = None,
    ) -> None:
        """Another body becomes responsible for the plan. For ``la_to_fei``, ``deadline`` is
        the D13 clock for the FEI's answer."""
        reason = as_enum(TransferReason, reason, "reason")
        self._require_not_ended()
        looked_after = check_transfer(
            current=self.maintaining_body,
            to=to,
            reason=reason,
            looked_after=self.looked_after,
            deadline=deadline,
            draft_has_la_extras=self.draft["la_extras"] is not None,
        )
        self._require_on_or_after_last(transferred_on, "the transfer")
        self._transfer(
            to=to.as_dict(),
            reason=reason.value,
            transferred_on=transferred_on,
            deadline=deadline.as_dict() if deadline is not None else None,
            looked_after=looked_after,
        )

    @event("Transferred")
    def _transfer(
        self,
        to: dict[str, Any],
        reason: str,
        transferred_on: date,
        deadline: dict[str, Any] | None,
        looked_after: bool,
    ) -> None:
        self.transfers.append(
            {
                "from": self.maintainer,
                "to": deepcopy(to),
                "reason": reason,
                "transferred_on": transferred_on,
            }
        )
        self.maintainer = deepcopy(to)
        self.looked_after = looked_after
        if not looked_after:
            self.draft["lac_details"] = None  # no longer part of a personal education plan
        if deadline is not None:
            self.deadlines[TRANSFER] = deepcopy(deadline)
        self.last_dated_on = transferred_on

    def propose_cease(self, *, proposed_on: date, reasons: str) -> None:
        """The maintainer proposes to cease the plan (notice to the family, + IRO)."""
        self._require_issued()
        if self.status == Status.CEASE_PROPOSED:
            raise IdpInvalidTransitionError(f"ceasing plan {self.id} is already proposed")
        self._require_on_or_after_last(proposed_on, "the proposal")
        self._propose_cease(proposed_on=proposed_on, reasons=reasons)

    @event("CeaseProposed")
    def _propose_cease(self, proposed_on: date, reasons: str) -> None:
        self.cease = {"proposed_on": proposed_on, "proposal_reasons": reasons}
        self.last_dated_on = proposed_on
        self.status = Status.CEASE_PROPOSED

    def withdraw_cease_proposal(self, *, withdrawn_on: date, reasons: str) -> None:
        """The maintainer no longer proposes to cease the plan."""
        self._require_not_ended()
        if self.status != Status.CEASE_PROPOSED:
            raise CeaseNotProposedError(f"ceasing plan {self.id} is not proposed")
        self._require_on_or_after_last(withdrawn_on, "the withdrawal")
        self._withdraw_cease_proposal(withdrawn_on=withdrawn_on, reasons=reasons)

    @event("CeaseProposalWithdrawn")
    def _withdraw_cease_proposal(self, withdrawn_on: date, reasons: str) -> None:
        assert self.cease is not None
        self.cease_history.append(
            {**self.cease, "withdrawn_on": withdrawn_on, "withdrawal_reasons": reasons}
        )
        self.cease = None
        self.last_dated_on = withdrawn_on
        self.status = self._resting_status()

    def decide_cease(
        self, *, decided_on: date, reasons: str, reconsideration_window_until: date | None
    ) -> None:
        """The proposal to cease is decided. A school passes the end of the family's 4-week
        window to ask the LA to reconsider (D11)."""
        if self.status == Status.CEASED:
            raise IdpAlreadyCeasedError(f"plan {self.id} is already ceased")
        self._require_not_ended()
        if self.status != Status.CEASE_PROPOSED:
            raise CeaseNotProposedError(f"ceasing plan {self.id} must be proposed first")
        self._require_on_or_after_last(decided_on, "the decision")
        if reconsideration_window_until is None:
            if self.maintainer["kind"] == MaintainerKind.SCHOOL.value:
                raise DeadlineRequiredError("a school's decision states the 4-week window (D11)")
        elif reconsideration_window_until <= decided_on:
            raise DateOutOfOrderError("the reconsideration window ends after the decision")
        self._decide_cease(
            decided_on=decided_on,
            reasons=reasons,
            reconsideration_window_until=reconsideration_window_until,
        )

    @event("Ceased")
    def _decide_cease(
        self, decided_on: date, reasons: str, reconsideration_window_until: date | None
    ) -> None:
        assert self.cease is not None
        self.cease.update(
            decided_on=decided_on,
            decision_reasons=reasons,
            reconsideration_window_until=reconsideration_window_until,
        )
        self.last_dated_on = decided_on
        self.status = Status.CEASED

    def reinstate(self, *, reinstated_on: date, reasons: str) -> None:
        """A ceased plan continues after all (LA reconsideration R4, or the Tribunal)."""
        if self.status != Status.CEASED:
            self._require_not_ended()
            raise IdpInvalidTransitionError(f"plan {self.id} is not ceased")
        self._require_on_or_after_last(reinstated_on, "the reinstatement")
        self._reinstate(reinstated_on=reinstated_on, reasons=reasons)

    @event("Reinstated")
    def _reinstate(self, reinstated_on: date, reasons: str) -> None:
        assert self.cease is not None
        self.cease_history.append(
            {**self.cease, "reinstated_on": reinstated_on, "reinstatement_reasons": reasons}
        )
        self.cease = None
        self.last_dated_on = reinstated_on
        self.status = self._resting_status()

    def close(self, *, closed_on: date, reason: ClosureReason) -> None:
        """The plan ends: the learner left, withdrew consent or reached the age-25 year end."""
        reason = as_enum(ClosureReason, reason, "reason")
        if self.status == Status.CLOSED:
            raise IdpClosedError(f"plan {self.id} is already closed")
        self._require_on_or_after_last(closed_on, "closing")
        self._close(closed_on=closed_on, reason=reason.value)

    @event("Closed")
    def _close(self, closed_on: date, reason: str) -> None:
        self.closure = {"closed_on": closed_on, "reason": reason}
        self.last_dated_on = closed_on
        self.status = Status.CLOSED

    # -- provision delivered --------------------------------------------------------------

    def record_delivery(
        self,
        *,
        element_id: str,
        on: date,
        delivered: bool,
        sessions: int | None,
        minutes: int | None,
        missed_reason: str | None,
        recorded_by: str,
    ) -> None:
        """Whether an element of the version in force was delivered on a day: non-delivery
        must be provable, so a missed session says why."""
        self._require_issued()
        number = len(self.versions)
        if not _element_in(self.versions[-1], element_id):
            raise UnknownAlpElementError(f"element {element_id} is not in version {number}")
        if on < self.versions[0]["issued_on"]:
            raise DateOutOfOrderError(f"delivery ({on}) cannot predate the plan's issue")
        if delivered and missed_reason is not None:
            raise InvalidPlanContentError("a delivered session has no missed reason")
        if not delivered and not (missed_reason or "").strip():
            raise InvalidPlanContentError("a missed session needs a reason")
        if any(n is not None and n < 0 for n in (sessions, minutes)):
            raise InvalidPlanContentError("sessions and minutes cannot be negative")
        self._record_delivery(
            element_id=element_id,
            version_number=number,
            on=on,
            delivered=delivered,
            sessions=sessions,
            minutes=minutes,
            missed_reason=missed_reason,
            recorded_by=recorded_by,
        )

    @event("DeliveryRecorded")
    def _record_delivery(
        self,
        element_id: str,
        version_number: int,
        on: date,
        delivered: bool,
        sessions: int | None,
        minutes: int | None,
        missed_reason: str | None,
        recorded_by: str,
    ) -> None:
        self.deliveries.setdefault(element_id, []).append(
            {
                "version_number": version_number,
                "on": on,
                "delivered": delivered,
                "sessions": sessions,
                "minutes": minutes,
                "missed_reason": missed_reason,
                "recorded_by": recorded_by,
            }
        )


def _element_in(version: dict[str, Any], element_id: str) -> bool:
    return any(e["element_id"] == element_id for e in version["content"]["alp"])


def _pending(requests: list[dict[str, Any]]) -> bool:
    return any(r["status"] == _PENDING for r in requests)
