"""Issuing access tokens: authlib runs the client credentials grant at ``POST /oauth/token``,
joserfc signs the RFC 9068 JWT."""

import asyncio
import base64
import binascii
import logging
import secrets
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import parse_qsl, unquote

from authlib.common.security import is_secure_transport  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749 import (  # type: ignore[import-untyped]
    AuthorizationServer,
    ClientCredentialsGrant,
    ClientMixin,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload  # type: ignore[import-untyped]
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator  # type: ignore[import-untyped]
from joserfc.jwk import KeySet
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.ratelimit import RateLimiter, retry_after
from gateway.tokens.clients import ClientRecord, hash_secret, verify_secret
from gateway.tokens.keys import ALGORITHM, SigningKey, TokenSettings
from gateway.tokens.validator import GENERATION_CLAIM
from llwybr.blocking import run_blocking
from llwybr.problems import problem_response

log = logging.getLogger(__name__)

ENDPOINT_PATH = "/oauth/token"
AUTH_METHODS = ("client_secret_basic", "client_secret_post")


class _Client(ClientMixin):  # type: ignore[misc]
    """A ClientRecord as authlib's server expects a client to look."""

    def __init__(self, record: ClientRecord, known: bool = True) -> None:
        self.record, self.known = record, known

    def get_client_id(self) -> str:
        return self.record.client_id

    def get_allowed_scope(self, scope: str | None) -> str:
        requested = scope.split() if scope else self.record.scopes
        return " ".join(dict.fromkeys(requested))

    def check_client_secret(self, client_secret: str) -> bool:
        return verify_secret(client_secret, self.record.secret_hash) and self.known

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in AUTH_METHODS

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "client_credentials"


class _ClientCredentialsGrant(ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = list(AUTH_METHODS)

    def validate_requested_scope(self) -> None:
        requested = self.request.payload.scope
        client: _Client = self.request.client
        if requested and not set(requested.split()) <= set(client.record.scopes):
            raise InvalidScopeError("The requested scope exceeds the scope granted to the client.")


class _AccessTokenGenerator(JWTBearerTokenGenerator):  # type: ignore[misc]
    def __init__(self, key: SigningKey, settings: TokenSettings) -> None:
        super().__init__(
            issuer=settings.issuer, alg=ALGORITHM, expires_generator=settings.lifetime_seconds
        )
        self._key, self._settings = key, settings

    def get_jwks(self) -> KeySet:
        return self._key._key_set()

    def get_audiences(self, client: _Client, user: object, scope: str) -> str:
        return self._settings.audience

    def get_extra_claims(
        self, client: _Client, grant_type: str, user: object, scope: str
    ) -> dict[str, Any]:
        # authlib stamps iat without nbf; one clock reading for all three keeps them consistent.
        now = int(time.time())
        return {
            "iat": now,
            "nbf": now,
            "exp": now + self._settings.lifetime_seconds,
            "org": client.record.organisation,
            GENERATION_CLAIM: client.record.generation,
        }


class _TokenRequest(OAuth2Request):  # type: ignore[misc]
    def __init__(self, uri: str, headers: Headers, form: dict[str, str]) -> None:
        super().__init__("POST", uri, headers=headers)
        self.payload = BasicOAuth2Payload(form)
        self._form = form

    @property
    def form(self) -> dict[str, str]:
        return self._form

    @property
    def args(self) -> dict[str, str]:
        return {}


class _AuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, clients: Mapping[str, ClientRecord]) -> None:
        super().__init__()
        self._clients = clients
        self._stand_in = _Client(
            ClientRecord("", hash_secret(secrets.token_urlsafe()), "", ()), known=False
        )

    def query_client(self, client_id: str) -> _Client:
        record = self._clients.get(client_id)
        # An unknown id gets a stand-in that fails after the same scrypt work, so response time
        # does not tell a caller which client ids exist.
        return _Client(record) if record else self._stand_in

    def save_token(self, token: dict[str, Any], request: _TokenRequest) -> None:
        # Self-contained JWTs: nothing to store; a token dies at its (short) expiry.
        log.info("issued an access token to client %s", request.client.get_client_id())

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass

    def create_oauth2_request(self, request: _TokenRequest) -> _TokenRequest:
        return request

    def handle_response(
        self, status: int, body: dict[str, Any], headers: list[tuple[str, str]]
    ) -> Response:
        return JSONResponse(body, status_code=status, headers=dict(headers))


_MAX_FORM_BYTES = 4096
_SINGLE_PARAMETERS = ("grant_type", "scope", "client_id", "client_secret")


@dataclass(frozen=True)
class EndpointLimits:
    """What the token endpoint lets callers cost it. Every request takes a token from its
    remote address's bucket, and one naming a client id from that id's bucket (known or not:
    the answer must not tell which ids exist); at most ``concurrent_checks`` secret checks
    (scrypt) run at once, at most ``waiting_checks`` more wait, and the rest get 503."""

    per_client: RateLimiter = field(default_factory=lambda: RateLimiter(30, 10))
    per_address: RateLimiter = field(default_factory=lambda: RateLimiter(120, 30))
    concurrent_checks: int = 1
    waiting_checks: int = 16

    def __post_init__(self) -> None:
        if self.concurrent_checks < 1 or self.waiting_checks < 0:
            raise ValueError("at least one concurrent check, and no negative queue")


#: Seconds a caller told the endpoint is busy should wait.
BUSY_RETRY_AFTER = "1"


class TokenIssuer:
    """The token endpoint: client credentials in, an ES256 access token out."""

    def __init__(
        self,
        key: SigningKey,
        settings: TokenSettings,
        clients: Mapping[str, ClientRecord],
        limits: EndpointLimits | None = None,
    ) -> None:
        #: Who issues the tokens (``iss``), as the OAuth metadata (RFC 8414) names it.
        self.issuer_url = settings.issuer
        # The endpoint's public URL, not the request's: TLS ends at the ingress.
        self._token_uri = settings.issuer.rstrip("/") + ENDPOINT_PATH
        if not is_secure_transport(self._token_uri):
            raise ValueError(f"issuer {settings.issuer!r} must be https (or a loopback address)")
        self._server = _AuthorizationServer(clients)
        self._server.register_grant(_ClientCredentialsGrant)
        self._server.register_token_generator("default", _AccessTokenGenerator(key, settings))
        self._limits = limits or EndpointLimits()
        # One semaphore per event loop (tests run several); the count is what is in flight.
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]
        self._gates = weakref.WeakKeyDictionary()
        self._in_flight = 0

    async def token_response(self, request: Request) -> Response:
        """Answer ``POST /oauth/token`` with a token or an RFC 6749 error, or a 429/503 problem
        when the caller is over its rate or the endpoint is busy."""
        address = request.client.host if request.client else ""
        limited = self._limited(request, self._limits.per_address, f"address {address}")
        if limited is not None:
            return limited
        form = await _read_form(request)
        if isinstance(form, InvalidRequestError):
            error_response: Response = self._server.handle_error_response(request, form)
            return error_response
        client_id = _client_id(request.headers, form)
        if client_id is not None:
            limited = self._limited(request, self._limits.per_client, f"client {client_id}")
            if limited is not None:
                return limited
        limits = self._limits
        if self._in_flight >= limits.concurrent_checks + limits.waiting_checks:
            return problem_response(
                request, 503, "Service Unavailable", "the token endpoint is busy; try again",
                kind="busy", headers={"Retry-After": BUSY_RETRY_AFTER},
            )  # fmt: skip
        token_request = _TokenRequest(self._token_uri, request.headers, form)
        self._in_flight += 1
        try:
            # scrypt takes tens of milliseconds and a core: off the event loop, and only a few
            # at a time, so a burst of guesses cannot starve every other request.
            async with self._gate():
                response: Response = await run_blocking(
                    self._server.create_token_response, token_request
                )
        finally:
            self._in_flight -= 1
        return response

    def _gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self._limits.concurrent_checks)
        return gate

    @staticmethod
    def _limited(request: Request, limiter: RateLimiter, key: str) -> Response | None:
        wait = limiter.take(key)
        if wait <= 0:
            return None
        log.warning("token endpoint rate limit reached for %s", key)
        return problem_response(
            request, 429, "Too Many Requests", "too many token requests; try again later",
            kind="rate-limited", headers={"Retry-After": retry_after(wait)},
        )  # fmt: skip


