"""The determination service layer: commands and queries over determinations and calendars.

Every deadline is computed here by the statutory clock, when its clock starts, with the
calendar that applies to the deciding body, and handed to the aggregate to store.
"""

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from contracts.envelope import Envelope
from determination.domain import (
    BodyKind,
    Circumstances,
    DecidingBody,
    Determination,
    Document,
    Learner,
    NhsAnswer,
    NoticeType,
    ProvisionLevel,
    Recipient,
    Status,
    route,
)
from determination.domain.calendar import CalendarRecord, calendar_aggregate_id
from determination.domain.errors import DeterminationError
from determination.domain.rules import RULE_TABLE_ID, RuleTableRecord
from llwybr.clock import (
    DEFAULT_RULES,
    CalendarTooShortError,
    ClockError,
    Deadline,
    Rule,
    RuleTable,
    TermCalendar,
    compute_deadline,
    recalculate,
)
from llwybr.eventstore import ChainedApplication, StaleVersionError

NHS_ANSWER_RULE = "D7"
NECESSITY_RULE = "D5"  # the LA decides a young person's IDP is not necessary
RECONSIDERED = "wales.aln.disputes.reconsideration-decided.v1"

#: A concern to raise: the learner, the circumstances, who raises it, and when it arose.
Concern = tuple[Learner, Circumstances, str, date]


@dataclass(frozen=True)
class DeterminationView:
    """A determination as the API shows it (deadlines with their explanation)."""

    id: UUID
    version: int
    learner: dict[str, Any]
    status: str
    deciding_body: dict[str, str]
    no_decision_reason: str | None
    reconsidering_authority: str | None
    raised_by: str
    came_to_attention_on: date
    deadlines: dict[str, Deadline]
    consent: dict[str, Any] | None
    graduated_response: list[dict[str, Any]]
    evidence_requests: dict[str, dict[str, Any]]
    evidence: list[dict[str, Any]]
    nhs_referrals: dict[str, dict[str, Any]]
    referral_to_la: dict[str, Any] | None
    exceptions: list[dict[str, Any]]
    recalculations: list[dict[str, Any]]
    decision: dict[str, Any] | None
    superseded_decisions: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    withdrawal: dict[str, Any] | None


