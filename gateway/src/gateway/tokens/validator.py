"""Validating access tokens: the gateway's own (``StaticJwks``) or a trusted external
identity provider's (``RemoteJwks``)."""

import asyncio
import base64
import binascii
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

import httpx
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
from joserfc.jwk import Key, import_key
from joserfc.jwt import ClaimsOption, JWTClaimsRegistry

from gateway.tokens.clients import ClientRecord
from gateway.tokens.keys import ALGORITHM, TokenSettings

log = logging.getLogger(__name__)


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
        self.reason, self.detail = reason, detail


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
#: The claim naming the client's secret generation (``ClientRecord.generation``) in the
#: gateway's own tokens.
GENERATION_CLAIM = "gen"
_ACCESS_TOKEN_TYPES = ("at+jwt", "application/at+jwt")


class TokenValidator:
    """Checks an access token's signature, type, issuer, audience and lifetime, then its
    client against the registry (``clients``), on every request.

    With ``own_tokens`` (the gateway issued them) the client must still be registered, with the
    organisation and the secret generation the token names; its scopes are cut to those the
    client holds now. Tokens of an external identity provider are checked only when their client
    id is registered with a revocation (``not_before``).
    """

    def __init__(
        self,
        settings: TokenSettings,
        jwks: JwksSource,
        algorithms: tuple[str, ...] = (ALGORITHM,),
        *,
        clients: Mapping[str, ClientRecord] | None = None,
        own_tokens: bool = True,
    ) -> None:
        check_asymmetric(algorithms)
        self._settings, self._keys, self._algorithms = settings, KeyRing(jwks), algorithms
        self._clients, self._own_tokens = clients, own_tokens

    @property
    def issuer(self) -> str:
        """The ``iss`` of the tokens it accepts."""
        return self._settings.issuer

    async def validate(self, token: str) -> AccessClaims:
        """The token's claims; InvalidTokenError (with a reason) if it must be refused."""
        claims = await self._keys.verify(token, self._algorithms, _ACCESS_TOKEN_TYPES)
        return self._registered(self._claims(claims), claims)

    def _registered(self, access: AccessClaims, claims: dict[str, Any]) -> AccessClaims:
        """``access`` as the client registry allows it now; InvalidTokenError if revoked."""
        if self._clients is None:
            return access
        record = self._clients.get(access.client_id)
        if record is None:
            if self._own_tokens:
                raise InvalidTokenError("unknown_client", "the client is not registered")
            return access
        check_revocation(record, claims)
        if not self._own_tokens:
            return access
        if claims.get(GENERATION_CLAIM) != record.generation:
            raise InvalidTokenError("revoked", "the client's secret has changed")
        if access.organisation != record.organisation:
            raise InvalidTokenError("revoked", "the client's organisation has changed")
        scopes = access.scopes.intersection(record.scopes)
        return access if scopes == access.scopes else replace(access, scopes=scopes)

    def _claims(self, claims: dict[str, Any]) -> AccessClaims:
        check_registered_claims(
            claims, self._settings, _REQUIRED_CLAIMS, audiences=(self._settings.audience,)
        )
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


class KeyRing:
    """An issuer's published keys, imported once per key set, and the signature check."""

    def __init__(self, jwks: JwksSource) -> None:
        self._jwks = jwks
        self._document: dict[str, Any] | None = None
        self._keys: dict[str, tuple[Key, str | None]] = {}

    async def verify(
        self, token: str, algorithms: tuple[str, ...], types: tuple[str, ...]
    ) -> dict[str, Any]:
        """The claims of ``token`` if one of these keys signed it with one of ``algorithms``
        and its header's ``typ`` is one of ``types`` (lower case; "" for none); else
        InvalidTokenError. The claims themselves are not checked here."""
        header = _header(token)
        algorithm = header.get("alg")
        if algorithm not in algorithms:
            raise InvalidTokenError("bad_algorithm", f"{algorithm!r} is not accepted")
        if str(header.get("typ", "")).lower() not in types:
            raise InvalidTokenError("wrong_type", f"typ {header.get('typ')!r} is not accepted")
        kid = header.get("kid")
        found = await self._key(kid) if isinstance(kid, str) else None
        if found is None:
            raise InvalidTokenError("unknown_key", f"no published key has kid {kid!r}")
        key, key_algorithm = found
        if key_algorithm not in (None, algorithm):
            raise InvalidTokenError("bad_algorithm", f"the key is for {key_algorithm}")
        try:
            claims: dict[str, Any] = jwt.decode(token, key, algorithms=[algorithm]).claims
        except BadSignatureError:
            raise InvalidTokenError("bad_signature") from None
        except (InvalidKeyTypeError, InvalidKeyCurveError):
            raise InvalidTokenError("bad_algorithm", "the key does not fit the algorithm") from None
        except (JoseError, ValueError) as error:
            raise InvalidTokenError("malformed", type(error).__name__) from None
        return claims

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


def check_asymmetric(algorithms: tuple[str, ...] | list[str]) -> None:
    """ValueError unless every algorithm is asymmetric: a symmetric one would let anyone
    holding a public key forge tokens."""
    if not algorithms or any(a.upper() == "NONE" or a.upper().startswith("HS") for a in algorithms):
        raise ValueError("access tokens must use asymmetric signature algorithms")


def check_registered_claims(
    claims: dict[str, Any],
    settings: TokenSettings,
    required: tuple[str, ...],
    *,
    audiences: tuple[str, ...],
) -> None:
    """InvalidTokenError (naming the check) unless the ``required`` claims are present, the
    issuer is ``settings.issuer``, the audience one of ``audiences`` and the token current."""
    options: dict[str, ClaimsOption] = {name: {"essential": True} for name in required}
    options["iss"] = {"essential": True, "value": settings.issuer}
    options["aud"] = {"essential": True, "values": list(audiences)}
    registry = JWTClaimsRegistry(None, settings.leeway_seconds, **options)
    try:
        registry.validate(claims)
    except ExpiredTokenError:
        raise InvalidTokenError("expired") from None
    except MissingClaimError as error:
        raise InvalidTokenError("missing_claim", error.claim) from None
    except InvalidClaimError as error:
        raise InvalidTokenError(_claim_reason(error.claim, claims), error.claim) from None


def check_revocation(record: ClientRecord, claims: dict[str, Any]) -> None:
    """InvalidTokenError if the client's tokens issued before its ``not_before`` are revoked
    and this is one of them."""
    issued_at = claims.get("iat")
    fresh = isinstance(issued_at, int | float) and issued_at >= (record.not_before or 0)
    if record.not_before is not None and not fresh:
        raise InvalidTokenError("revoked", "the client's tokens were revoked")


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
