"""The determination service layer: one shape for every command on a case.

A command loads the case once, checks the caller's access on what it loaded (before the
``If-Match`` version, so a caller who may not see a case learns nothing of it), runs the
aggregate's command with the deadlines its clock needs, and saves with the expected version.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from determination import access
from determination.application.consumed import PublicEvents
from determination.application.registry import learner_relations
from determination.application.views import DeterminationView
from determination.documents import DocumentStore, Upload
from determination.domain import (
    BodyKind,
    DecidingBody,
    Determination,
    IdpArrangement,
    NhsAnswer,
    NoticeType,
    ProvisionLevel,
    Recipient,
)
from determination.domain.registry import LearnerIndex, LearnerRecord, OpenDetermination
from llwybr.access import Capability, Relations, allows, not_found, require
from llwybr.clock import RuleId, compute_deadline
from llwybr.principal import Principal


class DeterminationService(PublicEvents):
    """Commands return the new version; queries return views. ``name`` fixes table names."""

    name = "determination"

    def _writable(
        self,
        principal: Principal,
        determination_id: UUID,
        expected_version: int | None,
        acting_as: str,
        capability: Capability = Capability.ACT,
    ) -> Determination:
        """The one read of a command, and the caller's right to act on what was read (the
        one policy, on the case's relations; then the organisation it acts for)."""

        def may(case: Determination) -> None:
            require(principal, capability, self.case_relations(case))
            access.require_acting_as(principal, acting_as)

        return self._case(determination_id, expected_version, may)

    def _case(
        self,
        determination_id: UUID,
        expected_version: int | None = None,
        may: Callable[[Determination], object] | None = None,
    ) -> Determination:
        """A case, or the one not-found (never the library's text)."""
        try:
            return self.load(determination_id, Determination, expected_version, may=may)
        except AggregateNotFoundError:
            raise not_found() from None

    def case_relations(self, case: Determination) -> Relations:
        """Who is related to the case: its learner's relations in the registry, and its own."""
        record = self.learner_record(str(case.learner["learner_id"]))
        return access.case_relations(case, learner_relations(record) if record else None)

    # -- whose each record is, for the auditors' history (llwybr.history_access) ------------

    def learner_relations(self, learner_id: str) -> Relations:
        """The learner's relations, from this service's own registry (the one 404 for an id
        it never gave)."""
        record = self.learner_record(learner_id)
        if record is None:
            raise not_found()
        return learner_relations(record)

    def relations_of_aggregate(self, aggregate: object) -> Relations:
        """The relations of any record in this store, as loaded now: a case's, a learner's
        (a merged duplicate's are its survivor's), an index's or open-case index's (the
        learner's it names). A calendar or the rule table is no learner's: nobody's."""
        if isinstance(aggregate, Determination):
            return self.case_relations(aggregate)
        if isinstance(aggregate, LearnerRecord):
            return self.learner_relations(aggregate.learner_id)
        if isinstance(aggregate, LearnerIndex | OpenDetermination):
            return self.learner_relations(aggregate.learner_id)
        return Relations()

    # -- commands on a case ---------------------------------------------------------------

    def record_consent(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        given: bool,
        recorded_on: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, recorded_by)
        deadline = None
        if given:
            # For a young person the clock starts with consent (D2: after consent).
            deadline = self.decision_deadline(case.deciding_body, case.learner_record, recorded_on)
        case.record_consent(
            given=given,
            recorded_on=recorded_on,
            recorded_by=recorded_by,
            decision_deadline=deadline,
        )
        return self.save_at(expected_version, case)

    def record_graduated_response(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        level: ProvisionLevel,
        description: str,
        small_steps_targets: list[str],
        termly_reviews: list[dict[str, Any]],
        recorded_on: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, recorded_by)
        case.record_graduated_response(
            level=level,
            description=description,
            small_steps_targets=small_steps_targets,
            termly_reviews=termly_reviews,
            recorded_on=recorded_on,
            recorded_by=recorded_by,
        )
        return self.save_at(expected_version, case)

    def request_evidence(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        request_id: str,
        from_organisation: str,
        description: str,
        requested_on: date,
        expected_version: int | None = None,
    ) -> int:
        """The caller asks another body for evidence (in its own name)."""
        case = self._writable(principal, determination_id, expected_version, principal.organisation)
        case.request_evidence(
            request_id=request_id,
            from_organisation=from_organisation,
            description=description,
            requested_on=requested_on,
        )
        return self.save_at(expected_version, case)

    def submit_evidence(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        submitted_by: str,
        summary: str,
        uploads: Sequence[Upload],
        store: DocumentStore,
        submitted_on: date,
        request_id: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Evidence with its documents, each checked (DocumentRefusedError) and stored."""
        # Evidence is given by anyone who may read the case: those asked for it, the body that
        # raised the concern, the deciding body (each in its own name).
        case = self._writable(
            principal, determination_id, expected_version, submitted_by, Capability.READ
        )
        checked = [(store.check(u.filename, u.media_type, u.content), u.content) for u in uploads]
        # Documents are stored before the event that names them, so no event names missing
        # bytes; one stored for a refused command is harmless (content-addressed, unreferenced).
        for document, content in checked:  # sealed with the case's learner's key (ADR 0023)
            store.put(document, content, determination_id, case.sealed_for)
        case.submit_evidence(
            submitted_by=submitted_by,
            summary=summary,
            documents=[document for document, _ in checked],
            submitted_on=submitted_on,
            request_id=request_id,
        )
        return self.save_at(expected_version, case)

    def receive_nhs_referral(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        referral_id: str,
        nhs_body: str,
        received_on: date,
        expected_version: int | None = None,
    ) -> int:
        """The caller records that an NHS body received a referral (its D7 clock starts)."""
        case = self._writable(principal, determination_id, expected_version, principal.organisation)
        deadline = compute_deadline(self.rule_table(), RuleId.D7, received_on)
        case.receive_nhs_referral(
            referral_id=referral_id, nhs_body=nhs_body, received_on=received_on, deadline=deadline
        )
        return self.save_at(expected_version, case)

    def answer_nhs_referral(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        referral_id: str,
        answer: NhsAnswer,
        in_welsh: bool | None,
        answered_on: date,
        answered_by: str,
        details: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, answered_by)
        case.answer_nhs_referral(
            referral_id=referral_id,
            answer=answer,
            in_welsh=in_welsh,
            answered_on=answered_on,
            answered_by=answered_by,
            details=details,
        )
        return self.save_at(expected_version, case)

    def refer_to_local_authority(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        reason: str,
        referred_on: date,
        referred_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, referred_by)
        learner = case.learner_record
        la = DecidingBody(BodyKind.LOCAL_AUTHORITY, f"la:{learner.local_authority}")
        case.refer_to_local_authority(
            local_authority=la.organisation,
            reason=reason,
            referred_on=referred_on,
            referred_by=referred_by,
            deadline=self.decision_deadline(la, learner, referred_on),
        )
        return self.save_at(expected_version, case)

    def claim_exception(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        deadline_key: str,
        reason: str,
        evidence: str,
        claimed_on: date,
        claimed_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, claimed_by)
        case.claim_exception(
            deadline_key=deadline_key,
            reason=reason,
            evidence=evidence,
            claimed_on=claimed_on,
            claimed_by=claimed_by,
        )
        return self.save_at(expected_version, case)

    def decide(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        has_aln: bool,
        reasons: str,
        decided_on: date,
        decided_by: str,
        person: str,
        idp_necessary: bool = True,
        idp_arrangement: IdpArrangement | None = None,
        names_place_or_board: bool = False,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, decided_by)
        necessity_deadline = None
        if not idp_necessary:
            # Regs 10(3): 12 weeks from the day after the young person consented (D5), in
            # weeks, so no term calendar.
            necessity_deadline = compute_deadline(self.rule_table(), RuleId.D5, case.consented_on)
        case.decide(
            has_aln=has_aln,
            reasons=reasons,
            decided_on=decided_on,
            decided_by=decided_by,
            person=person,
            idp_necessary=idp_necessary,
            necessity_deadline=necessity_deadline,
            idp_arrangement=idp_arrangement,
            names_place_or_board=names_place_or_board,
        )
        return self.save_at(expected_version, case)

    def issue_notice(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        notice_type: NoticeType,
        recipients: list[Recipient],
        content: dict[str, str],
        issued_on: date,
        issued_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, issued_by)
        case.issue_notice(
            notice_type=notice_type,
            recipients=recipients,
            content=content,
            issued_on=issued_on,
            issued_by=issued_by,
        )
        return self.save_at(expected_version, case)

    def withdraw(
        self,
        principal: Principal,
        determination_id: UUID,
        *,
        reason: str,
        withdrawn_on: date,
        withdrawn_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._writable(principal, determination_id, expected_version, withdrawn_by)
        case.withdraw(reason=reason, withdrawn_on=withdrawn_on, withdrawn_by=withdrawn_by)
        return self.save_at(expected_version, case)

    # -- queries --------------------------------------------------------------------------

    def determination(self, principal: Principal, determination_id: UUID) -> DeterminationView:
        """A case the caller may see (else "not found")."""
        case = self._case(determination_id)
        require(principal, Capability.READ, self.case_relations(case))
        return DeterminationView.of(case)

    def readable_learners(
        self, principal: Principal, determination_ids: Sequence[UUID]
    ) -> list[str]:
        """The learners of those of these cases the caller may see (the cases a document was
        given to): whose keys open the document's copies; empty if they may see none."""
        cases = (self._case(i) for i in determination_ids)
        return [
            case.sealed_for
            for case in cases
            if allows(principal, Capability.READ, self.case_relations(case))
        ]
