"""Every request's context: its id, metrics and access line, and (a service) the gateway's
signed principal and the access-audit row to commit with the change (ADR 0025).

Pure ASGI middleware rather than Starlette's ``BaseHTTPMiddleware`` (``@app.middleware``):
that one runs the rest of the app in a task of its own and streams the answer back through
memory channels, a cost paid at both ends of every command (the gateway and the service;
issue 19's profiles). Here the app runs in the request's own task and the answer's headers
are added as its start message passes.
"""

import time
import uuid

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from llwybr import access_record, context
from llwybr.logs import request_id
from llwybr.metrics import Metrics
from llwybr.observed import observed
from llwybr.principal import PrincipalError, verify_principal
from llwybr.problems import problem_response

#: Paths a service answers without the gateway's principal (probes, metrics, API docs).
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc"})

_REQUEST_ID = b"x-request-id"
_AUDITED = access_record.AUDITED_HEADER.lower().encode("latin-1")


class RequestContext:
    """Request id (``X-Request-ID``) for logs, problems and events; request metrics; and, for
    a service (``secret`` given), the gateway's signed principal on every other path."""

    def __init__(self, app: ASGIApp, metrics: Metrics, secret: bytes | None = None) -> None:
        self.app, self.metrics, self.secret = app, metrics, secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope, receive)
        rid = request.headers.get("x-request-id") or str(uuid.uuid4())
        request.state.request_id = rid
        actor = "anonymous"
        if self.secret is not None and request.url.path not in OPEN_PATHS:
            try:
                principal = verify_principal(request.headers, self.secret, int(time.time()))
            except PrincipalError as error:
                observed(request, self.metrics, 401, started)
                refusal = problem_response(
                    request, 401, "Unauthorized", str(error), kind="principal"
                )
                await refusal(scope, receive, send)
                return
            request.state.principal = principal
            actor = principal.actor
        try:
            row = access_record.signed_row(request.headers)
        except ValueError as error:
            refusal = problem_response(request, 401, "Unauthorized", str(error), kind="principal")
            await refusal(scope, receive, send)
            return
        token = request_id.set(rid)
        try:
            with (
                context.acting(context.CommandContext(actor=actor, correlation_id=rid)),
                access_record.recording(row, scope) as audit,
            ):
                await self.app(scope, receive, self._sending(request, send, rid, audit, started))
        except Exception:
            if not getattr(request.state, "observed", False):
                observed(request, self.metrics, 500, started)
            raise
        finally:
            request_id.reset(token)

    def _sending(
        self,
        request: Request,
        send: Send,
        rid: str,
        audit: access_record.PendingAccess | None,
        started: float,
    ) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                # The answer's own id header and the service's note of its audit row replace
                # any the app set (the app's X-Request-ID is the same id).
                replaced = (_REQUEST_ID, _AUDITED)
                headers = [(k, v) for k, v in message.get("headers", []) if k not in replaced]
                if audit is not None and audit.written is not None:
                    headers.append((_AUDITED, audit.written.encode("latin-1")))
                headers.append((_REQUEST_ID, rid.encode("latin-1")))
                message = {**message, "headers": headers}
                request.state.observed = True
                observed(request, self.metrics, message["status"], started)
            await send(message)

        return sending


def install_request_context(app: Starlette, metrics: Metrics, secret: bytes | None = None) -> None:
    """Wrap ``app`` (the gateway, or a service with its ``secret``) in ``RequestContext``, as
    the outer of the middleware added so far."""
    app.add_middleware(RequestContext, metrics=metrics, secret=secret)