def _client_id(headers: Headers, form: Mapping[str, str]) -> str | None:
    """The client id a token request names (HTTP Basic or the form), unauthenticated."""
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return form.get("client_id") or None
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    # RFC 6749 2.3.1: the id is form-urlencoded before Basic encoding.
    return unquote(decoded.partition(":")[0]) or None


async def _read_form(request: Request) -> dict[str, str] | InvalidRequestError:
    """The token request's parameters, or why they cannot be read (RFC 6749 3.2, 2.3)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return InvalidRequestError("The body must be application/x-www-form-urlencoded.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > _MAX_FORM_BYTES:
            return InvalidRequestError("The request body is too large.")
    try:
        pairs = parse_qsl(body.decode(), keep_blank_values=True, max_num_fields=20)
    except ValueError:
        return InvalidRequestError("The request body cannot be parsed.")
    form: dict[str, str] = {}
    for name, value in pairs:
        if name in form and name in _SINGLE_PARAMETERS:
            return InvalidRequestError(f"Parameter '{name}' is repeated.")
        form.setdefault(name, value)
    if not form.get("grant_type"):
        return InvalidRequestError("Missing 'grant_type' parameter.")
    basic = request.headers.get("authorization", "").lower().startswith("basic ")
    if basic and "client_secret" in form:
        return InvalidRequestError("Use one client authentication method, not two.")
    return form
