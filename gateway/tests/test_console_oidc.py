"""Signing in to the console through an OpenID Connect provider (authorization code + PKCE),
against a small provider run in the test: it checks the PKCE verifier against the challenge,
the client's secret and the redirect, and signs an ID token with its own key."""

import base64
import hashlib
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import ECKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from gateway import store
from gateway.console.oidc import OidcConfig, OidcSignIn
from gateway.main import create_app
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings

ISSUER, CLIENT_ID, CLIENT_SECRET = "http://idp.test", "llwybr-console", "s3cret-console"
CALLBACK = "http://127.0.0.1/console/sign-in/callback"


@dataclass
class Provider:
    """An identity provider that signs in whoever ``claims`` says, once per code."""

    claims: dict[str, Any] = field(default_factory=dict)
    key: ECKey = field(default_factory=lambda: ECKey.generate_key("P-256", {"kid": "idp-1"}))
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    issuer: str = ISSUER

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/.well-known/openid-configuration", self.discovery),
            Route("/authorize", self.authorize),
            Route("/token", self.token, methods=["POST"]),
            Route("/jwks", self.jwks),
        ])  # fmt: skip

    async def discovery(self, request: Request) -> Response:
        return JSONResponse({
            "issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token", "jwks_uri": f"{ISSUER}/jwks",
            "code_challenge_methods_supported": ["S256"],
        })  # fmt: skip

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        assert q["response_type"] == "code"
        assert q["client_id"] == CLIENT_ID
        assert q["code_challenge_method"] == "S256"
        assert q["redirect_uri"] == CALLBACK
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"challenge": q["code_challenge"], "nonce": q["nonce"]}
        return RedirectResponse(f"{CALLBACK}?{urlencode({'code': code, 'state': q['state']})}")

    async def token(self, request: Request) -> Response:
        form = await request.form()
        auth = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {auth}":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        issued = self.codes.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", ""))
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if issued is None or challenge != issued["challenge"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "nonce": issued["nonce"], **self.claims}  # fmt: skip
        id_token = jwt.encode({"alg": "ES256", "kid": "idp-1"}, claims, self.key)
        return JSONResponse({"access_token": "opaque", "token_type": "Bearer",
                             "expires_in": 300, "id_token": id_token})  # fmt: skip

    async def jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})


@dataclass
class World:
    console: httpx.AsyncClient
    idp: httpx.AsyncClient
    provider: Provider
    app: FastAPI

    async def sign_in(self) -> httpx.Response:
        """Start at the console, pass by the provider, come back: the console's answer."""
        page = await self.console.get("/console/sign-in")
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        start = await self.console.post("/console/sign-in/oidc", data={"csrf": csrf})
        assert start.status_code == 303, start.text
        location = urlparse(start.headers["location"])
        assert f"{location.scheme}://{location.netloc}" == ISSUER
        assert parse_qs(location.query)["code_challenge_method"] == ["S256"]
        back = await self.idp.get(f"{location.path}?{location.query}")
        assert back.status_code in (302, 307)
        callback = urlparse(back.headers["location"])
        return await self.console.get(f"{callback.path}?{callback.query}")


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    provider = Provider(claims={"sub": "officer-17", "name": "Siân Hughes", "org": "la:665"})
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path),
        console_oidc_issuer=ISSUER, console_oidc_client_id=CLIENT_ID,
        console_oidc_client_secret=CLIENT_SECRET,
    )  # fmt: skip
    app = create_app(settings)
    # The provider answers in process: the same requests, no port to find.
    configured: OidcSignIn = app.state.console_oidc
    assert configured.config.redirect_url.endswith("/console/sign-in/callback")
    app.state.console_oidc = OidcSignIn(
        OidcConfig(ISSUER, CLIENT_ID, CLIENT_SECRET, CALLBACK),
        transport=httpx.ASGITransport(app=provider.app()),
    )
    async with app.router.lifespan_context(app):
        console = httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                    base_url="http://127.0.0.1")  # fmt: skip
        idp = httpx.AsyncClient(transport=httpx.ASGITransport(app=provider.app()),
                                base_url=ISSUER)  # fmt: skip
        async with console, idp:
            yield World(console, idp, provider, app)