class DeterminationService(ChainedApplication):
    """Commands return the new version; queries return views. ``name`` fixes table names."""

    name = "determination"

    # -- the rule table -------------------------------------------------------------------

    def rule_table(self) -> RuleTable:
        """The rule table in force: the default, or its latest correction."""
        try:
            record: RuleTableRecord = self.repository.get(RULE_TABLE_ID)
        except AggregateNotFoundError:
            return DEFAULT_RULES
        return record.rule_table()

    def correct_rules(
        self, version: str, rules: list[Rule], *, corrected_by: str, reason: str
    ) -> RuleTable:
        try:
            record: RuleTableRecord = self.repository.get(RULE_TABLE_ID)
        except AggregateNotFoundError:
            record = RuleTableRecord()
        table = record.correct(version, rules, corrected_by=corrected_by, reason=reason)
        self.save(record)
        return table

    def recalculate_for_rules(self, rule_ids: set[str], candidates: Iterable[UUID]) -> list[UUID]:
        """Recompute open cases' deadlines under corrected rules; record those that moved."""
        table = self.rule_table()
        changed = []
        for determination_id in candidates:
            case = self._get(determination_id)
            if not case.is_open:
                continue
            moved = False
            for key in list(case.deadlines):
                deadline = case.deadline(key)
                if deadline is None or deadline.rule_id not in rule_ids:
                    continue
                calendar = None
                if key == "decision":
                    calendar = self.decision_calendar(case.deciding_body, case.learner_record)
                try:
                    new = recalculate(deadline, table, calendar)
                except CalendarTooShortError:
                    continue  # this calendar cannot count the period: the deadline stays
                if new is not None:
                    reason = f"rule {deadline.rule_id} corrected (rules {table.version})"
                    case.recalculate_deadline(deadline_key=key, new=new, reason=reason)
                    moved = True
            if moved:
                self.save(case)
                changed.append(determination_id)
        return changed

    # -- calendars ------------------------------------------------------------------------

    def calendar(self, calendar_id: str) -> TermCalendar | None:
        try:
            record: CalendarRecord = self.repository.get(calendar_aggregate_id(calendar_id))
        except AggregateNotFoundError:
            return None
        return record.term_calendar()

    def set_calendar(self, calendar: TermCalendar, *, set_by: str, source: str) -> TermCalendar:
        """Set or correct a calendar; returns it with its new version."""
        try:
            record: CalendarRecord = self.repository.get(calendar_aggregate_id(calendar.id))
            record.correct(calendar, set_by=set_by, source=source)
        except AggregateNotFoundError:
            record = CalendarRecord.set(calendar, set_by=set_by, source=source)
        self.save(record)
        return record.term_calendar()

    def decision_calendar(
        self,
        body: DecidingBody,
        learner: Learner,
        calendar: Callable[[str], TermCalendar | None] | None = None,
    ) -> TermCalendar | None:
        """The calendar a body's decision clock counts on: a school's own, else its LA's; an
        FEI's; none for an LA (weeks). ``calendar`` looks one up (default: the store)."""
        find = calendar or self.calendar
        if body.kind is BodyKind.SCHOOL:
            return find(f"school:{learner.setting_id}") or find(f"la:{learner.local_authority}")
        if body.kind is BodyKind.FEI:
            return find(f"fei:{learner.setting_id}")
        return None

    def _decision_deadline(
        self,
        body: DecidingBody,
        learner: Learner,
        trigger: date,
        rules: RuleTable | None = None,
        calendar: Callable[[str], TermCalendar | None] | None = None,
    ) -> Deadline:
        rules = rules or self.rule_table()
        found = self.decision_calendar(body, learner, calendar)
        try:
            return compute_deadline(rules, body.decision_rule, trigger, found)
        except CalendarTooShortError:
            # The calendar does not cover the whole count (terms not yet published): the
            # deadline is provisional on working days until a calendar that does arrives.
            return compute_deadline(rules, body.decision_rule, trigger, None)

    def recalculate_for_calendar(self, calendar_id: str, candidates: Iterable[UUID]) -> list[UUID]:
        """Recompute the decision deadlines of open cases that count on ``calendar_id``;
        record a recalculation where the due date changed. Returns the cases changed."""
        changed = []
        for determination_id in candidates:
            case = self._get(determination_id)
            deadline = case.deadline()
            if not case.is_open or deadline is None:
                continue
            calendar = self.decision_calendar(case.deciding_body, case.learner_record)
            if calendar is None or calendar.id != calendar_id:
                continue
            try:
                new = recalculate(deadline, self.rule_table(), calendar)
            except CalendarTooShortError:
                continue  # the calendar cannot count this case's period: it stays as it was
            if new is None:
                continue
            case.recalculate_deadline(
                deadline_key="decision",
                new=new,
                reason=f"calendar {calendar_id} corrected (version {calendar.version})",
            )
            self.save(case)
            changed.append(determination_id)
        return changed

    # -- commands -------------------------------------------------------------------------

    def _get(self, determination_id: UUID, expected_version: int | None = None) -> Determination:
        case: Determination = self.repository.get(determination_id)
        if not isinstance(case, Determination):
            raise AggregateNotFoundError(determination_id)
        if expected_version is not None and case.version != expected_version:
            raise StaleVersionError(determination_id, expected_version, case.version)
        return case

    def _save(self, case: Determination, expected_version: int | None = None) -> int:
        try:
            self.save(case)
        except IntegrityError:
            if expected_version is not None:
                # The If-Match version was current when read but lost the race to write.
                raise StaleVersionError(case.id, expected_version, expected_version + 1) from None
            raise
        return int(case.version)

    def raise_concern(
        self,
        learner: Learner,
        circumstances: Circumstances,
        *,
        raised_by: str,
        came_to_attention_on: date,
    ) -> tuple[UUID, int]:
        case = self._concern(learner, circumstances, raised_by, came_to_attention_on)
        return case.id, self._save(case)

    def raise_concerns(self, concerns: Sequence[Concern]) -> list[tuple[UUID, int] | Exception]:
        """Many concerns (an MIS's nightly sync), each routed and given its deadline as one
        alone would be, the valid ones saved in one transaction. A result per concern: its
        id and version, or the domain or clock error that refused it."""
        rules = self.rule_table()
        calendar = functools.cache(self.calendar)  # the same few calendars, looked up once
        outcomes: list[Determination | Exception] = []
        for learner, circumstances, raised_by, came_to_attention_on in concerns:
            try:
                outcomes.append(self._concern(
                    learner, circumstances, raised_by, came_to_attention_on, rules, calendar
                ))  # fmt: skip
            except (DeterminationError, ClockError) as error:
                outcomes.append(error)
        cases = [c for c in outcomes if isinstance(c, Determination)]
        if cases:
            self.save(*cases)
        return [(c.id, int(c.version)) if isinstance(c, Determination) else c for c in outcomes]

    def _concern(
        self,
        learner: Learner,
        circumstances: Circumstances,
        raised_by: str,
        came_to_attention_on: date,
        rules: RuleTable | None = None,
        calendar: Callable[[str], TermCalendar | None] | None = None,
    ) -> Determination:
        routing = route(learner, circumstances)
        deadline = None
        if routing.must_decide and not routing.awaiting_consent:
            deadline = self._decision_deadline(
                routing.body, learner, came_to_attention_on, rules, calendar
            )
        return Determination.raise_concern(
            learner,
            routing,
            raised_by=raised_by,
            came_to_attention_on=came_to_attention_on,
            decision_deadline=deadline,
        )

    def record_consent(
        self,
        determination_id: UUID,
        *,
        given: bool,
        recorded_on: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        deadline = None
        if given:
            # For a young person the clock starts with consent (D2: after consent).
            deadline = self._decision_deadline(case.deciding_body, case.learner_record, recorded_on)
        case.record_consent(
            given=given,
            recorded_on=recorded_on,
            recorded_by=recorded_by,
            decision_deadline=deadline,
        )
        return self._save(case, expected_version)

    def record_graduated_response(
        self,
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
        case = self._get(determination_id, expected_version)
        case.record_graduated_response(
            level=level,
            description=description,
            small_steps_targets=small_steps_targets,
            termly_reviews=termly_reviews,
            recorded_on=recorded_on,
            recorded_by=recorded_by,
        )
        return self._save(case, expected_version)

    def request_evidence(
        self,
        determination_id: UUID,
        *,
        request_id: str,
        from_organisation: str,
        description: str,
        requested_on: date,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        case.request_evidence(
            request_id=request_id,
            from_organisation=from_organisation,
            description=description,
            requested_on=requested_on,
        )
        return self._save(case, expected_version)

    def submit_evidence(
        self,
        determination_id: UUID,
        *,
        submitted_by: str,
        summary: str,
        documents: list[Document],
        submitted_on: date,
        request_id: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        case.submit_evidence(
            submitted_by=submitted_by,
            summary=summary,
            documents=documents,
            submitted_on=submitted_on,
            request_id=request_id,
        )
        return self._save(case, expected_version)

    def receive_nhs_referral(
        self,
        determination_id: UUID,
        *,
        referral_id: str,
        nhs_body: str,
        received_on: date,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        deadline = compute_deadline(self.rule_table(), NHS_ANSWER_RULE, received_on)
        case.receive_nhs_referral(
            referral_id=referral_id, nhs_body=nhs_body, received_on=received_on, deadline=deadline
        )
        return self._save(case, expected_version)

    def answer_nhs_referral(
        self,
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
        case = self._get(determination_id, expected_version)
        case.answer_nhs_referral(
            referral_id=referral_id,
            answer=answer,
            in_welsh=in_welsh,
            answered_on=answered_on,
            answered_by=answered_by,
            details=details,
        )
        return self._save(case, expected_version)

    def refer_to_local_authority(
        self,
        determination_id: UUID,
        *,
        reason: str,
        referred_on: date,
        referred_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        learner = case.learner_record
        la = DecidingBody(BodyKind.LOCAL_AUTHORITY, f"la:{learner.local_authority}")
        case.refer_to_local_authority(
            local_authority=la.organisation,
            reason=reason,
            referred_on=referred_on,
            referred_by=referred_by,
            deadline=self._decision_deadline(la, learner, referred_on),
        )
        return self._save(case, expected_version)

    def claim_exception(
        self,
        determination_id: UUID,
        *,
        deadline_key: str,
        reason: str,
        evidence: str,
        claimed_on: date,
        claimed_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        case.claim_exception(
            deadline_key=deadline_key,
            reason=reason,
            evidence=evidence,
            claimed_on=claimed_on,
            claimed_by=claimed_by,
        )
        return self._save(case, expected_version)

    def decide(
        self,
        determination_id: UUID,
        *,
        has_aln: bool,
        reasons: str,
        decided_on: date,
        decided_by: str,
        person: str,
        idp_necessary: bool = True,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        necessity_deadline = None
        if not idp_necessary:
            # Regs 10(3): 12 weeks from the day after the young person consented (D5), in
            # weeks, so no term calendar.
            necessity_deadline = compute_deadline(
                self.rule_table(), NECESSITY_RULE, case.consented_on
            )
        case.decide(
            has_aln=has_aln,
            reasons=reasons,
            decided_on=decided_on,
            decided_by=decided_by,
            person=person,
            idp_necessary=idp_necessary,
            necessity_deadline=necessity_deadline,
        )
        return self._save(case, expected_version)

    def issue_notice(
        self,
        determination_id: UUID,
        *,
        notice_type: NoticeType,
        recipients: list[Recipient],
        content: dict[str, str],
        issued_on: date,
        issued_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        case.issue_notice(
            notice_type=notice_type,
            recipients=recipients,
            content=content,
            issued_on=issued_on,
            issued_by=issued_by,
        )
        return self._save(case, expected_version)

    def withdraw(
        self,
        determination_id: UUID,
        *,
        reason: str,
        withdrawn_on: date,
        withdrawn_by: str,
        expected_version: int | None = None,
    ) -> int:
        case = self._get(determination_id, expected_version)
        case.withdraw(reason=reason, withdrawn_on=withdrawn_on, withdrawn_by=withdrawn_by)
        return self._save(case, expected_version)

    def on_public_event(self, envelope: Envelope) -> list[Determination]:
        """The consumer's effect of another service's public event: an LA's R1 outcome
        supersedes the school's decision it reconsidered (nothing to save otherwise, or when
        the decision is not one of this service's school decisions)."""
        data = envelope.data
        if envelope.type != RECONSIDERED or data["kind"] != "R1":
            return []
        try:
            case = self._get(UUID(data["subject_id"]))
        except AggregateNotFoundError:
            return []
        if case.deciding_body.kind is not BodyKind.SCHOOL or case.status is Status.WITHDRAWN:
            return []
        case.record_reconsideration(
            reconsideration_id=UUID(data["reconsideration_id"]),
            local_authority=data["local_authority"],
            has_aln=data["outcome"] == "has_aln",
            decided_on=date.fromisoformat(data["decided_on"]),
        )
        return [case]

    # -- queries --------------------------------------------------------------------------

    def determination(self, determination_id: UUID) -> DeterminationView:
        case = self._get(determination_id)
        return DeterminationView(
            id=case.id,
            version=case.version,
            learner=case.learner,
            status=case.status.value,
            deciding_body=case.body,
            no_decision_reason=case.no_decision_reason,
            reconsidering_authority=case.reconsidering_authority,
            raised_by=case.raised_by,
            came_to_attention_on=case.came_to_attention_on,
            deadlines={k: Deadline.from_dict(v) for k, v in case.deadlines.items()},
            consent=case.consent,
            graduated_response=case.graduated_response,
            evidence_requests=case.evidence_requests,
            evidence=case.evidence,
            nhs_referrals=case.nhs_referrals,
            referral_to_la=case.referral_to_la,
            exceptions=case.exceptions,
            recalculations=case.recalculations,
            decision=case.decision,
            superseded_decisions=case.superseded_decisions,
            notices=case.notices,
            withdrawal=case.withdrawal,
        )
