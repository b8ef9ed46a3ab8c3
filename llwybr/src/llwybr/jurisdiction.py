"""Every answer of a service names the jurisdictions of the records it touched.

``llwybr.access.require`` notes the jurisdiction (the LA numbers whose auditors see it) of
every record it checks, within ``noting_jurisdiction()``; this middleware opens that block
around each request and answers the LAs in ``JURISDICTION_HEADER``. The gateway stores them
with the request's access audit row (so each auditor sees the rows of its jurisdiction,
refusals included) and strips the header before answering the client.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from llwybr.access import JURISDICTION_HEADER, noting_jurisdiction

_HEADER = JURISDICTION_HEADER.encode("latin-1")


class NoteJurisdiction:
    """ASGI middleware: each HTTP request is checked within ``noting_jurisdiction()`` and its
    answer carries the LA numbers noted (sorted, comma separated), if any."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with noting_jurisdiction() as touched:

            async def send_noting(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = [(k, v) for k, v in message.get("headers", []) if k != _HEADER]
                    if touched:
                        headers.append((_HEADER, ",".join(sorted(touched)).encode("latin-1")))
                    message = {**message, "headers": headers}
                await send(message)

            await self.app(scope, receive, send_noting)
