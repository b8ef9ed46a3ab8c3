"""Validating access tokens: attacks on them, and keys from an external identity provider."""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import ECKey

from gateway.tokens import (
    AccessClaims,
    InvalidTokenError,
    JwksUnavailableError,
    RemoteJwks,
    SigningKey,
    StaticJwks,
    TokenSettings,
    TokenValidator,
)

SETTINGS = TokenSettings(issuer="http://127.0.0.1:8000", audience="llwybr")


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def validator(key: SigningKey) -> TokenValidator:
    return TokenValidator(SETTINGS, StaticJwks(key.public_jwks()))


def claims(**changes: Any) -> dict[str, Any]:
    """Valid claims for SETTINGS; a change to None drops the claim."""
    now = int(time.time())
    valid = {
        "iss": SETTINGS.issuer,
        "aud": SETTINGS.audience,
        "sub": "ysgol-6652001",
        "client_id": "ysgol-6652001",
        "iat": now,
        "nbf": now,
        "exp": now + 900,
        "jti": "token-1",
        "scope": "determinations:read",
        "org": "school:6652001",
    }
    valid.update(changes)
    return {name: value for name, value in valid.items() if value is not None}


def sign(key: SigningKey, payload: dict[str, Any], **header: Any) -> str:
    private = ECKey.import_key(key.to_pem())
    return jwt.encode({"alg": "ES256", "typ": "at+jwt", "kid": key.kid, **header}, payload, private)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def hand_built(header: dict[str, Any], payload: dict[str, Any]) -> str:
    return f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"


async def refusal(validator: TokenValidator, token: str) -> str:
    with pytest.raises(InvalidTokenError) as refused:
        await validator.validate(token)
    return refused.value.reason


async def test_a_well_formed_token_signed_with_the_gateway_key_is_accepted(
    key: SigningKey, validator: TokenValidator
) -> None:
    access = await validator.validate(sign(key, claims()))
    assert access == AccessClaims(
        subject="ysgol-6652001",
        client_id="ysgol-6652001",
        organisation="school:6652001",
        scopes=frozenset({"determinations:read"}),
        expires_at=claims()["exp"],
        token_id="token-1",
    )


async def test_an_expired_token_is_refused(key: SigningKey, validator: TokenValidator) -> None:
    now = int(time.time())
    token = sign(key, claims(iat=now - 1000, nbf=now - 1000, exp=now - 100))
    assert await refusal(validator, token) == "expired"


async def test_a_token_not_yet_valid_beyond_the_leeway_is_refused(
    key: SigningKey, validator: TokenValidator
) -> None:
    token = sign(key, claims(nbf=int(time.time()) + SETTINGS.leeway_seconds + 60))
    assert await refusal(validator, token) == "not_yet_valid"


async def test_a_token_for_another_audience_is_refused(
    key: SigningKey, validator: TokenValidator
) -> None:
    token = sign(key, claims(aud="another-api"))
    assert await refusal(validator, token) == "wrong_audience"


async def test_an_audience_list_naming_llwybr_is_accepted(
    key: SigningKey, validator: TokenValidator
) -> None:
    access = await validator.validate(sign(key, claims(aud=["another-api", "llwybr"])))
    assert access.organisation == "school:6652001"


async def test_a_token_from_another_issuer_is_refused(
    key: SigningKey, validator: TokenValidator
) -> None:
    token = sign(key, claims(iss="https://evil.example"))
    assert await refusal(validator, token) == "wrong_issuer"


async def test_an_unsigned_token_is_refused(key: SigningKey, validator: TokenValidator) -> None:
    token = hand_built({"alg": "none", "typ": "at+jwt", "kid": key.kid}, claims()) + "."
    assert await refusal(validator, token) == "bad_algorithm"


@pytest.mark.parametrize("secret_form", ["pem", "jwk"])
async def test_hs256_keyed_with_the_public_key_is_refused(
    key: SigningKey, validator: TokenValidator, secret_form: str
) -> None:
    public_jwk = key.public_jwks()["keys"][0]
    public_pem = ECKey.import_key(public_jwk).public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    secret = public_pem if secret_form == "pem" else json.dumps(public_jwk).encode()
    signing_input = hand_built({"alg": "HS256", "typ": "at+jwt", "kid": key.kid}, claims())
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    assert await refusal(validator, f"{signing_input}.{b64url(mac)}") == "bad_algorithm"


