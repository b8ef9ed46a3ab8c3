"""The LA's arrangements through the API: disagreement resolution cases and independent
advocacy (Act ss.68-69).

An LA that may start records for the learner (responsible for them, or looking after them)
opens and concludes its cases and records advocacy; the learner's LAs, a party's organisation
(a school, an FEI, an NHS body) and the auditors of the jurisdiction may read a case; others
get the one 404 (``llwybr.access``).
"""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response

from disputes.api.schemas import (
    AdvocacyIn,
    ConclusionIn,
    DisagreementIn,
    EndIn,
    ProvisionIn,
)
from disputes.api.shared import (
    REQUEST_ERRORS,
    RESPONSES,
    LearnedDep,
    ServiceDep,
    current,
    refusals,
)
from disputes.api.views import AdvocacyView, DisagreementResolutionView
from disputes.domain import CaseParticipant
from disputes.domain.errors import (
    DateOutOfOrderError,
    DisagreementResolutionAlreadyStartedError,
    FacilitatorNotIndependentError,
    FactsDifferError,
    InvalidTransitionError,
    InvalidValueError,
    NotDecidedError,
    OutsideWindowError,
    WrongDeadlineError,
)
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, created, expected_version
from llwybr.problem_types import raises

router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)


@router.post(
    "/disagreement-resolutions",
    status_code=201,
    summary="Open a disagreement resolution case (in an appeal window: 8 more weeks to appeal)",
    openapi_extra=raises(
        DateOutOfOrderError,
        DisagreementResolutionAlreadyStartedError,
        FacilitatorNotIndependentError,
        FactsDifferError,
        InvalidTransitionError,
        InvalidValueError,
        NotDecidedError,
        OutsideWindowError,
        WrongDeadlineError,
        refusals=refusals("la-only", "not-the-keeper"),
    ),
)
def open_case(
    body: DisagreementIn,
    service: ServiceDep,
    caller: CallerDep,
    learned: LearnedDep,
    response: Response,
) -> Accepted:
    """Opens a disagreement resolution case the LA arranges (Act s.68): its facilitator, the
    parties and what the disagreement is about. Only an LA that may start records for the
    learner (responsible for them, or looking after them) may open one. Taking part is
    voluntary and does not affect the right of appeal; a case opened within an appeal window
    adds 8 weeks to it. The answer is the case's `id` and `version`."""
    facilitator = CaseParticipant(body.facilitator.name, None, body.facilitator.organisation)
    parties = [CaseParticipant(p.name, p.role, p.organisation) for p in body.parties]
    case_id, version = service.open_disagreement_resolution(
        caller,
        learned,
        **body.model_dump(exclude={"facilitator", "parties"}),
        facilitator=facilitator,
        parties=parties,
    )
    return created(response, f"/v1/disagreement-resolutions/{case_id}", case_id, version)


@router.get(
    "/disagreement-resolutions/{case_id}",
    summary="A disagreement resolution case",
    response_model=DisagreementResolutionView,
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def get_case(
    case_id: UUID, service: ServiceDep, caller: CallerDep, response: Response
) -> dict[str, Any]:
    """A disagreement resolution case as it stands: its parties, facilitator, related case and,
    once concluded, its outcome. The learner's LAs, a party's organisation and the auditors
    of the jurisdiction may read it; anyone else gets the one 404."""
    return current(response, service.disagreement_resolution(caller, case_id))


@router.post(
    "/disagreement-resolutions/{case_id}/conclusion",
    summary="The case's outcome",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("not-the-keeper"),
    ),
)
def conclude(
    case_id: UUID,
    body: ConclusionIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records how the disagreement resolution case ended (its outcome and the day). Only the LA
    that keeps the case may, once; a concluded case refuses another conclusion."""
    expected = expected_version(if_match)
    version = service.conclude_disagreement_resolution(
        caller, case_id, expected, **body.model_dump()
    )
    return accepted(response, case_id, version)


@router.post(
    "/advocacy",
    status_code=201,
    summary="Independent advocacy requested of the LA",
    openapi_extra=raises(
        *REQUEST_ERRORS,
        refusals=refusals("la-only"),
    ),
)
def request_advocacy(
    body: AdvocacyIn, service: ServiceDep, caller: CallerDep, response: Response
) -> Accepted:
    """Records a request for independent advocacy made to the calling LA (Act s.69), for a learner
    it may start records for, optionally tied to a related dispute case of the same learner.
    The answer is the new record's `id` and `version`; a learner the LA may not see is the
    one 404."""
    advocacy_id, version = service.request_advocacy(caller, **body.model_dump())
    return created(response, f"/v1/advocacy/{advocacy_id}", advocacy_id, version)


@router.get(
    "/advocacy/{advocacy_id}",
    summary="An advocacy request and its provision",
    response_model=AdvocacyView,
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def get_advocacy(
    advocacy_id: UUID, service: ServiceDep, caller: CallerDep, response: Response
) -> dict[str, Any]:
    """An advocacy request with its advocate and, once ended, how it ended. The learner's LAs, a
    party's organisation and the auditors of the jurisdiction may read it; anyone else gets
    the one 404."""
    return current(response, service.advocacy(caller, advocacy_id))


@router.post(
    "/advocacy/{advocacy_id}/provision",
    summary="An independent advocate acts",
    openapi_extra=raises(
        DateOutOfOrderError,
        FacilitatorNotIndependentError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("not-the-keeper"),
    ),
)
def provide(
    advocacy_id: UUID,
    body: ProvisionIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that an independent advocate acts for the learner, named with their organisation,
    from the day given. Only the LA that keeps the record may, and not after the advocacy
    ended."""
    advocate = CaseParticipant(body.advocate.name, None, body.advocate.organisation)
    version = service.provide_advocacy(
        caller,
        advocacy_id,
        expected_version(if_match),
        advocate=advocate,
        provided_on=body.provided_on,
    )
    return accepted(response, advocacy_id, version)


@router.post(
    "/advocacy/{advocacy_id}/end",
    summary="The advocacy ends",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("not-the-keeper"),
    ),
)
def end(
    advocacy_id: UUID,
    body: EndIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that the advocacy ended, with the day and the reason. Only the LA that keeps the
    record may; an advocacy that already ended refuses it."""
    expected = expected_version(if_match)
    version = service.end_advocacy(caller, advocacy_id, expected, **body.model_dump())
    return accepted(response, advocacy_id, version)
