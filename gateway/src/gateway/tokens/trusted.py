"""Access tokens of identity providers as they are (Entra ID, Keycloak, Okta...): RS256, PS256
or ES256, ``typ`` JWT or at+jwt, their own audience, and the organisation and scopes read from
their claims, roles or groups through a per-issuer mapping (``ClaimMapping``).

Several issuers are trusted at once, beside the gateway's own: ``Issuers`` reads a token's
(unverified) ``iss`` only to choose whose keys and rules check it.
"""

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal, Protocol

import httpx
from pydantic import BaseModel, ConfigDict, Field, model_validator

from gateway.tokens.clients import ClientRecord
from gateway.tokens.keys import TokenSettings
from gateway.tokens.validator import (
    AccessClaims,
    InvalidTokenError,
    JwksSource,
    KeyRing,
    RemoteJwks,
    TokenValidator,
    check_registered_claims,
    check_revocation,
)

log = logging.getLogger(__name__)

Algorithm = Literal["RS256", "PS256", "ES256"]
ALGORITHMS: tuple[Algorithm, ...] = ("RS256", "PS256", "ES256")
#: What every trusted issuer's token must carry, whatever its mapping.
_REQUIRED_CLAIMS = ("iss", "aud", "sub", "iat", "exp")


class ClaimMapping(BaseModel):
    """Where an issuer's tokens say who the caller acts for and what it may do.

    Claim names are paths: ``realm_access.roles`` is ``claims["realm_access"]["roles"]``. A
    claim's value is a string or a list of strings.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Every token of this issuer acts for this organisation (an LA's own IdP: ``la:666``) ...
    organisation: str | None = None
    #: ... or the claim naming it (``tid``, ``groups``, an attribute such as ``llwybr_org``),
    #: whose values are translated by ``organisations`` (value -> ``la:665``); exactly one of
    #: the claim's values must translate.
    organisation_claim: str | None = None
    organisations: dict[str, str] = Field(default_factory=dict)
    #: Without ``organisations``, the claim's value is taken as it is, and must match one of
    #: these patterns (``school:666*``): an issuer never names organisations it does not own.
    allowed_organisations: list[str] = Field(default_factory=list)
    #: Claims whose values are Llwybr scope names (``scope``; Entra ID's delegated ``scp``).
    scope_claims: list[str] = Field(default_factory=lambda: ["scope"])
    #: Claims holding roles or groups (``roles``, ``groups``, ``realm_access.roles``,
    #: ``resource_access.llwybr.roles``), translated to scopes by ``role_scopes``.
    role_claims: list[str] = Field(default_factory=list)
    role_scopes: dict[str, list[str]] = Field(default_factory=dict)
    #: The client (the MIS) is the first of these claims the token has.
    client_id_claims: list[str] = Field(default_factory=lambda: ["client_id", "azp", "appid"])
    #: The token's id (Entra ID has ``uti``); without one, a digest of the token.
    token_id_claims: list[str] = Field(default_factory=lambda: ["jti", "uti"])

    @model_validator(mode="after")
    def _one_organisation_source(self) -> "ClaimMapping":
        if (self.organisation is None) == (self.organisation_claim is None):
            raise ValueError("set exactly one of organisation and organisation_claim")
        if self.organisation_claim and not (self.organisations or self.allowed_organisations):
            raise ValueError("organisation_claim needs organisations or allowed_organisations")
        return self


class TrustedIssuer(BaseModel):
    """An identity provider whose access tokens the gateway accepts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: The tokens' ``iss``, exactly (Entra ID: ``https://login.microsoftonline.com/<tid>/v2.0``).
    issuer: str = Field(min_length=1)
    #: Where its keys are published: a URL (fetched, cached 5 minutes) or a JWKS file.
    jwks_url: str | None = None
    jwks_file: Path | None = None
    #: The ``aud`` its tokens for Llwybr carry (Entra ID: the API's application id URI).
    audience: list[str] = Field(min_length=1)
    algorithms: list[Algorithm] = Field(default_factory=lambda: list(ALGORITHMS))
    #: The header's ``typ`` accepted (lower case; "" accepts a token without one).
    token_types: list[str] = Field(default_factory=lambda: ["jwt", "at+jwt", "application/at+jwt"])
    claims: ClaimMapping

    @model_validator(mode="before")
    @classmethod
    def _one_audience(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("audience"), str):
            return {**data, "audience": [data["audience"]]}
        return data

    @model_validator(mode="after")
    def _one_key_source(self) -> "TrustedIssuer":
        if (self.jwks_url is None) == (self.jwks_file is None):
            raise ValueError("set exactly one of jwks_url and jwks_file")
        if not self.algorithms:
            raise ValueError("name at least one algorithm")
        return self


