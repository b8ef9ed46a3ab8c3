"""The determination service's HTTP API (internal: the gateway is the public entry).

One module per resource; the request and response models are in ``schemas``. Requests are
validated at the edge (a rejected request changes nothing); updates take ``If-Match`` with the
version from the ``ETag``; errors are problem+json from one table (``errors``). Each route
translates HTTP into one call of the service layer, which checks the caller's access.
"""

from fastapi import APIRouter

from determination.api import (
    bulk,
    calendars,
    decisions,
    determinations,
    evidence,
    learners,
    lists,
    retention,
    rules,
)
from determination.api.errors import ERROR_STATUSES, RESPONSES

router = APIRouter(prefix="/v1", tags=["determinations"], responses=RESPONSES)
resources = (
    determinations,
    lists,
    bulk,
    evidence,
    decisions,
    calendars,
    rules,
    learners,
    retention,
)
for resource in resources:
    router.include_router(resource.router)

__all__ = ["ERROR_STATUSES", "router"]
