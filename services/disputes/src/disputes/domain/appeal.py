"""The Appeal aggregate: an appeal to the Education Tribunal for Wales (docs/domain.md section 7).

lodged (in time, or late with the President's admission) -> acknowledged -> case statements ->
hearing scheduled -> decided (dismissed, orders, remitted; recommendations to NHS bodies) ->
closed once every order is complied with and every recommendation reported on. Capacity
declarations, case friends and review applications are recorded along the way.

Dates and deadlines are decided by the caller and passed in; whether a compliance meets its
order is decided before the event, so a replay rebuilds exactly the same case.
"""

import uuid
from collections.abc import Mapping
from copy import deepcopy
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from disputes.domain.errors import (
    AlreadyDecidedError,
    CaseFriendAlreadyAppointedError,
    DateOutOfOrderError,
    InvalidOutcomeError,
    InvalidTransitionError,
    InvalidValueError,
    NoCaseFriendError,
    NoStandingError,
    OrderAlreadyCompliedError,
    OutOfTimeError,
    OutsideWindowError,
    RecommendationAlreadyReportedError,
    RespondentNotAllowedError,
    UnknownReferenceError,
    WrongBodyError,
    WrongDeadlineError,
)
from disputes.domain.values import (
    CHILD_APPELLANTS,
    RESPONDENT_PREFIXES,
    REVIEW_RULE,
    YOUNG_PERSON_APPELLANTS,
    AppealMatter,
    AppealOutcome,
    AppealStatus,
    AppellantKind,
    CaseParty,
    IdpRevision,
    Order,
    OrderKind,
    OrderStatus,
    Recommendation,
    as_enum,
    require_text,
)
from llwybr.clock import Deadline

_Status = AppealStatus
_BEFORE_DECISION = frozenset(
    {_Status.ACKNOWLEDGED, _Status.CASE_STATEMENTS, _Status.HEARING_SCHEDULED}
)


