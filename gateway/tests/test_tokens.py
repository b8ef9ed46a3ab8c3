import base64
import hashlib
import hmac
import json
import stat
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import ECKey

from gateway.tokens import (
    AccessClaims,
    ClientRecord,
    InvalidTokenError,
    JwksUnavailableError,
    RemoteJwks,
    SigningKey,
    StaticJwks,
    TokenIssuer,
    TokenSettings,
    TokenValidator,
    hash_secret,
    load_clients,
    oauth_router,
    verify_secret,
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


# --- the token endpoint ---


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


# --- attacks on tokens ---


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


# --- client secrets and the clients file ---


def test_a_secret_verifies_against_its_hash() -> None:
    assert verify_secret("s3cret", hash_secret("s3cret"))


def test_a_wrong_secret_does_not_verify() -> None:
    assert not verify_secret("s3cret!", hash_secret("s3cret"))


def test_hashes_are_salted_and_self_describing() -> None:
    first, second = hash_secret("s3cret"), hash_secret("s3cret")
    assert first != second
    assert first.startswith("scrypt$16384$8$1$")


@pytest.mark.parametrize(
    "hashed",
    [
        "",
        "s3cret",
        "bcrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$16384$8$1$!!!!!!!!!!!!!!!!!!!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_a_malformed_hash_verifies_nothing(hashed: str) -> None:
    assert not verify_secret("s3cret", hashed)


def client_entry(**changes: Any) -> dict[str, Any]:
    entry = {
        "client_id": "caerdydd-aln",
        "secret_hash": hash_secret("s3cret"),
        "organisation": "la:665",
        "scopes": ["determinations:read"],
        "name": "Cyngor Caerdydd",
    }
    entry.update(changes)
    return {name: value for name, value in entry.items() if value is not None}


def test_a_clients_file_is_loaded_by_client_id() -> None:
    loaded = load_clients(json.dumps([client_entry()]))
    assert loaded["caerdydd-aln"].organisation == "la:665"
    assert loaded["caerdydd-aln"].scopes == ("determinations:read",)


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("[{", "Invalid JSON"),
        ('{"client_id": "x"}', "valid array"),
        (json.dumps([client_entry(scopes=None)]), "0.scopes: Field required"),
        (json.dumps([client_entry(organisation="Cardiff")]), "0.organisation"),
        (json.dumps([client_entry(secret_hash="s3cret")]), "not a hash_secret"),
        (json.dumps([client_entry(), client_entry()]), "duplicate client_id"),
        (json.dumps([client_entry(secret="s3cret")]), "0.secret: Extra inputs"),
    ],
)
def test_a_bad_clients_file_is_refused_with_a_clear_message(document: str, complaint: str) -> None:
    with pytest.raises(ValueError, match="invalid clients document") as refused:
        load_clients(document)
    assert complaint in str(refused.value)
    assert "s3cret" not in str(refused.value)


# --- the signing key ---


def test_a_created_signing_key_is_private_to_its_owner_and_reloads_the_same(
    tmp_path: Path,
) -> None:
    path = tmp_path / "var" / "gateway" / "signing-key.pem"
    created = SigningKey.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert SigningKey.load_or_create(path).kid == created.kid


def test_a_signing_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "signing-key.pem"
    path.write_bytes(SigningKey.generate().to_pem())
    path.chmod(0o644)
    with pytest.raises(ValueError, match="chmod 600"):
        SigningKey.load_or_create(path)


def test_a_signing_key_must_be_on_p256() -> None:
    pem = ec.generate_private_key(ec.SECP384R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(ValueError, match="P-256"):
        SigningKey.from_pem(pem)


def test_the_kid_is_the_rfc_7638_thumbprint() -> None:
    key = SigningKey.generate()
    assert key.kid == ECKey.import_key(key.public_jwks()["keys"][0]).thumbprint()
