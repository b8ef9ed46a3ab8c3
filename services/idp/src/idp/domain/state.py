"""What every part of the ``Idp`` aggregate shares: the base of its events, the state its
events leave, what can be read from that state, and the guards its commands use.

The aggregate is one class (``idp.domain.plan``) made of parts by concern (drafting, issuing,
reviews, transfers, ending, deliveries), each a subclass of ``PlanState``.
"""

import uuid
from copy import deepcopy
from dataclasses import field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from idp.domain.completeness import problems_before_issue
from idp.domain.errors import (
    DateOutOfOrderError,
    IdpClosedError,
    IdpInvalidTransitionError,
    IdpNotIssuedError,
    IdpVersionFrozenError,
    UnknownAlpElementError,
    UnknownVersionError,
    WrongDeadlineError,
)
from idp.domain.values import AlpElement, Maintainer, OpeningReason, RevisionReason, Status
from llwybr.clock import Deadline, RuleId, review_period_start

_NAMESPACE = uuid.UUID("1811b49d-fc4c-5cd9-be1e-4dbf13b53695")

PREPARATION = "preparation"  # D1-D4, carried over from the determination
REVIEW = "review"  # D14, or D15 for a looked-after child
TRANSFER = "transfer"  # e.g. D13: the FEI answers an LA's request to take the plan over

ENDED = frozenset({Status.CEASED, Status.CLOSED})
REVIEWABLE = frozenset({Status.ACTIVE, Status.UNDER_REVIEW})
PENDING = "pending"


def legacy_idp_id(learner_id: str) -> uuid.UUID:
    """The id plans were given before ids were random (a function of the learner's id, which
    told anyone who knew the learner's id whether they had a plan): such plans keep it, and
    ``PlanOfLearner`` finds them by it. New plans get a random id."""
    return uuid.uuid5(_NAMESPACE, f"idp:{learner_id}")


def plan_index_id(learner_id: str) -> uuid.UUID:
    """The id of the learner's ``PlanOfLearner``: one per learner, so a second plan for the
    learner (or a redelivered "ALN decided" event) cannot be saved. Never served."""
    return uuid.uuid5(_NAMESPACE, f"idp-of-learner:{learner_id}")


def _runs_on_from(missed: date, start: date) -> bool:
    """Whether a period starting with ``start`` is one of the unbroken cycle's after a period
    that ended on ``missed``: 12-month periods start on the same day of the year (a cycle
    from 29 February runs on from 1 March)."""
    first = missed + timedelta(days=1)
    days = {(first.month, first.day)}
    if (first.month, first.day) == (2, 29):
        days.add((3, 1))
    return (start.month, start.day) in days


def review_rule(looked_after: bool) -> RuleId:
    """The statutory clock of a plan's review: D15 for a looked-after child, else D14."""
    return RuleId.D15 if looked_after else RuleId.D14


def empty_draft() -> dict[str, Any]:
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


def element_in(version: dict[str, Any], element_id: str) -> bool:
    return any(e["element_id"] == element_id for e in version["content"]["alp"])


def pending(requests: list[dict[str, Any]]) -> bool:
    return any(r["status"] == PENDING for r in requests)


class PlanEvent(Aggregate.Event):
    """The base of the plan's events (``Idp.Event``).

    Each names the plan's learner (``Idp.trigger_event`` fills it in), so a public event is
    translated from the stored event alone (``idp.publisher``). An event stored before the
    field existed reads "" here."""

    learner_id: str = field(default="", kw_only=True)