def load_trusted_issuers(path: Path) -> list[TrustedIssuer]:
    """The issuers listed in a JSON file (a list of ``TrustedIssuer`` objects)."""
    document = json.loads(path.read_text())
    if not isinstance(document, list):
        raise ValueError(f"{path} must hold a JSON list of trusted issuers")
    return [TrustedIssuer.model_validate(entry) for entry in document]


class FileJwks:
    """A key set kept in a file, re-read when the file changes."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._stamp: float | None = None
        self._document: dict[str, Any] = {"keys": []}

    async def keys(self, refresh: bool = False) -> dict[str, Any]:
        """The file's key set (the last readable one if it is being rewritten)."""
        stamp = self._path.stat().st_mtime
        if stamp != self._stamp:
            try:
                document = json.loads(self._path.read_text())
            except ValueError as error:
                log.warning("cannot read the key set in %s: %s", self._path, error)
            else:
                if isinstance(document, dict) and isinstance(document.get("keys"), list):
                    self._document, self._stamp = document, stamp
        return self._document


class Validator(Protocol):
    """Anything that turns a bearer token into the caller's claims."""

    async def validate(self, token: str) -> AccessClaims:
        """The token's claims; InvalidTokenError (with a reason) if it must be refused."""
        ...


class TrustedIssuerValidator:
    """Checks a trusted issuer's token (signature, type, issuer, audience, lifetime) and
    maps its claims; a client id registered with a revocation (``not_before``) is honoured."""

    def __init__(
        self,
        trusted: TrustedIssuer,
        jwks: JwksSource,
        kind_scopes: Mapping[str, frozenset[str]],
        *,
        clients: Mapping[str, ClientRecord] | None = None,
        leeway_seconds: int = 30,
    ) -> None:
        self.trusted, self._keys, self._kind_scopes = trusted, KeyRing(jwks), kind_scopes
        self._settings = TokenSettings(
            issuer=trusted.issuer, audience=trusted.audience[0], leeway_seconds=leeway_seconds
        )
        self._clients = clients

    async def validate(self, token: str) -> AccessClaims:
        """The token's claims as Llwybr reads them; InvalidTokenError if refused."""
        trusted = self.trusted
        claims = await self._keys.verify(
            token, tuple(trusted.algorithms), tuple(t.lower() for t in trusted.token_types)
        )
        check_registered_claims(
            claims, self._settings, _REQUIRED_CLAIMS, audiences=tuple(trusted.audience)
        )
        mapping = trusted.claims
        client_id = _first(claims, mapping.client_id_claims)
        if client_id is None:
            raise InvalidTokenError("missing_claim", " or ".join(mapping.client_id_claims))
        record = self._clients.get(client_id) if self._clients is not None else None
        if record is not None:
            check_revocation(record, claims)
        organisation = self._organisation(claims)
        allowed = self._kind_scopes.get(organisation.partition(":")[0], frozenset())
        return AccessClaims(
            subject=str(claims["sub"]),
            client_id=client_id,
            organisation=organisation,
            scopes=_scopes(claims, mapping) & allowed,
            expires_at=int(claims["exp"]),
            token_id=_first(claims, mapping.token_id_claims) or _digest(token),
        )

    def _organisation(self, claims: dict[str, Any]) -> str:
        mapping = self.trusted.claims
        if mapping.organisation is not None:
            return mapping.organisation
        assert mapping.organisation_claim is not None
        values = _values(claims, mapping.organisation_claim)
        if mapping.organisations:
            found = {mapping.organisations[v] for v in values if v in mapping.organisations}
        else:
            found = {
                v for v in values if any(fnmatchcase(v, p) for p in mapping.allowed_organisations)
            }
        if len(found) != 1:
            reason = "unknown_organisation" if not found else "ambiguous_organisation"
            raise InvalidTokenError(reason, mapping.organisation_claim)
        (organisation,) = found
        if organisation.partition(":")[0] not in self._kind_scopes:
            raise InvalidTokenError("unknown_organisation", mapping.organisation_claim)
        return organisation


