"""Forwarding ``/v1`` requests to the service that owns the resource.

Each request is authenticated (bearer token), checked against the route's scope, made
idempotent when it carries ``Idempotency-Key``, forwarded with the caller's identity in a signed
internal header, and written to the access audit log. Problems from services pass through
unchanged; a service that is down or slow gives 503 problem+json with ``Retry-After``.

Every refusal is audited as ``denied`` with its reason: the gateway's own (no token, no scope,
rate limit, ...) and the services' (their ``REFUSAL_HEADER``), with the jurisdiction of the
records the request touched (their ``JURISDICTION_HEADER``); both internal headers are
stripped before the client is answered. Every 404 is the one 404 body
(``llwybr.access.not_found``), whoever answers it.

A repeated POST gets the first answer again, unless that answer was marked ``no-store`` (it
held a secret shown once, which the gateway does not keep): then the repeat is not run again
and gets a 409 problem saying where the resource is and how to get a new secret. The request
carries its command key to the service, which records it with the command's effect and answers
a repeat from that record when the gateway has none (the first answer was lost).

A change (any method but GET, HEAD, OPTIONS) has its access-audit row committed by the
service in the transaction of the change (stack mode, ADR 0025: ``llwybr.access_record``);
the gateway writes a row only for an answer that says none was (a refusal, a failure, a
replay) or one that differs from it. In embedded mode the row is written before the change is
forwarded, and if it cannot be written the request is not run (503).
"""

import asyncio
import logging
import re
import time

import anyio
import httpx
from fastapi import APIRouter, Request, Response

from gateway import store
from gateway.audit_log import AccessLog
from gateway.authz import required_scope
from gateway.ratelimit import retry_after
from gateway.registry import RESOURCES
from gateway.services import ServiceClients
from gateway.tokens import AccessClaims, InvalidTokenError, JwksUnavailableError
from llwybr.access import JURISDICTION_HEADER, REFUSAL_HEADER, not_found
from llwybr.access_record import AUDITED_HEADER, AccessRow, audited_as
from llwybr.principal import Principal, sign_principal
from llwybr.problems import ProblemError, problem_response

log = logging.getLogger(__name__)

FORWARDED_REQUEST_HEADERS = ("accept", "content-type", "if-match", "if-none-match")
FORWARDED_RESPONSE_HEADERS = (
    "cache-control", "content-type", "deprecation", "etag", "idempotent-replayed", "location",
    "retry-after",
)  # fmt: skip
#: What a service tells the gateway alone (for the access audit); never sent to the client.
INTERNAL_RESPONSE_HEADERS = (REFUSAL_HEADER, JURISDICTION_HEADER)
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
#: Requests that change nothing: every other has its access-audit row written ahead.
READS = frozenset({"GET", "HEAD", "OPTIONS"})
#: The outcome of the row written before a change is forwarded.
FORWARDED = "forwarded"
#: How much longer than the services' timeout a claimed Idempotency-Key is held for its
#: request; after that a repeat takes it over.
CLAIM_MARGIN_SECONDS = 5.0
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
        return _unauthorised(request, "a bearer access token is required", error="invalid_request")
    try:
        claims: AccessClaims = await request.app.state.security.validator.validate(token.strip())
    except InvalidTokenError as error:
        # Which check failed (a claim's name, a kid, an algorithm), never a key or a secret.
        return _unauthorised(request, f"the access token is not valid ({error})", error.reason)
    except JwksUnavailableError:
        return problem_response(
            request, 503, "Service Unavailable", "the identity provider's keys are unavailable",
            kind="issuer-unavailable", headers={"Retry-After": RETRY_AFTER_SECONDS},
        )  # fmt: skip
    return claims


def _unauthorised(
    request: Request, detail: str, reason: str | None = None, error: str = "invalid_token"
) -> Response:
    """401 problem+json; ``reason`` (``wrong_audience``, ``expired``...) names the failed check."""
    extensions = {"reason": reason} if reason else {}
    return problem_response(
        request, 401, "Unauthorized", detail, kind="unauthenticated",
        headers={"WWW-Authenticate": f'Bearer error="{error}"'}, **extensions,
    )  # fmt: skip


def problem_of(request: Request, error: ProblemError) -> Response:
    """A problem raised here, answered without the internal headers it may carry."""
    headers = {h: v for h, v in error.headers.items() if h not in INTERNAL_RESPONSE_HEADERS}
    return problem_response(
        request, error.status, error.title, error.detail, kind=error.kind, headers=headers,
        **error.extensions,
    )  # fmt: skip


def the_one_404(request: Request) -> Response:
    """The one 404 body: for a record that does not exist, one the caller may not see, and a
    path that names no route (which says nothing about records either way)."""
    return problem_of(request, not_found())


#: The reason of a refusal whose answer names none (a service's own 401, an older service).
UNNAMED_REFUSALS = {401: "unauthenticated", 403: "forbidden", 404: "not-found",
                    429: "rate-limited"}  # fmt: skip


