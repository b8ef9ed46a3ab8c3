"""Provision delivered, or missed and why, recorded by whoever provides it."""

from fastapi import Response

from idp.api.common import IdpId, ServiceDep, resource_router
from idp.api.schemas import DeliveryIn
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, expected_version

router = resource_router()


@router.post("/{idp_id}/deliveries", summary="Record provision delivered (or missed, and why)")
def record_delivery(
    idp_id: IdpId, body: DeliveryIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    version = service.record_delivery(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)
