"""OAuth2 client credentials: the gateway issues access tokens and checks them.

Schools, local authorities, health boards, the tribunal and auditors are confidential OAuth2
clients. Each trades its secret at ``POST /oauth/token`` for a short-lived ES256 JWT access token
(RFC 9068) that names its organisation and scopes. ``TokenValidator`` accepts the gateway's own
tokens (``StaticJwks``) or those of a trusted external identity provider (``RemoteJwks``).

authlib runs the token endpoint; joserfc does every JOSE operation (``authlib.jose`` is
deprecated).
"""

import asyncio
import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Protocol
from urllib.parse import parse_qsl

import anyio
import httpx
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
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import APIRouter
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    InvalidKeyCurveError,
    InvalidKeyTypeError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import ECKey, Key, KeySet, import_key
from joserfc.jwt import ClaimsOption, JWTClaimsRegistry
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

log = logging.getLogger(__name__)

ALGORITHM = "ES256"
ENDPOINT_PATH = "/oauth/token"
JWKS_PATH = "/.well-known/jwks.json"
AUTH_METHODS = ("client_secret_basic", "client_secret_post")

# --- client secrets ---------------------------------------------------------------------------

# scrypt at n=2**14, r=8 costs 16 MiB and tens of milliseconds: cheap per request, dear per guess.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SCRYPT_MAXMEM = 64 * 1024 * 1024
_HASH_FORMAT = re.compile(
    r"scrypt\$([0-9]{1,7})\$([0-9]{1,2})\$([0-9]{1,2})\$([A-Za-z0-9+/]{22,})\$([A-Za-z0-9+/]{22,})"
)


def hash_secret(secret: str) -> str:
    """Hash a client secret as ``scrypt$n$r$p$salt$hash`` (base64 without padding)."""
    salt = secrets.token_bytes(16)
    n, r, p = _SCRYPT_N, _SCRYPT_R, _SCRYPT_P
    digest = hashlib.scrypt(
        secret.encode(), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=32
    )
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_secret(secret: str, hashed: str) -> bool:
    """Whether ``secret`` matches ``hashed``, compared in constant time; False if malformed."""
    parsed = _parse_hash(hashed)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    try:
        actual = hashlib.scrypt(
            secret.encode(), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=len(expected)
        )
    except ValueError:  # also UnicodeEncodeError, for a secret with lone surrogates
        return False
    return hmac.compare_digest(actual, expected)


def _parse_hash(hashed: str) -> tuple[int, int, int, bytes, bytes] | None:
    match = _HASH_FORMAT.fullmatch(hashed)
    if match is None:
        return None
    n, r, p = (int(group) for group in match.group(1, 2, 3))
    try:
        salt, digest = _unb64(match[4]), _unb64(match[5])
    except ValueError:
        return None
    # A hand-edited clients file must not make one login ask scrypt for gigabytes.
    sane = n >= 2 and n & (n - 1) == 0 and r >= 1 and p >= 1 and 128 * n * r * p <= 2**25
    return (n, r, p, salt, digest) if sane and 16 <= len(digest) <= 64 else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


# --- client registry --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientRecord:
    """A confidential OAuth2 client and what it may do."""

    client_id: str
    secret_hash: str
    organisation: str
    scopes: tuple[str, ...]
    name: str = ""


# RFC 6749 scope-token characters; unreserved URI characters for ids, so HTTP Basic needs no
# percent-encoding; organisations are "kind:id" (school:6652001, la:665, lhb:7A1).
_ScopeToken = Annotated[str, StringConstraints(pattern=r"^[\x21\x23-\x5b\x5d-\x7e]+$")]


class _ClientEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    client_id: str = Field(pattern=r"^[A-Za-z0-9._~-]+$")
    secret_hash: str
    organisation: str = Field(pattern=r"^[a-z][a-z_-]*:[A-Za-z0-9._-]+$")
    scopes: list[_ScopeToken] = Field(min_length=1)
    name: str = ""


