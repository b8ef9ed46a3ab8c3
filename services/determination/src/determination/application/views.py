"""What the service's queries answer: small frozen views, never aggregates."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from determination.domain import DECISION, NECESSITY, Determination, Status
from determination.domain.registry import LearnerRecord, erasure_text
from determination.domain.values import nhs_deadline_key
from llwybr.clock import Deadline

MET, CANCELLED = "met", "cancelled"


def stopped_clocks(case: Determination) -> dict[str, tuple[str, date]]:
    """The deadlines whose clock has stopped: key -> ("met" or "cancelled", the day), judged
    as the reminders (notifications service) judge them. The decision clocks are met when the
    deciding body's decision is *given* (s.4(6); docs/domain.md section 11): the day its
    notice (no ALN, IDP not necessary) or the IDP was given to the family, as the case learned
    it (``given.py``; a bounced notice was not given). The LA's decision on reconsideration is
    not the body's duty done: a school that never decided missed its clock. An NHS clock is
    met by the NHS body's answer; a clock not met is cancelled when the concern is withdrawn
    or consent refused."""
    stopped: dict[str, tuple[str, date]] = {}
    if case.clock_met_on is not None:
        met_on = case.clock_met_on
        stopped |= {k: (MET, met_on) for k in (DECISION, NECESSITY) if k in case.deadlines}
    for referral_id, referral in case.nhs_referrals.items():
        if referral["answer"] is not None:
            stopped[nhs_deadline_key(referral_id)] = (MET, referral["answer"]["answered_on"])
    ended: date | None = None
    if case.status is Status.WITHDRAWN and case.withdrawal is not None:
        ended = case.withdrawal["withdrawn_on"]
    elif case.consent is not None and not case.consent["given"]:
        ended = case.consent["recorded_on"]
    if ended is not None:
        for key in case.deadlines:
            stopped.setdefault(key, (CANCELLED, ended))
    return stopped


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
    #: the deadlines no longer running, and why (``stopped_clocks``)
    stopped: dict[str, tuple[str, date]]

    @classmethod
    def of(cls, case: Determination) -> "DeterminationView":
        return cls(
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
            stopped=stopped_clocks(case),
        )


@dataclass(frozen=True)
class LearnerView:
    """A learner as the registry records them (the settings' own ids are theirs: not shown)."""

    learner_id: str
    version: int
    upn: str | None
    given_name: str | None  # None once erased (ADR 0023)
    family_name: str | None
    date_of_birth: date | None
    responsible_authority: str
    looking_after_authority: str | None
    enrolled_at: list[str]
    compulsory_school_age_on: date
    young_person_on: date
    merged_into: str | None
    #: "personal data erased on DATE under schedule X", once the learner's key is destroyed.
    personal_data_erased: str | None
    #: the open cases (as disputes published them) that stop an erasure: "appeal:<id>"
    legal_holds: list[str]

    @classmethod
    def of(cls, record: LearnerRecord) -> "LearnerView":
        return cls(
            learner_id=record.learner_id,
            version=int(record.version),
            upn=record.upn,
            given_name=record.given_name,
            family_name=record.family_name,
            date_of_birth=record.date_of_birth,
            responsible_authority=record.responsible_authority,
            looking_after_authority=record.looking_after_authority,
            enrolled_at=sorted(record.enrolled_at),
            compulsory_school_age_on=record.compulsory_school_age_on,
            young_person_on=record.young_person_on,
            merged_into=record.merged_into,
            personal_data_erased=erasure_text(record.erasure),
            legal_holds=sorted(record.legal_holds),
        )
