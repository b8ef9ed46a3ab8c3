"""The values a determination is made of: its states, deadline keys, provision levels, NHS
answers and evidence documents."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

DECISION = "decision"  # key of the decision deadline; NHS referral deadlines are "nhs:<id>"
NECESSITY = "idp_necessity"  # key of the deadline of an "IDP not necessary" decision (D5)


def nhs_deadline_key(referral_id: str) -> str:
    """The key of an NHS referral's answer deadline (D7)."""
    return f"nhs:{referral_id}"


class Status(StrEnum):
    AWAITING_CONSENT = "awaiting_consent"
    GATHERING_INFORMATION = "gathering_information"
    NO_DECISION_REQUIRED = "no_decision_required"
    DECIDED_ALN = "decided_aln"
    DECIDED_NO_ALN = "decided_no_aln"
    WITHDRAWN = "withdrawn"

    @classmethod
    def decided(cls, has_aln: bool) -> "Status":
        """The state a decision (or the LA's reconsideration) leaves the case in."""
        return cls.DECIDED_ALN if has_aln else cls.DECIDED_NO_ALN


OPEN = frozenset({Status.AWAITING_CONSENT, Status.GATHERING_INFORMATION})


class ProvisionLevel(StrEnum):
    UNIVERSAL = "universal"
    TARGETED = "targeted"  # targeted universal provision with a Small Steps Plan


class NhsAnswer(StrEnum):
    IDENTIFIED = "identified"  # a relevant treatment or service was identified
    NONE = "none"


@dataclass(frozen=True)
class Document:
    """A stored evidence document, addressed by the SHA-256 of its content."""

    sha256: str
    filename: str
    media_type: str
    size: int

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))
