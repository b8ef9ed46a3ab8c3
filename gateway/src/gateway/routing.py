"""Forwarding ``/v1`` requests to the service that owns the resource.

Each request is authenticated (bearer token), checked against the route's scope, made
idempotent when it carries ``Idempotency-Key``, forwarded with the caller's identity in a signed
internal header, and written to the access audit log. Problems from services pass through
unchanged; a service that is down or slow gives 503 problem+json with ``Retry-After``.

A repeated POST gets the first answer again, unless that answer was marked ``no-store`` (it
held a secret shown once, which the gateway does not keep): then the repeat is not run again
and gets a 409 problem saying where the resource is and how to get a new secret.
"""

import asyncio
import logging
import re
import time

import anyio
import httpx
from fastapi import APIRouter, Request, Response

from gateway import store
from gateway.authz import required_scope
from gateway.ratelimit import retry_after
from gateway.registry import RESOURCES
from gateway.services import ServiceClients
from gateway.tokens import AccessClaims, InvalidTokenError, JwksUnavailableError
from llwybr.principal import Principal, sign_principal
from llwybr.problems import problem_response

log = logging.getLogger(__name__)

FORWARDED_REQUEST_HEADERS = ("accept", "content-type", "if-match", "if-none-match")
FORWARDED_RESPONSE_HEADERS = ("cache-control", "content-type", "etag", "location", "retry-after")
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_AFTER_SECONDS = "5"
#: The longest Idempotency-Key kept (the records' column); a longer one is refused, not cut.
MAX_KEY_LENGTH = 255
#: The sub-resource that issues a new secret, for a resource whose secret was shown once.
ROTATION_SEGMENT = "secret-rotation"
_RESOURCE_ID = re.compile(r"^/v1/[a-z-]+/([0-9a-f-]{36}|[0-9a-f]{64}|[a-z]+:[0-9A-Za-z]+)")

router = APIRouter()


async def authenticate(request: Request) -> AccessClaims | Response:
    """The caller's verified claims, or a 401 problem."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return _unauthorised(request, "a bearer access token is required", "invalid_request")
    try:
        claims: AccessClaims = await request.app.state.security.validator.validate(token.strip())
    except InvalidTokenError as error:
        return _unauthorised(request, f"the access token is not valid ({error.reason})")
    except JwksUnavailableError:
        return problem_response(
            request, 503, "Service Unavailable", "the identity provider's keys are unavailable",
            kind="issuer-unavailable", headers={"Retry-After": RETRY_AFTER_SECONDS},
        )  # fmt: skip
    return claims


def _unauthorised(request: Request, detail: str, error: str = "invalid_token") -> Response:
    return problem_response(
        request, 401, "Unauthorized", detail, kind="unauthenticated",
        headers={"WWW-Authenticate": f'Bearer error="{error}"'},
    )  # fmt: skip


async def audit(request: Request, claims: AccessClaims | None, outcome: str, status: int) -> None:
    """Write who did what to which record, and how it ended, to the access audit log."""
    match = _RESOURCE_ID.match(request.url.path)
    record = store.AccessRecord(
        request_id=request.state.request_id,
        client_id=claims.client_id if claims else None,
        organisation=claims.organisation if claims else None,
        method=request.method,
        path=request.url.path,
        resource_id=match.group(1) if match else None,
        outcome=outcome,
        status=status,
    )
    await anyio.to_thread.run_sync(store.record_access, request.app.state.engine, record)


async def authorise(request: Request, scope: str) -> AccessClaims | Response:
    """The caller's claims if it holds ``scope``; else the 401/403 problem (audited)."""
    authenticated = await authenticate(request)
    if isinstance(authenticated, Response):
        await audit(request, None, "denied", 401)
        return authenticated
    request.state.client_id = authenticated.client_id  # for the access line
    if scope not in authenticated.scopes:
        await audit(request, authenticated, "denied", 403)
        return problem_response(
            request, 403, "Forbidden", f"this needs the {scope} scope", kind="insufficient-scope",
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{scope}"'},
        )  # fmt: skip
    return authenticated


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
    scope = required_scope(request.method, request.url.path)
    if service is None or scope is None:
        return problem_response(request, 404, "Not Found", f"no route {request.url.path}")
    claims = await authorise(request, scope)
    if isinstance(claims, Response):
        return claims
    wait = request.app.state.rate_limiter.take(claims.client_id)
    if wait > 0:
        await audit(request, claims, "denied", 429)
        return problem_response(
            request, 429, "Too Many Requests", "this client's rate limit is reached",
            kind="rate-limited", headers={"Retry-After": retry_after(wait)},
        )  # fmt: skip
    body = await request.body()
    if len(body) > request.app.state.settings.max_request_bytes:
        await audit(request, claims, "denied", 413)
        return problem_response(request, 413, "Content Too Large", "the request body is too large")
    key = request.headers.get("idempotency-key")
    if key and request.method == "POST" and len(key) > MAX_KEY_LENGTH:
        await audit(request, claims, "denied", 400)
        return problem_response(
            request, 400, "Bad Request",
            f"Idempotency-Key is longer than {MAX_KEY_LENGTH} characters", kind="idempotency",
        )  # fmt: skip
    if key and request.method == "POST":
        response = await _idempotent(request, claims, service, key, body)
    else:
        response = await _send(request, claims, service, body)
    outcome = "granted" if response.status_code < 400 else "failed"
    await audit(request, claims, outcome, response.status_code)
    return response


