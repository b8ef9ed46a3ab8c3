"""How a plan ends: a proposal to cease it (withdrawn, or decided), reinstatement of a ceased
plan, and closure (docs/domain.md section 8).

Each event class here is bound to the method that applies it in ``Idp`` (``idp.domain.plan``),
so it is stored as ``Idp.<Event>``.
"""

from datetime import date

from idp.domain.errors import (
    CeaseNotProposedError,
    DateOutOfOrderError,
    DeadlineRequiredError,
    IdpAlreadyCeasedError,
    IdpClosedError,
    IdpInvalidTransitionError,
)
from idp.domain.state import PlanEvent, PlanState
from idp.domain.values import ClosureReason, MaintainerKind, Status, as_enum
from llwybr.personal_data.aggregate import LEARNER_ID
from llwybr.personal_data.fields import PersonalFields


class Ending(PlanState):
    """Cease proposed, withdrawn, decided; reinstated; closed."""

    class CeaseProposed(PlanEvent):
        __personal__ = PersonalFields(("reasons",), learner=LEARNER_ID)  # ADR 0023
        proposed_on: date
        reasons: str

    def propose_cease(self, *, proposed_on: date, reasons: str) -> None:
        """The maintainer proposes to cease the plan (notice to the family, + IRO)."""
        self._require_issued()
        if self.status == Status.CEASE_PROPOSED:
            raise IdpInvalidTransitionError(f"ceasing plan {self.id} is already proposed")
        self._require_on_or_after_last(proposed_on, "the proposal")
        self._propose_cease(proposed_on=proposed_on, reasons=reasons)

    def _propose_cease(self, proposed_on: date, reasons: str) -> None:
        self.cease = {"proposed_on": proposed_on, "proposal_reasons": reasons}
        self.last_dated_on = proposed_on
        self.status = Status.CEASE_PROPOSED

    class CeaseProposalWithdrawn(PlanEvent):
        __personal__ = PersonalFields(("reasons",), learner=LEARNER_ID)  # ADR 0023
        withdrawn_on: date
        reasons: str

    def withdraw_cease_proposal(self, *, withdrawn_on: date, reasons: str) -> None:
        """The maintainer no longer proposes to cease the plan."""
        self._require_not_ended()
        if self.status != Status.CEASE_PROPOSED:
            raise CeaseNotProposedError(f"ceasing plan {self.id} is not proposed")
        self._require_on_or_after_last(withdrawn_on, "the withdrawal")
        self._withdraw_cease_proposal(withdrawn_on=withdrawn_on, reasons=reasons)

    def _withdraw_cease_proposal(self, withdrawn_on: date, reasons: str) -> None:
        assert self.cease is not None
        self.cease_history.append(
            {**self.cease, "withdrawn_on": withdrawn_on, "withdrawal_reasons": reasons}
        )
        self.cease = None
        self.last_dated_on = withdrawn_on
        self.status = self._resting_status()

    class Ceased(PlanEvent):
        # Sealed like the proposal's: published as the seal for the notice (ADR 0023).
        __personal__ = PersonalFields(("reasons",), learner=LEARNER_ID)
        decided_on: date
        reasons: str
        reconsideration_window_until: date | None

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

    class Reinstated(PlanEvent):
        reinstated_on: date
        reasons: str

    def reinstate(self, *, reinstated_on: date, reasons: str) -> None:
        """A ceased plan continues after all (LA reconsideration R4, or the Tribunal)."""
        if self.status != Status.CEASED:
            self._require_not_ended()
            raise IdpInvalidTransitionError(f"plan {self.id} is not ceased")
        self._require_on_or_after_last(reinstated_on, "the reinstatement")
        self._reinstate(reinstated_on=reinstated_on, reasons=reasons)

    def _reinstate(self, reinstated_on: date, reasons: str) -> None:
        assert self.cease is not None
        self.cease_history.append(
            {**self.cease, "reinstated_on": reinstated_on, "reinstatement_reasons": reasons}
        )
        self.cease = None
        self.last_dated_on = reinstated_on
        self.status = self._resting_status()

    class Closed(PlanEvent):
        closed_on: date
        reason: str

    def close(self, *, closed_on: date, reason: ClosureReason) -> None:
        """The plan ends: the learner left, withdrew consent or reached the age-25 year end."""
        reason = as_enum(ClosureReason, reason, "reason")
        if self.status == Status.CLOSED:
            raise IdpClosedError(f"plan {self.id} is already closed")
        self._require_on_or_after_last(closed_on, "closing")
        self._close(closed_on=closed_on, reason=reason.value)

    def _close(self, closed_on: date, reason: str) -> None:
        self.closure = {"closed_on": closed_on, "reason": reason}
        self.last_dated_on = closed_on
        self.status = Status.CLOSED
