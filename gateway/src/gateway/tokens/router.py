"""The token endpoint and the published keys, as HTTP routes."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.answers import AuthorizationServerMetadata, JwkSet
from gateway.tokens.issuer import AUTH_METHODS, ENDPOINT_PATH, TokenIssuer
from gateway.tokens.keys import SigningKey
from gateway.tokens.manifests import ManifestSigner
from llwybr.problems import PROBLEM_JSON, Problem

JWKS_PATH = "/.well-known/jwks.json"
METADATA_PATH = "/.well-known/oauth-authorization-server"


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


def published_keys(
    key: SigningKey | None, manifests: ManifestSigner | None
) -> list[dict[str, Any]]:
    """The public JWKs the gateway publishes: the token key's, then the manifest keys' (current
    and retired), each once."""
    keys: dict[str, dict[str, Any]] = {}
    for jwk in [
        *(key.public_jwks()["keys"] if key is not None else []),
        *(manifests.public_keys() if manifests is not None else []),
    ]:
        keys.setdefault(jwk["kid"], jwk)
    return list(keys.values())


def authorization_server_metadata(issuer: str, scopes: Sequence[str]) -> dict[str, Any]:
    """RFC 8414 section 2: what a client library needs to find the token endpoint and keys."""
    base = issuer.rstrip("/")
    return {
        "issuer": issuer,
        "token_endpoint": base + ENDPOINT_PATH,
        "jwks_uri": base + JWKS_PATH,
        "grant_types_supported": ["client_credentials"],
        "token_endpoint_auth_methods_supported": list(AUTH_METHODS),
        "scopes_supported": sorted(scopes),
        # Required by RFC 8414; there is no authorization endpoint, so no response type.
        "response_types_supported": [],
        "service_documentation": base + "/docs",
    }


def oauth_router(
    issuer: TokenIssuer,
    key: SigningKey,
    *,
    manifests: ManifestSigner | None = None,
    scopes: Sequence[str] = (),
) -> APIRouter:
    """``POST /oauth/token``, ``GET /.well-known/jwks.json`` and the server's metadata."""
    router = APIRouter(tags=["authentication"])
    router.include_router(jwks_router(published_keys(key, manifests)))
    metadata = authorization_server_metadata(issuer.issuer_url, scopes)

    @router.post(
        ENDPOINT_PATH,
        summary="Exchange client credentials for an access token",
        description="OAuth 2.0 client credentials grant (RFC 6749 section 4.4): the first call "
        "of every integration, e.g. an MIS's nightly sync. Authenticate with HTTP Basic "
        "(client_secret_basic) or with client_id and client_secret in the form "
        "(client_secret_post), not both. Any registered client may call it; `scope` asks for a "
        "subset of the client's scopes (all of them if omitted).\n\n"
        "The answer is a Bearer access token (an ES256 JWT, RFC 9068) naming the client's "
        "organisation (e.g. `school:6652001`), with `expires_in` seconds to live: ask for a new "
        "one when it expires, not per request. Errors are RFC 6749 section 5.2 bodies, not "
        "problems: 400 with an `error` such as `invalid_request`, `unsupported_grant_type` "
        "or `invalid_scope`; 401 `invalid_client`. Too many requests answer a 429 problem "
        "(`rate-limited`) and too many waiting secret checks a 503 problem (`busy`), both "
        "with `Retry-After`.",
        response_model=None,
        responses={
            200: {"model": TokenResponse, "description": "An access token"},
            400: {"model": OAuthErrorResponse, "description": "A malformed or refused request"},
            401: {"model": OAuthErrorResponse, "description": "Client authentication failed"},
            429: {
                "model": Problem,
                "content": {PROBLEM_JSON: {}},
                "description": "Too many token requests for this client id or from this "
                "address; wait as long as Retry-After says",
            },
            503: {
                "model": Problem,
                "content": {PROBLEM_JSON: {}},
                "description": "Too many secret checks are waiting; retry after Retry-After",
            },
        },
        openapi_extra={"requestBody": _TOKEN_REQUEST_BODY},
    )
    async def token(request: Request) -> Response:
        return await issuer.token_response(request)

    @router.get(
        METADATA_PATH,
        summary="OAuth 2.0 authorization server metadata (RFC 8414)",
        description="The issuer, the token endpoint, the JWKS and the scopes, for client "
        "libraries that discover them. It needs no token.",
        operation_id="getAuthorizationServerMetadata",
        response_model=AuthorizationServerMetadata,
        responses={200: {"description": "The server's metadata (RFC 8414 section 2)"}},
    )
    async def authorization_server() -> JSONResponse:
        return JSONResponse(metadata, headers={"Cache-Control": "public, max-age=300"})

    return router


def jwks_router(keys: Sequence[Mapping[str, Any]]) -> APIRouter:
    """``GET /.well-known/jwks.json``: the keys that sign access tokens and bundle manifests."""
    router = APIRouter(tags=["authentication"])
    document = {"keys": [dict(k) for k in keys]}

    @router.get(
        JWKS_PATH,
        summary="The public keys that sign access tokens and bundle manifests (JWKS)",
        description="Every manifest key that ever signed a bundle stays listed (retired keys "
        "too), so a bundle verifies long after its key stopped signing. It needs no token: a "
        "resource server or a Tribunal clerk fetches it to verify signatures.",
        response_model=JwkSet,
        responses={200: {"description": "A JWK Set (RFC 7517)"}},
    )
    async def jwks() -> JSONResponse:
        # Short enough that a rotated key reaches every validator within minutes.
        return JSONResponse(document, headers={"Cache-Control": "public, max-age=300"})

    return router
