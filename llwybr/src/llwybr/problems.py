"""RFC 9457 problem details: one handler renders every error as application/problem+json."""

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, Protocol, runtime_checkable

import psycopg
import sqlalchemy.exc
from eventsourcing import persistence
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://llwybr.wales/problems/"

log = logging.getLogger(__name__)


class Problem(BaseModel):
    """The problem details object (RFC 9457), for OpenAPI documentation."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(default="about:blank", examples=[f"{TYPE_BASE}validation"])
    title: str = Field(examples=["Request validation failed"])
    status: int = Field(examples=[422])
    detail: str | None = None
    instance: str | None = None


class ProblemError(Exception):
    """Raise anywhere at the edge to answer with a problem."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        kind: str | None = None,
        headers: Mapping[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.kind = status, title, detail, kind
        self.headers = dict(headers or {})
        self.extensions = extensions


@runtime_checkable
class NamesItsSubject(Protocol):
    """A domain error that names what it is about (a record, a version) in fields a client
    can read, besides its message: they become the problem's extension members."""

    def problem_fields(self) -> Mapping[str, Any]: ...


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str | None = None,
    *,
    kind: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"{TYPE_BASE}{kind}" if kind else "about:blank",
        "title": title,
        "status": status,
        "instance": request.url.path,
    }
    if detail:
        body["detail"] = detail
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


#: Errors that say the database is not answering (restarting, unreachable, out of
#: connections): the service is unavailable for a moment, not broken.
DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    persistence.OperationalError,
    persistence.InterfaceError,
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    # The pool exhausted (every connection busy past ``pool_timeout``): under load, a 503
    # to repeat later, never a 500 (issue #21). psycopg_pool's ``PoolTimeout`` and
    # ``TooManyRequests`` are ``psycopg.OperationalError``s, below.
    sqlalchemy.exc.TimeoutError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)
RETRY_AFTER_SECONDS = "5"


def interrupted_by_the_database(error: BaseException) -> bool:
    """Whether PostgreSQL ended the session under the request: its transaction sat idle past
    ``idle_in_transaction_session_timeout`` (the event store sets 5 s), as a thread starved of
    the CPU on a loaded machine does (issue #21). psycopg files that SQLSTATE (25P03) under
    ``InternalError``, and the event store (and SQLAlchemy) re-raise it as their own
    ``InternalError`` with the original as the cause, so the chain is read, not the type.
    Nothing was committed: a 503 to repeat, not a 500."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, psycopg.errors.IdleInTransactionSessionTimeout):
            return True
        seen = seen.__cause__
    return False


#: The one answer for a record the caller may not see and for one that does not exist
#: (``llwybr.access.not_found``): the same words, whatever the reason, and no library text.
NOT_FOUND_DETAIL = "No such record, or none this organisation may see."

#: Internal response header naming why a service refused a request (for the access audit;
#: the gateway records it and strips it).
REFUSAL_HEADER = "x-llwybr-refusal"

#: Problem types whose detail is a fixed sentence rather than the error's own text.
GENERIC_DETAILS = {
    "not-found": NOT_FOUND_DETAIL,
    "concurrent-change": "The record was changed by another request at the same time; "
    "fetch it again and retry.",
}


def install_problem_handlers(
    app: FastAPI, error_statuses: Mapping[type[Exception], tuple[int, str]] | None = None
) -> None:
    """Register the handlers; ``error_statuses`` maps domain errors to (status, kind)."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ProblemError)
        return problem_response(
            request,
            exc.status,
            exc.title,
            exc.detail,
            kind=exc.kind,
            headers=exc.headers,
            **exc.extensions,
        )

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        title = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        return problem_response(request, exc.status_code, title, detail, headers=exc.headers)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"location": list(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type")}
            for e in exc.errors()
        ]
        return problem_response(
            request,
            422,
            "Request validation failed",
            "The request is not valid; nothing was changed.",
            kind="validation",
            errors=errors,
        )

    async def on_domain(request: Request, exc: Exception) -> JSONResponse:
        for cls in type(exc).__mro__:
            if error_statuses and cls in error_statuses:
                status, kind = error_statuses[cls]
                # A database error's text names tables and keys: never show it.
                detail = GENERIC_DETAILS.get(kind, str(exc))
                fields = exc.problem_fields() if isinstance(exc, NamesItsSubject) else {}
                headers = {REFUSAL_HEADER: kind} if status in (403, 404) else None
                return problem_response(
                    request, status, HTTPStatus(status).phrase, detail, kind=kind,
                    headers=headers, **fields,
                )  # fmt: skip
        return await on_unexpected(request, exc)

    async def on_database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable: %s", exc)
        return problem_response(
            request, 503, "Service Unavailable",
            "The database is not answering; the request may not have taken effect: read the "
            "resource before repeating it.",
            kind="database-unavailable", headers={"Retry-After": RETRY_AFTER_SECONDS},
        )  # fmt: skip

    async def on_database_internal(request: Request, exc: Exception) -> JSONResponse:
        if interrupted_by_the_database(exc):
            return await on_database_unavailable(request, exc)
        return await on_domain(request, exc)  # a table entry, or else a 500

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        return problem_response(
            request, 500, "Internal Server Error", "An unexpected error occurred.", kind="internal"
        )

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    for error_type in error_statuses or {}:
        app.add_exception_handler(error_type, on_domain)
    for error_type in DATABASE_UNAVAILABLE:
        app.add_exception_handler(error_type, on_database_unavailable)
    for error_type in (
        persistence.InternalError,
        psycopg.InternalError,
        sqlalchemy.exc.InternalError,
    ):
        app.add_exception_handler(error_type, on_database_internal)
    app.add_exception_handler(Exception, on_unexpected)
    app.add_middleware(AnswerUnexpectedErrors)


class NotingSend:
    """An ASGI ``send`` that notes whether the answer has started (then it cannot change)."""

    def __init__(self, send: Send) -> None:
        self.send, self.started = send, False

    async def __call__(self, message: Message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)


class AnswerUnexpectedErrors:
    """Answers an error no handler took with a complete 500 problem, and stops it there.

    Starlette's outermost ``ServerErrorMiddleware`` sends the ``Exception`` handler's answer
    and then raises the error again (so that the server logs it); uvicorn, seeing an error
    after the answer started, closes the connection, and a client that kept it alive finds
    its next request failing on a reset socket. An error that arrives after the answer
    started is still raised: the answer cannot be completed then.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sending = NotingSend(send)
        try:
            await self.app(scope, receive, sending)
        except Exception as error:
            if sending.started:
                raise
            log.error("unhandled error", exc_info=error)
            request = Request(scope)
            response = problem_response(
                request, 500, "Internal Server Error", "An unexpected error occurred.",
                kind="internal",
            )  # fmt: skip
            await response(scope, receive, send)


#: Error responses every route shares, for the OpenAPI document.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"model": Problem, "description": "Validation failed", "content": {PROBLEM_JSON: {}}},
    500: {"model": Problem, "description": "Unexpected error", "content": {PROBLEM_JSON: {}}},
}
