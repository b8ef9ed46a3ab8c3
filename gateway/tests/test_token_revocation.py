"""Tokens are checked against the client registry on every request: a removed client, a
rotated secret or a revocation refuses the tokens already issued, at once (issue #21)."""

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import ECKey

from gateway.main import create_app
from gateway.settings import Settings
from gateway.tokens import (
    ClientRecord,
    ClientRegistry,
    InvalidTokenError,
    SigningKey,
    StaticJwks,
    TokenIssuer,
    TokenSettings,
    TokenValidator,
    hash_secret,
    oauth_router,
)
from llwybr.settings import RuntimeSettings

SETTINGS = TokenSettings(issuer="http://127.0.0.1:8000", audience="llwybr")
SCOPES = ["determinations:read", "determinations:write"]
SCHOOL = "school:6652001"


def entry(client_id: str, secret: str, **extra: Any) -> dict[str, Any]:
    return {"client_id": client_id, "secret_hash": hash_secret(secret), "organisation": SCHOOL,
            "scopes": SCOPES, **extra}  # fmt: skip


def write(path: Path, *entries: dict[str, Any]) -> None:
    """Replace the clients file as an operator (or a Kubernetes secret) does: a new file."""
    scribble(path, json.dumps(list(entries)))


def entries(path: Path) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(path.read_text())
    return listed


def scribble(path: Path, text: str) -> None:
    staged = path.with_suffix(".new")
    staged.write_text(text)
    staged.replace(path)


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def clients_file(tmp_path: Path) -> Path:
    path = tmp_path / "clients.json"
    write(path, entry("ysgol", "hen-gyfrinach"), entry("ysgol-arall", "un-arall"))
    return path


@pytest.fixture
def registry(clients_file: Path) -> ClientRegistry:
    return ClientRegistry.from_file(clients_file, check_seconds=0)


@pytest.fixture
async def gateway(key: SigningKey, registry: ClientRegistry) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(oauth_router(TokenIssuer(key, SETTINGS, registry), key))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        yield client


@pytest.fixture
def validator(key: SigningKey, registry: ClientRegistry) -> TokenValidator:
    return TokenValidator(SETTINGS, StaticJwks(key.public_jwks()), clients=registry)


async def token(gateway: httpx.AsyncClient, client_id: str, secret: str) -> str:
    response = await gateway.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
    )
    assert response.status_code == 200, response.text
    access_token: str = response.json()["access_token"]
    return access_token


async def test_a_removed_clients_token_is_refused_at_once(
    gateway: httpx.AsyncClient, validator: TokenValidator, clients_file: Path
) -> None:
    issued = await token(gateway, "ysgol", "hen-gyfrinach")
    assert (await validator.validate(issued)).client_id == "ysgol"
    write(clients_file, entry("ysgol-arall", "un-arall"))
    with pytest.raises(InvalidTokenError) as refused:
        await validator.validate(issued)
    assert refused.value.reason == "unknown_client"


async def test_a_rotated_secret_retires_the_tokens_issued_before_it(
    gateway: httpx.AsyncClient, validator: TokenValidator, clients_file: Path
) -> None:
    older = await token(gateway, "ysgol", "hen-gyfrinach")
    other = await token(gateway, "ysgol-arall", "un-arall")
    unchanged = entries(clients_file)[1]
    write(clients_file, entry("ysgol", "cyfrinach-newydd"), unchanged)
    with pytest.raises(InvalidTokenError) as refused:
        await validator.validate(older)
    assert refused.value.reason == "revoked"
    newer = await token(gateway, "ysgol", "cyfrinach-newydd")
    assert (await validator.validate(newer)).client_id == "ysgol"
    # Another client's tokens are untouched, and the old secret no longer gets a token.
    assert (await validator.validate(other)).client_id == "ysgol-arall"
    refused_secret = await gateway.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=("ysgol", "hen-gyfrinach")
    )
    assert refused_secret.status_code == 401


async def test_a_revocation_refuses_tokens_issued_before_it(
    gateway: httpx.AsyncClient, validator: TokenValidator, clients_file: Path
) -> None:
    issued = await token(gateway, "ysgol", "hen-gyfrinach")
    secret_hash = entries(clients_file)[0]["secret_hash"]
    revoked = {**entry("ysgol", "x"), "secret_hash": secret_hash,
               "not_before": "2099-01-01T00:00:00Z"}  # fmt: skip
    write(clients_file, revoked)
    with pytest.raises(InvalidTokenError) as refused:
        await validator.validate(issued)
    assert refused.value.reason == "revoked"


