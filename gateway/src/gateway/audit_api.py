"""The access audit log, read by auditors through the public API (scope ``audit:read``)."""

from datetime import datetime
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from gateway import store
from gateway.routing import audit, authorise

router = APIRouter(prefix="/v1", tags=["audit"])


class AccessPage(BaseModel):
    items: list[dict[str, Any]]
    next_after: int | None = Field(description="Pass as `after` for the next page")


@router.get(
    "/access-audit",
    summary="Who read or changed which records, when, and how it ended",
    response_model=AccessPage,
    responses={401: {"description": "No valid token"}, 403: {"description": "No audit:read"}},
)
async def access_log(
    request: Request,
    organisation: Annotated[str | None, Query(max_length=64)] = None,
    resource_id: Annotated[str | None, Query(max_length=64)] = None,
    since: datetime | None = None,
    after: Annotated[int | None, Query(ge=0)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AccessPage | Response:
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims
    items = await anyio.to_thread.run_sync(
        lambda: store.find_access(
            request.app.state.engine,
            organisation=organisation,
            resource_id=resource_id,
            since=since,
            after=after,
            limit=limit,
        )
    )
    await audit(request, claims, "granted", 200)  # reading the log is itself logged
    next_after = items[-1]["id"] if len(items) == limit else None
    return AccessPage(items=items, next_after=next_after)
