"""Reconsiderations of a school's decisions by the LA responsible for the learner (R1-R4,
Act ss.26-28 and 32): requested, representations invited and received, decided, noticed, and
disagreement resolution started about the decision."""

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from disputes import access
from disputes.application.notices import Notices
from disputes.domain import (
    APPEAL_RULE,
    DEADLINE_RULES,
    DecidingBodyKind,
    NotDecidedError,
    NoticeUnknownError,
    Party,
    Reconsideration,
    ReconsiderationKind,
    ReconsiderationStatus,
)
from disputes.domain.learned import (
    RECONSIDERED,
    Decision,
    LearnedDecisions,
    cease_window,
    check_decided_by,
    check_same_learner,
    check_school,
    reconcile_notice,
)
from disputes.domain.notices import RECONSIDERATION, later
from llwybr.access import Capability, Relations, require
from llwybr.principal import Principal


class Reconsiderations(Notices):
    """The LA's reconsiderations: only the LA that reconsiders acts on one."""

    def request_reconsideration(
        self,
        principal: Principal,
        learned: LearnedDecisions,
        *,
        kind: ReconsiderationKind,
        learner_id: str,
        subject_id: UUID,
        school: str,
        decided_by_kind: DecidingBodyKind,
        requested_by_kind: Party,
        requested_on: date,
        cease_notice_given_on: date | None,
        **details: Any,
    ) -> tuple[UUID, int]:
        """A request recorded by the LA that reconsiders the school's decision (the LA
        responsible for the learner), or an R3 the school's governing body asks itself;
        checked against what the body that decided announced. A caller who may not see the
        learner gets the one 404; the request gives nobody a relationship the facts do not."""
        local_authority = self.reconsidering_authority(learner_id)
        known = self.learner_known(learner_id)
        learner = known.relations() if known is not None else Relations()
        facts = learned(subject_id, RECONSIDERED[kind])
        if requested_by_kind == Party.GOVERNING_BODY and principal.organisation == school:
            # The school asks about its own plan: its own by the owner's fact, or (with none
            # yet) a learner it enrolled, if the registry knows the learner.
            if known is not None and not (facts and facts.deciding_organisation == school):
                require(principal, Capability.START, learner)
        else:
            record = access.reconsideration_facts(local_authority, school)
            self.require_on_learner(principal, Capability.ACT, learner_id, record)
            access.require_la(principal)
            access.require_keeper(principal, local_authority)
        check_decided_by(decided_by_kind, facts)
        check_same_learner(learner_id, facts)
        check_school(school, facts)
        window = None
        if kind == ReconsiderationKind.R4:
            # The day the later notice of the decision to cease was given, as the notifications
            # service published it (ADR 0017); the decision's own date is not its notice.
            cease_notice_given_on = reconcile_notice(
                cease_notice_given_on,
                replace(facts, notice_given_on=None) if facts is not None else None,
                self.given_dates(subject_id, Decision.CEASED),
            )
            if cease_notice_given_on is None:
                raise NoticeUnknownError(
                    "no notice of the decision to cease is known here: state cease_notice_given_on"
                )
            # D11 is the IDP service's: read as it published it, never recounted here.
            window = cease_window(facts, cease_notice_given_on)
            if window is None:
                raise NoticeUnknownError(
                    "the IDP service has not yet published the window to ask for a "
                    f"reconsideration after the cease notice given on {cease_notice_given_on}"
                )
        case = Reconsideration.request(
            kind=kind,
            learner_id=learner_id,
            subject_id=subject_id,
            school=school,
            local_authority=local_authority,
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
        return self._read(case_id, Reconsideration, principal, Capability.READ)

    def _for_reconsidering_la(
        self, principal: Principal, case_id: UUID, expected: int | None = None
    ) -> Reconsideration:
        """The case, for the LA that reconsiders it."""

        def reconsiders(case: Reconsideration) -> None:
            access.require_keeper(principal, case.local_authority)

        return self._read(
            case_id, Reconsideration, principal, Capability.ACT, expected, reconsiders
        )

    def invite_representations(
        self, principal: Principal, case_id: UUID, expected: int | None, **invitation: Any
    ) -> int:
        case = self._for_reconsidering_la(principal, case_id, expected)
        case.invite_representations(**invitation)
        return self.save_at(expected, case)

    def receive_representations(
        self, principal: Principal, case_id: UUID, expected: int | None, **representations: Any
    ) -> int:
        case = self._for_reconsidering_la(principal, case_id, expected)
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
        case = self._for_reconsidering_la(principal, case_id, expected)
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
        case = self._for_reconsidering_la(principal, case_id, expected)
        window = self.deadline(APPEAL_RULE, issued_on)
        case.issue_notice(issued_on=issued_on, recipients=recipients, appeal_window=window)
        return self.save_at(expected, case)

    def start_disagreement_resolution(
        self, principal: Principal, case_id: UUID, expected: int | None, *, started_on: date
    ) -> int:
        """Disagreement resolution started about the LA's decision: 8 more weeks to appeal."""
        case = self._for_reconsidering_la(principal, case_id, expected)
        family = self.family_window(case_id, RECONSIDERATION)
        if case.appeal_window is None:
            raise NotDecidedError("the LA has not decided: no window to appeal runs yet")
        noticed = case.status == ReconsiderationStatus.NOTICE_ISSUED
        # the LA's own notice, or a later one given to the family (ADR 0017)
        window = later(case.appeal_window if noticed else None, family)
        case.start_disagreement_resolution(
            started_on=started_on, rules=self.rule_table(), window=window
        )
        return self.save_at(expected, case)

    def decided_reconsideration(self, case_id: UUID) -> Reconsideration:
        """A reconsideration an appeal is against: it must have been decided."""
        case = self._find(case_id, Reconsideration)
        if case.appeal_window is None:
            raise NotDecidedError("the LA has not decided that reconsideration: no appeal lies")
        return case
