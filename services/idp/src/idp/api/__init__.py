"""The IDP service's HTTP API (internal: the gateway is the public entry).

Drafts are edited section by section; issuing freezes a numbered version (fetched exactly,
also as a bilingual PDF); later changes are revisions. Updates take ``If-Match``; errors are
problem+json from one table. One module per resource; each route translates HTTP into one call
of the service layer (``idp.application``) and its answer back.
"""

from fastapi import APIRouter

from idp.api import deliveries, drafts, lifecycle, plans, reports
from idp.domain import (
    DeliveryConflictError,
    IdpAlreadyOpenError,
    IdpError,
    IdpIncompleteError,
    IdpInvalidTransitionError,
    IdpVersionFrozenError,
    InvalidPlanContentError,
    UnknownAlpElementError,
    UnknownVersionError,
)

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    IdpIncompleteError: (422, "idp-incomplete"),
    InvalidPlanContentError: (422, "invalid-plan-content"),
    IdpVersionFrozenError: (409, "version-frozen"),
    DeliveryConflictError: (409, "delivery-conflict"),
    IdpAlreadyOpenError: (409, "idp-exists"),
    IdpInvalidTransitionError: (409, "invalid-transition"),
    # The one 404 (``llwybr.access.not_found``'s words), like a plan that does not exist.
    UnknownAlpElementError: (404, "not-found"),
    UnknownVersionError: (404, "not-found"),
    IdpError: (422, "idp"),
}

router = APIRouter()
for resource in (plans, reports, drafts, lifecycle, deliveries):
    router.include_router(resource.router)

__all__ = ["ERROR_STATUSES", "router"]
