"""The access audit log and the case history, read by auditors through the public API
(scope ``audit:read``), each in its jurisdiction (``llwybr.access``): an LA's auditor reads the
access audit rows of requests that touched its learners' records, and the history of its
learners (the services check it; a record outside it is the one 404); the auditor for Wales
and the system administrator read all.
"""

import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar
from uuid import UUID

import anyio
import httpx
from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from gateway import store
from gateway.answers import AggregateAsOf, IntegrityVerification
from gateway.registry import NAME_PATTERN, NAMES
from gateway.routing import UNNAMED_REFUSALS, audit, authorise, outcome_of, problem_of
from gateway.tokens import AccessClaims
from llwybr.access import (
    JURISDICTION_HEADER,
    REFUSAL_HEADER,
    Capability,
    audience,
    denied,
    not_found,
    sees_every_learner,
)
from llwybr.edge import BIGINT_MAX, ORGANISATION, Line
from llwybr.principal import Principal, sign_principal
from llwybr.problem_types import raises
from llwybr.problems import NOT_FOUND_DETAIL, ProblemError

T = TypeVar("T")

router = APIRouter(prefix="/v1", tags=["audit"])

_WHOLE_OF_WALES = "one LA's auditor verifies by learner"
#: The one 404 these routes answer of their own (a record the caller may not see), as
#: their ``openapi_extra`` (``llwybr.problem_types.raises``).
NOT_FOUND = raises(problems={404: {"not-found": NOT_FOUND_DETAIL}})


class AccessPage(BaseModel):
    items: list[dict[str, Any]]
    next_after: int | None = Field(description="Pass as `after` for the next page")