_CLIENT_LIST = TypeAdapter(list[_ClientEntry])


def load_clients(data: str | bytes) -> dict[str, ClientRecord]:
    """Parse a JSON list of clients, keyed by client id; ValueError says what is wrong."""
    try:
        entries = _CLIENT_LIST.validate_json(data)
    except ValidationError as error:
        # Built from locations and messages only: the input may hold a secret pasted by mistake.
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc']) or 'document'}: {e['msg']}"
            for e in error.errors(include_input=False, include_url=False)
        )
        raise ValueError(f"invalid clients document: {problems}") from None
    clients: dict[str, ClientRecord] = {}
    for index, entry in enumerate(entries):
        if entry.client_id in clients:
            raise ValueError(f"invalid clients document: {index}: duplicate client_id")
        if _parse_hash(entry.secret_hash) is None:
            raise ValueError(
                f"invalid clients document: {index}.secret_hash: not a hash_secret() value"
            )
        clients[entry.client_id] = ClientRecord(
            client_id=entry.client_id,
            secret_hash=entry.secret_hash,
            organisation=entry.organisation,
            scopes=tuple(dict.fromkeys(entry.scopes)),
            name=entry.name,
        )
    return clients


# --- signing key ------------------------------------------------------------------------------


class SigningKey:
    """An EC P-256 key for ES256, with a kid (RFC 7638 thumbprint)."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey) -> None:
        if not isinstance(private_key.curve, ec.SECP256R1):
            raise ValueError(f"an ES256 key must be on P-256, not {private_key.curve.name}")
        self._private_key = private_key
        self.kid: str = ECKey.import_key(private_key).thumbprint()
        self._jwk = ECKey.import_key(
            private_key, parameters={"kid": self.kid, "alg": ALGORITHM, "use": "sig"}
        )

    @classmethod
    def generate(cls) -> "SigningKey":
        """A new random key."""
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_pem(cls, pem: bytes) -> "SigningKey":
        """Load an unencrypted PEM private key; ValueError if it is not an EC P-256 key."""
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except TypeError as error:  # encrypted, and no password given
            raise ValueError(str(error)) from None
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("an ES256 key must be an EC private key")
        return cls(key)

    def to_pem(self) -> bytes:
        """The private key as unencrypted PKCS#8 PEM."""
        return self._private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @classmethod
    def load_or_create(cls, path: Path) -> "SigningKey":
        """Load the key at ``path``, creating it (mode 0600) if absent; for embedded mode."""
        if path.exists():
            return cls._load_private_file(path)
        key = cls.generate()
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(key.to_pem())
            try:
                # A link never overwrites and never exposes a half-written file: if another
                # worker got there first, every worker signs with its key.
                os.link(staged, path)
            except FileExistsError:
                return cls._load_private_file(path)
        finally:
            staged.unlink(missing_ok=True)
        return key

    @classmethod
    def _load_private_file(cls, path: Path) -> "SigningKey":
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise ValueError(f"{path} is open to other users (mode {mode:o}); chmod 600 it")
        return cls.from_pem(path.read_bytes())

    def public_jwks(self) -> dict[str, Any]:
        """The public half as a JWKS document: ``{"keys": [JWK with kid, alg, use]}``."""
        return {"keys": [self._jwk.as_dict(private=False)]}

    def _key_set(self) -> KeySet:
        """The private key as a joserfc key set, so a signed header names its kid."""
        return KeySet([self._jwk])

    def __repr__(self) -> str:
        return f"SigningKey(kid={self.kid!r})"


# --- issuing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenSettings:
    """Who issues tokens, for whom, and how long they last."""

    issuer: str
    audience: str
    lifetime_seconds: int = 900
    leeway_seconds: int = 30

    def __post_init__(self) -> None:
        if not self.issuer or not self.audience:
            raise ValueError("issuer and audience must not be empty")
        if self.lifetime_seconds <= 0 or self.leeway_seconds < 0:
            raise ValueError("lifetime must be positive and leeway not negative")


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


