"""What an appeal holds as it goes (docs/domain.md section 7): case statements, the Tribunal's
decision, each order with every compliance recorded against it, each recommendation with the
NHS body's report, review applications, capacity declarations and case friends.

Frozen values, so an appeal's state is read by attribute and changed only by its events
(``replace``); as JSON they are the same objects the events store.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from disputes.domain.errors import (
    DateOutOfOrderError,
    InvalidOutcomeError,
    InvalidTransitionError,
    InvalidValueError,
    NoStandingError,
    OrderAlreadyCompliedError,
    OutOfTimeError,
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


@dataclass(frozen=True)
class CaseStatement:
    party: CaseParty
    filed_on: date
    summary: str


@dataclass(frozen=True)
class AppealDecision:
    decided_on: date
    outcome: AppealOutcome


@dataclass(frozen=True)
class Compliance:
    """One attempt to comply with an order; ``met`` when it did."""

    complied_on: date
    evidence: str
    idp_revision: IdpRevision | None
    met: bool
    within_time: bool | None  # None: the order set no date


@dataclass(frozen=True)
class OrderRecord:
    """An order of the decision, whether it is complied with, and every attempt."""

    order: Order
    status: OrderStatus = OrderStatus.OPEN
    compliance: tuple[Compliance, ...] = ()

    def complied(self, attempt: Compliance) -> "OrderRecord":
        status = OrderStatus.COMPLIED if attempt.met else self.status
        return replace(self, status=status, compliance=(*self.compliance, attempt))


@dataclass(frozen=True)
class Report:
    """An NHS body's report on a recommendation made to it."""

    reported_on: date
    reported_by: str
    report: str
    within_time: bool | None  # None: no date to report by


@dataclass(frozen=True)
class RecommendationRecord:
    recommendation: Recommendation
    report: Report | None = None


@dataclass(frozen=True)
class ReviewApplication:
    applied_on: date
    by: str
    grounds: str


@dataclass(frozen=True)
class CapacityDeclaration:
    declared_on: date
    person: str
    has_capacity: bool


@dataclass(frozen=True)
class Removal:
    removed_on: date
    reason: str


@dataclass(frozen=True)
class CaseFriendTerm:
    """A case friend's appointment, and its end once removed."""

    case_friend: str
    appointed_on: date
    removed: Removal | None = None