@router.get(
    "/access-audit",
    summary="Who read or changed which records, when, and how it ended",
    response_model=AccessPage,
    openapi_extra=raises(),
    responses={401: {"description": "No valid token"}, 403: {"description": "No audit:read"}},
)
async def access_log(
    request: Request,
    organisation: Annotated[
        str | None,
        Query(
            pattern=ORGANISATION,
            examples=["la:665"],
            description="Only the rows of this organisation's requests: its kind and number",
        ),
    ] = None,
    resource_id: Annotated[Line | None, Query(max_length=64)] = None,
    since: datetime | None = None,
    after: Annotated[int | None, Query(ge=0, le=BIGINT_MAX)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AccessPage | Response:
    """The access log: who (client and organisation) read or changed which record, when, and
    how the request ended, filtered by `organisation`, `resource_id` or `since`. The system
    administrator and the auditor for Wales see every row; an LA's auditor its own LA's."""
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims
    principal = Principal(claims.client_id, claims.organisation, claims.scopes)
    seen = audience(principal, Capability.READ_HISTORY)
    if principal.kind == "system" or seen.everything:
        jurisdiction = None  # every row
    else:  # an LA's auditor: its LA's rows (anyone else: none, "-" is no LA number)
        jurisdiction = seen.jurisdiction or "-"
    items = await anyio.to_thread.run_sync(
        lambda: store.find_access(
            request.app.state.engine,
            organisation=organisation,
            resource_id=resource_id,
            since=since,
            after=after,
            limit=limit,
            jurisdiction=jurisdiction,
        )
    )
    await audit(request, claims, "granted", 200)  # reading the log is itself logged
    next_after = items[-1]["id"] if len(items) == limit else None
    return AccessPage(items=items, next_after=next_after)


# -- case history: timeline, state as of a moment, integrity -------------------------------


async def as_auditor(request: Request, service: str, path: str, **params: Any) -> httpx.Response:
    """GET a service's internal route as the calling auditor; a 404 (a record that does not
    exist or is outside the auditor's jurisdiction) is the one 404, and the jurisdiction the
    service names is noted for the audit."""
    claims: AccessClaims = request.state.claims
    principal = Principal(claims.client_id, claims.organisation, claims.scopes)
    headers = sign_principal(principal, request.app.state.internal_secret, int(time.time()))
    headers["x-request-id"] = request.state.request_id
    query = {k: v for k, v in params.items() if v is not None}
    client: httpx.AsyncClient = request.app.state.services[service]
    response = await client.get(path, params=query, headers=headers)
    request.state.jurisdiction |= store.jurisdiction_of(response.headers.get(JURISDICTION_HEADER))
    if response.status_code == 404:
        raise not_found()
    if response.status_code >= 400:
        raise ProblemError(
            response.status_code, "History unavailable", response.text[:500],
            headers={REFUSAL_HEADER: r} if (r := response.headers.get(REFUSAL_HEADER)) else None,
        )  # fmt: skip
    return response


async def history(request: Request, service: str, path: str, **params: Any) -> Any:
    """A service's answer as JSON, read as the calling auditor (``as_auditor``)."""
    return (await as_auditor(request, service, path, **params)).json()


async def _learner_events(request: Request, service: str, learner_id: str) -> list[Any]:
    """The learner's events in one service: none where the service refuses (it holds none, or
    none the auditor may see)."""
    try:
        found = await history(request, service, f"/internal/history/learners/{learner_id}")
    except ProblemError as refused:
        if refused.status == 404:
            return []
        raise
    events: list[Any] = found["events"]
    return events


async def audited(
    request: Request, claims: AccessClaims, answer: Callable[[], Awaitable[T]]
) -> T | Response:
    """Run ``answer`` as the auditor and audit how it ended: granted, or the refusal (the one
    404, answered without internal headers) with its reason and the jurisdiction noted."""
    request.state.claims = claims
    request.state.jurisdiction = frozenset()
    try:
        result = await answer()
    except ProblemError as error:
        reason = error.headers.get(REFUSAL_HEADER) or UNNAMED_REFUSALS.get(error.status)
        await audit(
            request, claims, outcome_of(error.status, reason), error.status, reason=reason,
            jurisdiction=request.state.jurisdiction,
        )  # fmt: skip
        return problem_of(request, error)
    await audit(request, claims, "granted", 200, jurisdiction=request.state.jurisdiction)
    return result


class Timeline(BaseModel):
    learner_id: str
    items: list[dict[str, Any]]
    next_after: int | None = Field(description="Pass as `after` for the next page")


@router.get(
    "/audit/learners/{learner_id}/timeline",
    summary="A learner's whole case across services, in recorded order, paginated",
    openapi_extra=NOT_FOUND,
    response_model=Timeline,
)
async def learner_timeline(
    learner_id: Annotated[str, Path(max_length=64)],
    request: Request,
    after: Annotated[int, Query(ge=0, le=10**9)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Timeline | Response:
    """Every recorded event of a learner's case in every service (determination, IDPs,
    disputes, notices), in the order recorded, as the auditor reads it. A learner with no
    event the caller may see (outside its jurisdiction, or never recorded) is the one 404."""
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims

    async def timeline() -> Timeline:
        events = await whole_case(request, learner_id)
        page = events[after : after + limit]
        more = after + limit < len(events)
        return Timeline(
            learner_id=learner_id, items=page, next_after=after + limit if more else None
        )

    return await audited(request, claims, timeline)


async def whole_case(request: Request, learner_id: str) -> list[dict[str, Any]]:
    """The learner's events in every service, in recorded order; the one 404 when there are
    none the auditor may see (outside its jurisdiction, or never recorded)."""
    events: list[dict[str, Any]] = []
    for service in NAMES:
        events.extend(await _learner_events(request, service, learner_id))
    if not events:
        raise not_found()
    events.sort(key=lambda e: (e["recorded_at"], e["service"], e["version"]))
    return events


@router.get(
    "/audit/{service}/aggregates/{aggregate_id}",
    summary="A determination, IDP, reconsideration or appeal as recorded by a moment or "
    "version, and/or as in force on a day",
    openapi_extra=NOT_FOUND,
    description=(
        "Two time axes, which combine. *Recorded* (`as_of_recorded`, `as_of_version`): what "
        "the system knew then, the events stored by that moment. *In force* (`in_force_on`): "
        "the case on that day in its own terms, the events dated by then (a decision entered "
        "late but dated earlier is in force from its date); each event's `in_force_on` says "
        "its day, and `not_in_force` lists the versions known but not yet in force. Both: "
        "what was in force on a day as known at a moment."
    ),
    response_model=AggregateAsOf,
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

    async def aggregate() -> dict[str, Any]:
        result: dict[str, Any] = await history(
            request,
            service,
            f"/internal/history/aggregates/{aggregate_id}",
            as_of_version=as_of_version,
            as_of_recorded=as_of_recorded.isoformat() if as_of_recorded else None,
            in_force_on=in_force_on.isoformat() if in_force_on else None,
        )
        return result

    return await audited(request, claims, aggregate)


@router.get(
    "/audit/verify",
    summary="Recompute the integrity chains of a learner's case, or of a whole service",
    openapi_extra=raises(
        refusals={"not-whole-of-wales": f"A whole store: {_WHOLE_OF_WALES}."},
        problems={404: {"not-found": NOT_FOUND_DETAIL}},
    ),
    response_model=IntegrityVerification,
)
async def verify(
    request: Request,
    learner_id: Annotated[Line | None, Query(max_length=64)] = None,
    service: Annotated[str | None, Query(pattern=NAME_PATTERN)] = None,
) -> dict[str, Any] | Response:
    """Recomputes the hash chains of the events of a learner's case (`learner_id`), or of a
    whole service's store (`service`, the auditor for Wales's check), and reports each chain
    intact or where it breaks. A broken chain means a recorded event was changed or removed."""
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims

    async def verification() -> dict[str, Any]:
        if learner_id is not None:
            reports = await learner_reports(request, await whole_case(request, learner_id))
        else:  # a whole store is every LA's learners: the auditor for Wales's to check
            principal = Principal(claims.client_id, claims.organisation, claims.scopes)
            if not sees_every_learner(principal, Capability.READ_HISTORY):
                raise denied("not-whole-of-wales", _WHOLE_OF_WALES)
            names = [service] if service else list(NAMES)
            reports = [await history(request, n, "/internal/history/verify") for n in names]
        broken = [r for r in reports if not r["ok"]]
        return {"ok": not broken, "checked": reports, "first_broken": broken[0] if broken else None}

    return await audited(request, claims, verification)


async def learner_reports(request: Request, events: list[dict[str, Any]]) -> list[Any]:
    """The integrity check of each aggregate of a learner's case, by service in their order."""
    reports: list[Any] = []
    for name in NAMES:
        for aggregate_id in dict.fromkeys(
            e["aggregate_id"] for e in events if e["service"] == name
        ):
            reports.append(
                await history(request, name, "/internal/history/verify", aggregate_id=aggregate_id)
            )
    return reports
