"""Provision delivered, or missed and why, recorded by whoever provides it."""

from typing import Annotated, Any

from fastapi import Query, Request, Response

from idp.api.answers import ProvisionReport
from idp.api.common import IdpId, ServiceDep, resource_router
from idp.api.schemas import DeliveryIn
from idp.domain.errors import (
    DateOutOfOrderError,
    DeliveryConflictError,
    IdpClosedError,
    IdpNotIssuedError,
    InvalidPlanContentError,
    UnknownAlpElementError,
)
from idp.settings import Settings
from llwybr.access import WRITE_REFUSALS
from llwybr.edge import (
    Accepted,
    ActDate,
    CallerDep,
    IfMatch,
    accepted,
    expected_version,
    today_in_wales,
)
from llwybr.problem_types import raises

router = resource_router()


@router.post(
    "/{idp_id}/deliveries",
    summary="Record provision delivered (or missed, and why)",
    openapi_extra=raises(
        DateOutOfOrderError,
        DeliveryConflictError,
        IdpClosedError,
        IdpNotIssuedError,
        InvalidPlanContentError,
        UnknownAlpElementError,
        refusals={
            **WRITE_REFUSALS,
            "not-provider": "Only the organisation providing the element records its provision.",
        },
    ),
)
def record_delivery(
    idp_id: IdpId, body: DeliveryIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records a session of an ALP element delivered (with its minutes and language), or missed and
    why, on a day. The element's provider records it in its own name (`recorded_by` must be
    the caller's organisation), or the maintaining body on its behalf; a repeat of a record
    on file changes nothing. What is delivered is measured against the element's schedule in
    `GET /v1/idps/{idp_id}/provision`."""
    version = service.record_delivery(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.get(
    "/{idp_id}/provision",
    summary="Provision planned against delivered, per element, to a day (issue 24)",
    response_model=ProvisionReport,
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def provision(
    idp_id: IdpId,
    request: Request,
    caller: CallerDep,
    service: ServiceDep,
    as_of: Annotated[ActDate | None, Query(description="Default: today in Wales")] = None,
) -> dict[str, Any]:
    """Expected to date over the school-day calendar, delivered, missed with reasons, the
    gap, and the shortfalls (``IDP_SHORTFALL_*``). ``provisional``: no calendar is known for
    the school nor its learner's LA, so term-time figures are counted on working days and
    not judged; an element with ``measurable`` false has no schedule (nothing is due)."""
    settings: Settings = request.app.state.settings
    view = service.provision(
        caller, idp_id, as_of=as_of or today_in_wales(), policy=settings.shortfall_policy()
    )
    return {
        "id": str(view.id),
        "as_of": view.as_of.isoformat(),
        "calendar": view.calendar,
        "elements": view.elements,
        "short": view.short,
        "provisional": view.provisional,
    }