class Appeal(Aggregate):
    """One appeal to the Tribunal, from lodging to compliance with its decision."""

    @event("Lodged")
    def __init__(
        self,
        learner_id: str,
        learner_is_young_person: bool,
        appellant_kind: str,
        appellant: str,
        respondent: str,
        matter: str,
        subject_id: uuid.UUID | None,
        lodged_on: date,
        window_until: date,
        late: bool,
        late_admitted_by_president: bool,
        admission_reference: str | None,
    ) -> None:
        self.learner_id = learner_id
        self.learner_is_young_person = learner_is_young_person
        self.appellant_kind = AppellantKind(appellant_kind)
        self.appellant = appellant
        self.respondent = respondent
        self.matter = AppealMatter(matter)
        self.subject_id = subject_id
        self.lodged_on = lodged_on
        self.window_until = window_until
        self.late = late
        self.late_admitted_by_president = late_admitted_by_president
        self.admission_reference = admission_reference
        self.status = _Status.LODGED
        self.tribunal_reference: str | None = None
        self.acknowledged_on: date | None = None
        self.case_statements: list[dict[str, Any]] = []
        self.hearing_on: date | None = None
        self.decision: dict[str, Any] | None = None
        self.review_window_data: dict[str, Any] | None = None
        # order id -> {"order", "status", "compliance": every attempt recorded against it}
        self.orders: dict[str, dict[str, Any]] = {}
        # recommendation id -> {"recommendation", "report": the NHS body's, None until made}
        self.recommendations: dict[str, dict[str, Any]] = {}
        self.review_applications: list[dict[str, Any]] = []
        self.capacity_declarations: list[dict[str, Any]] = []
        self.case_friend: str | None = None
        self.case_friend_history: list[dict[str, Any]] = []
        self.closed_on: date | None = None
        self.last_dated_on = lodged_on  # the proceedings' dates never go backwards

    @classmethod
    def lodge(
        cls,
        *,
        learner_id: str,
        learner_is_young_person: bool,
        appellant_kind: AppellantKind | str,
        appellant: str,
        respondent: str,
        matter: AppealMatter | str,
        subject_id: uuid.UUID | None,
        lodged_on: date,
        window_until: date,
        late_admitted_by_president: bool = False,
        admission_reference: str | None = None,
    ) -> "Appeal":
        """``appellant`` appeals against ``respondent`` (an LA or FEI, never a school) on
        ``matter`` (about ``subject_id``: a determination, IDP or reconsideration, if any).

        ``window_until`` is the last day to appeal (D18, extended if disagreement resolution
        started in time). A later appeal needs the Tribunal President's admission, recorded
        with ``admission_reference``.
        """
        appellant_kind = as_enum(AppellantKind, appellant_kind, "appellant_kind")
        matter = as_enum(AppealMatter, matter, "matter")
        require_text(learner_id, "learner_id")
        require_text(appellant, "appellant")
        require_text(respondent, "respondent")
        if not respondent.startswith(RESPONDENT_PREFIXES) or respondent in RESPONDENT_PREFIXES:
            raise RespondentNotAllowedError(
                f"the respondent is an LA or FEI ({' or '.join(RESPONDENT_PREFIXES)}), "
                f"not {respondent}: a school's decisions are challenged through the LA"
            )
        allowed = YOUNG_PERSON_APPELLANTS if learner_is_young_person else CHILD_APPELLANTS
        if appellant_kind not in allowed:
            learner = "a young person" if learner_is_young_person else "a child"
            raise NoStandingError(f"a {appellant_kind.value} cannot appeal for {learner}")
        late = lodged_on > window_until
        if late and not late_admitted_by_president:
            raise OutOfTimeError(
                f"the window to appeal ended on {window_until}; an appeal lodged on {lodged_on} "
                "needs the Tribunal President's admission"
            )
        if late:
            require_text(admission_reference, "the President's admission reference")
        return cls(
            learner_id=learner_id,
            learner_is_young_person=learner_is_young_person,
            appellant_kind=appellant_kind.value,
            appellant=appellant,
            respondent=respondent,
            matter=matter.value,
            subject_id=subject_id,
            lodged_on=lodged_on,
            window_until=window_until,
            late=late,
            late_admitted_by_president=late_admitted_by_president,
            admission_reference=admission_reference,
        )

    # -- views on state -------------------------------------------------------------------

    @property
    def review_window(self) -> Deadline | None:
        """The window to apply for a review of the decision (D19); None until decided."""
        data = self.review_window_data
        return Deadline.from_dict(data) if data is not None else None

    def order(self, order_id: str) -> Order:
        """An order of the decision."""
        return Order.from_dict(self._order(order_id)["order"])

    def order_status(self, order_id: str) -> OrderStatus:
        """Whether an order is still open or complied with."""
        return OrderStatus(self._order(order_id)["status"])

    def compliance(self, order_id: str) -> list[dict[str, Any]]:
        """Every compliance recorded against an order, met or not, oldest first (a copy)."""
        return deepcopy(self._order(order_id)["compliance"])

    def recommendation(self, recommendation_id: str) -> Recommendation:
        """A recommendation of the decision."""
        return Recommendation.from_dict(self._recommendation(recommendation_id)["recommendation"])

    def report(self, recommendation_id: str) -> dict[str, Any] | None:
        """The NHS body's report on a recommendation, None until made (a copy)."""
        report: dict[str, Any] | None = self._recommendation(recommendation_id)["report"]
        return deepcopy(report)

    @property
    def open_orders(self) -> list[str]:
        """The ids of the orders not yet complied with, in the decision's order."""
        return [i for i, o in self.orders.items() if o["status"] == OrderStatus.OPEN.value]

    @property
    def unreported_recommendations(self) -> list[str]:
        """The ids of the recommendations no NHS body has reported on yet."""
        return [i for i, r in self.recommendations.items() if r["report"] is None]

    def _order(self, order_id: str) -> dict[str, Any]:
        order = self.orders.get(order_id)
        if order is None:
            raise UnknownReferenceError(f"appeal {self.id} has no order {order_id}")
        return order

    def _recommendation(self, recommendation_id: str) -> dict[str, Any]:
        recommendation = self.recommendations.get(recommendation_id)
        if recommendation is None:
            raise UnknownReferenceError(
                f"appeal {self.id} has no recommendation {recommendation_id}"
            )
        return recommendation

    def _require_on_or_after(self, day: date, earlier: date, what: str) -> None:
        if day < earlier:
            raise DateOutOfOrderError(f"{what} ({day}) cannot be before {earlier}")

    def _require_decided(self) -> dict[str, Any]:
        if self.decision is None:
            raise InvalidTransitionError(f"appeal {self.id} is not decided yet")
        return self.decision

    def _require_not_closed(self) -> None:
        if self.status == _Status.CLOSED:
            raise InvalidTransitionError(f"appeal {self.id} is closed")

    # -- proceedings ----------------------------------------------------------------------

    def acknowledge(self, *, acknowledged_on: date, tribunal_reference: str) -> None:
        """The Tribunal registered the appeal and acknowledged it to the parties."""
        if self.status != _Status.LODGED:
            raise InvalidTransitionError(f"appeal {self.id} is {self.status.value}")
        require_text(tribunal_reference, "tribunal_reference")
        self._require_on_or_after(acknowledged_on, self.last_dated_on, "the acknowledgement")
        self._acknowledge(acknowledged_on=acknowledged_on, tribunal_reference=tribunal_reference)

    @event("Acknowledged")
    def _acknowledge(self, acknowledged_on: date, tribunal_reference: str) -> None:
        self.acknowledged_on = acknowledged_on
        self.tribunal_reference = tribunal_reference
        self.status = _Status.ACKNOWLEDGED
        self.last_dated_on = acknowledged_on

    def file_case_statement(self, *, party: CaseParty | str, filed_on: date, summary: str) -> None:
        """A party's case statement (either party may file, and file again)."""
        party = as_enum(CaseParty, party, "party")
        if self.status not in _BEFORE_DECISION:
            raise InvalidTransitionError(
                f"appeal {self.id} is {self.status.value}: case statements follow the "
                "acknowledgement and precede the decision"
            )
        require_text(summary, "summary")
        self._require_on_or_after(filed_on, self.last_dated_on, "the case statement")
        self._file_case_statement(party=party.value, filed_on=filed_on, summary=summary)

    @event("CaseStatementFiled")
    def _file_case_statement(self, party: str, filed_on: date, summary: str) -> None:
        self.case_statements.append({"party": party, "filed_on": filed_on, "summary": summary})
        if self.status == _Status.ACKNOWLEDGED:
            self.status = _Status.CASE_STATEMENTS
        self.last_dated_on = filed_on

    def schedule_hearing(self, *, hearing_on: date) -> None:
        """The hearing is listed for ``hearing_on`` (listing again moves it)."""
        if self.status not in _BEFORE_DECISION:
            raise InvalidTransitionError(f"appeal {self.id} is {self.status.value}")
        self._require_on_or_after(hearing_on, self.last_dated_on, "the hearing")
        self._schedule_hearing(hearing_on=hearing_on)

    @event("HearingScheduled")
    def _schedule_hearing(self, hearing_on: date) -> None:
        # a future date: it does not move last_dated_on, so statements may still come before it
        self.hearing_on = hearing_on
        self.status = _Status.HEARING_SCHEDULED

    def decide(
        self,
        *,
        decided_on: date,
        outcome: AppealOutcome | str,
        orders: list[Order],
        recommendations: list[Recommendation],
        review_window: Deadline,
    ) -> None:
        """The Tribunal's decision, its orders to the LA or FEI and its recommendations to NHS
        bodies, with the window to apply for a review (D19, from the day it is sent)."""
        if self.decision is not None:
            raise AlreadyDecidedError(f"appeal {self.id} is already decided")
        if self.status not in _BEFORE_DECISION:
            raise InvalidTransitionError(f"appeal {self.id} is {self.status.value}")
        outcome = _check_decision(outcome, orders, recommendations, decided_on, review_window)
        self._require_on_or_after(decided_on, self.last_dated_on, "the decision")
        if self.hearing_on is not None:
            self._require_on_or_after(decided_on, self.hearing_on, "the decision")
        self._decide(
            decided_on=decided_on,
            outcome=outcome.value,
            orders=[o.as_dict() for o in orders],
            recommendations=[r.as_dict() for r in recommendations],
            review_window=review_window.as_dict(),
        )
        self._close_if_done(decided_on)

    @event("Decided")
    def _decide(
        self,
        decided_on: date,
        outcome: str,
        orders: list[dict[str, Any]],
        recommendations: list[dict[str, Any]],
        review_window: dict[str, Any],
    ) -> None:
        self.decision = {"decided_on": decided_on, "outcome": outcome}
        self.orders = {
            o["order_id"]: {
                "order": deepcopy(o),
                "status": OrderStatus.OPEN.value,
                "compliance": [],
            }
            for o in orders
        }
        self.recommendations = {
            r["recommendation_id"]: {"recommendation": deepcopy(r), "report": None}
            for r in recommendations
        }
        self.review_window_data = deepcopy(review_window)
        self.status = _Status.DECIDED
        self.last_dated_on = decided_on

    def apply_for_review(self, *, applied_on: date, by: str, grounds: str) -> None:
        """A party applies for the Tribunal to review its decision, within 28 days (D19)."""
        decision = self._require_decided()
        window = self.review_window
        assert window is not None  # set by the decision
        require_text(by, "by")
        require_text(grounds, "grounds")
        self._require_on_or_after(applied_on, decision["decided_on"], "the review application")
        if applied_on > window.due_on:
            raise OutsideWindowError(
                f"the window to apply for a review ended on {window.due_on}; "
                f"the application came on {applied_on}"
            )
        self._apply_for_review(applied_on=applied_on, by=by, grounds=grounds)

    @event("ReviewRequested")
    def _apply_for_review(self, applied_on: date, by: str, grounds: str) -> None:
        self.review_applications.append({"applied_on": applied_on, "by": by, "grounds": grounds})

    # -- capacity and case friends --------------------------------------------------------

    def declare_capacity(self, *, declared_on: date, person: str, has_capacity: bool) -> None:
        """The Tribunal declares whether ``person`` (the child, usually) has capacity."""
        self._require_not_closed()
        require_text(person, "person")
        self._require_on_or_after(declared_on, self.last_dated_on, "the declaration")
        self._declare_capacity(declared_on=declared_on, person=person, has_capacity=has_capacity)

    @event("CapacityDeclared")
    def _declare_capacity(self, declared_on: date, person: str, has_capacity: bool) -> None:
        self.capacity_declarations.append(
            {"declared_on": declared_on, "person": person, "has_capacity": has_capacity}
        )
        self.last_dated_on = declared_on

    def appoint_case_friend(self, *, appointed_on: date, case_friend: str) -> None:
        """The Tribunal appoints a case friend for a child (one at a time)."""
        self._require_not_closed()
        if self.learner_is_young_person:
            raise NoStandingError("a case friend is appointed for a child, not a young person")
        if self.case_friend is not None:
            raise CaseFriendAlreadyAppointedError(f"{self.case_friend} is the case friend")
        require_text(case_friend, "case_friend")
        self._require_on_or_after(appointed_on, self.last_dated_on, "the appointment")
        self._appoint_case_friend(appointed_on=appointed_on, case_friend=case_friend)

    @event("CaseFriendAppointed")
    def _appoint_case_friend(self, appointed_on: date, case_friend: str) -> None:
        self.case_friend = case_friend
        self.case_friend_history.append(
            {"case_friend": case_friend, "appointed_on": appointed_on, "removed": None}
        )
        self.last_dated_on = appointed_on

    def remove_case_friend(self, *, removed_on: date, reason: str) -> None:
        """The Tribunal removes the case friend, with its reason."""
        self._require_not_closed()
        if self.case_friend is None:
            raise NoCaseFriendError(f"appeal {self.id} has no case friend")
        require_text(reason, "reason")
        self._require_on_or_after(removed_on, self.last_dated_on, "the removal")
        self._remove_case_friend(removed_on=removed_on, reason=reason)

    @event("CaseFriendRemoved")
    def _remove_case_friend(self, removed_on: date, reason: str) -> None:
        self.case_friend = None
        self.case_friend_history[-1]["removed"] = {"removed_on": removed_on, "reason": reason}
        self.last_dated_on = removed_on

    # -- compliance and NHS reports -------------------------------------------------------
    # Orders and recommendations are followed up in parallel, as evidence arrives: their dates
    # follow the decision, not one another.

    def record_compliance(
        self,
        *,
        order_id: str,
        complied_on: date,
        evidence: str,
        idp_revision: Mapping[str, Any] | None,
    ) -> None:
        """Evidence that the addressee complied with an order.

        For a ``revise_idp`` order, ``idp_revision`` is the IDP service's comparison of the
        revised plan with the order ({"idp_id", "version", "wording_found", "differences"}):
        the order is met only when the wording was found with no differences; otherwise the
        attempt is recorded with its differences and the order stays open.
        """
        decision = self._require_decided()
        order = self.order(order_id)
        if self.order_status(order_id) == OrderStatus.COMPLIED:
            raise OrderAlreadyCompliedError(f"order {order_id} is already complied with")
        require_text(evidence, "evidence")
        self._require_on_or_after(complied_on, decision["decided_on"], "the compliance")
        revision = IdpRevision.from_dict(idp_revision) if idp_revision is not None else None
        met = True
        if order.kind == OrderKind.REVISE_IDP:
            # the plan must carry the ordered wording: a revision that differs is an attempt
            if revision is None:
                raise InvalidValueError(f"order {order_id} is to revise the IDP: give idp_revision")
            met = revision.matches
        self._record_compliance(
            order_id=order_id,
            complied_on=complied_on,
            evidence=evidence,
            idp_revision=revision.as_dict() if revision is not None else None,
            met=met,
            within_time=None if order.comply_by is None else complied_on <= order.comply_by,
        )
        self._close_if_done(complied_on)

    @event("ComplianceRecorded")
    def _record_compliance(
        self,
        order_id: str,
        complied_on: date,
        evidence: str,
        idp_revision: dict[str, Any] | None,
        met: bool,
        within_time: bool | None,
    ) -> None:
        order = self.orders[order_id]
        order["compliance"].append(
            {
                "complied_on": complied_on,
                "evidence": evidence,
                "idp_revision": deepcopy(idp_revision),
                "met": met,
                "within_time": within_time,
            }
        )
        if met:
            order["status"] = OrderStatus.COMPLIED.value

    def report_on_recommendation(
        self, *, recommendation_id: str, reported_on: date, reported_by: str, report: str
    ) -> None:
        """The NHS body a recommendation was made to reports back to the Tribunal (once)."""
        decision = self._require_decided()
        recommendation = self.recommendation(recommendation_id)
        if reported_by != recommendation.nhs_body:
            raise WrongBodyError(
                f"recommendation {recommendation_id} was made to {recommendation.nhs_body}, "
                f"not {reported_by}"
            )
        if self._recommendation(recommendation_id)["report"] is not None:
            raise RecommendationAlreadyReportedError(
                f"{reported_by} has already reported on recommendation {recommendation_id}"
            )
        require_text(report, "report")
        self._require_on_or_after(reported_on, decision["decided_on"], "the report")
        report_by = recommendation.report_by
        self._report_on_recommendation(
            recommendation_id=recommendation_id,
            reported_on=reported_on,
            reported_by=reported_by,
            report=report,
            within_time=None if report_by is None else reported_on <= report_by,
        )
        self._close_if_done(reported_on)

    @event("RecommendationReported")
    def _report_on_recommendation(
        self,
        recommendation_id: str,
        reported_on: date,
        reported_by: str,
        report: str,
        within_time: bool | None,
    ) -> None:
        self.recommendations[recommendation_id]["report"] = {
            "reported_on": reported_on,
            "reported_by": reported_by,
            "report": report,
            "within_time": within_time,
        }

    # -- closure --------------------------------------------------------------------------

    def _close_if_done(self, closed_on: date) -> None:
        # closing is its own event, so that "the appeal is closed" can be published and
        # projected without re-deriving it from every order and recommendation
        done = not self.open_orders and not self.unreported_recommendations
        if self.status == _Status.DECIDED and done:
            self._close(closed_on=closed_on)

    @event("Closed")
    def _close(self, closed_on: date) -> None:
        self.closed_on = closed_on
        self.status = _Status.CLOSED