class TokenIssuer:
    """The token endpoint: client credentials in, an ES256 access token out."""

    def __init__(
        self, key: SigningKey, settings: TokenSettings, clients: Mapping[str, ClientRecord]
    ) -> None:
        # The endpoint's public URL, not the request's: TLS ends at the ingress.
        self._token_uri = settings.issuer.rstrip("/") + ENDPOINT_PATH
        if not is_secure_transport(self._token_uri):
            raise ValueError(f"issuer {settings.issuer!r} must be https (or a loopback address)")
        self._server = _AuthorizationServer(clients)
        self._server.register_grant(_ClientCredentialsGrant)
        self._server.register_token_generator("default", _AccessTokenGenerator(key, settings))

    async def token_response(self, request: Request) -> Response:
        """Answer ``POST /oauth/token`` with a token or an RFC 6749 error."""
        form = await _read_form(request)
        if isinstance(form, InvalidRequestError):
            error_response: Response = self._server.handle_error_response(request, form)
            return error_response
        token_request = _TokenRequest(self._token_uri, request.headers, form)
        # scrypt takes tens of milliseconds: keep it off the event loop.
        response: Response = await anyio.to_thread.run_sync(
            self._server.create_token_response, token_request
        )
        return response


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


# --- validating -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessClaims:
    """What a valid access token says about its bearer."""

    subject: str
    client_id: str
    organisation: str
    scopes: frozenset[str]
    expires_at: int
    token_id: str


class InvalidTokenError(Exception):
    """A bearer token was refused; ``reason`` is short and machine readable."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class JwksUnavailableError(Exception):
    """No key set could be fetched from the identity provider (a 503, not a 401)."""


class JwksSource(Protocol):
    """Where the keys that sign access tokens are published."""

    async def keys(self, refresh: bool = False) -> dict[str, Any]:
        """The JWKS document; ``refresh`` asks for a fresh copy (sources may rate-limit it)."""
        ...


class StaticJwks:
    """A fixed key set, such as the gateway's own."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        self._jwks = jwks

    async def keys(self, refresh: bool = False) -> dict[str, Any]:
        """The key set given at construction."""
        return self._jwks