async def test_a_token_with_a_tampered_payload_is_refused(
    key: SigningKey, validator: TokenValidator
) -> None:
    header, _, signature = sign(key, claims()).split(".")
    forged = b64url(json.dumps(claims(org="la:665")).encode())
    assert await refusal(validator, f"{header}.{forged}.{signature}") == "bad_signature"


async def test_a_token_signed_by_an_unpublished_key_is_refused(
    validator: TokenValidator,
) -> None:
    token = sign(SigningKey.generate(), claims())
    assert await refusal(validator, token) == "unknown_key"


async def test_a_token_without_an_organisation_is_refused(
    key: SigningKey, validator: TokenValidator
) -> None:
    assert await refusal(validator, sign(key, claims(org=None))) == "missing_claim"


async def test_a_token_that_is_not_an_access_token_is_refused(
    key: SigningKey, validator: TokenValidator
) -> None:
    assert await refusal(validator, sign(key, claims(), typ="JWT")) == "wrong_type"


async def test_a_token_that_is_not_a_jwt_is_refused(validator: TokenValidator) -> None:
    assert await refusal(validator, "not-a-token") == "malformed"


def test_a_validator_cannot_be_configured_with_a_symmetric_algorithm() -> None:
    with pytest.raises(ValueError, match="asymmetric"):
        TokenValidator(SETTINGS, StaticJwks({"keys": []}), algorithms=("ES256", "HS256"))


# --- an external identity provider ---

IDP_SETTINGS = TokenSettings(issuer="https://idp.cardiff.example", audience="llwybr")


class IdentityProvider:
    """A local authority's IdP: publishes its keys and counts the fetches."""

    def __init__(self) -> None:
        self.keys = [SigningKey.generate()]
        self.fetches = 0
        self.app = FastAPI()

        @self.app.get("/jwks")
        def jwks() -> dict[str, Any]:
            self.fetches += 1
            return {"keys": [jwk for k in self.keys for jwk in k.public_jwks()["keys"]]}

    def rotate(self) -> SigningKey:
        self.keys.append(SigningKey.generate())
        return self.keys[-1]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def idp() -> IdentityProvider:
    return IdentityProvider()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def remote(idp: IdentityProvider, clock: Clock) -> AsyncIterator[TokenValidator]:
    transport = httpx.ASGITransport(app=idp.app)
    async with httpx.AsyncClient(transport=transport, base_url="https://idp") as client:
        jwks = RemoteJwks("https://idp/jwks", client, clock=clock)
        yield TokenValidator(IDP_SETTINGS, jwks)


def idp_claims() -> dict[str, Any]:
    return claims(iss=IDP_SETTINGS.issuer, sub="caerdydd-aln", client_id="caerdydd-aln")


async def test_a_token_from_a_trusted_identity_provider_is_accepted(
    idp: IdentityProvider, remote: TokenValidator
) -> None:
    access = await remote.validate(sign(idp.keys[0], idp_claims()))
    assert access.client_id == "caerdydd-aln"


async def test_a_new_kid_refreshes_the_remote_keys_once_and_then_validates(
    idp: IdentityProvider, remote: TokenValidator, clock: Clock
) -> None:
    await remote.validate(sign(idp.keys[0], idp_claims()))
    new_key = idp.rotate()
    clock.now += RemoteJwks.MIN_REFETCH_SECONDS
    await remote.validate(sign(new_key, idp_claims()))
    await remote.validate(sign(new_key, idp_claims()))
    assert idp.fetches == 2


async def test_unknown_kids_do_not_refetch_the_remote_keys_more_than_every_ten_seconds(
    idp: IdentityProvider, remote: TokenValidator
) -> None:
    await remote.validate(sign(idp.keys[0], idp_claims()))
    for _ in range(3):
        assert await refusal(remote, sign(SigningKey.generate(), idp_claims())) == "unknown_key"
    assert idp.fetches == 1


async def test_remote_keys_are_refetched_after_their_ttl(
    idp: IdentityProvider, remote: TokenValidator, clock: Clock
) -> None:
    await remote.validate(sign(idp.keys[0], idp_claims()))
    clock.now += 301
    await remote.validate(sign(idp.keys[0], idp_claims()))
    assert idp.fetches == 2


async def test_an_unreachable_identity_provider_with_no_keys_is_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as client:
        with pytest.raises(JwksUnavailableError):
            await RemoteJwks("https://idp/jwks", client).keys()
