"""The IDP service layer: commands and queries over Individual Development Plans.

Statutory dates (review in 12 months, the 4-week window after a school's cease decision, the
20 term-time-day clock of an LA-to-FEI transfer) come from the statutory clock, computed here
when their clock starts and handed to the aggregate.
"""

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from contracts.envelope import Envelope
from idp.domain import (
    Idp,
    Maintainer,
    MaintainerKind,
    OpeningReason,
    ReviewOutcome,
    RevisionReason,
    Status,
    TransferReason,
)
from llwybr.clock import DEFAULT_RULES, Deadline, RuleTable, compute_deadline
from llwybr.eventstore import ChainedApplication

DECIDED = "wales.aln.determination.decided.v1"
RECONSIDERED = "wales.aln.disputes.reconsideration-decided.v1"
RECONSIDER_CEASE_RULE = "D11"
LA_TO_FEI_RULE = "D13"


class IdpService(ChainedApplication):
    """Commands return the new version; queries return the plan. ``name`` fixes table names."""

    name = "idp"
    rules: RuleTable = DEFAULT_RULES

    def plan(self, idp_id: UUID, version: int | None = None) -> Idp:
        plan: object = self.repository.get(idp_id, version=version)
        if not isinstance(plan, Idp):
            raise AggregateNotFoundError(idp_id)
        return plan

    def change_plan(
        self, idp_id: UUID, expected_version: int | None, command: Callable[[Idp], Any]
    ) -> int:
        """Run one command on a plan (checking If-Match) and save what it recorded."""
        return self.act(idp_id, Idp, expected_version, command)

    # -- opening --------------------------------------------------------------------------

    def open_on_direction(
        self, *, learner_id: str, maintainer: Maintainer, opened_on: date, looked_after: bool
    ) -> tuple[UUID, int]:
        plan = Idp.open(
            learner_id=learner_id,
            maintainer=maintainer,
            opened_on=opened_on,
            determination_id=None,
            preparation_deadline=None,
            looked_after=looked_after,
            reason=OpeningReason.LA_DIRECTION,
        )
        self.save(plan)
        return plan.id, int(plan.version)

    def on_public_event(self, envelope: Envelope) -> list[Idp]:
        """The consumer's effect of another service's public event on plans (what to save)."""
        if envelope.type == DECIDED:
            return self.opened_by_decision(envelope)
        if envelope.type == RECONSIDERED:
            return self.changed_by_reconsideration(envelope)
        return []

    def changed_by_reconsideration(self, envelope: Envelope) -> list[Idp]:
        """An LA's reconsideration of a school's decision (Act ss.26-28, 32): R1 "has ALN"
        opens an LA-maintained plan; R2 "revised and directed" makes a revision by the LA due;
        a take-over moves the plan to the LA; "the IDP continues" reinstates a ceased plan."""
        data = envelope.data
        learner_id = envelope.subject
        on = date.fromisoformat(data["decided_on"])
        la = Maintainer(MaintainerKind.LOCAL_AUTHORITY, data["local_authority"])
        try:
            plan: Idp | None = self.repository.get(Idp.create_id(learner_id))
        except AggregateNotFoundError:
            plan = None
        outcome = data["outcome"]
        if data["kind"] == "R1" and outcome == "has_aln" and plan is None:
            opened = Idp.open(
                learner_id=learner_id,
                maintainer=la,
                opened_on=on,
                determination_id=UUID(data["subject_id"]),
                preparation_deadline=None,
                looked_after=False,
                reason=OpeningReason.ALN_DECISION,
            )
            return [opened]
        if (
            plan is not None
            and outcome == "revised_directed"
            and plan.current_version
            and plan.status not in {Status.CEASED, Status.CLOSED}
            and plan.maintaining_body.kind is MaintainerKind.SCHOOL
        ):
            plan.direct_revision(
                local_authority=la.organisation,
                reconsideration_id=UUID(data["reconsideration_id"]),
                directed_on=on,
            )
            return [plan]
        if plan is not None and outcome == "taken_over" and plan.maintainer != la.as_dict():
            plan.transfer(to=la, reason=TransferReason.LA_TAKE_OVER, transferred_on=on)
            return [plan]
        if plan is not None and outcome == "idp_continues" and plan.status == "ceased":
            plan.reinstate(reinstated_on=on, reasons="LA reconsideration: the IDP continues")
            return [plan]
        return []

    def opened_by_decision(self, envelope: Envelope) -> list[Idp]:
        """The consumer's effect of a determination's public event: a decision that the
        learner has ALN opens their plan, with the decision's deadline carried over (nothing
        to save when the event is something else or the learner's plan exists already). An
        LA's decision that a young person's IDP is not necessary (s.14(1)(c)) opens none;
        decisions published before that decision existed lack the field: a plan is due."""
        data = envelope.data
        if envelope.type != DECIDED or not data.get("has_aln"):
            return []
        if not data.get("idp_necessary", True):
            return []
        learner_id = envelope.subject
        try:
            self.repository.get(Idp.create_id(learner_id))
            return []
        except AggregateNotFoundError:
            pass
        deadline = data.get("decision_deadline")
        plan = Idp.open(
            learner_id=learner_id,
            maintainer=Maintainer(MaintainerKind(data["deciding_body"]), data["decided_by"]),
            opened_on=date.fromisoformat(data["decided_on"]),
            determination_id=UUID(data["determination_id"]),
            preparation_deadline=(
                Deadline.from_dict({"explanation": "", **deadline}) if deadline else None
            ),
            looked_after=bool(data["looked_after"]),
            reason=OpeningReason.ALN_DECISION,
        )
        return [plan]

    # -- commands whose dates come from the statutory clock -------------------------------

    def issue(
        self, idp_id: UUID, *, issued_on: date, issued_by: str, expected_version: int | None
    ) -> int:
        def issue(plan: Idp) -> None:
            review_by = compute_deadline(self.rules, plan.review_rule, issued_on)
            plan.issue(issued_on=issued_on, review_by=review_by, issued_by=issued_by)

        return self.change_plan(idp_id, expected_version, issue)

    def revise(
        self,
        idp_id: UUID,
        *,
        issued_on: date,
        issued_by: str,
        reason: RevisionReason,
        expected_version: int | None,
    ) -> int:
        def revise(plan: Idp) -> None:
            review_by = compute_deadline(self.rules, plan.review_rule, issued_on)
            plan.revise(
                issued_on=issued_on, review_by=review_by, reason=reason, issued_by=issued_by
            )

        return self.change_plan(idp_id, expected_version, revise)

    def hold_review(
        self, idp_id: UUID, *, held_on: date, outcome: ReviewOutcome, expected_version: int | None
    ) -> int:
        def hold(plan: Idp) -> None:
            next_review = None
            if outcome == ReviewOutcome.NOT_REVISED:
                next_review = compute_deadline(self.rules, plan.review_rule, held_on)
            plan.hold_review(held_on=held_on, outcome=outcome, next_review_by=next_review)

        return self.change_plan(idp_id, expected_version, hold)

    def transfer(
        self,
        idp_id: UUID,
        *,
        to: Maintainer,
        reason: TransferReason,
        transferred_on: date,
        expected_version: int | None,
    ) -> int:
        deadline = None
        if reason == TransferReason.LA_TO_FEI:
            deadline = compute_deadline(self.rules, LA_TO_FEI_RULE, transferred_on)

        def transfer(plan: Idp) -> None:
            plan.transfer(to=to, reason=reason, transferred_on=transferred_on, deadline=deadline)

        return self.change_plan(idp_id, expected_version, transfer)

    def decide_cease(
        self, idp_id: UUID, *, decided_on: date, reasons: str, expected_version: int | None
    ) -> int:
        def cease(plan: Idp) -> None:
            window = None
            if plan.maintaining_body.kind == MaintainerKind.SCHOOL:
                # A school's decision can be taken to the LA within 4 weeks (D11).
                rule = compute_deadline(self.rules, RECONSIDER_CEASE_RULE, decided_on)
                window = rule.due_on
            plan.decide_cease(
                decided_on=decided_on, reasons=reasons, reconsideration_window_until=window
            )

        return self.change_plan(idp_id, expected_version, cease)
