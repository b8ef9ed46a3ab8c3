"""The disputes service layer: reconsiderations by the LA, disagreement resolution and advocacy
arrangements, and appeals to the Tribunal.

Every command has one shape: load the aggregate once, check that the caller may act on that
aggregate (``disputes.access``), run the command, save with the version If-Match named. Every
statutory date is computed here, from the rule table in force (``rule_table``), when its clock
starts: the LA's reconsideration deadline, the 4-week window after a school's cease notice, the
8-week appeal window (8 weeks longer when disagreement resolution starts in time) and the
28-day window to ask the Tribunal to review its decision.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from disputes import access
from disputes.domain import (
    APPEAL_RULE,
    CEASE_WINDOW_RULE,
    DEADLINE_RULES,
    DISAGREEMENT_RESOLUTION_EXTENSION,
    REVIEW_RULE,
    Advocacy,
    Appeal,
    AppealMatter,
    CaseParticipant,
    DecidingBodyKind,
    DisagreementResolution,
    InvalidTransitionError,
    NoticeUnknownError,
    Order,
    Party,
    Recommendation,
    Reconsideration,
    ReconsiderationKind,
    ReconsiderationStatus,
    WrongDeadlineError,
    disagreement_case_id,
)
from disputes.domain.learned import (
    APPEALED,
    RECONSIDERED,
    LearnedDecisions,
    check_decided_by,
    check_respondent,
    reconcile_notice,
)
from llwybr.clock import Deadline, RuleTable, Unit, compute_deadline
from llwybr.principal import Principal
from llwybr.rule_table import FollowsRuleTable

A = TypeVar("A", bound=Aggregate)
#: Who may act on an aggregate: raises (404, 403) unless the principal may.
Policy = Callable[[Principal, A], None]


class DisputesService(FollowsRuleTable):
    """Commands return ids and versions; ``name`` fixes table names: never change it."""

    name = "disputes"

    # -- the rule table in force -----------------------------------------------------------

    def deadline(self, rule_id: str, trigger: date) -> Deadline:
        """Rule ``rule_id`` of the table in force, applied to ``trigger``."""
        return compute_deadline(self.rule_table(), rule_id, trigger)

    def extended(self, window: Deadline) -> Deadline:
        """An appeal window whose period is 8 weeks longer (disagreement resolution started in
        time; ETW Regs reg 10): the same period from the same notice, lengthened, never 8 weeks
        after an already rolled date. The period is the window's own, whatever the table in
        force now gives D18, so the extension is exactly the 8 weeks the law adds."""
        if window.unit is not Unit.WEEKS:
            raise WrongDeadlineError(f"an appeal window in {window.unit.value} has no 8 weeks")
        table = self.rule_table()
        period = replace(table.rule(APPEAL_RULE), unit=window.unit, length=window.length)
        extending = RuleTable(table.version, {**table.rules, APPEAL_RULE: period})
        weeks = DISAGREEMENT_RESOLUTION_EXTENSION.days // 7
        return compute_deadline(extending, APPEAL_RULE, window.trigger_date, extension=weeks)

    # -- the one read of a command ---------------------------------------------------------

    def _read(
        self,
        aggregate_id: UUID,
        kind: type[A],
        principal: Principal,
        policy: Policy[A],
        expected: int | None = None,
    ) -> A:
        """The aggregate, once the principal may act on it (else 404 or 403, whatever If-Match
        said), at the version If-Match named (else 412)."""
        return self.load(aggregate_id, kind, expected, may=lambda found: policy(principal, found))

    # -- reconsiderations -----------------------------------------------------------------

    def request_reconsideration(
        self,
        principal: Principal,
        learned: LearnedDecisions,
        *,
        kind: ReconsiderationKind,
        subject_id: UUID,
        school: str,
        decided_by_kind: DecidingBodyKind,
        requested_by_kind: Party,
        requested_on: date,
        cease_notice_given_on: date | None,
        **details: Any,
    ) -> tuple[UUID, int]:
        """A request (recorded by the LA, or an R3 asked by the governing body itself),
        checked against what the body that decided announced."""
        access.require_may_ask(principal, school, requested_by_kind == Party.GOVERNING_BODY)
        facts = learned(subject_id, RECONSIDERED[kind])
        check_decided_by(decided_by_kind, facts)
        if kind == ReconsiderationKind.R4:
            # The cease decision's notice date, as the IDP service announced it.
            cease_notice_given_on = reconcile_notice(cease_notice_given_on, facts)
        window = None
        if cease_notice_given_on is not None:
            window = self.deadline(CEASE_WINDOW_RULE, cease_notice_given_on).due_on
        case = Reconsideration.request(
            kind=kind,
            subject_id=subject_id,
            school=school,
            local_authority=access.school_authority(school),
            decided_by_kind=decided_by_kind,
            requested_by_kind=requested_by_kind,
            requested_on=requested_on,
            deadline=self.deadline(DEADLINE_RULES[kind], requested_on),
            cease_notice_given_on=cease_notice_given_on,
            window_until=window,
            **details,
        )
        return case.id, self.save_at(None, case)

    def reconsideration(self, principal: Principal, case_id: UUID) -> Reconsideration:
        """A reconsideration the caller may see."""
        return self._read(case_id, Reconsideration, principal, access.require_read)

    def invite_representations(
        self, principal: Principal, case_id: UUID, expected: int | None, **invitation: Any
    ) -> int:
        case = self._read(case_id, Reconsideration, principal, access.require_la, expected)
        case.invite_representations(**invitation)
        return self.save_at(expected, case)

    def receive_representations(
        self, principal: Principal, case_id: UUID, expected: int | None, **representations: Any
    ) -> int:
        case = self._read(case_id, Reconsideration, principal, access.require_la, expected)
        case.receive_representations(**representations)
        return self.save_at(expected, case)

    def decide_reconsideration(
        self,
        principal: Principal,
        case_id: UUID,
        expected: int | None,
        *,
        decided_on: date,
        **decision: Any,
    ) -> int:
        """The LA's decision, with the window to appeal it."""
        case = self._read(case_id, Reconsideration, principal, access.require_la, expected)
        window = self.deadline(APPEAL_RULE, decided_on)
        case.decide(
            decided_on=decided_on,
            decided_by=principal.organisation,
            appeal_window=window,
            **decision,
        )
        return self.save_at(expected, case)

    def issue_reconsideration_notice(
        self,
        principal: Principal,
        case_id: UUID,
        expected: int | None,
        *,
        issued_on: date,
        recipients: list[str],
    ) -> int:
        """The notice of the decision: the appeal window runs from it (restarting from then
        when it is given after the decision)."""
        case = self._read(case_id, Reconsideration, principal, access.require_la, expected)
        window = self.deadline(APPEAL_RULE, issued_on)
        case.issue_notice(issued_on=issued_on, recipients=recipients, appeal_window=window)
        return self.save_at(expected, case)

    def start_disagreement_resolution(
        self, principal: Principal, case_id: UUID, expected: int | None, *, started_on: date
    ) -> int:
        """Disagreement resolution started about the LA's decision: 8 more weeks to appeal."""
        case = self._read(case_id, Reconsideration, principal, access.require_la, expected)
        window = case.appeal_window
        if window is None:
            raise AggregateNotFoundError(case_id)
        extended = self.extended(window)
        case.start_disagreement_resolution(started_on=started_on, appeal_window_extended=extended)
        return self.save_at(expected, case)

    # -- appeals ---------------------------------------------------------------------------

    def appeal_window(
        self,
        *,
        reconsideration_id: UUID | None,
        subject_id: UUID | None,
        notice_given_on: date | None,
    ) -> date:
        """The last day to appeal: a reconsideration's window here (with any extension), the
        window a disagreement resolution case about the decision extended, or 8 weeks from
        the notice of the decision appealed."""
        if reconsideration_id is not None:
            window = self.get_as(reconsideration_id, Reconsideration).appeal_window
            if window is not None:
                return window.due_on
        if subject_id is not None and disagreement_case_id(subject_id) in self.repository:
            case = self.get_as(disagreement_case_id(subject_id), DisagreementResolution)
            if case.appeal_window is not None:  # extended by disagreement resolution
                return case.appeal_window.due_on
        if notice_given_on is None:
            raise NoticeUnknownError(
                "no notice of the decision appealed is known here: state notice_given_on"
            )
        return self.deadline(APPEAL_RULE, notice_given_on).due_on

    def lodge_appeal(
        self,
        principal: Principal,
        learned: LearnedDecisions,
        *,
        reconsideration_id: UUID | None,
        subject_id: UUID | None,
        matter: AppealMatter,
        respondent: str,
        notice_given_on: date | None,
        **details: Any,
    ) -> tuple[UUID, int]:
        """An appeal the Tribunal received, checked against what the body that decided
        announced (who decided, when the notice was given)."""
        access.require_tribunal(principal)
        decision = APPEALED.get(matter)
        facts = learned(subject_id, decision) if subject_id is not None and decision else None
        check_respondent(respondent, facts)
        window = self.appeal_window(
            reconsideration_id=reconsideration_id,
            subject_id=subject_id,
            notice_given_on=reconcile_notice(notice_given_on, facts),
        )
        appeal = Appeal.lodge(
            subject_id=subject_id,
            matter=matter,
            respondent=respondent,
            window_until=window,
            **details,
        )
        return appeal.id, self.save_at(None, appeal)

    def appeal(self, principal: Principal, appeal_id: UUID) -> Appeal:
        """An appeal the caller may see."""
        return self._read(appeal_id, Appeal, principal, access.require_read_appeal)

    def _for_tribunal(self, principal: Principal, appeal_id: UUID, expected: int | None) -> Appeal:
        return self._read(appeal_id, Appeal, principal, access.require_tribunal_on, expected)

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
        **compliance: Any,
    ) -> int:
        """The body an order is addressed to reports complying with it."""

        def ordered(principal: Principal, appeal: Appeal) -> None:
            access.require_ordered(principal, appeal, order_id)

        appeal = self._read(appeal_id, Appeal, principal, ordered, expected)
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
        """The NHS body a recommendation was made to reports on it (the appeal checks it is)."""
        appeal = self._read(appeal_id, Appeal, principal, access.require_read_appeal, expected)
        appeal.report_on_recommendation(
            recommendation_id=recommendation_id, reported_by=principal.organisation, **report
        )
        return self.save_at(expected, appeal)

    # -- the LA's arrangements: disagreement resolution and advocacy ------------------------

    def open_disagreement_resolution(
        self,
        principal: Principal,
        learned: LearnedDecisions,
        *,
        reconsideration_id: UUID | None,
        subject_id: UUID | None,
        matter: AppealMatter | None,
        notice_given_on: date | None,
        **details: Any,
    ) -> tuple[UUID, int]:
        """The LA opens its case about a decision (an LA reconsideration here, or another
        body's decision whose notice is known); within the window to appeal it, the window
        gains exactly 8 weeks, recorded on the case (and on the reconsideration)."""
        access.require_la_kind(principal)
        if subject_id is not None and matter in APPEALED:
            facts = learned(subject_id, APPEALED[matter])
            notice_given_on = reconcile_notice(notice_given_on, facts)
        subject = reconsideration_id or subject_id
        if subject is not None and disagreement_case_id(subject) in self.repository:
            raise InvalidTransitionError(f"a disagreement resolution case about {subject} exists")
        case = DisagreementResolution.open(
            subject_id=subject, local_authority=principal.organisation, **details
        )
        changed: list[Aggregate] = [case]
        window = None
        reconsideration = None
        if reconsideration_id is not None:
            # the LA's own reconsideration: another LA's case is not its to extend
            reconsideration = self._read(
                reconsideration_id, Reconsideration, principal, access.require_la
            )
            if reconsideration.status == ReconsiderationStatus.NOTICE_ISSUED and (
                reconsideration.disagreement_resolution is None
            ):
                window = reconsideration.appeal_window
        elif notice_given_on is not None:
            window = self.deadline(APPEAL_RULE, notice_given_on)
        if window is not None and case.opened_on <= window.due_on:
            extended = self.extended(window)
            case.extend_appeal_window(window=window, extended=extended)
            if reconsideration is not None:
                reconsideration.start_disagreement_resolution(
                    started_on=case.opened_on, appeal_window_extended=extended
                )
                changed.append(reconsideration)
        self.save_at(None, *changed)
        return case.id, int(case.version)

    def disagreement_resolution(
        self, principal: Principal, case_id: UUID
    ) -> DisagreementResolution:
        """A disagreement resolution case the caller may see."""
        return self._read(case_id, DisagreementResolution, principal, access.require_read_case)

    def conclude_disagreement_resolution(
        self, principal: Principal, case_id: UUID, expected: int | None, **conclusion: Any
    ) -> int:
        policy = access.require_case_keeper
        case = self._read(case_id, DisagreementResolution, principal, policy, expected)
        case.conclude(**conclusion)
        return self.save_at(expected, case)

    def request_advocacy(self, principal: Principal, **details: Any) -> tuple[UUID, int]:
        """Advocacy asked of the calling LA."""
        access.require_la_kind(principal)
        advocacy = Advocacy.request(local_authority=principal.organisation, **details)
        return advocacy.id, self.save_at(None, advocacy)

    def advocacy(self, principal: Principal, advocacy_id: UUID) -> Advocacy:
        """An advocacy record the caller may see."""
        return self._read(advocacy_id, Advocacy, principal, access.require_read_advocacy)

    def provide_advocacy(
        self,
        principal: Principal,
        advocacy_id: UUID,
        expected: int | None,
        *,
        advocate: CaseParticipant,
        provided_on: date,
    ) -> int:
        policy = access.require_advocacy_keeper
        advocacy = self._read(advocacy_id, Advocacy, principal, policy, expected)
        advocacy.provide(advocate=advocate, provided_on=provided_on)
        return self.save_at(expected, advocacy)

    def end_advocacy(
        self, principal: Principal, advocacy_id: UUID, expected: int | None, **ending: Any
    ) -> int:
        policy = access.require_advocacy_keeper
        advocacy = self._read(advocacy_id, Advocacy, principal, policy, expected)
        advocacy.end(**ending)
        return self.save_at(expected, advocacy)
