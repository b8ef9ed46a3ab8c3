"""The determination domain: pure aggregates, routing, notices and errors (no I/O)."""

from determination.domain.deciding import IdpArrangement
from determination.domain.determination import Determination
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
from determination.domain.values import (
    DECISION,
    NECESSITY,
    Document,
    NhsAnswer,
    ProvisionLevel,
    Status,
)

__all__ = [
    "DECISION",
    "NECESSITY",
    "BodyKind",
    "Circumstances",
    "DecidingBody",
    "Determination",
    "Document",
    "IdpArrangement",
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
