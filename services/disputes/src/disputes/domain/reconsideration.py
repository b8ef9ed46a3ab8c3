"""The Reconsideration aggregate: a school's decision, asked of the LA (docs/domain.md section 6).

requested -> representations invited (the LA tells the other side) -> deciding (representations
received) -> decided (an outcome the kind allows, appealable) -> notice issued (the appeal
window is open; disagreement resolution started within it adds 8 weeks, once).

Deadlines and dates are decided by the caller (``llwybr.clock``) and stored in the events as
dicts; an event body only applies what it is given, so a replay rebuilds exactly the same case.
"""

import uuid
from copy import deepcopy
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from disputes.domain.asking import check_request
from disputes.domain.errors import (
    AlreadyDecidedError,
    DateOutOfOrderError,
    DisagreementResolutionAlreadyStartedError,
    InvalidOutcomeError,
    InvalidTransitionError,
    InvalidValueError,
    OutsideWindowError,
    WrongBodyError,
    WrongDeadlineError,
    WrongPartyError,
)
from disputes.domain.values import (
    DEADLINE_RULES,
    LOCAL_AUTHORITY_PREFIX,
    OUTCOMES,
    DecidingBodyKind,
    Party,
    ReconsiderationDecision,
    ReconsiderationKind,
    ReconsiderationOutcome,
    ReconsiderationStatus,
    as_enum,
    extended_appeal_window,
    require_appeal_window,
    require_organisation,
    require_text,
)
from llwybr.clock import Deadline, RuleTable
from llwybr.personal_data.aggregate import SealedForLearner
from llwybr.personal_data.fields import PersonalFields

_Status = ReconsiderationStatus
_AWAITING_DECISION = frozenset({_Status.REPRESENTATIONS_INVITED, _Status.DECIDING})


