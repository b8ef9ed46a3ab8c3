"""The access audit log, read by auditors through the public API (scope ``audit:read``)."""

import time
from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import anyio
from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from gateway import store
from gateway.registry import NAME_PATTERN, NAMES
from gateway.routing import audit, authorise
from gateway.tokens import AccessClaims
from llwybr.edge import BIGINT_MAX, Line
from llwybr.principal import Principal, sign_principal
from llwybr.problems import ProblemError

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
    organisation: Annotated[Line | None, Query(max_length=64)] = None,
    resource_id: Annotated[Line | None, Query(max_length=64)] = None,
    since: datetime | None = None,
    after: Annotated[int | None, Query(ge=0, le=BIGINT_MAX)] = None,
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


# -- case history: timeline, state as of a moment, integrity -------------------------------


async def _history(request: Request, service: str, path: str, **params: Any) -> Any:
    """GET a service's internal history endpoint as the calling auditor."""
    claims: AccessClaims = request.state.claims
    principal = Principal(claims.client_id, claims.organisation, claims.scopes)
    headers = sign_principal(principal, request.app.state.internal_secret, int(time.time()))
    headers["x-request-id"] = request.state.request_id
    query = {k: v for k, v in params.items() if v is not None}
    response = await request.app.state.services[service].get(path, params=query, headers=headers)
    if response.status_code >= 400:
        raise ProblemError(response.status_code, "History unavailable", response.text[:500])
    return response.json()


class Timeline(BaseModel):
    learner_id: str
    items: list[dict[str, Any]]
    next_after: int | None = Field(description="Pass as `after` for the next page")


@router.get(
    "/audit/learners/{learner_id}/timeline",
    summary="A learner's whole case across services, in recorded order, paginated",
    response_model=Timeline,
)
async def learner_timeline(
    learner_id: Annotated[str, Path(max_length=64)],
    request: Request,
    after: Annotated[int, Query(ge=0, le=10**9)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Timeline | Response:
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims
    request.state.claims = claims
    events: list[dict[str, Any]] = []
    for service in NAMES:
        found = await _history(request, service, f"/internal/history/learners/{learner_id}")
        events.extend(found["events"])
    events.sort(key=lambda e: (e["recorded_at"], e["service"], e["version"]))
    page = events[after : after + limit]
    await audit(request, claims, "granted", 200)
    more = after + limit < len(events)
    return Timeline(learner_id=learner_id, items=page, next_after=after + limit if more else None)


@router.get(
    "/audit/{service}/aggregates/{aggregate_id}",
    summary="A determination, IDP, reconsideration or appeal as recorded by a moment or "
    "version, and/or as in force on a day",
    description=(
        "Two time axes, which combine. *Recorded* (`as_of_recorded`, `as_of_version`): what "
        "the system knew then, the events stored by that moment. *In force* (`in_force_on`): "
        "the case on that day in its own terms, the events dated by then (a decision entered "
        "late but dated earlier is in force from its date); each event's `in_force_on` says "
        "its day, and `not_in_force` lists the versions known but not yet in force. Both: "
        "what was in force on a day as known at a moment."
    ),
    response_model=None,
)
async def aggregate_as_of(
    service: Annotated[str, Path(pattern=NAME_PATTERN)],
    aggregate_id: UUID,
    request: Request,
    as_of_version: Annotated[int | None, Query(ge=1, le=BIGINT_MAX)] = None,
    as_of_recorded: datetime | None = None,
    in_force_on: date | None = None,
) -> dict[str, Any] | Response:
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims
    request.state.claims = claims
    result: dict[str, Any] = await _history(
        request,
        service,
        f"/internal/history/aggregates/{aggregate_id}",
        as_of_version=as_of_version,
        as_of_recorded=as_of_recorded.isoformat() if as_of_recorded else None,
        in_force_on=in_force_on.isoformat() if in_force_on else None,
    )
    await audit(request, claims, "granted", 200)
    return result


@router.get(
    "/audit/verify",
    summary="Recompute the integrity chains of a learner's case, or of a whole service",
    response_model=None,
)
async def verify(
    request: Request,
    learner_id: Annotated[Line | None, Query(max_length=64)] = None,
    service: Annotated[str | None, Query(pattern=NAME_PATTERN)] = None,
) -> dict[str, Any] | Response:
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims
    request.state.claims = claims
    reports: list[dict[str, Any]] = []
    if learner_id is not None:
        for name in NAMES:
            found = await _history(request, name, f"/internal/history/learners/{learner_id}")
            for aggregate_id in dict.fromkeys(e["aggregate_id"] for e in found["events"]):
                reports.append(
                    await _history(
                        request, name, "/internal/history/verify", aggregate_id=aggregate_id
                    )
                )
    else:
        for name in [service] if service else list(NAMES):
            reports.append(await _history(request, name, "/internal/history/verify"))
    await audit(request, claims, "granted", 200)
    broken = [r for r in reports if not r["ok"]]
    return {"ok": not broken, "checked": reports, "first_broken": broken[0] if broken else None}


# -- the Tribunal bundle ------------------------------------------------------------------------

_BUNDLE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": (
            "A ZIP of the learner's events, each aggregate's state now and as in force on each "
            "day one of its events took effect, the notices given, the evidence documents' "
            "SHA-256, the integrity check and a PDF timeline, with a manifest of every file's "
            "SHA-256 and size"
        ),
        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    },
}


@router.get(
    "/audit/learners/{learner_id}/bundle",
    summary="A learner's whole case as a Tribunal bundle (a ZIP with a manifest of hashes)",
    response_class=Response,
    responses=_BUNDLE_RESPONSES,
)
async def learner_bundle(
    learner_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")],
    request: Request,
) -> Response:
    # Imported here so that fpdf2 loads when a bundle is made, not at every gateway start.
    from gateway.bundle import build_bundle

    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims
    request.state.claims = claims
    events: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    for name in NAMES:
        found = await _history(request, name, f"/internal/history/learners/{learner_id}")
        events.extend(found["events"])
        # Checked as GET /v1/audit/verify?learner_id= checks them, in the same order.
        for aggregate_id in dict.fromkeys(e["aggregate_id"] for e in found["events"]):
            reports.append(
                await _history(request, name, "/internal/history/verify", aggregate_id=aggregate_id)
            )
    events.sort(key=lambda e: (e["recorded_at"], e["service"], e["version"]))
    states: dict[str, dict[str, Any]] = {}
    for service, aggregate_id in dict.fromkeys((e["service"], e["aggregate_id"]) for e in events):
        path = f"/internal/history/aggregates/{aggregate_id}"
        now = await _history(request, service, path)
        on_each_day = await _history(request, service, f"{path}/in-force")
        states[f"{service}/{aggregate_id}"] = {
            "version": now["version"],
            "state": now["state"],
            "in_force": on_each_day["states"],
        }
    broken = [r for r in reports if not r["ok"]]
    verification = {
        "ok": not broken,
        "checked": reports,
        "first_broken": broken[0] if broken else None,
    }
    generated_at = datetime.now().astimezone()  # aware; the bundle records it in UTC
    content = await anyio.to_thread.run_sync(
        lambda: build_bundle(learner_id, events, states, verification, generated_at)
    )
    await audit(request, claims, "granted", 200)
    filename = f"llwybr-bundle-{learner_id.replace(':', '_')}.zip"
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