def internal_notes(response: Response) -> tuple[str | None, frozenset[str]]:
    """Take the service's refusal reason and jurisdiction off its answer (for the audit). A
    refusal is a refusal by its status too: one that names no reason gets the status's."""
    reason = response.headers.get(REFUSAL_HEADER) or UNNAMED_REFUSALS.get(response.status_code)
    jurisdiction = store.jurisdiction_of(response.headers.get(JURISDICTION_HEADER))
    for header in INTERNAL_RESPONSE_HEADERS:
        if header in response.headers:
            del response.headers[header]
    return reason, jurisdiction


def outcome_of(status: int, reason: str | None) -> str:
    """A refusal (it has a reason) is ``denied``; other errors ``failed``."""
    if reason:
        return "denied"
    return "granted" if status < 400 else "failed"


#: Where the console's in-process ``/v1`` calls carry the signed-in person (their identity
#: provider's subject) for the access audit: an ASGI scope key, which no request from outside
#: can set, unlike a header (ADR 0022).
PERSON_SCOPE_KEY = "llwybr.console.person"


async def audit(
    request: Request,
    claims: AccessClaims | None,
    outcome: str,
    status: int,
    *,
    reason: str | None = None,
    jurisdiction: frozenset[str] = frozenset(),
) -> None:
    """Write who did what to which record, and how it ended (a refusal with its reason), to
    the access audit log, with the LAs whose auditors see it."""
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
        reason=reason,
        jurisdiction=jurisdiction,
        person=request.scope.get(PERSON_SCOPE_KEY),
    )
    access_log: AccessLog = request.app.state.access_log
    await access_log.write(record)  # committed with the rows of requests waiting beside it


async def authorise(request: Request, scope: str) -> AccessClaims | Response:
    """The caller's claims if it holds ``scope``; else the 401/403 problem (audited)."""
    authenticated = await authenticate(request)
    if isinstance(authenticated, Response):
        reason = "unauthenticated" if authenticated.status_code == 401 else None
        await audit(
            request, None, outcome_of(authenticated.status_code, reason),
            authenticated.status_code, reason=reason,
        )  # fmt: skip
        return authenticated
    request.state.client_id = authenticated.client_id  # for the access line
    if scope not in authenticated.scopes:
        await audit(request, authenticated, "denied", 403, reason="insufficient-scope")
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
        return the_one_404(request)
    claims = await authorise(request, scope)
    if isinstance(claims, Response):
        return claims
    wait = request.app.state.rate_limiter.take(claims.client_id)
    if wait > 0:
        await audit(request, claims, "denied", 429, reason="rate-limited")
        return problem_response(
            request, 429, "Too Many Requests", "this client's rate limit is reached",
            kind="rate-limited", headers={"Retry-After": retry_after(wait)},
        )  # fmt: skip
    body = await request.body()
    if len(body) > request.app.state.settings.max_request_bytes:
        await audit(request, claims, "denied", 413, reason="too-large")
        return problem_response(request, 413, "Content Too Large", "the request body is too large")
    key = request.headers.get("idempotency-key")
    if key and request.method == "POST" and len(key) > MAX_KEY_LENGTH:
        await audit(request, claims, "denied", 400, reason="idempotency-key-too-long")
        return problem_response(
            request, 400, "Bad Request",
            f"Idempotency-Key is longer than {MAX_KEY_LENGTH} characters", kind="idempotency",
        )  # fmt: skip
    change = request.method not in READS
    request.state.access_row = _access_row(request, claims) if change else None
    ahead = change and request.state.access_row is None
    if ahead and not await _audited_ahead(request, claims):
        return problem_response(
            request, 503, "Service Unavailable",
            "the access log cannot be written now, so the request was not run; try again shortly",
            kind="audit-unavailable", headers={"Retry-After": RETRY_AFTER_SECONDS},
        )  # fmt: skip
    if key and request.method == "POST":
        response = await _idempotent(request, claims, service, key, body)
    else:
        response = await _send(request, claims, service, body)
    reason, jurisdiction = internal_notes(response)
    recorded = getattr(request.state, "audited", None)
    if recorded is not None and recorded == audited_as(response.status_code, jurisdiction):
        return response  # the service committed the row with the change (ADR 0025)
    try:
        await audit(
            request, claims, outcome_of(response.status_code, reason), response.status_code,
            reason=reason, jurisdiction=jurisdiction,
        )  # fmt: skip
    except Exception:
        if not ahead and recorded is None:
            raise
        # A row written ahead, or the service's with the change, records it; the answer is
        # the service's, so it is given (a 503 here would tell the client a committed change
        # may not have happened).
        log.warning("access audit: no outcome row for %s", request.state.request_id, exc_info=True)
    return response