def check_decision(
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


#: Where an appeal is between its acknowledgement and the Tribunal's decision.
BEFORE_DECISION = frozenset(
    {AppealStatus.ACKNOWLEDGED, AppealStatus.CASE_STATEMENTS, AppealStatus.HEARING_SCHEDULED}
)


class AppealViews:
    """Reading an appeal: its review window, its orders and recommendations and what became of
    them, and the checks its commands share (the ``Appeal`` aggregate's base)."""

    id: uuid.UUID
    status: AppealStatus
    decision: AppealDecision | None
    review_window_data: dict[str, Any] | None
    orders: dict[str, OrderRecord]
    recommendations: dict[str, RecommendationRecord]

    @property
    def review_window(self) -> Deadline | None:
        """The window to apply for a review of the decision (D19); None until decided."""
        data = self.review_window_data
        return Deadline.from_dict(data) if data is not None else None

    def _require_on_or_after(self, day: date, earlier: date, what: str) -> None:
        if day < earlier:
            raise DateOutOfOrderError(f"{what} ({day}) cannot be before {earlier}")

    def _require_decided(self) -> AppealDecision:
        if self.decision is None:
            raise InvalidTransitionError(f"appeal {self.id} is not decided yet")
        return self.decision

    def _require_not_closed(self) -> None:
        if self.status == AppealStatus.CLOSED:
            raise InvalidTransitionError(f"appeal {self.id} is closed")

    def order(self, order_id: str) -> Order:
        """An order of the decision."""
        return self._order(order_id).order

    def order_status(self, order_id: str) -> OrderStatus:
        """Whether an order is still open or complied with."""
        return self._order(order_id).status

    def compliance(self, order_id: str) -> list[Compliance]:
        """Every compliance recorded against an order, met or not, oldest first."""
        return list(self._order(order_id).compliance)

    def recommendation(self, recommendation_id: str) -> Recommendation:
        """A recommendation of the decision."""
        return self._recommendation(recommendation_id).recommendation

    def report(self, recommendation_id: str) -> Report | None:
        """The NHS body's report on a recommendation, None until made."""
        return self._recommendation(recommendation_id).report

    @property
    def open_orders(self) -> list[str]:
        """The ids of the orders not yet complied with, in the decision's order."""
        return [i for i, o in self.orders.items() if o.status == OrderStatus.OPEN]

    @property
    def unreported_recommendations(self) -> list[str]:
        """The ids of the recommendations no NHS body has reported on yet."""
        return [i for i, r in self.recommendations.items() if r.report is None]

    @property
    def settled(self) -> bool:
        """Every order is complied with and every recommendation reported on."""
        return not self.open_orders and not self.unreported_recommendations

    @property
    def nhs_bodies(self) -> set[str]:
        """The NHS bodies the decision made recommendations to."""
        return {r.recommendation.nhs_body for r in self.recommendations.values()}

    def assess_compliance(
        self,
        order_id: str,
        complied_on: date,
        evidence: str,
        idp_revision: Mapping[str, Any] | None,
        *,
        decided_on: date,
    ) -> Compliance:
        """An attempt to comply with an open order, and whether it meets it: an order to
        revise the IDP is met only when the IDP service found its wording in the revised plan
        with no difference."""
        order = self.order(order_id)
        if self.order_status(order_id) == OrderStatus.COMPLIED:
            raise OrderAlreadyCompliedError(f"order {order_id} is already complied with")
        require_text(evidence, "evidence")
        self._require_on_or_after(complied_on, decided_on, "the compliance")
        revision = IdpRevision.from_dict(idp_revision) if idp_revision is not None else None
        met = True  # otherwise the attempt is recorded with its differences, the order open
        if order.kind == OrderKind.REVISE_IDP:
            # the plan must carry the ordered wording: a revision that differs is an attempt
            if revision is None:
                raise InvalidValueError(f"order {order_id} is to revise the IDP: give idp_revision")
            met = revision.matches
        within_time = None if order.comply_by is None else complied_on <= order.comply_by
        return Compliance(complied_on, evidence, revision, met, within_time)

    def assess_report(
        self,
        recommendation_id: str,
        reported_on: date,
        reported_by: str,
        report: str,
        *,
        decided_on: date,
    ) -> Report:
        """The report of the NHS body a recommendation was made to, once."""
        recommendation = self.recommendation(recommendation_id)
        if reported_by != recommendation.nhs_body:
            raise WrongBodyError(
                f"recommendation {recommendation_id} was made to {recommendation.nhs_body}, "
                f"not {reported_by}"
            )
        if self.report(recommendation_id) is not None:
            raise RecommendationAlreadyReportedError(
                f"{reported_by} has already reported on recommendation {recommendation_id}"
            )
        require_text(report, "report")
        self._require_on_or_after(reported_on, decided_on, "the report")
        report_by = recommendation.report_by
        within_time = None if report_by is None else reported_on <= report_by
        return Report(reported_on, reported_by, report, within_time)

    def _order(self, order_id: str) -> OrderRecord:
        order = self.orders.get(order_id)
        if order is None:
            raise UnknownReferenceError(f"appeal {self.id} has no order {order_id}")
        return order

    def _recommendation(self, recommendation_id: str) -> RecommendationRecord:
        recommendation = self.recommendations.get(recommendation_id)
        if recommendation is None:
            raise UnknownReferenceError(
                f"appeal {self.id} has no recommendation {recommendation_id}"
            )
        return recommendation


def check_standing(respondent: str, appellant_kind: AppellantKind, young_person: bool) -> None:
    """The respondent is an LA or FEI, never a school; a parent has no right of appeal for a
    young person, and a young person appeals for themselves."""
    require_text(respondent, "respondent")
    if not respondent.startswith(RESPONDENT_PREFIXES) or respondent in RESPONDENT_PREFIXES:
        raise RespondentNotAllowedError(
            f"the respondent is an LA or FEI ({' or '.join(RESPONDENT_PREFIXES)}), "
            f"not {respondent}: a school's decisions are challenged through the LA"
        )
    allowed = YOUNG_PERSON_APPELLANTS if young_person else CHILD_APPELLANTS
    if appellant_kind not in allowed:
        learner = "a young person" if young_person else "a child"
        raise NoStandingError(f"a {appellant_kind.value} cannot appeal for {learner}")


def check_in_time(
    lodged_on: date, window_until: date | None, admitted: bool, admission_reference: str | None
) -> bool:
    """Whether the appeal is late: lodged after its window, it needs the Tribunal President's
    admission, with its reference. With no window (no notice of the decision was given, so
    none runs) it is never late."""
    late = window_until is not None and lodged_on > window_until
    if late and not admitted:
        raise OutOfTimeError(
            f"the window to appeal ended on {window_until}; an appeal lodged on {lodged_on} "
            "needs the Tribunal President's admission"
        )
    if late:
        require_text(admission_reference, "the President's admission reference")
    return late
