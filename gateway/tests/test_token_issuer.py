"""The token endpoint: client credentials in, an ES256 access token (RFC 9068) out."""

import time
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import ECKey

from gateway.tokens import (
    ClientRecord,
    SigningKey,
    StaticJwks,
    TokenIssuer,
    TokenSettings,
    TokenValidator,
    hash_secret,
    oauth_router,
)

SETTINGS = TokenSettings(issuer="http://127.0.0.1:8000", audience="llwybr")
SECRET = "cyfrinach-ysgol-gynradd"
SCOPES = ("determinations:read", "determinations:write")


@pytest.fixture(scope="module")
def clients() -> dict[str, ClientRecord]:
    record = ClientRecord("ysgol-6652001", hash_secret(SECRET), "school:6652001", SCOPES, "Ysgol")
    return {record.client_id: record}


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
async def gateway(
    key: SigningKey, clients: dict[str, ClientRecord]
) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(oauth_router(TokenIssuer(key, SETTINGS, clients), key))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        yield client


@pytest.fixture
def validator(key: SigningKey) -> TokenValidator:
    return TokenValidator(SETTINGS, StaticJwks(key.public_jwks()))


async def request_token(
    gateway: httpx.AsyncClient, secret: str = SECRET, **form: str
) -> httpx.Response:
    form = {"grant_type": "client_credentials", **form}
    return await gateway.post("/oauth/token", data=form, auth=("ysgol-6652001", secret))


async def test_a_client_gets_a_token_with_http_basic_authentication(
    gateway: httpx.AsyncClient,
) -> None:
    response = await request_token(gateway)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == SETTINGS.lifetime_seconds
    assert body["scope"] == " ".join(SCOPES)
    assert response.headers["cache-control"] == "no-store"


async def test_a_client_gets_a_token_with_its_secret_in_the_form(
    gateway: httpx.AsyncClient,
) -> None:
    form = {
        "grant_type": "client_credentials",
        "client_id": "ysgol-6652001",
        "client_secret": SECRET,
    }
    response = await gateway.post("/oauth/token", data=form)
    assert response.status_code == 200
    assert response.json()["token_type"] == "Bearer"


async def test_an_issued_token_validates_and_names_the_organisation_and_scopes(
    gateway: httpx.AsyncClient, validator: TokenValidator
) -> None:
    token = (await request_token(gateway)).json()["access_token"]
    access = await validator.validate(token)
    assert access.organisation == "school:6652001"
    assert access.scopes == frozenset(SCOPES)
    assert access.subject == access.client_id == "ysgol-6652001"
    assert access.expires_at - time.time() == pytest.approx(SETTINGS.lifetime_seconds, abs=5)


async def test_an_issued_token_has_the_rfc_9068_shape(
    gateway: httpx.AsyncClient, key: SigningKey
) -> None:
    token = (await request_token(gateway)).json()["access_token"]
    decoded = jwt.decode(token, ECKey.import_key(key.public_jwks()["keys"][0]))
    assert decoded.header == {"alg": "ES256", "typ": "at+jwt", "kid": key.kid}
    assert decoded.claims["iss"] == SETTINGS.issuer
    assert decoded.claims["aud"] == SETTINGS.audience
    assert decoded.claims["nbf"] == decoded.claims["iat"]
    assert decoded.claims["exp"] == decoded.claims["iat"] + SETTINGS.lifetime_seconds
    assert decoded.claims["jti"]


async def test_a_client_may_ask_for_a_subset_of_its_scopes(
    gateway: httpx.AsyncClient, validator: TokenValidator
) -> None:
    response = await request_token(gateway, scope="determinations:read")
    assert response.json()["scope"] == "determinations:read"
    access = await validator.validate(response.json()["access_token"])
    assert access.scopes == {"determinations:read"}


async def test_a_scope_the_client_lacks_is_invalid_scope(gateway: httpx.AsyncClient) -> None:
    response = await request_token(gateway, scope="determinations:read appeals:decide")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_a_wrong_secret_is_invalid_client_with_a_challenge(
    gateway: httpx.AsyncClient,
) -> None:
    response = await request_token(gateway, secret="not-the-secret")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["www-authenticate"].startswith("Basic ")


async def test_an_unknown_client_is_invalid_client(gateway: httpx.AsyncClient) -> None:
    form = {"grant_type": "client_credentials", "client_id": "nobody", "client_secret": SECRET}
    response = await gateway.post("/oauth/token", data=form)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_a_grant_type_other_than_client_credentials_is_unsupported(
    gateway: httpx.AsyncClient,
) -> None:
    response = await request_token(gateway, grant_type="password")
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


async def test_a_request_without_a_grant_type_is_invalid(gateway: httpx.AsyncClient) -> None:
    response = await gateway.post("/oauth/token", data={}, auth=("ysgol-6652001", SECRET))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_a_json_body_is_an_invalid_request(gateway: httpx.AsyncClient) -> None:
    body = {"grant_type": "client_credentials"}
    response = await gateway.post("/oauth/token", json=body, auth=("ysgol-6652001", SECRET))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_a_repeated_parameter_is_an_invalid_request(gateway: httpx.AsyncClient) -> None:
    response = await gateway.post(
        "/oauth/token",
        content="grant_type=client_credentials&scope=a&scope=b",
        headers={"content-type": "application/x-www-form-urlencoded"},
        auth=("ysgol-6652001", SECRET),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_two_authentication_methods_at_once_are_an_invalid_request(
    gateway: httpx.AsyncClient,
) -> None:
    response = await request_token(gateway, client_id="ysgol-6652001", client_secret=SECRET)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_the_jwks_publishes_the_public_key_only(
    gateway: httpx.AsyncClient, key: SigningKey
) -> None:
    (jwk,) = (await gateway.get("/.well-known/jwks.json")).json()["keys"]
    assert jwk["kid"] == key.kid
    assert (jwk["kty"], jwk["crv"], jwk["alg"], jwk["use"]) == ("EC", "P-256", "ES256", "sig")
    assert "d" not in jwk


async def test_the_token_endpoint_is_documented_in_openapi(gateway: httpx.AsyncClient) -> None:
    operation = (await gateway.get("/openapi.json")).json()["paths"]["/oauth/token"]["post"]
    form = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert set(form["properties"]) == {"grant_type", "scope", "client_id", "client_secret"}
    assert {"200", "400", "401"} <= set(operation["responses"])


def test_an_issuer_on_plain_http_beyond_loopback_is_refused(
    key: SigningKey, clients: dict[str, ClientRecord]
) -> None:
    with pytest.raises(ValueError, match="https"):
        TokenIssuer(key, TokenSettings("http://gateway.example", "llwybr"), clients)
