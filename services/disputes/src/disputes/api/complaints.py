"""Complaints through the API (issue 23): the LA responsible for a learner records a complaint
about the learner's case and closes it. While one is open the learner's personal data is on
legal hold: the learner registry refuses the erasure (409 `legal-hold`) until it is closed.
"""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response

from disputes.api.schemas import ComplaintClosureIn, ComplaintIn
from disputes.api.shared import RESPONSES, ServiceDep, current, refusals
from disputes.api.views import ComplaintView
from disputes.domain.errors import (
    DateOutOfOrderError,
    FacilitatorNotIndependentError,
    InvalidTransitionError,
    InvalidValueError,
)
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, created, expected_version
from llwybr.problem_types import raises

router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)


@router.post(
    "/complaints",
    status_code=201,
    summary="A complaint the responsible LA received (a hold)",
    openapi_extra=raises(
        FacilitatorNotIndependentError,
        InvalidValueError,
        refusals=refusals("la-only", "not-responsible-la"),
    ),
)
def open_complaint(
    body: ComplaintIn, service: ServiceDep, caller: CallerDep, response: Response
) -> Accepted:
    """Records a complaint about the learner's case that the calling LA, responsible for the
    learner, received: who made it, what it is about and the day. While it is open the
    learner's personal data is on legal hold, so no erasure runs (409 `legal-hold` at the
    learner's erasure). Another LA gets 403 `not-responsible-la`; a learner the caller may
    not see is the one 404. The answer is the complaint's `id` and `version`."""
    complaint_id, version = service.open_complaint(caller, **body.model_dump())
    return created(response, f"/v1/complaints/{complaint_id}", complaint_id, version)


@router.get(
    "/complaints/{complaint_id}",
    summary="A complaint and whether it is open",
    response_model=ComplaintView,
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def get_complaint(
    complaint_id: UUID, service: ServiceDep, caller: CallerDep, response: Response
) -> dict[str, Any]:
    """A complaint as it stands: who made it, about what, since when and, once closed, how it
    ended. The learner's LAs and the auditors of the jurisdiction may read it; anyone else
    gets the one 404. After the learner's erasure its text reads null."""
    return current(response, service.complaint(caller, complaint_id))


@router.post(
    "/complaints/{complaint_id}/closure",
    summary="The complaint is closed",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("not-the-keeper"),
    ),
)
def close_complaint(
    complaint_id: UUID,
    body: ComplaintClosureIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that the complaint was closed, the day and how it ended: its legal hold on the
    learner's personal data ends, and an erasure that fell due may run. Only the LA that keeps
    the complaint may, once; a closed complaint refuses another closure (409)."""
    expected = expected_version(if_match)
    version = service.close_complaint(caller, complaint_id, expected, **body.model_dump())
    return accepted(response, complaint_id, version)
