"""How large a request body may be, per route, checked before anything reads it.

A JSON command is a few kilobytes: anything over ``JSON_BODY_BYTES`` is refused with 413
before it is parsed. The few routes that take more (a school's bulk sync, evidence documents,
a forwarded bounce) name their own limit in their service's descriptor
(``ServiceDescriptor.large_bodies``). The gateway (the public edge) and every service (in
case something reaches one directly) check it: first the declared ``Content-Length``, then
the bytes as they arrive (a chunked body declares none).
"""

import re
from collections.abc import Callable, Mapping

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from llwybr.problems import NotingSend, problem_response

#: The most a request body may hold unless its route says otherwise.
JSON_BODY_BYTES = 256 * 1024

_PARAMETER = re.compile(r"\\\{[a-z0-9_]+\\\}")


def _too_large(limit: int) -> str:
    return f"the request body is larger than this route takes ({limit} bytes)"


class BodyTooLargeError(HTTPException):
    """The body grew past its route's limit while it was read (rendered as a 413 problem)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large(limit))


def route_limits(
    large_bodies: Mapping[tuple[str, str], int], default: int = JSON_BODY_BYTES
) -> Callable[[str, str], int]:
    """The limit of a request, from its method and path: a route of ``large_bodies``
    (method, OpenAPI path template) has its own, every other ``default``."""
    patterns = [
        (method, re.compile("^" + _PARAMETER.sub("[^/]+", re.escape(template)) + "/?$"), limit)
        for (method, template), limit in large_bodies.items()
    ]

    def limit_of(method: str, path: str) -> int:
        for route_method, pattern, limit in patterns:
            if route_method == method and pattern.match(path):
                return limit
        return default

    return limit_of


class BodyLimit:
    """ASGI middleware refusing a body over its route's limit with 413 problem+json."""

    def __init__(self, app: ASGIApp, limit_of: Callable[[str, str], int]) -> None:
        self.app = app
        self.limit_of = limit_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_of(scope["method"], scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(scope, receive, send, 400, "Content-Length is not a number")
                return
            if int(declared) > limit:
                await self._refuse(scope, receive, send, 413, _too_large(limit))
                return
        received = 0

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLargeError(limit)
            return message

        sending = NotingSend(send)
        # Raised while the app reads the body: a route's own handlers answer it; one that
        # escapes them (read in a BaseHTTPMiddleware's task group) comes out of a group.
        try:
            await self.app(scope, counting, sending)
        except* BodyTooLargeError:
            if sending.started:
                raise
            await self._refuse(scope, receive, send, 413, _too_large(limit))

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
        title = "Content Too Large" if status == 413 else "Bad Request"
        response = problem_response(Request(scope), status, title, detail, kind="body-limit")
        response.headers["Connection"] = "close"  # the unread body would follow on this one
        await response(scope, receive, send)
