"""Sign-in through an LA's identity provider: OpenID Connect authorization code with PKCE.

authlib prepares the client's side (the authorization URL with its S256 code challenge, the
code's exchange at the token endpoint with its verifier; RFC 6749 and 7636), sent with httpx;
joserfc verifies the ID token (the provider's published keys, issuer, audience, expiry, and the
nonce this browser was given).
The person's organisation is a claim of the ID token (``org`` unless set otherwise) and must be
one the console holds client credentials for: the console then reads the API with that
organisation's client, so a person sees what their organisation's API client would.
"""

import base64
import secrets
import time
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import quote

import httpx
from authlib.oauth2.rfc6749.parameters import (  # type: ignore[import-untyped]
    prepare_grant_uri,
    prepare_token_request,
)
from authlib.oauth2.rfc7636 import create_s256_code_challenge  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

#: How long the provider's discovery document and keys are kept before being read again.
METADATA_SECONDS = 300
ID_TOKEN_ALGORITHMS = ["RS256", "ES256", "PS256"]


class SignInError(Exception):
    """The provider's answer cannot sign anyone in (the reason is logged, not shown)."""


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str | None
    redirect_url: str
    organisation_claim: str = "org"
    scope: str = "openid profile"


@dataclass(frozen=True)
class Pending:
    """What the browser carries (in its signed session) between leaving and coming back."""

    state: str
    nonce: str
    verifier: str


@dataclass(frozen=True)
class Person:
    subject: str
    name: str
    organisation: str


class OidcSignIn:
    def __init__(
        self, config: OidcConfig, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.config = config
        self._transport = transport  # tests run a provider in process
        self._metadata: tuple[dict[str, Any], float] | None = None

    def _http(self) -> httpx.AsyncClient:
        """For the provider's public documents (discovery, keys): no token involved."""
        return httpx.AsyncClient(transport=self._transport, timeout=10.0)

    async def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (cached for ``METADATA_SECONDS``)."""
        if self._metadata is not None and self._metadata[1] > time.monotonic():
            return self._metadata[0]
        url = self.config.issuer.rstrip("/") + "/.well-known/openid-configuration"
        async with self._http() as http:
            response = await http.get(url)
        if response.status_code != 200:
            raise SignInError(f"discovery answered {response.status_code}")
        document: dict[str, Any] = response.json()
        if document.get("issuer") != self.config.issuer:
            raise SignInError("the discovery document names another issuer")
        self._metadata = (document, time.monotonic() + METADATA_SECONDS)
        return document

    async def start(self) -> tuple[str, Pending]:
        """Where to send the browser, and what it must bring back."""
        metadata = await self.metadata()
        pending = Pending(
            state=secrets.token_urlsafe(24),
            nonce=secrets.token_urlsafe(24),
            verifier=secrets.token_urlsafe(48),
        )
        url = prepare_grant_uri(
            metadata["authorization_endpoint"],
            self.config.client_id,
            "code",
            redirect_uri=self.config.redirect_url,
            scope=self.config.scope,
            state=pending.state,
            nonce=pending.nonce,
            code_challenge=create_s256_code_challenge(pending.verifier),
            code_challenge_method="S256",
        )
        return str(url), pending

    async def finish(self, code: str, state: str, pending: Pending) -> Person:
        """Exchange the code (with the PKCE verifier) and verify the ID token."""
        if not secrets.compare_digest(state, pending.state):
            raise SignInError("the state does not match this browser's")
        metadata = await self.metadata()
        body = prepare_token_request(
            "authorization_code",
            code=code,
            redirect_uri=self.config.redirect_url,
            code_verifier=pending.verifier,
            client_id=None if self.config.client_secret else self.config.client_id,
        )
        secret = self.config.client_secret
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if secret:  # client_secret_basic; a public client sends its id in the body instead
            headers["Authorization"] = basic_credentials(self.config.client_id, secret)
        async with self._http() as http:
            answer = await http.post(metadata["token_endpoint"], content=body, headers=headers)
        if answer.status_code != 200:
            raise SignInError(f"the token endpoint answered {answer.status_code}: {answer.text}")
        token = answer.json()
        async with self._http() as http:
            keys = await http.get(metadata["jwks_uri"])
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise SignInError("no ID token")
        return self._person(id_token, keys.json(), pending.nonce)

    def _person(self, id_token: str, jwks: dict[str, Any], nonce: str) -> Person:
        try:
            claims = jwt.decode(
                id_token, KeySet.import_key_set(cast(Any, jwks)), algorithms=ID_TOKEN_ALGORITHMS
            ).claims
            JWTClaimsRegistry(
                iss={"essential": True, "value": self.config.issuer},
                aud={"essential": True, "value": self.config.client_id},
                nonce={"essential": True, "value": nonce},
                exp={"essential": True},
                sub={"essential": True},
            ).validate(claims)
        except (JoseError, ValueError) as error:
            raise SignInError(f"the ID token is not valid: {error}") from error
        organisation = claims.get(self.config.organisation_claim)
        if not isinstance(organisation, str):
            raise SignInError(f"the ID token has no {self.config.organisation_claim} claim")
        name = claims.get("name")
        return Person(str(claims["sub"]), name if isinstance(name, str) else "", organisation)


def basic_credentials(client_id: str, secret: str) -> str:
    """HTTP Basic for a token endpoint: id and secret form-urlencoded first (RFC 6749 2.3.1)."""
    pair = f"{quote(client_id, safe='')}:{quote(secret, safe='')}".encode()
    return f"Basic {base64.b64encode(pair).decode()}"
