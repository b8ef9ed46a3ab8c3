"""The IDP service layer: commands and queries over Individual Development Plans, and what other
services' public events do to them.

Every command has one shape: load the plan once, check on that plan who may act (the one
access policy, ``llwybr.access``, on the learner's relationships followed from the learner
registry combined with the plan's own, ``idp.access.relations_of``), run the aggregate's
command, save with the version ``If-Match`` named (``save_at``). A plan the caller may not see
and one that does not exist are the same 404 (``not_found``).

Statutory dates (review in 12 months, the 4-week window after a school's cease decision, the
20 term-time-day clock of an LA-to-FEI transfer) are computed here, when their clock starts,
from the rule table in force (``RuleTableInForce``: the latest correction received), and
handed to the aggregate.
"""

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from contracts.envelope import Envelope
from idp import access, consumers
from idp.domain import (
    AlnDescription,
    AlpElement,
    ClosureReason,
    Idp,
    IdpAlreadyOpenError,
    LacDetails,
    LaExtras,
    Maintainer,
    MaintainerKind,
    OnePageProfile,
    OpeningReason,
    PlanOfLearner,
    ReviewOutcome,
    ReviewRequester,
    RevisionReason,
    Section1,
    Section3,
    TransferReason,
    indexed,
    legacy_idp_id,
    plan_index_id,
)
from idp.rendering import IdpDocument
from idp.views import PlanView, document_of, plan_view
from llwybr.access import Capability, Relations, not_found, require, require_acting_as
from llwybr.clock import Deadline, RuleId, compute_deadline
from llwybr.learners import FollowsLearners
from llwybr.principal import Principal
from llwybr.problems import RETRY_AFTER_SECONDS, ProblemError
from llwybr.rule_table import FollowsRuleTable

Check = Callable[[Principal, Idp, Relations], None]


def may_read(principal: Principal, plan: Idp, relations: Relations) -> None:
    require(principal, Capability.READ, relations)


def may_act(principal: Principal, plan: Idp, relations: Relations) -> None:
    require(principal, Capability.ACT, relations)