class Issuers:
    """Validators by issuer: a token goes to the one its ``iss`` names (``default``: the
    gateway's own, or the one external issuer); a token naming none is ``wrong_issuer``."""

    def __init__(self, default: TokenValidator, trusted: list[TrustedIssuerValidator]) -> None:
        validators: list[tuple[str, Validator]] = [(default.issuer, default)]
        validators += [(v.trusted.issuer, v) for v in trusted]
        self._default, self._by_issuer = default, dict(validators)
        if len(self._by_issuer) != len(validators):
            raise ValueError("two trusted issuers have the same issuer")

    async def validate(self, token: str) -> AccessClaims:
        """The token's claims, checked by its issuer's validator."""
        issuer = _unverified_issuer(token)
        if issuer is None:  # the default says what is missing or broken
            return await self._default.validate(token)
        validator = self._by_issuer.get(issuer)
        if validator is None:
            raise InvalidTokenError("wrong_issuer", "iss names no trusted issuer")
        return await validator.validate(token)


def trusted_validators(
    issuers: list[TrustedIssuer],
    http: httpx.AsyncClient,
    kind_scopes: Mapping[str, frozenset[str]],
    clients: Mapping[str, ClientRecord] | None,
    *,
    remote: Callable[[str, httpx.AsyncClient], JwksSource] = RemoteJwks,
) -> list[TrustedIssuerValidator]:
    """One validator per trusted issuer, its keys fetched with ``http`` or read from a file."""
    validators = []
    for trusted in issuers:
        jwks = (
            remote(trusted.jwks_url, http)
            if trusted.jwks_url is not None
            else FileJwks(trusted.jwks_file)  # type: ignore[arg-type]  # one is set (validated)
        )
        validators.append(TrustedIssuerValidator(trusted, jwks, kind_scopes, clients=clients))
    return validators


def _values(claims: dict[str, Any], path: str) -> list[str]:
    """The strings at a dotted claim path: a string is one value, a list its strings."""
    value: Any = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _first(claims: dict[str, Any], paths: list[str]) -> str | None:
    for path in paths:
        values = _values(claims, path)
        if values:
            return values[0]
    return None


def _scopes(claims: dict[str, Any], mapping: ClaimMapping) -> frozenset[str]:
    scopes: set[str] = set()
    for path in mapping.scope_claims:
        for value in _values(claims, path):
            scopes.update(value.split())  # OAuth's scope is one space-separated string
    for path in mapping.role_claims:
        for role in _values(claims, path):
            scopes.update(mapping.role_scopes.get(role, ()))
    return frozenset(scopes)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def _unverified_issuer(token: str) -> str | None:
    """The ``iss`` a token claims, read without checking anything: it only chooses which
    issuer's keys and rules check the token."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return None
    issuer = payload.get("iss") if isinstance(payload, dict) else None
    return issuer if isinstance(issuer, str) else None