def _access_row(request: Request, claims: AccessClaims) -> str | None:
    """The access-audit row of a change, for the service to commit with it (stack mode: the
    services write into the gateway's table, in the same database); None in embedded mode,
    whose services' SQLite files cannot hold it in their transaction (written ahead)."""
    settings = request.app.state.settings
    if settings.runtime.mode != "stack":
        return None
    match = _RESOURCE_ID.match(request.url.path)
    return AccessRow(
        request_id=request.state.request_id,
        client_id=claims.client_id,
        organisation=claims.organisation,
        method=request.method,
        path=request.url.path,
        resource_id=match.group(1) if match else None,
        schema=settings.postgres_schema,
    ).encode()


async def _audited_ahead(request: Request, claims: AccessClaims) -> bool:
    """Write the access-audit row of a change before it is forwarded (outcome ``forwarded``,
    status 102 Processing; the outcome follows in a row of its own: the log is append-only),
    so that every change a service commits has its row even if the gateway cannot write
    after. False, and nothing forwarded, when the row cannot be written."""
    try:
        await audit(request, claims, FORWARDED, 102)
    except Exception:
        log.exception("access audit unavailable: %s not forwarded", request.state.request_id)
        return False
    return True


async def _idempotent(
    request: Request, claims: AccessClaims, service: str, key: str, body: bytes
) -> Response:
    """A POST with an Idempotency-Key: a repeat gets the stored answer; otherwise the request
    is forwarded with its command key, which the service records with the command's effect,
    so a repeat after a lost answer (a 5xx frees the gateway's record) or after a claim that
    expired (its gateway died) is answered by the service from what it recorded."""
    engine = request.app.state.engine
    fingerprint = store.request_hash(request.method, request.url.path, body)
    claim = request.app.state.settings.service_timeout_seconds + CLAIM_MARGIN_SECONDS
    try:
        stored = await anyio.to_thread.run_sync(
            store.begin, engine, claims.client_id, key, fingerprint, claim
        )
    except store.IdempotencyConflictError as error:
        retry = {"Retry-After": str(error.retry_after)} if error.retry_after else None
        return problem_response(
            request, error.status, "Idempotency conflict", str(error), kind="idempotency",
            headers=retry,
        )  # fmt: skip
    if stored is not None and stored.body is None:
        return _not_replayed(request, stored)
    if stored is not None:
        replay = Response(stored.body, status_code=stored.status, headers=stored.headers)
        replay.headers["Idempotent-Replayed"] = "true"
        return replay
    response: Response | None = None
    command = store.command_key(claims.client_id, key, fingerprint)
    try:
        response = await _send(request, claims, service, body, command)
        if response.headers.get("idempotent-replayed") and store.is_no_store(
            dict(response.headers)
        ):
            # The service ran it before and kept no secret: the same answer as our own record.
            first = store.StoredResponse(response.status_code, dict(response.headers), None)
            response = _not_replayed(request, first)
        return response
    finally:
        kept = None
        if response is not None:
            # The internal notes are kept too, so that a replayed refusal is audited as one
            # (``forward`` takes them off every answer, replays included).
            kept_headers = (*FORWARDED_RESPONSE_HEADERS, *INTERNAL_RESPONSE_HEADERS)
            headers = {h: v for h, v in response.headers.items() if h in kept_headers}
            kept = store.StoredResponse(response.status_code, headers, bytes(response.body))
        try:
            await anyio.to_thread.run_sync(store.finish, engine, claims.client_id, key, kept)
        except Exception:
            # The claim then expires; a repeat is answered from the service's record.
            log.warning("idempotency record of %s not stored", key, exc_info=True)


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


async def _send(
    request: Request,
    claims: AccessClaims,
    service: str,
    body: bytes,
    command_key: str | None = None,
) -> Response:
    clients: ServiceClients = request.app.state.services
    client = clients[service]
    principal = Principal(claims.client_id, claims.organisation, claims.scopes)
    headers = {h: v for h in FORWARDED_REQUEST_HEADERS if (v := request.headers.get(h))}
    headers["x-request-id"] = request.state.request_id
    secret, now = request.app.state.internal_secret, int(time.time())
    audit_row = getattr(request.state, "access_row", None)
    headers.update(sign_principal(principal, secret, now, command_key, audit_row))
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
    # What the service committed of the change's access-audit row (never kept for replays).
    request.state.audited = upstream.headers.get(AUDITED_HEADER)
    response_headers = {
        h: v
        for h in (*FORWARDED_RESPONSE_HEADERS, *INTERNAL_RESPONSE_HEADERS)
        if (v := upstream.headers.get(h)) is not None
    }
    if upstream.status_code == 404:
        # Whatever words the service used, the client gets the one 404 body; the audit gets
        # the service's reason (a 404 is a refusal to say whether the record exists).
        response = the_one_404(request)
        response.headers[REFUSAL_HEADER] = response_headers.get(REFUSAL_HEADER, "not-found")
        if jurisdiction := response_headers.get(JURISDICTION_HEADER):
            response.headers[JURISDICTION_HEADER] = jurisdiction
        if retry_after := response_headers.get("retry-after"):
            # A service that may not know the record yet (ADR 0015) says when to ask again.
            response.headers["Retry-After"] = retry_after
        return response
    return Response(upstream.content, status_code=upstream.status_code, headers=response_headers)
