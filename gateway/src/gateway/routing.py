"""Forwarding ``/v1`` requests to the service that owns the resource.

Problems from services pass through unchanged; a service that is down or slow gives 503
problem+json with ``Retry-After``, never a hang. Only idempotent requests are retried.
"""

import asyncio
import logging

import httpx
from fastapi import APIRouter, Request, Response

from gateway.services import ServiceClients
from llwybr.problems import problem_response

log = logging.getLogger(__name__)

#: The first path segment under /v1 and the service that owns it.
RESOURCES: dict[str, str] = {
    "determinations": "determination",
    "determinations-due-soon": "determination",
    "documents": "determination",
    "calendars": "determination",
    "rule-table": "determination",
    "statistics": "determination",
}

FORWARDED_REQUEST_HEADERS = (
    "accept",
    "content-type",
    "if-match",
    "if-none-match",
    "idempotency-key",
    "x-request-id",
)
FORWARDED_RESPONSE_HEADERS = ("content-type", "etag", "location", "retry-after")
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_AFTER_SECONDS = "5"

router = APIRouter()


@router.api_route(
    "/v1/{resource}/{rest:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
@router.api_route(
    "/v1/{resource}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False
)
async def forward(resource: str, request: Request) -> Response:
    service = RESOURCES.get(resource)
    if service is None:
        return problem_response(request, 404, "Not Found", f"no resource /v1/{resource}")
    clients: ServiceClients = request.app.state.services
    client = clients[service]
    headers = {h: v for h in FORWARDED_REQUEST_HEADERS if (v := request.headers.get(h))}
    headers["x-request-id"] = request.state.request_id
    body = await request.body()
    attempts = 2 if request.method in IDEMPOTENT else 1
    for attempt in range(attempts):
        try:
            upstream = await client.request(
                request.method,
                request.url.path,
                params=str(request.query_params),
                content=body,
                headers=headers,
            )
            break
        except (httpx.ConnectError, httpx.TimeoutException) as error:
            log.warning("%s unavailable (%s), attempt %d", service, error, attempt + 1)
            if attempt + 1 < attempts:
                await asyncio.sleep(0.2)
    else:
        return problem_response(
            request,
            503,
            "Service Unavailable",
            f"the {service} service is not answering; try again shortly",
            kind="service-unavailable",
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )
    response_headers = {
        h: v for h in FORWARDED_RESPONSE_HEADERS if (v := upstream.headers.get(h)) is not None
    }
    return Response(upstream.content, status_code=upstream.status_code, headers=response_headers)
