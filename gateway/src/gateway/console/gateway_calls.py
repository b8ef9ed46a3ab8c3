"""The console reads through the public API, in process, as the signed-in person's organisation.

Every page's data comes from the same ``/v1`` routes an API client calls, with an access token
of the organisation the person signed in for: the one access policy (ADR 0015) decides what they
see, and each call is in the access audit like any other. Nothing here decides who may see what.
"""

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.console.session import Session
from gateway.routing import PERSON_SCOPE_KEY

#: Renew a cached token this long before it expires.
_MARGIN_SECONDS = 60


@dataclass(frozen=True)
class DevOrganisation:
    """A client the console acts with for the people of its organisation."""

    client_id: str
    organisation: str
    secret: str


def dev_organisations(file: Path) -> dict[str, DevOrganisation]:
    """The clients the console acts with, by client id, from a credentials file (``make run``
    writes ``var/gateway/dev-credentials.json``); none when the file is absent."""
    if not file.exists():
        return {}
    return {
        c["client_id"]: DevOrganisation(c["client_id"], c["organisation"], c["client_secret"])
        for c in json.loads(file.read_text())
    }


class ApiError(Exception):
    """A ``/v1`` answer that is not a success, kept for the page to explain."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status}: {body.get('detail', '')}")
        self.status, self.body = status, body


class GatewayCalls:
    """Calls the gateway's own public API in process (no network hop, same middleware)."""

    def __init__(self, app: ASGIApp, organisations: dict[str, DevOrganisation]) -> None:
        self._app = app
        self.organisations = organisations
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = asyncio.Lock()

    def _client(self, person: str | None = None) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=_as_person(self._app, person))
        return httpx.AsyncClient(transport=transport, base_url="http://console.internal")

    async def _token(self, client_id: str) -> str:
        async with self._lock:
            cached = self._tokens.get(client_id)
            if cached is not None and cached[1] > time.time() + _MARGIN_SECONDS:
                return cached[0]
            dev = self.organisations[client_id]
            async with self._client() as client:
                response = await client.post(
                    "/oauth/token",
                    data={"grant_type": "client_credentials"},
                    auth=(dev.client_id, dev.secret),
                )
            if response.status_code != 200:
                raise ApiError(response.status_code, _body(response))
            body = response.json()
            self._tokens[client_id] = (body["access_token"], time.time() + body["expires_in"])
            return str(body["access_token"])

    async def get(self, session: Session, path: str, **params: Any) -> httpx.Response:
        """GET ``path`` as the session's organisation; the raw answer (a bundle is bytes)."""
        if session.client_id is None:
            raise ApiError(401, {"detail": "not signed in"})
        token = await self._token(session.client_id)
        query = {k: v for k, v in params.items() if v is not None}
        async with self._client(session.subject or None) as client:
            return await client.get(
                path, params=query, headers={"Authorization": f"Bearer {token}"}
            )

    async def post(self, session: Session, path: str, body: dict[str, Any]) -> httpx.Response:
        """POST ``body`` to ``path`` as the session's organisation (the console's one write:
        the API decides and records it, exactly as for an API client)."""
        if session.client_id is None:
            raise ApiError(401, {"detail": "not signed in"})
        token = await self._token(session.client_id)
        async with self._client(session.subject or None) as client:
            return await client.post(path, json=body, headers={"Authorization": f"Bearer {token}"})

    async def json(self, session: Session, path: str, **params: Any) -> Any:
        """GET ``path`` as the session's organisation: its JSON body, or ``ApiError``."""
        response = await self.get(session, path, **params)
        if response.status_code != 200:
            raise ApiError(response.status_code, _body(response))
        return response.json()


def _as_person(app: ASGIApp, person: str | None) -> ASGIApp:
    """``app``, with the signed-in person on each request's scope, so that the access-audit
    rows of a page's ``/v1`` calls name them as the page view's row does (none for the
    development sign-in, which has no identity provider's subject)."""
    if person is None:
        return app

    async def as_person(scope: Scope, receive: Receive, send: Send) -> None:
        await app({**scope, PERSON_SCOPE_KEY: person}, receive, send)

    return as_person


def calls_of(request: Request) -> GatewayCalls:
    """The console's way to the API (``install_console`` puts it on the app)."""
    calls: GatewayCalls = request.app.state.console_calls
    return calls


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {"detail": response.text[:200]}
    return body if isinstance(body, dict) else {"detail": str(body)[:200]}
