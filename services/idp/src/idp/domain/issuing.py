"""Issuing the draft as a numbered version that never changes: version 1, then revisions, and
the revision an LA directs when it reconsiders a school's plan (s.27).

Each event class here is bound to the method that applies it in ``Idp`` (``idp.domain.plan``),
so it is stored as ``Idp.<Event>``.
"""

import uuid
from copy import deepcopy
from datetime import date
from typing import Any

from idp.domain.drafting import ALP_TEXTS
from idp.domain.errors import (
    IdpAlreadyIssuedError,
    IdpIncompleteError,
    IdpInvalidTransitionError,
    InvalidPlanContentError,
    RevisionNotDueError,
)
from idp.domain.state import REVIEW, PlanEvent, PlanState
from idp.domain.values import MaintainerKind, RevisionReason, Status, as_enum
from llwybr.clock import Deadline
from llwybr.personal_data.aggregate import LEARNER_ID
from llwybr.personal_data.fields import PersonalFields

#: The sections of an issued version's content that are the learner's personal data, and
#: the free text of each of its ALP elements (``*``: every element).
PLAN_SECTIONS = tuple(
    f"content.{s}"
    for s in ("section_1", "one_page_profile", "aln_description", "welsh_language_decision",
              "section_3", "la_extras", "lac_details", *(f"alp.*.{t}" for t in ALP_TEXTS))
)  # fmt: skip


class Issuing(PlanState):
    """Issued versions: each a frozen snapshot of the draft, with its review clock."""

    def _snapshot(self, issued_on: date, review_by: Deadline) -> dict[str, Any]:
        """The draft as it will be frozen, checked complete first."""
        self._require_on_or_after_last(issued_on, "issuing")
        # the first period starts with the day the plan is given; a revision's follows the cycle
        self._require_next_review(review_by, issued_on, "the review clock")
        problems = self.problems_before_issue()
        if problems:
            raise IdpIncompleteError(problems)
        return {
            "learner_id": self.learner_id,
            "maintainer": deepcopy(self.maintainer),
            "looked_after": self.looked_after,
            **deepcopy(self.draft),
        }

    class Issued(PlanEvent):
        # The plan's sections as issued, sealed (ADR 0023), and its ALP elements' free text;
        # their ids, providers and schedules stay in clear: the provision is judged on them.
        __personal__ = PersonalFields(PLAN_SECTIONS, learner=LEARNER_ID)
        number: int
        issued_on: date
        issued_by: str
        review_by: dict[str, Any]
        content: dict[str, Any]
        #: the case whose decision the plan gives (published: its clocks end on the issue
        #: day, s.4(6)); None on events stored before it was carried
        determination_id: uuid.UUID | None = None

    def issue(self, *, issued_on: date, review_by: Deadline, issued_by: str) -> None:
        """Issue the draft as version 1; ``review_by`` is the D14 (D15) clock from
        ``issued_on``, the first review period (s.23(2)). Raises IdpIncompleteError naming
        every missing field."""
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
            determination_id=self.determination_id,
        )

    def _issue(
        self,
        number: int,
        issued_on: date,
        issued_by: str,
        review_by: dict[str, Any],
        content: dict[str, Any],
        determination_id: uuid.UUID | None = None,  # the plan's own, already in its state
    ) -> None:
        self._freeze(number, issued_on, issued_by, review_by, None, content)

    class Revised(PlanEvent):
        __personal__ = PersonalFields(PLAN_SECTIONS, learner=LEARNER_ID)  # as Issued
        number: int
        issued_on: date
        issued_by: str
        review_by: dict[str, Any]
        reason: str
        content: dict[str, Any]

    def revise(
        self, *, issued_on: date, review_by: Deadline, reason: RevisionReason, issued_by: str
    ) -> None:
        """Issue the draft as the next version. A review's "revised" outcome or NHS ALP added
        must be pending for those reasons; a Tribunal order or LA reconsideration suffices on
        its own. ``review_by`` is the next review period: from ``issued_on`` if the revision is
        given during the current period, else the cycle runs on (s.23(3), (4))."""
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
        for direction in (*self.revision_directions, *self.revision_orders):
            if direction["revised_in"] is None:
                direction["revised_in"] = number
        self.last_dated_on = issued_on
        self.status = self._resting_status()

    class RevisionDirected(PlanEvent):
        local_authority: str
        reconsideration_id: uuid.UUID
        directed_on: date

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

    class RevisionOrdered(PlanEvent):
        """The Education Tribunal ordered the plan revised (an order to the LA or FEI named):
        a revision is due, by the order's date to comply if it set one."""

        appeal_id: uuid.UUID
        order_id: str
        addressed_to: str
        ordered_on: date
        comply_by: date | None

    def order_revision(
        self,
        *,
        appeal_id: uuid.UUID,
        order_id: str,
        addressed_to: str,
        ordered_on: date,
        comply_by: date | None,
    ) -> None:
        """The Tribunal's order to ``addressed_to`` (an LA or FEI) to revise this plan: that
        body may edit the draft and issue the revision whoever maintains the plan (the order
        is an obligation on the body it names), which then goes on maintaining it."""
        self._require_issued()
        if not addressed_to.startswith(("la:", "fei:")):
            raise InvalidPlanContentError(
                f"a Tribunal order names an LA or FEI, not {addressed_to}"
            )
        if any(
            (o["appeal_id"], o["order_id"]) == (appeal_id, order_id) for o in self.revision_orders
        ):
            raise IdpInvalidTransitionError(f"order {order_id} of appeal {appeal_id} is recorded")
        # Dated when the Tribunal decided: it does not move the plan's own dates.
        self._order_revision(
            appeal_id=appeal_id,
            order_id=order_id,
            addressed_to=addressed_to,
            ordered_on=ordered_on,
            comply_by=comply_by,
        )

    def _order_revision(
        self,
        appeal_id: uuid.UUID,
        order_id: str,
        addressed_to: str,
        ordered_on: date,
        comply_by: date | None,
    ) -> None:
        self.revision_orders.append(
            {
                "appeal_id": appeal_id,
                "order_id": order_id,
                "addressed_to": addressed_to,
                "ordered_on": ordered_on,
                "comply_by": comply_by,
                "revised_in": None,
            }
        )
        if RevisionReason.TRIBUNAL_ORDER.value not in self.revision_due:
            self.revision_due.append(RevisionReason.TRIBUNAL_ORDER.value)
