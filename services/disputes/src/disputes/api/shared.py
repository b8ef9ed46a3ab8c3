"""What every disputes resource shares at the edge: the error table, the problem responses its
routes document, and the typed dependencies (the service, what it learned, a connection)."""

from collections.abc import Iterator, Mapping
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Request, Response

from disputes.application import DisputesService
from disputes.decisions import learned_decisions, learned_versions
from disputes.domain import (
    AlreadyDecidedError,
    DisputesError,
    FacilitatorNotIndependentError,
    FactsDifferError,
    InvalidTransitionError,
    NoStandingError,
    NotASchoolDecisionError,
    NotDecidedError,
    NoticeUnknownError,
    OutsideWindowError,
    RespondentNotAllowedError,
    UnknownReferenceError,
    VersionNotIssuedError,
    WrongBodyError,
    WrongPartyError,
)
from disputes.domain.errors import (
    DateOutOfOrderError,
    InvalidOutcomeError,
    InvalidValueError,
    WrongDeadlineError,
)
from disputes.domain.learned import IssuedVersions, LearnedDecisions
from llwybr.access import WRITE_REFUSALS
from llwybr.edge import application_of, responses
from llwybr.history import state_of

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    FactsDifferError: (422, "facts-differ"),
    FacilitatorNotIndependentError: (422, "not-independent"),
    NoticeUnknownError: (422, "notice-unknown"),
    NotASchoolDecisionError: (422, "not-a-school-decision"),
    NotDecidedError: (422, "not-decided"),
    RespondentNotAllowedError: (422, "respondent-not-allowed"),
    NoStandingError: (422, "no-standing"),
    OutsideWindowError: (422, "outside-window"),
    WrongBodyError: (403, "wrong-body"),
    WrongPartyError: (422, "wrong-party"),
    UnknownReferenceError: (404, "not-found"),  # the one 404 (an order, a recommendation)
    AlreadyDecidedError: (409, "already-decided"),
    VersionNotIssuedError: (409, "version-not-issued"),
    InvalidTransitionError: (409, "invalid-transition"),
    DisputesError: (422, "disputes"),
}

RESPONSES = responses(
    s400="A malformed header (If-Match) or body",
    s403="The caller may not do this",
    s404="No such case (or not one the caller may see)",
    s409="The case's state does not allow it",
    s412="If-Match names a version that is no longer current",
)

ServiceDep = Annotated[DisputesService, Depends(application_of(DisputesService))]


def _learned(request: Request) -> LearnedDecisions:
    return learned_decisions(request.app.state.engine)


#: What this service learned of other bodies' decisions (checked by the application).
LearnedDep = Annotated[LearnedDecisions, Depends(_learned)]


def _versions(request: Request) -> IssuedVersions:
    return learned_versions(request.app.state.engine)


#: The plan versions the IDP service issued (a compliance with an order to revise cites one).
VersionsDep = Annotated[IssuedVersions, Depends(_versions)]


def _connection(request: Request) -> Iterator[sa.Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


#: A connection to the service's read models.
ConnectionDep = Annotated[sa.Connection, Depends(_connection)]


#: The library's own attribute names, as every other service answers them (issue 20).
_RENAMED = {"_id": "id", "_version": "version", "_created_on": "created_on",
            "_modified_on": "modified_on"}  # fmt: skip
#: The aggregates' stored deadlines, answered in one ``deadlines`` object as determinations
#: and IDPs answer theirs, by name: the one its clock runs on, and the windows it opens.
STORED_DEADLINES = {"deadline_data": "decision", "appeal_window_data": "appeal_window",
              "review_window_data": "review_window"}  # fmt: skip


def current(
    response: Response, aggregate: Any, judged: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An aggregate's state as JSON in the shape every service answers (``id``, ``version``,
    ``deadlines``), its version as the ``ETag``; ``judged``: deadlines with their state
    (met, open, missed) as ``/v1/reminders`` judges them, in place of the stored ones."""
    response.headers["ETag"] = f'"{aggregate.version}"'
    state = state_of(aggregate)
    public = {_RENAMED.get(k, k): v for k, v in state.items() if k not in STORED_DEADLINES}
    deadlines = {name: state[k] for k, name in STORED_DEADLINES.items() if k in state}
    deadlines |= judged or {}
    if deadlines:
        public["deadlines"] = deadlines
    return public


#: The refusals a case's write may answer besides ``WRITE_REFUSALS`` (``disputes.access``).
_REFUSALS = {
    "tribunal-only": "Only the Education Tribunal for Wales does this.",
    "not-ordered": "Only the body ordered reports its compliance.",
    "not-recommended": "Only the NHS body recommended to reports on it.",
    "la-only": "The LA makes these arrangements and records these requests.",
    "not-the-keeper": "Another LA acts on this case.",
    "not-responsible-la": "The learner's responsible LA keeps their complaints.",
}

#: What a decision on a case meets (``decide`` of an appeal or a reconsideration).
DECISION_ERRORS = (
    AlreadyDecidedError,
    DateOutOfOrderError,
    InvalidOutcomeError,
    InvalidTransitionError,
    InvalidValueError,
    WrongBodyError,
    WrongDeadlineError,
)
#: What a request against a decision meets: the decision's facts, who asks, the window.
REQUEST_ERRORS = (
    DateOutOfOrderError,
    FactsDifferError,
    InvalidValueError,
    NoStandingError,
    NotASchoolDecisionError,
    OutsideWindowError,
    WrongDeadlineError,
)


def refusals(*reasons: str) -> dict[str, str]:
    """A write's 403 refusals: the shared ones and its own ``reasons``."""
    return {**WRITE_REFUSALS, **{reason: _REFUSALS[reason] for reason in reasons}}
