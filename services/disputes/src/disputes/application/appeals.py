"""Appeals to the Education Tribunal for Wales: lodged and decided by the Tribunal, complied
with by the bodies its orders address, reported on by the NHS bodies it recommended to."""

from datetime import date
from typing import Any
from uuid import UUID

from disputes import access
from disputes.application.reconsiderations import Reconsiderations
from disputes.domain import (
    APPEAL_RULE,
    REVIEW_RULE,
    Appeal,
    AppealMatter,
    DisagreementResolution,
    FactsDifferError,
    NoticeUnknownError,
    Order,
    Recommendation,
    disagreement_case_id,
)
from disputes.domain.learned import (
    APPEALED,
    IssuedVersions,
    LearnedDecisions,
    check_respondent,
    check_same_learner,
    check_version_issued,
    reconcile_notice,
)
from disputes.domain.notices import RECONSIDERATION, later, window_in_force
from llwybr.access import Capability
from llwybr.clock import Deadline
from llwybr.principal import Principal


class Appeals(Reconsiderations):
    """The Tribunal's appeals (an appeal against an LA's reconsideration reads it)."""

    def appeal_window(
        self,
        *,
        learner_id: str,
        respondent: str,
        reconsideration_id: UUID | None,
        subject_id: UUID | None,
        decision: str | None,
        notice_given_on: date | None,
    ) -> date | None:
        """The last day to appeal: the latest window any notice of the decision opened (the
        family's notices, as the notifications service gave them, ADR 0017; the LA's own
        record of its notice of a reconsideration; the notice date learned from the body that
        decided), each 8 weeks longer when disagreement resolution started within it. None
        when no window runs: every family notice of the LA's reconsideration bounced and the
        LA recorded no notice of its own (``window_in_force``)."""
        if reconsideration_id is not None:
            case = self.decided_reconsideration(reconsideration_id)
            if case.learner_id != learner_id:
                raise FactsDifferError("that reconsideration is about another learner")
            if case.local_authority != respondent:
                raise FactsDifferError(f"{respondent} did not decide that reconsideration")
            resolution = case.disagreement_resolution
            started = resolution["started_on"] if resolution is not None else None
            noticed = case.notice is not None or resolution is not None
            window = window_in_force(
                recorded=case.appeal_window if noticed else None,
                presumed=case.appeal_window,
                family=self.family_window(reconsideration_id, RECONSIDERATION, started),
                family_learned=self.family_notices_learned(reconsideration_id, RECONSIDERATION),
            )
            return window.due_on if window is not None else None
        windows: list[Deadline | None] = []
        started = None
        if subject_id is not None and disagreement_case_id(subject_id) in self.repository:
            dispute = self.get_as(disagreement_case_id(subject_id), DisagreementResolution)
            started = dispute.opened_on
            windows.append(dispute.appeal_window)  # extended by disagreement resolution
        windows.append(self.family_window(subject_id, decision, started))
        if notice_given_on is not None:
            windows.append(self.deadline(APPEAL_RULE, notice_given_on))
        window = later(*windows)
        if window is None:
            raise NoticeUnknownError(
                "no notice of the decision appealed is known here: state notice_given_on"
            )
        return window.due_on

    def lodge_appeal(
        self,
        principal: Principal,
        learned: LearnedDecisions,
        *,
        learner_id: str,
        reconsideration_id: UUID | None,
        subject_id: UUID | None,
        matter: AppealMatter,
        respondent: str,
        notice_given_on: date | None,
        **details: Any,
    ) -> tuple[UUID, int]:
        """An appeal the Tribunal received, checked against what the body that decided
        announced (who decided, about whom, when the notice was given); an appeal against a
        reconsideration the LA has not decided is refused."""
        access.require_the_tribunal(principal)
        decision = APPEALED.get(matter)
        facts = learned(subject_id, decision) if subject_id is not None and decision else None
        check_respondent(respondent, facts)
        check_same_learner(learner_id, facts)
        window = self.appeal_window(
            learner_id=learner_id,
            respondent=respondent,
            reconsideration_id=reconsideration_id,
            subject_id=subject_id,
            decision=decision,
            notice_given_on=reconcile_notice(
                notice_given_on, facts, self.given_dates(subject_id, decision)
            ),
        )
        appeal = Appeal.lodge(
            learner_id=learner_id,
            subject_id=subject_id,
            matter=matter,
            respondent=respondent,
            window_until=window,
            **details,
        )
        return appeal.id, self.save_at(None, appeal)

    def appeal(self, principal: Principal, appeal_id: UUID) -> Appeal:
        """An appeal the caller may see."""
        return self._read(appeal_id, Appeal, principal, Capability.READ)

    def _for_tribunal(self, principal: Principal, appeal_id: UUID, expected: int | None) -> Appeal:
        def tribunal(_appeal: Appeal) -> None:
            access.require_the_tribunal(principal)

        return self._read(appeal_id, Appeal, principal, Capability.ACT, expected, tribunal)

    def acknowledge_appeal(
        self, principal: Principal, appeal_id: UUID, expected: int | None, **acknowledgement: Any
    ) -> int:
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.acknowledge(**acknowledgement)
        return self.save_at(expected, appeal)

    def file_case_statement(
        self, principal: Principal, appeal_id: UUID, expected: int | None, **statement: Any
    ) -> int:
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.file_case_statement(**statement)
        return self.save_at(expected, appeal)

    def schedule_hearing(
        self, principal: Principal, appeal_id: UUID, expected: int | None, *, hearing_on: date
    ) -> int:
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.schedule_hearing(hearing_on=hearing_on)
        return self.save_at(expected, appeal)

    def decide_appeal(
        self,
        principal: Principal,
        appeal_id: UUID,
        expected: int | None,
        *,
        decided_on: date,
        outcome: str,
        orders: list[Order],
        recommendations: list[Recommendation],
    ) -> int:
        """The Tribunal's decision, with the window to ask it for a review."""
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.decide(
            decided_on=decided_on,
            outcome=outcome,
            orders=orders,
            recommendations=recommendations,
            review_window=self.deadline(REVIEW_RULE, decided_on),
        )
        return self.save_at(expected, appeal)

    def apply_for_review(
        self, principal: Principal, appeal_id: UUID, expected: int | None, **application: Any
    ) -> int:
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.apply_for_review(**application)
        return self.save_at(expected, appeal)

    def declare_capacity(
        self, principal: Principal, appeal_id: UUID, expected: int | None, **declaration: Any
    ) -> int:
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.declare_capacity(**declaration)
        return self.save_at(expected, appeal)

    def appoint_case_friend(
        self, principal: Principal, appeal_id: UUID, expected: int | None, **appointment: Any
    ) -> int:
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.appoint_case_friend(**appointment)
        return self.save_at(expected, appeal)

    def remove_case_friend(
        self, principal: Principal, appeal_id: UUID, expected: int | None, **removal: Any
    ) -> int:
        appeal = self._for_tribunal(principal, appeal_id, expected)
        appeal.remove_case_friend(**removal)
        return self.save_at(expected, appeal)

    def record_compliance(
        self,
        principal: Principal,
        appeal_id: UUID,
        expected: int | None,
        order_id: str,
        issued: IssuedVersions,
        **compliance: Any,
    ) -> int:
        """The body an order is addressed to reports complying with it; an order to revise
        the plan only with a version the IDP service issued after the order (``issued``)."""

        def ordered(appeal: Appeal) -> None:
            access.require_ordered(principal, appeal, order_id)

        appeal = self._read(appeal_id, Appeal, principal, Capability.ACT, expected, ordered)
        decision = appeal.decision
        if decision is not None:  # else the appeal refuses: not decided
            check_version_issued(
                appeal.order(order_id),
                compliance.get("idp_revision"),
                issued,
                learner_id=appeal.learner_id,
                ordered_on=decision.decided_on,
            )
        appeal.record_compliance(order_id=order_id, **compliance)
        return self.save_at(expected, appeal)

    def report_on_recommendation(
        self,
        principal: Principal,
        appeal_id: UUID,
        expected: int | None,
        recommendation_id: str,
        **report: Any,
    ) -> int:
        """The NHS body a recommendation was made to reports on it."""

        def recommended(appeal: Appeal) -> None:
            access.require_recommended(principal, appeal, recommendation_id)

        appeal = self._read(appeal_id, Appeal, principal, Capability.ACT, expected, recommended)
        appeal.report_on_recommendation(
            recommendation_id=recommendation_id, reported_by=principal.organisation, **report
        )
        return self.save_at(expected, appeal)
