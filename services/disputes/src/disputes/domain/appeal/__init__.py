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
from dataclasses import replace
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from disputes.domain.appeal import events
from disputes.domain.errors import (
    AlreadyDecidedError,
    CaseFriendAlreadyAppointedError,
    InvalidTransitionError,
    NoCaseFriendError,
    NoStandingError,
    OutsideWindowError,
)
from disputes.domain.tribunal import (
    BEFORE_DECISION,
    AppealDecision,
    AppealViews,
    CapacityDeclaration,
    CaseFriendTerm,
    CaseStatement,
    Compliance,
    OrderRecord,
    RecommendationRecord,
    Removal,
    Report,
    ReviewApplication,
    check_decision,
    check_in_time,
    check_standing,
)
from disputes.domain.values import (
    AppealMatter,
    AppealOutcome,
    AppealStatus,
    AppellantKind,
    CaseParty,
    IdpRevision,
    Order,
    Recommendation,
    as_enum,
    require_text,
)
from llwybr.clock import Deadline
from llwybr.personal_data.aggregate import SealedForLearner

_Status = AppealStatus


class Appeal(SealedForLearner, AppealViews, Aggregate):
    """One appeal to the Tribunal, from lodging to compliance with its decision (read through
    ``AppealViews``). Names and free text in its events are sealed with the learner's key
    (ADR 0023): once erased they read as None, and the case still loads."""

    class Lodged(events.Lodged): ...

    class Acknowledged(events.Acknowledged): ...

    class CaseStatementFiled(events.CaseStatementFiled): ...

    class HearingScheduled(events.HearingScheduled): ...

    class Decided(events.Decided): ...

    class ReviewRequested(events.ReviewRequested): ...

    class CapacityDeclared(events.CapacityDeclared): ...

    class CaseFriendAppointed(events.CaseFriendAppointed): ...

    class CaseFriendRemoved(events.CaseFriendRemoved): ...

    class ComplianceRecorded(events.ComplianceRecorded): ...

    class RecommendationReported(events.RecommendationReported): ...

    class Closed(events.Closed): ...

    @property
    def sealed_for(self) -> str:  # whose key seals the appeal's free text (ADR 0023)
        return self.learner_id

    @event(Lodged)
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
        window_until: date | None,
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
        self.case_statements: list[CaseStatement] = []
        self.hearing_on: date | None = None
        self.decision: AppealDecision | None = None
        self.review_window_data: dict[str, Any] | None = None
        self.orders: dict[str, OrderRecord] = {}
        self.recommendations: dict[str, RecommendationRecord] = {}
        self.review_applications: list[ReviewApplication] = []
        self.capacity_declarations: list[CapacityDeclaration] = []
        self.case_friend: str | None = None
        self.case_friend_history: list[CaseFriendTerm] = []
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
        window_until: date | None,
        late_admitted_by_president: bool = False,
        admission_reference: str | None = None,
    ) -> "Appeal":
        """``appellant`` appeals against ``respondent`` (an LA or FEI, never a school) on
        ``matter`` (about ``subject_id``: a determination, IDP or reconsideration, if any).

        ``window_until`` is the last day to appeal (D18, extended if disagreement resolution
        started in time; None: no notice was given, none runs). A later appeal needs the
        Tribunal President's admission, recorded with ``admission_reference``.
        """
        appellant_kind = as_enum(AppellantKind, appellant_kind, "appellant_kind")
        matter = as_enum(AppealMatter, matter, "matter")
        require_text(learner_id, "learner_id")
        require_text(appellant, "appellant")
        check_standing(respondent, appellant_kind, learner_is_young_person)
        late = check_in_time(lodged_on, window_until, late_admitted_by_president,
                             admission_reference)  # fmt: skip
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

    # -- proceedings ----------------------------------------------------------------------

    def acknowledge(self, *, acknowledged_on: date, tribunal_reference: str) -> None:
        """The Tribunal registered the appeal and acknowledged it to the parties."""
        if self.status != _Status.LODGED:
            raise InvalidTransitionError(f"appeal {self.id} is {self.status.value}")
        require_text(tribunal_reference, "tribunal_reference")
        self._require_on_or_after(acknowledged_on, self.last_dated_on, "the acknowledgement")
        self._acknowledge(acknowledged_on=acknowledged_on, tribunal_reference=tribunal_reference)

    @event(Acknowledged)
    def _acknowledge(self, acknowledged_on: date, tribunal_reference: str) -> None:
        self.acknowledged_on = acknowledged_on
        self.tribunal_reference = tribunal_reference
        self.status = _Status.ACKNOWLEDGED
        self.last_dated_on = acknowledged_on

    def file_case_statement(self, *, party: CaseParty | str, filed_on: date, summary: str) -> None:
        """A party's case statement (either party may file, and file again)."""
        party = as_enum(CaseParty, party, "party")
        if self.status not in BEFORE_DECISION:
            raise InvalidTransitionError(
                f"appeal {self.id} is {self.status.value}: case statements follow the "
                "acknowledgement and precede the decision"
            )
        require_text(summary, "summary")
        self._require_on_or_after(filed_on, self.last_dated_on, "the case statement")
        self._file_case_statement(party=party.value, filed_on=filed_on, summary=summary)

    @event(CaseStatementFiled)
    def _file_case_statement(self, party: str, filed_on: date, summary: str) -> None:
        self.case_statements.append(CaseStatement(CaseParty(party), filed_on, summary))
        if self.status == _Status.ACKNOWLEDGED:
            self.status = _Status.CASE_STATEMENTS
        self.last_dated_on = filed_on

    def schedule_hearing(self, *, hearing_on: date) -> None:
        """The hearing is listed for ``hearing_on`` (listing again moves it)."""
        if self.status not in BEFORE_DECISION:
            raise InvalidTransitionError(f"appeal {self.id} is {self.status.value}")
        self._require_on_or_after(hearing_on, self.last_dated_on, "the hearing")
        self._schedule_hearing(hearing_on=hearing_on)

    @event(HearingScheduled)
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
        if self.status not in BEFORE_DECISION:
            raise InvalidTransitionError(f"appeal {self.id} is {self.status.value}")
        outcome = check_decision(outcome, orders, recommendations, decided_on, review_window)
        self._require_on_or_after(decided_on, self.last_dated_on, "the decision")
        if self.hearing_on is not None:
            self._require_on_or_after(decided_on, self.hearing_on, "the decision")
        self._decide(
            decided_on=decided_on,
            outcome=outcome.value,
            orders=[o.as_dict() for o in orders],
            recommendations=[r.as_dict() for r in recommendations],
            review_window=review_window.as_dict(),
            learner_id=self.learner_id,
        )
        self._close_if_done(decided_on)

    @event(Decided)
    def _decide(
        self,
        decided_on: date,
        outcome: str,
        orders: list[dict[str, Any]],
        recommendations: list[dict[str, Any]],
        review_window: dict[str, Any],
        learner_id: str | None = None,
    ) -> None:
        self.decision = AppealDecision(decided_on, AppealOutcome(outcome))
        decided = map(Order.from_dict, orders)
        self.orders = {order.order_id: OrderRecord(order) for order in decided}
        made = map(Recommendation.from_dict, recommendations)
        self.recommendations = {r.recommendation_id: RecommendationRecord(r) for r in made}
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
        self._require_on_or_after(applied_on, decision.decided_on, "the review application")
        if applied_on > window.due_on:
            raise OutsideWindowError(
                f"the window to apply for a review ended on {window.due_on}; "
                f"the application came on {applied_on}"
            )
        self._apply_for_review(applied_on=applied_on, by=by, grounds=grounds)

    @event(ReviewRequested)
    def _apply_for_review(self, applied_on: date, by: str, grounds: str) -> None:
        self.review_applications.append(ReviewApplication(applied_on, by, grounds))

    # -- capacity and case friends --------------------------------------------------------

    def declare_capacity(self, *, declared_on: date, person: str, has_capacity: bool) -> None:
        """The Tribunal declares whether ``person`` (the child, usually) has capacity."""
        self._require_not_closed()
        require_text(person, "person")
        self._require_on_or_after(declared_on, self.last_dated_on, "the declaration")
        self._declare_capacity(declared_on=declared_on, person=person, has_capacity=has_capacity)

    @event(CapacityDeclared)
    def _declare_capacity(self, declared_on: date, person: str, has_capacity: bool) -> None:
        self.capacity_declarations.append(CapacityDeclaration(declared_on, person, has_capacity))
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

    @event(CaseFriendAppointed)
    def _appoint_case_friend(self, appointed_on: date, case_friend: str) -> None:
        self.case_friend = case_friend
        self.case_friend_history.append(CaseFriendTerm(case_friend, appointed_on))
        self.last_dated_on = appointed_on

    def remove_case_friend(self, *, removed_on: date, reason: str) -> None:
        """The Tribunal removes the case friend, with its reason."""
        self._require_not_closed()
        if self.case_friend is None:
            raise NoCaseFriendError(f"appeal {self.id} has no case friend")
        require_text(reason, "reason")
        self._require_on_or_after(removed_on, self.last_dated_on, "the removal")
        self._remove_case_friend(removed_on=removed_on, reason=reason)

    @event(CaseFriendRemoved)
    def _remove_case_friend(self, removed_on: date, reason: str) -> None:
        self.case_friend = None
        last = self.case_friend_history[-1]
        self.case_friend_history[-1] = replace(last, removed=Removal(removed_on, reason))
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
        """Evidence that the addressee complied with an order; for a ``revise_idp`` order,
        ``idp_revision`` is the IDP service's comparison of the revised plan with the order
        ({"idp_id", "version", "wording_found", "differences"}): see ``assess_compliance``."""
        decision = self._require_decided()
        attempt = self.assess_compliance(
            order_id, complied_on, evidence, idp_revision, decided_on=decision.decided_on
        )
        revision = attempt.idp_revision
        self._record_compliance(
            order_id=order_id,
            complied_on=complied_on,
            evidence=evidence,
            idp_revision=revision.as_dict() if revision is not None else None,
            met=attempt.met,
            within_time=attempt.within_time,
            learner_id=self.learner_id,
        )
        self._close_if_done(complied_on)

    @event(ComplianceRecorded)
    def _record_compliance(
        self,
        order_id: str,
        complied_on: date,
        evidence: str,
        idp_revision: dict[str, Any] | None,
        met: bool,
        within_time: bool | None,
        learner_id: str | None = None,
    ) -> None:
        revision = IdpRevision.from_dict(idp_revision) if idp_revision is not None else None
        attempt = Compliance(complied_on, evidence, revision, met, within_time)
        self.orders[order_id] = self.orders[order_id].complied(attempt)

    def report_on_recommendation(
        self, *, recommendation_id: str, reported_on: date, reported_by: str, report: str
    ) -> None:
        """The NHS body a recommendation was made to reports back to the Tribunal (once)."""
        decision = self._require_decided()
        made = self.assess_report(
            recommendation_id, reported_on, reported_by, report, decided_on=decision.decided_on
        )
        self._report_on_recommendation(
            recommendation_id=recommendation_id,
            reported_on=reported_on,
            reported_by=reported_by,
            report=report,
            within_time=made.within_time,
            learner_id=self.learner_id,
        )
        self._close_if_done(reported_on)

    @event(RecommendationReported)
    def _report_on_recommendation(
        self,
        recommendation_id: str,
        reported_on: date,
        reported_by: str,
        report: str,
        within_time: bool | None,
        learner_id: str | None = None,
    ) -> None:
        made = Report(reported_on, reported_by, report, within_time)
        record = self.recommendations[recommendation_id]
        self.recommendations[recommendation_id] = replace(record, report=made)

    # -- closure --------------------------------------------------------------------------

    def _close_if_done(self, closed_on: date) -> None:
        # closing is its own event, so that "the appeal is closed" can be published and
        # projected without re-deriving it from every order and recommendation
        if self.status == _Status.DECIDED and self.settled:
            self._close(closed_on=closed_on)

    @event(Closed)
    def _close(self, closed_on: date) -> None:
        self.closed_on = closed_on
        self.status = _Status.CLOSED
