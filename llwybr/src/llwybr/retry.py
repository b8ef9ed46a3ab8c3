"""A command without ``If-Match`` is retried on a fresh load when a background writer moved
its aggregate between the command's load and its save (issue 21).

A service's own consumers and workers write to the aggregates its clients command (the IDP
service records a notice on the plan a school is about to cease). Such a race ends the losing
save on the event store's version constraint (``IntegrityError``): nothing was written, and the
client did not cause the conflict, so answering it 409 would only make every client retry.
``RetryConflicts``, an ASGI middleware, runs the whole request again instead (a fresh load, the
same body), a few times with a short back-off. It does not when:

- the request names a version (``If-Match``): the client asked to act on that version only,
  and is told 412/409 ``stale-version`` as before;
- anything this attempt saved was committed (a command that saves more than once and lost on a
  later save): running it again could do the first save twice. A keyed command is also guarded
  by its command key: each attempt passes through ``CommandKeys`` again, which answers from the
  record whatever an earlier attempt committed under the key;
- the body is larger than ``MAX_RETRIED_BODY`` (document uploads): it is not held to be sent
  again.

The event store says which attempt lost a race (``conflicted``) and which committed
(``committed``), through the ``Attempt`` the middleware sets in the request's context.
"""

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Methods that run commands (a GET never writes).
COMMANDS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: How many times a request is run at most (the first run and its retries).
ATTEMPTS = 5
#: The largest body held to be sent again (commands' JSON bodies are far smaller).
MAX_RETRIED_BODY = 1024 * 1024
#: The first back-off; it doubles, with jitter, so racing retries spread out.
FIRST_BACKOFF_SECONDS = 0.005


@dataclass
class Attempt:
    """What the event store saw during one run of a request."""

    conflicted: bool = False  # a save lost a race on an aggregate's version
    committed: bool = False  # a save was committed

    @property
    def retryable(self) -> bool:
        return self.conflicted and not self.committed


_attempt: ContextVar[Attempt | None] = ContextVar("llwybr_retry_attempt", default=None)


def conflicted() -> None:
    """A save of the current request lost a race (called by the event store)."""
    attempt = _attempt.get()
    if attempt is not None:
        attempt.conflicted = True


def committed() -> None:
    """A save of the current request was committed (called by the event store)."""
    attempt = _attempt.get()
    if attempt is not None:
        attempt.committed = True


class RetryConflicts:
    """Runs a command without ``If-Match`` again when it lost a race to another writer."""

    def __init__(self, app: ASGIApp, attempts: int = ATTEMPTS) -> None:
        self.app = app
        self.attempts = attempts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in COMMANDS
            or _header(scope, b"if-match") is not None
        ):
            await self.app(scope, receive, send)
            return
        chunks, whole = await _read_body(receive)
        if not whole:
            await self.app(scope, _replay(chunks, receive), send)
            return
        for number in range(1, self.attempts + 1):
            attempt = Attempt()
            relay = _Relay(send, attempt, last=number == self.attempts)
            token = _attempt.set(attempt)
            try:
                await self.app(scope, _replay(chunks, receive), relay.send)
            finally:
                _attempt.reset(token)
            if relay.passing:
                return
            log.info(
                "%s %s lost a race to another writer (attempt %d of %d): run again",
                scope["method"],
                scope["path"],
                number,
                self.attempts,
            )
            await asyncio.sleep(FIRST_BACKOFF_SECONDS * 2 ** (number - 1) * random.uniform(1, 2))


class _Relay:
    """Sends one run's answer on, unless it is a conflict that run may retry (then dropped)."""

    def __init__(self, send: Send, attempt: Attempt, *, last: bool) -> None:
        self._send, self._attempt, self._last = send, attempt, last
        self.passing = True

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            # The route has failed by now: the attempt knows whether a save lost a race.
            retried = not self._last and message["status"] == 409 and self._attempt.retryable
            self.passing = not retried
        if self.passing:
            await self._send(message)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for header, value in scope.get("headers", ()):
        if bytes(header).lower() == name:
            return bytes(value)
    return None


async def _read_body(receive: Receive) -> tuple[list[Message], bool]:
    """The request's body messages, up to ``MAX_RETRIED_BODY`` bytes; and whether that is all
    of it (a disconnect or a larger body: not retried, the rest is read as it comes)."""
    chunks: list[Message] = []
    size = 0
    while True:
        message = await receive()
        chunks.append(message)
        if message["type"] != "http.request":
            return chunks, False
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return chunks, True
        if size > MAX_RETRIED_BODY:
            return chunks, False


def _replay(chunks: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives the held messages again, then the connection's own."""
    pending = list(chunks)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