class Reconsideration(SealedForLearner, Aggregate):
    """A request that the LA reconsider a school's decision (R1-R4), to the LA's notice."""

    class Requested(Aggregate.Created):
        """The LA received the request; its clock to decide runs from it."""

        __personal__ = PersonalFields(("requested_by",), learner="learner_id")  # ADR 0023

        kind: str
        learner_id: str
        subject_id: uuid.UUID
        school: str
        local_authority: str
        requested_by_kind: str
        requested_by: str
        requested_on: date
        deadline: dict[str, Any]
        cease_notice_given_on: date | None
        window_until: date | None

        @property
        def la_deadline(self) -> Deadline:
            return Deadline.from_dict(self.deadline)

    class RepresentationsInvited(Aggregate.Event):
        invited_on: date
        from_party: str

    class RepresentationsReceived(Aggregate.Event):
        __personal__ = PersonalFields(("summary",), learner="learner_id")  # ADR 0023
        received_on: date
        summary: str
        learner_id: str | None = None  # whose key seals it; None: recorded before

    class Decided(Aggregate.Event):
        """The LA's decision, with the window to appeal it; it carries the case's public facts
        (None on decisions recorded before it did). The reasons are sealed (ADR 0023)."""

        __personal__ = PersonalFields(("reasons",), learner="learner_id")
        decided_on: date
        outcome: str
        reasons: str
        decided_by: str
        appeal_window: dict[str, Any]
        within_time: bool
        learner_id: str | None = None
        kind: str | None = None
        subject_id: uuid.UUID | None = None
        school: str | None = None
        local_authority: str | None = None

        @property
        def window(self) -> Deadline:
            return Deadline.from_dict(self.appeal_window)

    class NoticeIssued(Aggregate.Event):
        """The notice of the decision was given: the appeal window runs from it."""

        issued_on: date
        recipients: list[str]
        appeal_window: dict[str, Any]
        learner_id: str | None = None  # these three: None when recorded before they were
        kind: str | None = None
        outcome: str | None = None

        @property
        def window(self) -> Deadline:
            return Deadline.from_dict(self.appeal_window)

    class DisagreementResolutionStarted(Aggregate.Event):
        """Started within the appeal window: the window is 8 weeks longer."""

        started_on: date
        previous_appeal_window: dict[str, Any]
        appeal_window: dict[str, Any]
        learner_id: str | None = None  # None: recorded before events carried it

        @property
        def window(self) -> Deadline:
            return Deadline.from_dict(self.appeal_window)

    @property
    def sealed_for(self) -> str:  # whose key seals the case's free text (ADR 0023)
        return self.learner_id

    @event(Requested)
    def __init__(
        self,
        kind: str,
        learner_id: str,
        subject_id: uuid.UUID,
        school: str,
        local_authority: str,
        requested_by_kind: str,
        requested_by: str,
        requested_on: date,
        deadline: dict[str, Any],
        cease_notice_given_on: date | None,
        window_until: date | None,
    ) -> None:
        self.kind = ReconsiderationKind(kind)
        self.learner_id = learner_id
        self.subject_id = subject_id
        self.school = school
        self.local_authority = local_authority
        self.requested_by_kind = Party(requested_by_kind)
        self.requested_by = requested_by
        self.requested_on = requested_on
        self.deadline_data = deepcopy(deadline)
        self.cease_notice_given_on = cease_notice_given_on
        self.window_until = window_until
        self.status = _Status.REQUESTED
        self.invitation: dict[str, Any] | None = None
        self.representations: list[dict[str, Any]] = []
        self.decision: ReconsiderationDecision | None = None
        self.notice: dict[str, Any] | None = None
        self.appeal_window_data: dict[str, Any] | None = None
        self.disagreement_resolution: dict[str, Any] | None = None
        self.last_dated_on = requested_on  # dates never go backwards

    @classmethod
    def request(
        cls,
        *,
        kind: ReconsiderationKind | str,
        learner_id: str,
        subject_id: uuid.UUID,
        school: str,
        local_authority: str,
        decided_by_kind: DecidingBodyKind | str,
        requested_by_kind: Party | str,
        requested_by: str,
        requested_on: date,
        deadline: Deadline,
        cease_notice_given_on: date | None = None,
        window_until: date | None = None,
    ) -> "Reconsideration":
        """``requested_by`` asks the LA to reconsider ``school``'s decision about ``subject_id``
        (the determination for R1, the IDP for R2-R4), received on ``requested_on``.

        ``decided_by_kind`` is the kind of body whose decision it is: only a school's can be
        reconsidered, and an FEI's IDP for the LA to take it over (R3; ``school`` is then the
        FEI: ``disputes.domain.asking``). ``deadline`` is the LA's clock (D8 for R1, D9, D10,
        D12 for R2-R4) from ``requested_on``. For R4 only, ``cease_notice_given_on`` and
        ``window_until`` (the D11 4-week window from the cease notice) are required, and a
        later request is refused.
        """
        kind = as_enum(ReconsiderationKind, kind, "kind")
        requested_by_kind = as_enum(Party, requested_by_kind, "requested_by_kind")
        decided_by_kind = as_enum(DecidingBodyKind, decided_by_kind, "decided_by_kind")
        require_text(learner_id, "learner_id")
        require_text(requested_by, "requested_by")
        require_organisation(local_authority, (LOCAL_AUTHORITY_PREFIX,), "local_authority")
        check_request(kind, decided_by_kind, school, requested_by_kind)
        if deadline.rule_id != DEADLINE_RULES[kind]:
            raise WrongDeadlineError(
                f"the LA's clock for {kind.value} runs under {DEADLINE_RULES[kind]}, "
                f"not {deadline.rule_id}"
            )
        if deadline.trigger_date != requested_on:
            raise WrongDeadlineError(
                f"the LA's clock runs from the request ({requested_on}), "
                f"not from {deadline.trigger_date}"
            )
        _check_cease_window(kind, requested_on, cease_notice_given_on, window_until)
        return cls(
            kind=kind.value,
            learner_id=learner_id,
            subject_id=subject_id,
            school=school,
            local_authority=local_authority,
            requested_by_kind=requested_by_kind.value,
            requested_by=requested_by,
            requested_on=requested_on,
            deadline=deadline.as_dict(),
            cease_notice_given_on=cease_notice_given_on,
            window_until=window_until,
        )

    # -- views on state -------------------------------------------------------------------

    @property
    def deadline(self) -> Deadline:
        """The LA's deadline to decide."""
        return Deadline.from_dict(self.deadline_data)

    @property
    def appeal_window(self) -> Deadline | None:
        """The window to appeal the LA's decision (D18), extended if disagreement resolution
        started in time; None until decided."""
        data = self.appeal_window_data
        return Deadline.from_dict(data) if data is not None else None

    @property
    def other_side(self) -> Party:
        """The party the LA invites to make representations: not the one that asked."""
        if self.requested_by_kind == Party.FAMILY:
            return Party.GOVERNING_BODY
        return Party.FAMILY

    def _require_on_or_after_last(self, day: date, what: str) -> None:
        if day < self.last_dated_on:
            raise DateOutOfOrderError(f"{what} ({day}) cannot be before {self.last_dated_on}")

    # -- representations ------------------------------------------------------------------

    def invite_representations(self, *, invited_on: date, from_party: Party | str) -> None:
        """The LA tells the other side of the request and invites its representations."""
        from_party = as_enum(Party, from_party, "from_party")
        if self.status != _Status.REQUESTED:
            raise InvalidTransitionError(f"reconsideration {self.id} is {self.status.value}")
        if from_party != self.other_side:
            raise WrongPartyError(
                f"the {self.requested_by_kind.value} asked: representations are invited "
                f"from the {self.other_side.value}"
            )
        self._require_on_or_after_last(invited_on, "the invitation")
        self._invite_representations(invited_on=invited_on, from_party=from_party.value)

    @event(RepresentationsInvited)
    def _invite_representations(self, invited_on: date, from_party: str) -> None:
        self.invitation = {"invited_on": invited_on, "from_party": from_party}
        self.status = _Status.REPRESENTATIONS_INVITED
        self.last_dated_on = invited_on

    def receive_representations(self, *, received_on: date, summary: str) -> None:
        """Representations from the invited party arrived; the LA is now deciding."""
        if self.status not in _AWAITING_DECISION:
            raise InvalidTransitionError(
                f"reconsideration {self.id} is {self.status.value}: no representations invited"
            )
        require_text(summary, "summary")
        self._require_on_or_after_last(received_on, "the representations")
        self._receive_representations(received_on=received_on, summary=summary)

    @event(RepresentationsReceived)
    def _receive_representations(self, received_on: date, summary: str) -> None:
        self.representations.append({"received_on": received_on, "summary": summary})
        self.status = _Status.DECIDING
        self.last_dated_on = received_on

    # -- decision and notice --------------------------------------------------------------

    def decide(
        self,
        *,
        decided_on: date,
        outcome: ReconsiderationOutcome | str,
        reasons: str,
        decided_by: str,
        appeal_window: Deadline,
    ) -> None:
        """The LA's decision, with reasons, and the window to appeal it (D18, computed by the
        caller from the day the notice will be given). Late decisions are flagged, not refused.
        """
        if self.decision is not None:
            raise AlreadyDecidedError(f"reconsideration {self.id} is already decided")
        if self.status not in _AWAITING_DECISION:
            # the LA first tells the other side and invites representations (section 6)
            raise InvalidTransitionError(
                f"reconsideration {self.id} is {self.status.value}: invite representations first"
            )
        if decided_by != self.local_authority:
            raise WrongBodyError(f"{decided_by} cannot decide: the LA is {self.local_authority}")
        outcome = as_enum(ReconsiderationOutcome, outcome, "outcome", InvalidOutcomeError)
        if outcome not in OUTCOMES[self.kind]:
            allowed = ", ".join(sorted(o.value for o in OUTCOMES[self.kind]))
            raise InvalidOutcomeError(
                f"{outcome.value} is not an outcome of {self.kind.value} (one of {allowed})"
            )
        require_text(reasons, "reasons")
        self._require_on_or_after_last(decided_on, "the decision")
        require_appeal_window(appeal_window)
        if appeal_window.trigger_date < decided_on:
            raise WrongDeadlineError("the appeal window cannot run from before the decision")
        self._decide(
            decided_on=decided_on,
            outcome=outcome.value,
            reasons=reasons,
            decided_by=decided_by,
            appeal_window=appeal_window.as_dict(),
            within_time=decided_on <= self.deadline.due_on,
            learner_id=self.learner_id,
            kind=self.kind.value,
            subject_id=self.subject_id,
            school=self.school,
            local_authority=self.local_authority,
        )

    @event(Decided)
    def _decide(
        self,
        decided_on: date,
        outcome: str,
        reasons: str,
        decided_by: str,
        appeal_window: dict[str, Any],
        within_time: bool,
        learner_id: str | None = None,
        kind: str | None = None,
        subject_id: uuid.UUID | None = None,
        school: str | None = None,
        local_authority: str | None = None,
    ) -> None:
        self.decision = ReconsiderationDecision(
            decided_on, ReconsiderationOutcome(outcome), reasons, decided_by, within_time
        )
        self.appeal_window_data = deepcopy(appeal_window)
        self.status = _Status.DECIDED
        self.last_dated_on = decided_on

    def issue_notice(
        self, *, issued_on: date, recipients: list[str], appeal_window: Deadline | None = None
    ) -> None:
        """The LA gives notice of its decision, reasons and the right of appeal (to the family,
        a copy to the governing body).

        The appeal window runs from the day the notice is given: if that is not the day the
        window given with the decision runs from, pass ``appeal_window`` recomputed from
        ``issued_on`` (a window from another day would cut or stretch the family's time).
        """
        if self.status != _Status.DECIDED:
            raise InvalidTransitionError(
                f"reconsideration {self.id} is {self.status.value}: a notice follows a decision"
            )
        if not recipients:
            raise InvalidValueError("a notice has recipients")
        for recipient in recipients:
            require_text(recipient, "a recipient")
        self._require_on_or_after_last(issued_on, "the notice")
        window = appeal_window if appeal_window is not None else self.appeal_window
        assert window is not None  # set by the decision
        require_appeal_window(window)
        if window.trigger_date != issued_on:
            raise WrongDeadlineError(
                f"the appeal window runs from the notice ({issued_on}), not from "
                f"{window.trigger_date}: pass appeal_window computed from the notice's date"
            )
        self._issue_notice(
            issued_on=issued_on,
            recipients=list(recipients),
            appeal_window=window.as_dict(),
            learner_id=self.learner_id,
            kind=self.kind.value,
            outcome=self.decision.outcome if self.decision is not None else None,
        )

    @event(NoticeIssued)
    def _issue_notice(
        self,
        issued_on: date,
        recipients: list[str],
        appeal_window: dict[str, Any],
        learner_id: str | None = None,
        kind: str | None = None,
        outcome: str | None = None,
    ) -> None:
        self.notice = {"issued_on": issued_on, "recipients": list(recipients)}
        self.appeal_window_data = deepcopy(appeal_window)
        self.status = _Status.NOTICE_ISSUED
        self.last_dated_on = issued_on

    # -- disagreement resolution ----------------------------------------------------------

    def start_disagreement_resolution(
        self, *, started_on: date, rules: RuleTable, window: Deadline | None = None
    ) -> None:
        """Disagreement resolution started within the open appeal window (``window``: a later
        one a notice given to the family opened, else the LA's own): the window is 8 weeks
        longer (once), as ``extended_appeal_window`` counts it under ``rules`` (the table in
        force)."""
        if self.disagreement_resolution is not None:
            raise DisagreementResolutionAlreadyStartedError(
                f"disagreement resolution already extended reconsideration {self.id}'s window"
            )
        noticed = self.status == _Status.NOTICE_ISSUED or window is not None
        window = window or self.appeal_window
        if not noticed or window is None:
            raise OutsideWindowError("the appeal window opens when the notice is given")
        self._require_on_or_after_last(started_on, "disagreement resolution")
        if started_on > window.due_on:
            raise OutsideWindowError(
                f"the appeal window closed on {window.due_on}: starting disagreement resolution "
                f"on {started_on} does not extend it"
            )
        extended = extended_appeal_window(window, rules)
        self._start_disagreement_resolution(
            started_on=started_on,
            previous_appeal_window=window.as_dict(),
            appeal_window=extended.as_dict(),
            learner_id=self.learner_id,
        )

    @event(DisagreementResolutionStarted)
    def _start_disagreement_resolution(
        self,
        started_on: date,
        previous_appeal_window: dict[str, Any],
        appeal_window: dict[str, Any],
        learner_id: str | None = None,
    ) -> None:
        self.disagreement_resolution = {
            "started_on": started_on,
            "previous_appeal_window": deepcopy(previous_appeal_window),
        }
        self.appeal_window_data = deepcopy(appeal_window)
        self.last_dated_on = started_on


def _check_cease_window(
    kind: ReconsiderationKind,
    requested_on: date,
    cease_notice_given_on: date | None,
    window_until: date | None,
) -> None:
    """R4 only, and within the 4 weeks after the cease notice (D11)."""
    if kind != ReconsiderationKind.R4:
        if cease_notice_given_on is not None or window_until is not None:
            raise InvalidValueError("only an R4 request names a cease notice and its window")
        return
    if cease_notice_given_on is None or window_until is None:
        raise InvalidValueError("an R4 request names the cease notice's date and its D11 window")
    if window_until < cease_notice_given_on:
        raise InvalidValueError("the D11 window cannot end before the cease notice")
    if requested_on < cease_notice_given_on:
        raise DateOutOfOrderError("the request cannot be before the cease notice")
    if requested_on > window_until:
        raise OutsideWindowError(
            f"the 4 weeks to ask for a reconsideration of the decision to cease ended on "
            f"{window_until}; the request came on {requested_on}"
        )