async def test_a_person_signs_in_through_the_provider_for_their_organisation(
    world: World,
) -> None:
    done = await world.sign_in()
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/console/caseload"
    caseload = await world.console.get("/console/caseload")
    assert caseload.status_code == 200
    assert "Siân Hughes" in caseload.text
    assert "la:665" in caseload.text


async def test_the_access_audit_names_the_persons_subject_never_their_name(
    world: World,
) -> None:
    assert (await world.sign_in()).status_code == 303
    assert (await world.console.get("/console/caseload")).status_code == 200
    rows = store.find_access(world.app.state.engine, organisation=None, resource_id=None,
                             since=None, after=None, limit=10_000)  # fmt: skip
    [view] = [r for r in rows if r["path"] == "/console/caseload"]
    assert (view["person"], view["client_id"], view["organisation"]) == (
        "officer-17", "wrexham-la", "la:665"
    )  # fmt: skip
    assert not any("Siân" in str(value) for row in rows for value in row.values())
    # The page's own /v1 calls name the person too (issue 22 corrects the rows that named
    # the console's client only): who read the records, not just through which client.
    api_rows = [r for r in rows if r["path"].startswith("/v1/")]
    assert api_rows
    assert {(r["person"], r["client_id"]) for r in api_rows} == {("officer-17", "wrexham-la")}
    assert not any("Siân" in str(value) for row in rows for value in row.values())


async def test_an_api_clients_own_calls_name_no_person(world: World) -> None:
    """The person rides on the console's in-process calls only (an ASGI scope key): an API
    client's request cannot name one, not even with a header that looks like it."""
    client = world.app.state.console_calls.organisations["wrexham-la"]
    token = await world.console.post("/oauth/token", data={"grant_type": "client_credentials"},
                                      auth=(client.client_id, client.secret))  # fmt: skip
    headers = {"Authorization": f"Bearer {token.json()['access_token']}",
               "llwybr.console.person": "officer-17"}  # fmt: skip
    assert (await world.console.get("/v1/determinations", headers=headers)).status_code == 200
    rows = store.find_access(world.app.state.engine, organisation=None, resource_id=None,
                             since=None, after=None, limit=10_000)  # fmt: skip
    [row] = [r for r in rows if r["path"] == "/v1/determinations"]
    assert (row["person"], row["client_id"]) == (None, "wrexham-la")


async def test_an_organisation_the_console_has_no_client_for_signs_no_one_in(
    world: World,
) -> None:
    world.provider.claims["org"] = "la:999"
    assert (await world.sign_in()).status_code == 403
    assert (await world.console.get("/console/caseload")).status_code == 303


async def test_an_id_token_from_another_issuer_is_refused(world: World) -> None:
    world.provider.issuer = "http://impostor.test"
    assert (await world.sign_in()).status_code == 403
    assert (await world.console.get("/console/caseload")).status_code == 303


async def test_a_callback_with_another_state_is_refused(world: World) -> None:
    page = await world.console.get("/console/sign-in")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    await world.console.post("/console/sign-in/oidc", data={"csrf": csrf})
    forged = await world.console.get("/console/sign-in/callback?code=abc&state=not-mine")
    assert forged.status_code == 403
    assert (await world.console.get("/console/sign-in/callback")).status_code == 400


async def test_a_code_without_its_verifier_is_refused() -> None:
    provider = Provider(claims={"sub": "x", "org": "la:665"})
    sign_in = OidcSignIn(OidcConfig(ISSUER, CLIENT_ID, CLIENT_SECRET, CALLBACK),
                         transport=httpx.ASGITransport(app=provider.app()))  # fmt: skip
    url, pending = await sign_in.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=provider.app())) as idp:
        back = await idp.get(url)
    code = parse_qs(urlparse(back.headers["location"]).query)["code"][0]
    from gateway.console.oidc import Pending, SignInError

    with pytest.raises(SignInError):
        await sign_in.finish(code, pending.state, Pending(pending.state, pending.nonce, "wrong"))
