"""What the service's queries answer: small frozen views, never aggregates."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from determination.domain import Determination
from llwybr.clock import Deadline


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
        )
