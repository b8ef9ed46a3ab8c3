"""OAuth2 client credentials: the gateway issues access tokens and checks them.

Schools, local authorities, health boards, the tribunal and auditors are confidential OAuth2
clients (``clients``). Each trades its secret at ``POST /oauth/token`` (``issuer``, ``router``)
for a short-lived ES256 JWT access token (RFC 9068) signed with the gateway's key (``keys``)
that names its organisation and scopes. ``TokenValidator`` (``validator``) accepts the gateway's
own tokens (``StaticJwks``) or those of a trusted external identity provider (``RemoteJwks``),
and checks each token's client against the registry (``registry``) on every request: a removed
client or a rotated secret refuses its tokens at once. The token endpoint is rate-limited per
client id and per address, and runs only a few secret checks (scrypt) at a time. Identity
providers as they are (Entra ID, Keycloak: RS256, ``typ`` JWT, roles and groups) are trusted
beside the gateway's own tokens through ``trusted`` (``TrustedIssuer``, ``Issuers``).

authlib runs the token endpoint; joserfc does every JOSE operation (``authlib.jose`` is
deprecated).
"""

from gateway.tokens.clients import ClientRecord, hash_secret, load_clients, verify_secret
from gateway.tokens.issuer import EndpointLimits, TokenIssuer
from gateway.tokens.keys import ALGORITHM, SigningKey, TokenSettings
from gateway.tokens.registry import ClientRegistry
from gateway.tokens.router import oauth_router
from gateway.tokens.trusted import (
    ClaimMapping,
    Issuers,
    TrustedIssuer,
    Validator,
    load_trusted_issuers,
    trusted_validators,
)
from gateway.tokens.validator import (
    AccessClaims,
    InvalidTokenError,
    JwksSource,
    JwksUnavailableError,
    RemoteJwks,
    StaticJwks,
    TokenValidator,
)

__all__ = [
    "ALGORITHM",
    "AccessClaims",
    "ClaimMapping",
    "ClientRecord",
    "ClientRegistry",
    "EndpointLimits",
    "InvalidTokenError",
    "Issuers",
    "JwksSource",
    "JwksUnavailableError",
    "RemoteJwks",
    "SigningKey",
    "StaticJwks",
    "TokenIssuer",
    "TokenSettings",
    "TokenValidator",
    "TrustedIssuer",
    "Validator",
    "hash_secret",
    "load_clients",
    "load_trusted_issuers",
    "oauth_router",
    "trusted_validators",
    "verify_secret",
]