async def _idempotent(
    request: Request, claims: AccessClaims, service: str, key: str, body: bytes
) -> Response:
    engine = request.app.state.engine
    fingerprint = store.request_hash(request.method, request.url.path, body)
    try:
        stored = await anyio.to_thread.run_sync(
            store.begin, engine, claims.client_id, key, fingerprint
        )
    except store.IdempotencyConflictError as error:
        return problem_response(
            request, error.status, "Idempotency conflict", str(error), kind="idempotency"
        )
    if stored is not None and stored.body is None:
        return _not_replayed(request, stored)
    if stored is not None:
        replay = Response(stored.body, status_code=stored.status, headers=stored.headers)
        replay.headers["Idempotent-Replayed"] = "true"
        return replay
    response: Response | None = None
    try:
        response = await _send(request, claims, service, body)
        return response
    finally:
        kept = None
        if response is not None:
            headers = {h: v for h, v in response.headers.items() if h in FORWARDED_RESPONSE_HEADERS}
            kept = store.StoredResponse(response.status_code, headers, bytes(response.body))
        await anyio.to_thread.run_sync(store.finish, engine, claims.client_id, key, kept)


def _not_replayed(request: Request, stored: store.StoredResponse) -> Response:
    """The answer to a repeat of a request whose first answer held a secret shown once: it is
    not run again (that would make a second resource), and the secret cannot be shown again."""
    location = stored.headers.get("location")
    rotation = _secret_rotation(request.url.path, location)
    detail = (
        f"the first request with this Idempotency-Key was answered {stored.status} with a "
        "secret that is shown only once (Cache-Control: no-store); the gateway did not keep "
        "that answer and has not run the request again"
    )
    extensions: dict[str, str | int] = {"original_status": stored.status}
    if location:
        detail += f"; the resource is at {location}"
        extensions["location"] = location
    if rotation:
        detail += f"; to get a new secret, POST {rotation} with a new Idempotency-Key"
        extensions["secret_rotation"] = rotation
    return problem_response(
        request, 409, "Response not replayed", detail, kind="secret-not-replayed",
        headers={"Location": location} if location else None, **extensions,
    )  # fmt: skip


def _secret_rotation(path: str, location: str | None) -> str | None:
    """Where a new secret is issued: the request itself if it was a rotation, else the created
    resource's rotation if the public API has one."""
    if path.endswith(f"/{ROTATION_SEGMENT}"):
        return path
    if location and required_scope("POST", f"{location}/{ROTATION_SEGMENT}") is not None:
        return f"{location}/{ROTATION_SEGMENT}"
    return None


async def _send(request: Request, claims: AccessClaims, service: str, body: bytes) -> Response:
    clients: ServiceClients = request.app.state.services
    client = clients[service]
    principal = Principal(claims.client_id, claims.organisation, claims.scopes)
    headers = {h: v for h in FORWARDED_REQUEST_HEADERS if (v := request.headers.get(h))}
    headers["x-request-id"] = request.state.request_id
    headers.update(sign_principal(principal, request.app.state.internal_secret, int(time.time())))
    attempts = 2 if request.method in IDEMPOTENT else 1
    detail = f"the {service} service is not answering; try again shortly"
    for attempt in range(attempts):
        try:
            upstream = await client.request(
                request.method,
                # The path exactly as received (still percent-encoded), so the service sees
                # the same path the gateway authorised.
                request.scope["raw_path"].decode("ascii"),
                params=str(request.query_params),
                content=body,
                headers=headers,
            )
            break
        except httpx.InvalidURL:
            return problem_response(request, 400, "Bad Request", "the URL is not valid")
        except httpx.TransportError as error:
            # Refused, timed out, or the connection dropped mid-request (a service that
            # crashed or restarted): the service is unavailable, not the gateway broken.
            log.warning("%s unavailable (%r), attempt %d", service, error, attempt + 1)
            if not isinstance(error, httpx.ConnectError) and request.method not in IDEMPOTENT:
                detail = (
                    f"the {service} service did not answer; the request may or may not have "
                    "taken effect: read the resource before repeating it"
                )
            if attempt + 1 < attempts:
                await asyncio.sleep(0.2)
    else:
        return problem_response(
            request,
            503,
            "Service Unavailable",
            detail,
            kind="service-unavailable",
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )
    response_headers = {
        h: v for h in FORWARDED_RESPONSE_HEADERS if (v := upstream.headers.get(h)) is not None
    }
    return Response(upstream.content, status_code=upstream.status_code, headers=response_headers)
