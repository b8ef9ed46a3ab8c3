"""The LA's arrangements (Act ss.68-69): disagreement resolution cases and independent
advocacy, opened only by an LA that may start records for the learner (the LA responsible for
them or the LA looking after them, by the learner registry's facts)."""

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from disputes import access
from disputes.application.appeals import Appeals
from disputes.domain import (
    APPEAL_RULE,
    Advocacy,
    Appeal,
    AppealMatter,
    CaseParticipant,
    DisagreementResolution,
    FactsDifferError,
    InvalidTransitionError,
    Reconsideration,
    ReconsiderationStatus,
    disagreement_case_id,
)
from disputes.domain.learned import (
    APPEALED,
    LearnedDecisions,
    check_same_learner,
    reconcile_notice,
)
from disputes.domain.notices import RECONSIDERATION, later
from llwybr.access import Capability, not_found, require
from llwybr.principal import Principal


class Arrangements(Appeals):
    """Disagreement resolution and advocacy: kept by the LA that opened them."""

    def _require_may_start(self, principal: Principal, learner_id: str) -> None:
        """Only an LA that may start records for the learner opens one of these: any other
        caller that may not see the learner gets the one 404. Until the registry's facts about
        the learner reach this service nobody may: the one 404, with ``Retry-After`` (ADR
        0015)."""
        self.require_on_learner(principal, Capability.START, learner_id)
        access.require_la(principal)

    def _related(self, principal: Principal, case_id: UUID, learner_id: str) -> None:
        """A case named as related is one the caller may see, about the same learner."""
        try:
            found: object = self.repository.get(case_id)
        except AggregateNotFoundError:
            raise not_found() from None
        if not isinstance(found, Reconsideration | Appeal | DisagreementResolution | Advocacy):
            raise not_found()
        require(principal, Capability.READ, self.relations(found))
        if found.learner_id != learner_id:
            raise FactsDifferError("that case is about another learner")

    def open_disagreement_resolution(
        self,
        principal: Principal,
        learned: LearnedDecisions,
        *,
        learner_id: str,
        reconsideration_id: UUID | None,
        subject_id: UUID | None,
        matter: AppealMatter | None,
        notice_given_on: date | None,
        **details: Any,
    ) -> tuple[UUID, int]:
        """The LA opens its case about a decision (an LA reconsideration here, or another
        body's decision whose notice is known); within the window to appeal it, the window
        gains exactly 8 weeks, recorded on the case (and on the reconsideration)."""
        self._require_may_start(principal, learner_id)
        if subject_id is not None and matter in APPEALED:
            facts = learned(subject_id, APPEALED[matter])
            check_same_learner(learner_id, facts)
            notice_given_on = reconcile_notice(
                notice_given_on, facts, self.given_dates(subject_id, APPEALED[matter])
            )
        subject = reconsideration_id or subject_id
        if subject is not None and disagreement_case_id(subject) in self.repository:
            raise InvalidTransitionError(f"a disagreement resolution case about {subject} exists")
        case = DisagreementResolution.open(
            learner_id=learner_id,
            subject_id=subject,
            local_authority=principal.organisation,
            **details,
        )
        changed: list[Aggregate] = [case]
        window = None
        reconsideration = None
        if reconsideration_id is not None:
            # the LA's own reconsideration: another LA's case is not its to extend
            reconsideration = self._for_reconsidering_la(principal, reconsideration_id)
            if reconsideration.learner_id != learner_id:
                raise FactsDifferError("that reconsideration is about another learner")
            family = self.family_window(reconsideration_id, RECONSIDERATION)
            noticed = reconsideration.status == ReconsiderationStatus.NOTICE_ISSUED
            if reconsideration.disagreement_resolution is None and (noticed or family):
                window = later(reconsideration.appeal_window if noticed else None, family)
        else:
            stated = self.deadline(APPEAL_RULE, notice_given_on) if notice_given_on else None
            decision = APPEALED.get(matter) if matter is not None else None
            window = later(stated, self.family_window(subject, decision))
        if window is not None and case.opened_on <= window.due_on:
            rules = self.rule_table()
            case.extend_appeal_window(window=window, rules=rules)
            if reconsideration is not None:
                reconsideration.start_disagreement_resolution(
                    started_on=case.opened_on, rules=rules, window=window
                )
                changed.append(reconsideration)
        self.save_at(None, *changed)
        return case.id, int(case.version)

    def disagreement_resolution(
        self, principal: Principal, case_id: UUID
    ) -> DisagreementResolution:
        """A disagreement resolution case the caller may see."""
        return self._read(case_id, DisagreementResolution, principal, Capability.READ)

    def conclude_disagreement_resolution(
        self, principal: Principal, case_id: UUID, expected: int | None, **conclusion: Any
    ) -> int:
        def keeps(case: DisagreementResolution) -> None:
            access.require_keeper(principal, case.local_authority)

        kind = DisagreementResolution
        case = self._read(case_id, kind, principal, Capability.ACT, expected, keeps)
        case.conclude(**conclusion)
        return self.save_at(expected, case)

    def request_advocacy(
        self,
        principal: Principal,
        *,
        learner_id: str,
        related_case_id: UUID | None,
        **details: Any,
    ) -> tuple[UUID, int]:
        """Advocacy asked of the calling LA, which may start records for the learner."""
        self._require_may_start(principal, learner_id)
        if related_case_id is not None:
            self._related(principal, related_case_id, learner_id)
        advocacy = Advocacy.request(
            learner_id=learner_id,
            local_authority=principal.organisation,
            related_case_id=related_case_id,
            **details,
        )
        return advocacy.id, self.save_at(None, advocacy)

    def advocacy(self, principal: Principal, advocacy_id: UUID) -> Advocacy:
        """An advocacy record the caller may see."""
        return self._read(advocacy_id, Advocacy, principal, Capability.READ)

    def _for_advocacy_keeper(
        self, principal: Principal, advocacy_id: UUID, expected: int | None
    ) -> Advocacy:
        def keeps(advocacy: Advocacy) -> None:
            access.require_keeper(principal, advocacy.local_authority)

        return self._read(advocacy_id, Advocacy, principal, Capability.ACT, expected, keeps)

    def provide_advocacy(
        self,
        principal: Principal,
        advocacy_id: UUID,
        expected: int | None,
        *,
        advocate: CaseParticipant,
        provided_on: date,
    ) -> int:
        advocacy = self._for_advocacy_keeper(principal, advocacy_id, expected)
        advocacy.provide(advocate=advocate, provided_on=provided_on)
        return self.save_at(expected, advocacy)

    def end_advocacy(
        self, principal: Principal, advocacy_id: UUID, expected: int | None, **ending: Any
    ) -> int:
        advocacy = self._for_advocacy_keeper(principal, advocacy_id, expected)
        advocacy.end(**ending)
        return self.save_at(expected, advocacy)
