"""The determination domain: pure aggregates, routing, notices and errors (no I/O)."""

from determination.domain.determination import (
    DECISION,
    NECESSITY,
    Determination,
    Document,
    NhsAnswer,
    ProvisionLevel,
    Status,
)
from determination.domain.learner import Learner, Setting, validate_upn
from determination.domain.notices import NoticeType, Recipient
from determination.domain.routing import (
    BodyKind,
    Circumstances,
    DecidingBody,
    NoDecisionReason,
    Routing,
    route,
)

__all__ = [
    "DECISION",
    "NECESSITY",
    "BodyKind",
    "Circumstances",
    "DecidingBody",
    "Determination",
    "Document",
    "Learner",
    "NhsAnswer",
    "NoDecisionReason",
    "NoticeType",
    "ProvisionLevel",
    "Recipient",
    "Routing",
    "Setting",
    "Status",
    "route",
    "validate_upn",
]