class RemoteJwks:
    """The key set of an external identity provider, fetched over HTTP and cached."""

    #: Forced refreshes (an unknown kid) are rate-limited so forged kids cannot flood the IdP.
    MIN_REFETCH_SECONDS = 10.0

    def __init__(
        self,
        url: str,
        client: httpx.AsyncClient,
        ttl_seconds: float = 300,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url, self._client, self._ttl, self._clock = url, client, ttl_seconds, clock
        self._document: dict[str, Any] | None = None
        self._next_fetch = -float("inf")
        self._last_attempt = -float("inf")
        self._lock = asyncio.Lock()

    async def keys(self, refresh: bool = False) -> dict[str, Any]:
        """The cached key set, refetched when stale or (at most every 10 s) on ``refresh``."""
        async with self._lock:
            now = self._clock()
            if now >= self._next_fetch or (
                refresh and now - self._last_attempt >= self.MIN_REFETCH_SECONDS
            ):
                await self._fetch(now)
            if self._document is None:
                raise JwksUnavailableError(f"no key set from {self._url}")
            return self._document

    async def _fetch(self, now: float) -> None:
        self._last_attempt = now
        try:
            response = await self._client.get(self._url)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as error:
            document = error
        if isinstance(document, dict) and isinstance(document.get("keys"), list):
            self._document, self._next_fetch = document, now + self._ttl
            return
        # Keep serving the last good keys; try again soon rather than after a whole TTL.
        self._next_fetch = now + self.MIN_REFETCH_SECONDS
        log.warning("cannot fetch the key set from %s: %r", self._url, document)


_REQUIRED_CLAIMS = ("iss", "aud", "sub", "client_id", "iat", "exp", "jti", "org")
_ACCESS_TOKEN_TYPES = ("at+jwt", "application/at+jwt")


class TokenValidator:
    """Checks an access token's signature, type, issuer, audience and lifetime."""

    def __init__(
        self,
        settings: TokenSettings,
        jwks: JwksSource,
        algorithms: tuple[str, ...] = (ALGORITHM,),
    ) -> None:
        # A symmetric algorithm would let anyone holding a public key forge tokens.
        if not algorithms or any(a.upper() == "NONE" or a.startswith("HS") for a in algorithms):
            raise ValueError("access tokens must use asymmetric signature algorithms")
        self._settings, self._jwks, self._algorithms = settings, jwks, algorithms
        self._document: dict[str, Any] | None = None
        self._keys: dict[str, tuple[Key, str | None]] = {}

    async def validate(self, token: str) -> AccessClaims:
        """The token's claims; InvalidTokenError (with a reason) if it must be refused."""
        header = _header(token)
        algorithm = header.get("alg")
        if algorithm not in self._algorithms:
            raise InvalidTokenError("bad_algorithm", f"{algorithm!r} is not accepted")
        if str(header.get("typ", "")).lower() not in _ACCESS_TOKEN_TYPES:
            raise InvalidTokenError("wrong_type", "not an at+jwt access token (RFC 9068)")
        kid = header.get("kid")
        found = await self._key(kid) if isinstance(kid, str) else None
        if found is None:
            raise InvalidTokenError("unknown_key", f"no published key has kid {kid!r}")
        key, key_algorithm = found
        if key_algorithm not in (None, algorithm):
            raise InvalidTokenError("bad_algorithm", f"the key is for {key_algorithm}")
        try:
            claims = jwt.decode(token, key, algorithms=[algorithm]).claims
        except BadSignatureError:
            raise InvalidTokenError("bad_signature") from None
        except (InvalidKeyTypeError, InvalidKeyCurveError):
            raise InvalidTokenError("bad_algorithm", "the key does not fit the algorithm") from None
        except (JoseError, ValueError) as error:
            raise InvalidTokenError("malformed", type(error).__name__) from None
        return self._claims(claims)

    def _claims(self, claims: dict[str, Any]) -> AccessClaims:
        options: dict[str, ClaimsOption] = {name: {"essential": True} for name in _REQUIRED_CLAIMS}
        options["iss"] = {"essential": True, "value": self._settings.issuer}
        options["aud"] = {"essential": True, "value": self._settings.audience}
        registry = JWTClaimsRegistry(None, self._settings.leeway_seconds, **options)
        try:
            registry.validate(claims)
        except ExpiredTokenError:
            raise InvalidTokenError("expired") from None
        except MissingClaimError as error:
            raise InvalidTokenError("missing_claim", error.claim) from None
        except InvalidClaimError as error:
            raise InvalidTokenError(_claim_reason(error.claim, claims), error.claim) from None
        scope = claims.get("scope", "")
        if not all(isinstance(claims[c], str) for c in ("client_id", "org")) or not isinstance(
            scope, str
        ):
            raise InvalidTokenError("malformed", "client_id, org and scope must be strings")
        return AccessClaims(
            subject=claims["sub"],
            client_id=claims["client_id"],
            organisation=claims["org"],
            scopes=frozenset(scope.split()),
            expires_at=int(claims["exp"]),
            token_id=claims["jti"],
        )

    async def _key(self, kid: str) -> tuple[Key, str | None] | None:
        keys = await self._current_keys(refresh=False)
        if kid not in keys:
            # The issuer may have rotated its key since we last looked.
            keys = await self._current_keys(refresh=True)
        return keys.get(kid)

    async def _current_keys(self, refresh: bool) -> dict[str, tuple[Key, str | None]]:
        document = await self._jwks.keys(refresh=refresh)
        if document is not self._document:
            self._keys, self._document = _verification_keys(document), document
        return self._keys


def _claim_reason(claim: str, claims: dict[str, Any]) -> str:
    value = claims.get(claim)
    if claim in ("nbf", "iat") and isinstance(value, int | float) and not isinstance(value, bool):
        return "not_yet_valid"
    return {"iss": "wrong_issuer", "aud": "wrong_audience"}.get(claim, "malformed")


def _header(token: str) -> dict[str, Any]:
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        raise InvalidTokenError("malformed", "not a compact JWS")
    try:
        header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    except (ValueError, binascii.Error):
        raise InvalidTokenError("malformed", "unreadable header") from None
    if not isinstance(header, dict):
        raise InvalidTokenError("malformed", "the header is not an object")
    return header


def _verification_keys(document: dict[str, Any]) -> dict[str, tuple[Key, str | None]]:
    """Public signing keys by kid; symmetric, private, encryption or broken entries are skipped."""
    keys: dict[str, tuple[Key, str | None]] = {}
    entries = document.get("keys")
    for jwk in entries if isinstance(entries, list) else []:
        usable = (
            isinstance(jwk, dict)
            and jwk.get("kty") in ("EC", "RSA", "OKP")
            and "d" not in jwk
            and jwk.get("use", "sig") == "sig"
            and isinstance(jwk.get("kid"), str)
        )
        if not usable:
            continue
        try:
            keys[jwk["kid"]] = (import_key(jwk), jwk.get("alg"))
        except (JoseError, ValueError, TypeError) as error:
            log.warning("skipping unusable JWK %r: %s", jwk.get("kid"), error)
    return keys


# --- HTTP -------------------------------------------------------------------------------------


class TokenResponse(BaseModel):
    """RFC 6749 section 5.1."""

    access_token: str = Field(description="An ES256 JWT (RFC 9068), sent as a Bearer token")
    token_type: Literal["Bearer"]
    expires_in: int = Field(description="Seconds until the token expires")
    scope: str = Field(description="The granted scopes, space separated")


class OAuthErrorResponse(BaseModel):
    """RFC 6749 section 5.2."""

    error: Literal[
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
    ]
    error_description: str | None = None


_TOKEN_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "required": ["grant_type"],
                "properties": {
                    "grant_type": {"type": "string", "enum": ["client_credentials"]},
                    "scope": {
                        "type": "string",
                        "description": "Space-separated subset of the client's scopes "
                        "(default: all of them)",
                    },
                    "client_id": {
                        "type": "string",
                        "description": "With client_secret, instead of HTTP Basic",
                    },
                    "client_secret": {"type": "string", "format": "password"},
                },
            }
        }
    },
}