async def test_narrowed_scopes_and_a_changed_organisation_apply_to_issued_tokens(
    gateway: httpx.AsyncClient, validator: TokenValidator, clients_file: Path
) -> None:
    first, second = entries(clients_file)
    issued = await token(gateway, "ysgol", "hen-gyfrinach")
    moved = await token(gateway, "ysgol-arall", "un-arall")
    write(clients_file, {**first, "scopes": ["determinations:read"]},
          {**second, "organisation": "school:6652002"})  # fmt: skip
    assert (await validator.validate(issued)).scopes == {"determinations:read"}
    with pytest.raises(InvalidTokenError, match="organisation"):
        await validator.validate(moved)


async def test_a_clients_file_that_no_longer_parses_keeps_the_last_good_clients(
    gateway: httpx.AsyncClient, validator: TokenValidator, clients_file: Path
) -> None:
    issued = await token(gateway, "ysgol", "hen-gyfrinach")
    scribble(clients_file, "[{")
    assert (await validator.validate(issued)).client_id == "ysgol"


def test_the_registry_looks_at_the_file_at_most_every_check_interval(
    clients_file: Path,
) -> None:
    now = [0.0]
    registry = ClientRegistry(
        {}, path=clients_file, check_seconds=5.0, clock=lambda: now[0]
    )  # an empty start: the file's stamp is the one read at construction
    assert registry.get("ysgol") is None
    write(clients_file, entry("ysgol", "a"))
    now[0] = 4.9
    assert registry.get("ysgol") is None
    now[0] = 5.0
    assert registry.get("ysgol") is not None


def external_token(key: ECKey, client_id: str, issued_at: int, **extra: Any) -> str:
    claims = {"iss": SETTINGS.issuer, "aud": SETTINGS.audience, "sub": client_id,
              "client_id": client_id, "iat": issued_at, "exp": issued_at + 600, "jti": "j1",
              "org": "la:665", "scope": "determinations:read", **extra}  # fmt: skip
    header = {"alg": "ES256", "typ": "at+jwt", "kid": key.kid}
    return jwt.encode(header, claims, key)


async def test_external_tokens_are_refused_only_for_a_registered_revocation() -> None:
    key = ECKey.generate_key("P-256", auto_kid=True)
    revoked_at = int(time.time()) - 60
    revocations = {
        "revoked-la": ClientRecord("revoked-la", hash_secret("x"), "la:665", ("a",),
                                   not_before=revoked_at),
        "listed-la": ClientRecord("listed-la", hash_secret("x"), "la:665", ("a",)),
    }  # fmt: skip
    jwks = StaticJwks({"keys": [key.as_dict(private=False)]})
    validator = TokenValidator(SETTINGS, jwks, clients=revocations, own_tokens=False)
    now = int(time.time())
    # Unregistered, or registered without a revocation: no generation claim is needed.
    assert (await validator.validate(external_token(key, "other-la", now))).client_id
    assert (await validator.validate(external_token(key, "listed-la", now))).client_id
    assert (await validator.validate(external_token(key, "revoked-la", now))).client_id
    with pytest.raises(InvalidTokenError) as refused:
        await validator.validate(external_token(key, "revoked-la", revoked_at - 1))
    assert refused.value.reason == "revoked"


async def test_a_removed_client_gets_401_problem_json_from_the_gateway(tmp_path: Path) -> None:
    clients_file = tmp_path / "clients.json"
    write(clients_file, entry("ysgol", "hen-gyfrinach"))
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path),
        clients_file=clients_file,
        clients_check_seconds=0,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            headers = {"Authorization": f"Bearer {await token(client, 'ysgol', 'hen-gyfrinach')}"}
            before = await client.get("/v1/determinations", headers=headers)
            write(clients_file, entry("ysgol-arall", "un-arall"))
            after = await client.get("/v1/determinations", headers=headers)
    assert before.status_code == 200, before.text
    assert after.status_code == 401
    assert after.headers["content-type"] == "application/problem+json"
    assert "unknown_client" in after.json()["detail"]