class PlanState:
    """The plan as its events leave it: what can be read from it, and the guards of commands."""

    # Set when the plan is opened (``Idp.__init__``), then changed by the parts' events.
    learner_id: str
    maintainer: dict[str, Any]
    opened_on: date
    determination_id: uuid.UUID | None
    looked_after: bool
    opening_reason: OpeningReason
    directed_maintainer: dict[str, Any] | None  # the school an LA directed to maintain (s.14)
    status: Status
    deadlines: dict[str, dict[str, Any]]
    draft: dict[str, Any]
    versions: list[dict[str, Any]]
    revision_due: list[str]  # RevisionReason values not yet answered by a revision
    # LA reconsiderations (s.27) that revise the plan: the LA issues the revision
    revision_directions: list[dict[str, Any]]
    # Tribunal orders to revise the plan: the body ordered issues the revision
    revision_orders: list[dict[str, Any]]
    review_requests: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    nhs_alp: list[dict[str, Any]]
    transfers: list[dict[str, Any]]
    cease: dict[str, Any] | None  # the current proposal and decision to cease
    cease_history: list[dict[str, Any]]  # withdrawn proposals, reinstated plans
    closure: dict[str, Any] | None
    deliveries: dict[str, list[dict[str, Any]]]
    # notices about the plan given to the family (notifications' facts), by notice id
    notices: dict[str, dict[str, Any]]
    # the last review's periods: the one it answered ("before") and the one it started
    # ("after", None when it revised the plan); None before any review
    review_periods: dict[str, Any] | None
    last_dated_on: date  # lifecycle dates never go backwards

    if TYPE_CHECKING:

        @property
        def id(self) -> uuid.UUID:
            """The aggregate's id (``eventsourcing``'s)."""

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
    def review_rule(self) -> RuleId:
        """The rule to compute ``review_by`` with: D15 if looked after, else D14."""
        return review_rule(self.looked_after)

    @property
    def revising_authority(self) -> str | None:
        """The LA whose reconsideration directed a revision not yet issued, if any: it may
        edit the draft and issue that revision, which the school then maintains (s.27)."""
        waiting = [d for d in self.revision_directions if d["revised_in"] is None]
        return str(waiting[-1]["local_authority"]) if waiting else None

    @property
    def ordered_revisers(self) -> frozenset[str]:
        """The bodies a Tribunal order to revise the plan names, while that revision is not
        issued: each may edit the draft and issue it, whoever maintains the plan."""
        return frozenset(
            str(o["addressed_to"]) for o in self.revision_orders if o["revised_in"] is None
        )

    @property
    def revision_due_by(self) -> date | None:
        """The earliest date a Tribunal order not yet carried out must be complied with by
        (None: no such order, or none set a date)."""
        dates = [
            o["comply_by"]
            for o in self.revision_orders
            if o["revised_in"] is None and o["comply_by"] is not None
        ]
        return min(dates) if dates else None

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
        if self.status in ENDED:
            raise IdpClosedError(f"plan {self.id} is {self.status}")

    def _require_issued(self) -> None:
        self._require_not_ended()
        if not self.versions:
            raise IdpNotIssuedError(f"plan {self.id} has not been issued")

    def _require_reviewable(self) -> None:
        self._require_issued()
        if self.status not in REVIEWABLE:
            raise IdpInvalidTransitionError(f"plan {self.id} is {self.status}")

    def _require_on_or_after_last(self, day: date, what: str) -> None:
        if day < self.last_dated_on:
            raise DateOutOfOrderError(f"{what} ({day}) cannot be before {self.last_dated_on}")

    def _require_deadline(
        self, deadline: Deadline, rule_id: RuleId, trigger: date | None, what: str
    ) -> None:
        if deadline.rule_id != rule_id:
            raise WrongDeadlineError(f"{what} runs under {rule_id}, not {deadline.rule_id}")
        if trigger is not None and deadline.trigger_date != trigger:
            raise WrongDeadlineError(
                f"{what} runs from {trigger}, not from {deadline.trigger_date}"
            )

    def _require_next_review(self, deadline: Deadline, given_on: date, what: str) -> None:
        """The next review period follows the cycle (s.23(2)-(4)): it starts with the day the
        revised plan or notice of no revision is given during the preceding period; after that
        period has ended, it is the unbroken cycle's period in which that day falls."""
        previous = self.deadline(REVIEW)
        start = review_period_start(None if previous is None else previous.due_on, given_on)
        self._require_deadline(deadline, self.review_rule, start, what)
        if start is None and not (
            previous is not None
            and previous.due_on < deadline.trigger_date <= given_on
            and _runs_on_from(previous.due_on, deadline.trigger_date)
        ):
            raise WrongDeadlineError(
                f"{what} runs on from the period that ended on "
                f"{None if previous is None else previous.due_on}, to one that {given_on} is in"
            )
        if deadline.due_on < given_on:
            raise WrongDeadlineError(f"{what} ends on {deadline.due_on}, before {given_on}")

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
        issued = [v["number"] for v in self.versions if element_in(v, element_id)]
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
        if pending(self.review_requests) or RevisionReason.REVIEW.value in self.revision_due:
            return Status.UNDER_REVIEW
        return Status.ACTIVE
