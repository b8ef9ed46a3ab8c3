"""``IdpService``: opening, issuing, reviews, transfers, cease and closure, deliveries (the
draft's commands are ``drafts``, the queries and the command shape ``base``)."""

from datetime import date
from uuid import UUID

from idp import access
from idp.application.base import may_act
from idp.application.fei_requests import FeiRequests
from idp.application.notices import GivenNotices
from idp.domain import (
    AlpElement,
    ClosureReason,
    Idp,
    IdpAlreadyOpenError,
    Maintainer,
    MaintainerKind,
    OpeningReason,
    ReviewOutcome,
    ReviewRequester,
    RevisionReason,
    TransferReason,
    indexed,
)
from idp.domain.deliveries import Language
from llwybr.access import Capability, require_acting_as
from llwybr.clock import RuleId, next_review
from llwybr.principal import Principal


class IdpService(FeiRequests, GivenNotices):
    """Commands return the new version; queries return views. ``name`` fixes table names."""

    name = "idp"

    # -- opening --------------------------------------------------------------------------

    def open_on_direction(
        self,
        principal: Principal,
        *,
        learner_id: str,
        maintainer: Maintainer,
        opened_on: date,
        looked_after: bool,
    ) -> tuple[UUID, int]:
        """An LA directs a school or FEI to prepare a plan (s.14): only an LA that may start
        the learner's records (their responsible LA or LA looking after: a foreign LA is told
        nothing of the learner), and only a school or FEI the learner is enrolled at."""
        access.require_directing_authority(principal)
        learner = self.require_on_learner(principal, Capability.START, learner_id)
        access.require_may_maintain(maintainer.organisation, maintainer.kind, learner)
        if self.plan_of(learner_id) is not None:
            raise IdpAlreadyOpenError("the learner has a plan already: one plan per learner")
        plan = Idp.open(
            learner_id=learner_id,
            maintainer=maintainer,
            opened_on=opened_on,
            determination_id=None,
            preparation_deadline=None,
            looked_after=looked_after,
            reason=OpeningReason.LA_DIRECTION,
        )
        return plan.id, self.save_at(None, *indexed(plan))

    # -- issuing and reviews --------------------------------------------------------------

    def issue(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        issued_on: date,
        issued_by: str,
        expected_version: int | None,
    ) -> int:
        """Version 1; the review clock (D14, D15 if looked after) starts on ``issued_on``."""
        require_acting_as(principal, issued_by)
        plan = self._maintainer(principal, idp_id, expected_version)
        review_by = self.deadline(plan.review_rule, issued_on)
        plan.issue(issued_on=issued_on, review_by=review_by, issued_by=issued_by)
        return self.save_at(expected_version, plan)

    def revise(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        issued_on: date,
        issued_by: str,
        reason: RevisionReason,
        expected_version: int | None,
    ) -> int:
        """The draft as the next version; the next review period follows the cycle (s.23)."""
        require_acting_as(principal, issued_by)
        plan = self._load(
            principal,
            idp_id,
            expected_version,
            lambda p, loaded, relations: access.require_reviser(p, loaded, relations, reason),
        )
        review_by = next_review(self.rule_table(), plan.review_rule, plan.deadline(), issued_on)
        plan.revise(issued_on=issued_on, review_by=review_by, reason=reason, issued_by=issued_by)
        return self.save_at(expected_version, plan)

    def request_review(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        requested_by_kind: ReviewRequester,
        organisation_or_person: str,
        requested_on: date,
        reason: str,
        expected_version: int | None,
    ) -> int:
        """A family's request comes through the maintainer; an NHS body asks in its name."""
        if requested_by_kind is ReviewRequester.NHS_BODY:
            access.require_own_nhs_request(principal, organisation_or_person)
            plan = self._load(principal, idp_id, expected_version, may_act)
        else:
            plan = self._maintainer(principal, idp_id, expected_version)
        plan.request_review(
            requested_by_kind=requested_by_kind,
            organisation_or_person=organisation_or_person,
            requested_on=requested_on,
            reason=reason,
        )
        return self.save_at(expected_version, plan)

    def decline_review(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        declined_on: date,
        reasons: str,
        expected_version: int | None,
    ) -> int:
        plan = self._maintainer(principal, idp_id, expected_version)
        plan.decline_review(declined_on=declined_on, reasons=reasons)
        return self.save_at(expected_version, plan)

    def hold_review(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        held_on: date,
        outcome: ReviewOutcome,
        expected_version: int | None,
    ) -> int:
        """Not revised: the next review period follows the cycle (s.23(3), (4)); revised: a
        revision is due."""
        plan = self._maintainer(principal, idp_id, expected_version)
        next_review_by = None
        if outcome is ReviewOutcome.NOT_REVISED:
            # from the day of the review until the notice of no revision is given: its
            # given day then starts the next period (``GivenNotices``)
            next_review_by = next_review(
                self.rule_table(), plan.review_rule, plan.deadline(), held_on
            )
        plan.hold_review(held_on=held_on, outcome=outcome, next_review_by=next_review_by)
        return self.save_at(expected_version, plan)

    def add_nhs_alp(
        self,
        principal: Principal,
        idp_id: UUID,
        element: AlpElement,
        *,
        nhs_answer_reference: str,
        added_on: date,
        expected_version: int | None,
    ) -> int:
        plan = self._maintainer(principal, idp_id, expected_version)
        plan.add_nhs_alp(element, nhs_answer_reference=nhs_answer_reference, added_on=added_on)
        return self.save_at(expected_version, plan)

    # -- transfer, cease, close, deliveries -----------------------------------------------

    def transfer(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        to: Maintainer,
        reason: TransferReason,
        transferred_on: date,
        expected_version: int | None,
    ) -> int:
        """The plan goes only to a body the learner's recorded facts relate to them
        (``access.require_may_maintain``): a take-over only to the learner's responsible LA or
        LA looking after. An LA's plan goes to an FEI by request and agreement instead
        (``ask_fei``): a ``la_to_fei`` transfer here is refused."""
        plan = self._maintainer(principal, idp_id, expected_version)
        access.require_may_maintain(
            to.organisation, to.kind, self.learner_relations(plan.learner_id)
        )
        plan.transfer(to=to, reason=reason, transferred_on=transferred_on)
        return self.save_at(expected_version, plan)

    def propose_cease(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        proposed_on: date,
        reasons: str,
        expected_version: int | None,
    ) -> int:
        plan = self._maintainer(principal, idp_id, expected_version)
        plan.propose_cease(proposed_on=proposed_on, reasons=reasons)
        return self.save_at(expected_version, plan)

    def decide_cease(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        decided_on: date,
        reasons: str,
        expected_version: int | None,
    ) -> int:
        """A school's decision can be taken to the LA within 4 weeks (D11)."""
        plan = self._maintainer(principal, idp_id, expected_version)
        window = None
        if plan.maintaining_body.kind is MaintainerKind.SCHOOL:
            window = self.deadline(RuleId.D11, decided_on).due_on
        plan.decide_cease(
            decided_on=decided_on, reasons=reasons, reconsideration_window_until=window
        )
        return self.save_at(expected_version, plan)

    def close_plan(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        closed_on: date,
        reason: ClosureReason,
        expected_version: int | None,
    ) -> int:
        plan = self._maintainer(principal, idp_id, expected_version)
        plan.close(closed_on=closed_on, reason=reason)
        return self.save_at(expected_version, plan)

    def record_delivery(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        element_id: str,
        on: date,
        delivered: bool,
        sessions: int,
        minutes: int | None,
        missed_reason: str | None,
        recorded_by: str,
        key: str = "",
        language: Language | None = None,
        expected_version: int | None,
    ) -> int:
        """The element's provider records its delivery in its own name, or the maintainer on
        its behalf; a repeat of a record on file changes nothing."""
        require_acting_as(principal, recorded_by)
        plan = self._load(
            principal,
            idp_id,
            expected_version,
            lambda p, loaded, relations: access.require_provider(p, loaded, relations, element_id),
        )
        plan.record_delivery(
            element_id=element_id,
            on=on,
            delivered=delivered,
            sessions=sessions,
            minutes=minutes,
            missed_reason=missed_reason,
            recorded_by=recorded_by,
            key=key,
            language=language,
        )
        return self.save_at(expected_version, plan)