class IdpService(FollowsRuleTable, FollowsLearners):
    """Commands return the new version; queries return views. ``name`` fixes table names."""

    name = "idp"

    # -- the rule table in force ----------------------------------------------------------

    def deadline(self, rule: RuleId, trigger: date) -> Deadline:
        """``rule`` applied to ``trigger`` under the table in force."""
        return compute_deadline(self.rule_table(), rule, trigger)

    # -- queries --------------------------------------------------------------------------

    def plan(self, principal: Principal, idp_id: UUID) -> PlanView:
        return plan_view(self._readable(principal, idp_id))

    def issued_version(self, principal: Principal, idp_id: UUID, number: int) -> dict[str, Any]:
        """Issued version ``number`` exactly as frozen."""
        return self._readable(principal, idp_id).issued_version(number)

    def version_document(self, principal: Principal, idp_id: UUID, number: int) -> IdpDocument:
        """Issued version ``number`` as the standard form lays it out (for the PDF)."""
        plan = self._readable(principal, idp_id)
        return document_of(plan, plan.issued_version(number))

    def _readable(self, principal: Principal, idp_id: UUID) -> Idp:
        return self._load(principal, idp_id, None, may_read)

    def relations(self, plan: Idp) -> Relations:
        """Who is related to the plan, and how: the learner's relationships (the registry's
        facts) and the plan's own (``access.relations_of``)."""
        return self.learner_relations(plan.learner_id) | access.relations_of(plan)

    # -- the one command shape ------------------------------------------------------------

    def _load(
        self, principal: Principal, idp_id: UUID, expected_version: int | None, may: Check
    ) -> Idp:
        """The command's one read, and who may act checked on it. A caller who may not see the
        plan learns nothing from ``If-Match``: access is checked before the version; nor from
        the answer: a plan it may not see is answered as one that does not exist."""
        try:
            return self.load(
                idp_id,
                Idp,
                expected_version,
                may=lambda plan: may(principal, plan, self.relations(plan)),
            )
        except AggregateNotFoundError:
            raise not_found() from None

    def _maintainer(self, principal: Principal, idp_id: UUID, expected: int | None) -> Idp:
        return self._load(principal, idp_id, expected, access.require_maintainer)

    def _drafter(self, principal: Principal, idp_id: UUID, expected: int | None) -> Idp:
        """The maintainer, or an LA whose reconsideration directed a revision (s.27)."""
        return self._load(principal, idp_id, expected, access.require_drafter)

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
        learner = self._start(principal, learner_id)
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

    def _start(self, principal: Principal, learner_id: str) -> Relations:
        """The learner's relationships, once the caller may start a record for them. Until the
        registry's facts about the learner reach this service nobody may: the one 404, with
        ``Retry-After`` (ADR 0015)."""
        known = self.learner_known(learner_id)
        learner = known.relations() if known is not None else Relations()
        try:
            require(principal, Capability.START, learner)
        except ProblemError as refused:
            if known is None:
                refused.headers["Retry-After"] = RETRY_AFTER_SECONDS
            raise
        return learner

    # -- the draft, section by section ----------------------------------------------------

    def set_section_1(
        self, principal: Principal, idp_id: UUID, section: Section1, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_section_1(section)
        return self.save_at(expected_version, plan)

    def set_one_page_profile(
        self,
        principal: Principal,
        idp_id: UUID,
        profile: OnePageProfile,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_one_page_profile(profile)
        return self.save_at(expected_version, plan)

    def set_aln_description(
        self,
        principal: Principal,
        idp_id: UUID,
        description: AlnDescription,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_aln_description(description)
        return self.save_at(expected_version, plan)

    def set_welsh_language_decision(
        self, principal: Principal, idp_id: UUID, text: str, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_welsh_language_decision(text)
        return self.save_at(expected_version, plan)

    def set_la_extras(
        self, principal: Principal, idp_id: UUID, extras: LaExtras, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_la_extras(extras)
        return self.save_at(expected_version, plan)

    def set_section_3(
        self, principal: Principal, idp_id: UUID, section: Section3, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_section_3(section)
        return self.save_at(expected_version, plan)

    def set_lac_details(
        self,
        principal: Principal,
        idp_id: UUID,
        details: LacDetails,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_lac_details(details)
        return self.save_at(expected_version, plan)

    def add_alp_element(
        self,
        principal: Principal,
        idp_id: UUID,
        element: AlpElement,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.add_alp_element(element)
        return self.save_at(expected_version, plan)

    def amend_alp_element(
        self,
        principal: Principal,
        idp_id: UUID,
        element: AlpElement,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.amend_alp_element(element)
        return self.save_at(expected_version, plan)

    def remove_alp_element(
        self, principal: Principal, idp_id: UUID, element_id: str, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.remove_alp_element(element_id)
        return self.save_at(expected_version, plan)

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
        """The draft as the next version; the review clock restarts on ``issued_on``."""
        require_acting_as(principal, issued_by)
        plan = self._load(
            principal,
            idp_id,
            expected_version,
            lambda p, loaded, relations: access.require_reviser(p, loaded, relations, reason),
        )
        review_by = self.deadline(plan.review_rule, issued_on)
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
        """Not revised: the review clock restarts on ``held_on``; revised: a revision is due."""
        plan = self._maintainer(principal, idp_id, expected_version)
        next_review = None
        if outcome is ReviewOutcome.NOT_REVISED:
            next_review = self.deadline(plan.review_rule, held_on)
        plan.hold_review(held_on=held_on, outcome=outcome, next_review_by=next_review)
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
        """An LA-to-FEI transfer starts the D13 clock for the FEI's answer. The plan goes only to
        a body the learner's recorded facts relate to them (``access.require_may_maintain``):
        a take-over only to the learner's responsible LA or LA looking after."""
        plan = self._maintainer(principal, idp_id, expected_version)
        access.require_may_maintain(
            to.organisation, to.kind, self.learner_relations(plan.learner_id)
        )
        deadline = None
        if reason is TransferReason.LA_TO_FEI:
            deadline = self.deadline(RuleId.D13, transferred_on)
        plan.transfer(to=to, reason=reason, transferred_on=transferred_on, deadline=deadline)
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
        sessions: int | None,
        minutes: int | None,
        missed_reason: str | None,
        recorded_by: str,
        expected_version: int | None,
    ) -> int:
        """Whoever provides the element records its delivery, in its own name."""
        require_acting_as(principal, recorded_by)
        plan = self._load(principal, idp_id, expected_version, may_act)
        plan.record_delivery(
            element_id=element_id,
            on=on,
            delivered=delivered,
            sessions=sessions,
            minutes=minutes,
            missed_reason=missed_reason,
            recorded_by=recorded_by,
        )
        return self.save_at(expected_version, plan)

    # -- other services' public events --------------------------------------------------

    def on_public_event(self, envelope: Envelope) -> list[Aggregate]:
        """What another service's public event does here (``idp.consumers``): the aggregates
        to save, with the consumer's tracking record (``ApplicationEffect``)."""
        return consumers.effect_of(envelope, self)

    def plan_of(self, learner_id: str) -> Idp | None:
        """The learner's plan, if one was opened: by its index entry, or, for a plan stored
        before ids were random, by the id it was given then."""
        try:
            entry = self.get_as(plan_index_id(learner_id), PlanOfLearner)
        except AggregateNotFoundError:
            plan_id = legacy_idp_id(learner_id)
        else:
            plan_id = entry.idp_id
        try:
            return self.get_as(plan_id, Idp)
        except AggregateNotFoundError:
            return None