def oauth_router(issuer: TokenIssuer, key: SigningKey) -> APIRouter:
    """``POST /oauth/token`` and ``GET /.well-known/jwks.json``."""
    router = APIRouter(tags=["authentication"])

    @router.post(
        ENDPOINT_PATH,
        summary="Exchange client credentials for an access token",
        description="OAuth 2.0 client credentials grant (RFC 6749 section 4.4). Authenticate "
        "with HTTP Basic (client_secret_basic) or with client_id and client_secret in the form "
        "(client_secret_post), not both.",
        response_model=None,
        responses={
            200: {"model": TokenResponse, "description": "An access token"},
            400: {"model": OAuthErrorResponse, "description": "A malformed or refused request"},
            401: {"model": OAuthErrorResponse, "description": "Client authentication failed"},
        },
        openapi_extra={"requestBody": _TOKEN_REQUEST_BODY},
    )
    async def token(request: Request) -> Response:
        return await issuer.token_response(request)

    @router.get(
        JWKS_PATH,
        summary="The public keys that sign access tokens (JWKS)",
        response_model=None,
        responses={200: {"description": "A JWK Set (RFC 7517)"}},
    )
    async def jwks() -> JSONResponse:
        # Short enough that a rotated key reaches every validator within minutes.
        return JSONResponse(key.public_jwks(), headers={"Cache-Control": "public, max-age=300"})

    return router
