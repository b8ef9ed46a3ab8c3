"""The determination service's errors as HTTP: the one table the problem handler renders."""

from determination.domain.errors import (
    ConsentRequiredError,
    DateOutOfOrderError,
    DeterminationAlreadyDecidedError,
    DeterminationError,
    DeterminationNotOpenError,
    IdpArrangementNotAllowedError,
    IdpNecessityNotDecidableError,
    IncompleteNoticeError,
    InvalidLearnerError,
    InvalidTransitionError,
    InvalidUpnError,
    LegalHoldError,
    OpenDeterminationError,
    PersonalDataErasedError,
    UnknownReferenceError,
    WrongDecidingBodyError,
    YoungPersonConflictError,
)
from llwybr.clock import InvalidCalendarError, InvalidRuleError
from llwybr.edge import responses
from llwybr.personal_data.fields import LearnerErasedError

#: Domain errors to (HTTP status, problem type), rendered by the one problem handler.
ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    InvalidUpnError: (422, "invalid-upn"),
    YoungPersonConflictError: (422, "young-person-conflict"),
    OpenDeterminationError: (409, "open-determination"),
    InvalidLearnerError: (422, "invalid-learner"),
    DateOutOfOrderError: (422, "date-out-of-order"),
    IncompleteNoticeError: (422, "incomplete-notice"),
    WrongDecidingBodyError: (403, "wrong-body"),
    UnknownReferenceError: (404, "unknown-reference"),
    DeterminationAlreadyDecidedError: (409, "already-decided"),
    DeterminationNotOpenError: (409, "not-open"),
    ConsentRequiredError: (409, "consent-required"),
    IdpNecessityNotDecidableError: (409, "idp-necessity-not-decidable"),
    IdpArrangementNotAllowedError: (422, "idp-arrangement-not-allowed"),
    InvalidTransitionError: (409, "invalid-transition"),
    PersonalDataErasedError: (422, "personal-data-erased"),
    # a read of what only the learner's destroyed key opened (an evidence document): gone
    LearnerErasedError: (410, "personal-data-erased"),
    LegalHoldError: (409, "legal-hold"),
    DeterminationError: (422, "determination"),
    InvalidCalendarError: (422, "invalid-calendar"),
    InvalidRuleError: (422, "invalid-rule"),
}

#: The problem responses every determination route documents.
RESPONSES = responses(
    s400="A malformed header (If-Match) or body",
    s403="The acting body may not do this",
    s404="No such determination or reference",
    s409="The case's state does not allow it",
    s412="If-Match names a version that is no longer current",
)

#: What a write to an open case meets when the case is no longer open (``_require_open``).
CASE_CLOSED = (DeterminationAlreadyDecidedError, DeterminationNotOpenError)
#: The refusal of a request outside the caller's remit (``access.require_may_*``).
SCOPE_REFUSAL = {"scope": "The caller's organisation may not do this here."}