def _check_decision(
    outcome: AppealOutcome | str,
    orders: list[Order],
    recommendations: list[Recommendation],
    decided_on: date,
    review_window: Deadline,
) -> AppealOutcome:
    """The outcome, once the orders, recommendations and review window fit it."""
    outcome = as_enum(AppealOutcome, outcome, "outcome", InvalidOutcomeError)
    if outcome == AppealOutcome.ORDERS and not orders:
        raise InvalidOutcomeError("a decision making orders makes at least one")
    if outcome != AppealOutcome.ORDERS and orders:
        raise InvalidOutcomeError(f"a decision that the appeal is {outcome.value} makes no order")
    for ids, what in (
        ([o.order_id for o in orders], "order"),
        ([r.recommendation_id for r in recommendations], "recommendation"),
    ):
        if len(set(ids)) != len(ids):
            raise InvalidValueError(f"each {what} of a decision has its own id: {ids}")
    dates = [(o.comply_by, f"order {o.order_id}'s comply_by") for o in orders] + [
        (r.report_by, f"recommendation {r.recommendation_id}'s report_by") for r in recommendations
    ]
    for day, what in dates:
        if day is not None and day < decided_on:
            raise DateOutOfOrderError(f"{what} ({day}) cannot be before the decision")
    if review_window.rule_id != REVIEW_RULE:
        raise WrongDeadlineError(
            f"the review window runs under {REVIEW_RULE}, not {review_window.rule_id}"
        )
    if review_window.trigger_date < decided_on:
        raise WrongDeadlineError("the review window cannot run from before the decision")
    return outcome
