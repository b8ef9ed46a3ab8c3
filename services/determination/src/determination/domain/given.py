"""The decision clocks end when the family is *given* the decision (s.4(6); docs/domain.md
section 11): the notice of a no-ALN or IDP-not-necessary decision, or the IDP itself, not the
decision. Those days are other services' facts (notifications: ``notice-given`` and
``notice-bounced``; IDP: the plan's version 1 ``issued``); this case records each as it learns
it, with the day its decision clocks are met after it, computed once here and stored in the
event (never recomputed on replay).

The event classes are nested in the ``Determination`` aggregate (which gives them their stored
topics) as the others in ``events.py`` are; the commands are functions of the case, so that
the aggregate's module stays small.
"""

from datetime import date
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate, event

if TYPE_CHECKING:
    from determination.domain.determination import Determination

NOTICE, IDP = "notice", "idp"
#: The notice kind (notifications' ``NoticeKind``) that gives each decision that ends with a
#: notice: no ALN (s.11, s.12, s.13), and a young person's IDP not necessary (s.14(1)(c)).
NO_ALN_NOTICE, NOT_NECESSARY_NOTICE = "decision_no_aln", "idp_not_necessary"


class DecisionGiven(Aggregate.Event):
    """The family was given a notice of a decision, or the IDP, on ``given_on`` (learned from
    the service that gave it); after it the decision clocks are met on ``clock_met_on``."""

    given_id: str
    given_as: str  # NOTICE or IDP
    kind: str  # the notice's kind; "idp" for the plan
    given_on: date
    clock_met_on: date | None


@event(DecisionGiven)
def decision_given(
    self: "Determination",
    given_id: str,
    given_as: str,
    kind: str,
    given_on: date,
    clock_met_on: date | None,
) -> None:
    given = {"given_as": given_as, "kind": kind, "given_on": given_on, "bounced_at": None}
    self.given[given_id] = given
    self.clock_met_on = clock_met_on


class GivenNoticeBounced(Aggregate.Event):
    """A notice learned as given bounced: it was not given (ADR 0014), and the clocks it met
    are open again (``clock_met_on`` None) unless another given notice met them."""

    given_id: str
    bounced_on: date
    clock_met_on: date | None


@event(GivenNoticeBounced)
def given_notice_bounced(
    self: "Determination", given_id: str, bounced_on: date, clock_met_on: date | None
) -> None:
    self.given[given_id] = self.given[given_id] | {"bounced_at": bounced_on}
    self.clock_met_on = clock_met_on


def body_decision(case: "Determination") -> dict[str, Any] | None:
    """The deciding body's own decision (the first; the LA's on reconsideration is not the
    body's duty done, though it may be in force)."""
    decisions = [*case.superseded_decisions, *([case.decision] if case.decision else [])]
    own = [d for d in decisions if "reconsideration_id" not in d]
    return own[0] if own else None


def what_gives(decision: dict[str, Any]) -> tuple[str, str]:
    """What must be given to end the clocks of ``decision``: (given_as, kind)."""
    if not decision["has_aln"]:
        return NOTICE, NO_ALN_NOTICE
    if not decision.get("idp_necessary", True):
        return NOTICE, NOT_NECESSARY_NOTICE
    return IDP, IDP


def met_on(decision: dict[str, Any] | None, given: dict[str, dict[str, Any]]) -> date | None:
    """The day the clocks of ``decision`` were met: the earliest day what ends them was given
    and not bounced; None while nothing has been."""
    if decision is None:
        return None
    wanted = what_gives(decision)
    days = [
        g["given_on"]
        for g in given.values()
        if (g["given_as"], g["kind"]) == wanted and g["bounced_at"] is None
    ]
    return min(days, default=None)


def decision_clock_runs(case: "Determination") -> bool:
    """Whether the decision clocks still run: the case is open, or decided while its decision
    is not yet given (s.4(6)); a calendar or rule correction still moves them then."""
    if case.is_open:
        return True
    decided = case.decision is not None or bool(case.superseded_decisions)
    return decided and case.clock_met_on is None


def record_given(
    case: "Determination", *, given_id: str, given_as: str, kind: str, given_on: date
) -> bool:
    """Record that the family was given a notice or the IDP of this case; False (nothing
    recorded) when it is known already (a redelivered event) or gives no decision of it."""
    decision = body_decision(case)
    if given_id in case.given or decision is None or (given_as, kind) != what_gives(decision):
        return False
    fact = {"given_as": given_as, "kind": kind, "given_on": given_on, "bounced_at": None}
    met = met_on(decision, case.given | {given_id: fact})
    case._record_given(
        given_id=given_id, given_as=given_as, kind=kind, given_on=given_on, clock_met_on=met
    )
    return True


def record_bounce(case: "Determination", *, given_id: str, bounced_on: date) -> bool:
    """Record that a notice learned as given bounced; False when unknown or known already."""
    known = case.given.get(given_id)
    if known is None or known["bounced_at"] is not None:
        return False
    bounced = case.given | {given_id: known | {"bounced_at": bounced_on}}
    met = met_on(body_decision(case), bounced)
    case._record_bounce(given_id=given_id, bounced_on=bounced_on, clock_met_on=met)
    return True
