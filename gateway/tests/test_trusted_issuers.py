"""Identity providers as they are: tokens shaped exactly like Entra ID's and Keycloak's (RS256,
``typ: JWT``, roles, groups, ``tid``, ``realm_access``, ``resource_access``), signed here with
keys made for the test, checked by the mapping the README documents."""

import json
import threading
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc import jws
from joserfc.jwk import ECKey, OctKey, RSAKey
from pydantic import ValidationError

from gateway.authz import ROLE_SCOPES
from gateway.main import create_app
from gateway.settings import Settings
from gateway.tokens import (
    AccessClaims,
    InvalidTokenError,
    Issuers,
    StaticJwks,
    TokenSettings,
    TokenValidator,
    TrustedIssuer,
    load_trusted_issuers,
)
from gateway.tokens.trusted import FileJwks, TrustedIssuerValidator
from llwybr.problems import TYPE_BASE
from llwybr.settings import RuntimeSettings

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"  # the Wrexham LA tenant of the examples
ENTRA_ISSUER = f"https://login.microsoftonline.com/{TENANT}/v2.0"
ENTRA_MIS = "4b0db4a4-5b4c-4f5e-9d5d-4f2a0c1c2b3e"  # the MIS app registration's client id
ENTRA_KID = "nOo3ZDrODXEK1jKWhXslHR_KXEg"  # Entra ID's kids look like x5t thumbprints
KEYCLOAK_ISSUER = "https://sso.powys.example/realms/powys"

#: The README's worked example for Entra ID, as a trusted issuers file holds it.
ENTRA = {
    "issuer": ENTRA_ISSUER,
    "jwks_url": f"https://login.microsoftonline.com/{TENANT}/discovery/v2.0/keys",
    "audience": "api://llwybr",
    "claims": {
        "organisation_claim": "tid",
        "organisations": {TENANT: "la:665"},
        "scope_claims": ["scp"],
        "role_claims": ["roles"],
        "role_scopes": {
            "Llwybr.Determinations.Read": ["determinations:read"],
            "Llwybr.Determinations.Write": ["determinations:read", "determinations:write"],
            "Llwybr.Idps.Read": ["idps:read"],
        },
    },
}
#: The README's worked example for Keycloak: a school by the group its client is in.
KEYCLOAK = {
    "issuer": KEYCLOAK_ISSUER,
    "jwks_url": f"{KEYCLOAK_ISSUER}/protocol/openid-connect/certs",
    "audience": "llwybr",
    "claims": {
        "organisation_claim": "groups",
        "organisations": {"/schools/6662001": "school:6662001", "/la": "la:666"},
        "scope_claims": [],
        "role_claims": ["realm_access.roles", "resource_access.llwybr.roles"],
        "role_scopes": {
            "llwybr-read": ["determinations:read", "idps:read"],
            "determinations-write": ["determinations:write"],
        },
    },
}


def entra_claims(key_id: str = ENTRA_MIS, **changes: Any) -> dict[str, Any]:
    """An Entra ID v2.0 app-only access token's claims (client credentials, app roles)."""
    now = int(time.time())
    claims = {
        "aud": "api://llwybr", "iss": ENTRA_ISSUER, "iat": now, "nbf": now, "exp": now + 3599,
        "aio": "k2BgYDi5dXBxrv9kKWl7tX0L8Wm3AA==", "azp": key_id, "azpacr": "1",
        "idtyp": "app", "oid": "a6c3e2b1-0f5d-4e0b-8a51-7a9f1c2d3e4f",
        "rh": "0.AR8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAfAAA.", "roles": [
            "Llwybr.Determinations.Write"], "sub": "a6c3e2b1-0f5d-4e0b-8a51-7a9f1c2d3e4f",
        "tid": TENANT, "uti": "mI0nVwbnN0SH4eO2Rk8VAA", "ver": "2.0",
    }  # fmt: skip
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def keycloak_claims(**changes: Any) -> dict[str, Any]:
    """A Keycloak 24 service account's access token (client credentials), with the group
    membership mapper's ``groups``."""
    now = int(time.time())
    claims = {
        "exp": now + 300, "iat": now, "jti": str(uuid.uuid4()), "iss": KEYCLOAK_ISSUER,
        "aud": ["llwybr", "account"], "sub": "0d1b7a4e-3c55-4a2b-9f3e-2b6c8e1f0a9d",
        "typ": "Bearer", "azp": "ysgol-powys-mis", "acr": "1", "allowed-origins": ["/*"],
        "realm_access": {"roles": ["default-roles-powys", "offline_access", "llwybr-read"]},
        "resource_access": {"llwybr": {"roles": ["determinations-write"]},
                            "account": {"roles": ["manage-account"]}},
        "scope": "profile email", "clientHost": "10.0.4.17", "email_verified": False,
        "groups": ["/schools/6662001"], "preferred_username": "service-account-ysgol-powys-mis",
        "clientAddress": "10.0.4.17", "client_id": "ysgol-powys-mis",
    }  # fmt: skip
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def sign(key: RSAKey | ECKey, claims: dict[str, Any], alg: str = "RS256", **header: Any) -> str:
    """``claims`` signed as the identity provider does: its kid, ``typ: JWT``."""
    protected = {"alg": alg, "typ": "JWT", "kid": key.kid, **header}
    protected = {name: value for name, value in protected.items() if value is not None}
    # jws, not jwt.encode, which would add a typ the header may lack.
    return jws.serialize_compact(protected, json.dumps(claims), key, algorithms=[alg])


def public(*keys: RSAKey | ECKey) -> dict[str, Any]:
    return {"keys": [k.as_dict(private=False, use="sig") for k in keys]}


@pytest.fixture(scope="module")
def rsa() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": ENTRA_KID})


def trusted(config: dict[str, Any], key: RSAKey | ECKey) -> TrustedIssuerValidator:
    issuer = TrustedIssuer.model_validate(config)
    return TrustedIssuerValidator(issuer, StaticJwks(public(key)), ROLE_SCOPES)


async def refusal(validator: Any, token: str) -> str:
    with pytest.raises(InvalidTokenError) as raised:
        await validator.validate(token)
    return raised.value.reason


async def test_an_entra_id_app_token_acts_for_the_tenants_la_with_its_app_roles(
    rsa: RSAKey,
) -> None:
    access = await trusted(ENTRA, rsa).validate(sign(rsa, entra_claims()))
    assert access == AccessClaims(
        subject="a6c3e2b1-0f5d-4e0b-8a51-7a9f1c2d3e4f", client_id=ENTRA_MIS,
        organisation="la:665", scopes=frozenset({"determinations:read", "determinations:write"}),
        expires_at=access.expires_at, token_id="mI0nVwbnN0SH4eO2Rk8VAA",
    )  # fmt: skip


async def test_an_entra_id_delegated_token_reads_scp_and_v1_appid(rsa: RSAKey) -> None:
    claims = entra_claims(azp=None, appid=ENTRA_MIS, roles=None, scp="idps:read rules:read")
    access = await trusted(ENTRA, rsa).validate(sign(rsa, claims))
    assert (access.client_id, access.scopes) == (ENTRA_MIS, frozenset({"idps:read", "rules:read"}))


async def test_a_keycloak_service_account_is_its_groups_school_with_realm_and_client_roles(
    rsa: RSAKey,
) -> None:
    access = await trusted(KEYCLOAK, rsa).validate(sign(rsa, keycloak_claims()))
    assert access.organisation == "school:6662001"
    assert access.client_id == "ysgol-powys-mis"
    # Keycloak's own "profile email" is not read as scopes; the roles are.
    assert access.scopes == {"determinations:read", "idps:read", "determinations:write"}


async def test_roles_beyond_the_organisations_kind_give_no_scope(rsa: RSAKey) -> None:
    mapping = KEYCLOAK["claims"]
    roles = {**mapping["role_scopes"], "auditor": ["audit:read"]}  # type: ignore[index]
    config = {**KEYCLOAK, "claims": {**mapping, "role_scopes": roles}}  # type: ignore[dict-item]
    claims = keycloak_claims(realm_access={"roles": ["auditor", "llwybr-read"]})
    access = await trusted(config, rsa).validate(sign(rsa, claims))
    assert "audit:read" not in access.scopes  # a school is never an auditor
    assert access.scopes == {"determinations:read", "idps:read", "determinations:write"}


@pytest.mark.parametrize("alg", ["RS256", "PS256"])
@pytest.mark.parametrize("typ", ["JWT", "at+jwt", "application/at+jwt"])
async def test_rsa_and_pss_with_either_token_type_are_accepted(
    rsa: RSAKey, alg: str, typ: str
) -> None:
    access = await trusted(ENTRA, rsa).validate(sign(rsa, entra_claims(), alg, typ=typ))
    assert access.organisation == "la:665"


async def test_an_es256_issuer_is_accepted() -> None:
    ec = ECKey.generate_key("P-256", parameters={"kid": "ec-1"})
    access = await trusted(KEYCLOAK, ec).validate(sign(ec, keycloak_claims(), "ES256"))
    assert access.organisation == "school:6662001"


@pytest.mark.parametrize(
    ("claims", "header", "reason"),
    [
        (entra_claims(aud="00000003-0000-0000-c000-000000000000"), {}, "wrong_audience"),
        (entra_claims(iss="https://sts.windows.net/other/"), {}, "wrong_issuer"),
        (entra_claims(exp=int(time.time()) - 600), {}, "expired"),
        (entra_claims(tid="9188040d-6c67-4c5b-b112-36a304b66dad"), {}, "unknown_organisation"),
        (entra_claims(azp=None), {}, "missing_claim"),
        (entra_claims(iat=None), {}, "missing_claim"),
        (entra_claims(), {"typ": "dpop+jwt"}, "wrong_type"),
        (entra_claims(), {"typ": None}, "wrong_type"),
        (entra_claims(), {"kid": "rotated-away"}, "unknown_key"),
    ],
)
async def test_each_failed_check_is_named(
    rsa: RSAKey, claims: dict[str, Any], header: dict[str, Any], reason: str
) -> None:
    assert await refusal(trusted(ENTRA, rsa), sign(rsa, claims, **header)) == reason


async def test_a_token_signed_by_another_key_or_symmetrically_is_refused(rsa: RSAKey) -> None:
    other = RSAKey.generate_key(2048, parameters={"kid": ENTRA_KID})
    assert await refusal(trusted(ENTRA, rsa), sign(other, entra_claims())) == "bad_signature"
    secret = OctKey.import_key(b"s" * 32)
    header = {"alg": "HS256", "typ": "JWT", "kid": rsa.kid}
    forged = jws.serialize_compact(header, json.dumps(entra_claims()), secret, ["HS256"])
    assert await refusal(trusted(ENTRA, rsa), forged) == "bad_algorithm"


async def test_a_group_naming_two_organisations_is_ambiguous(rsa: RSAKey) -> None:
    claims = keycloak_claims(groups=["/schools/6662001", "/la"])
    assert await refusal(trusted(KEYCLOAK, rsa), sign(rsa, claims)) == "ambiguous_organisation"


async def test_an_organisation_claim_taken_as_it_is_must_be_allowed(rsa: RSAKey) -> None:
    mapping = {
        "organisation_claim": "llwybr_org",
        "allowed_organisations": ["school:666*", "la:666"],
    }
    config = {**KEYCLOAK, "claims": mapping}
    validator = trusted(config, rsa)
    ok = await validator.validate(sign(rsa, keycloak_claims(llwybr_org="school:6662001")))
    assert ok.organisation == "school:6662001"
    refused = sign(rsa, keycloak_claims(llwybr_org="la:665"))  # another LA's
    assert await refusal(validator, refused) == "unknown_organisation"


async def test_the_gateways_own_tokens_and_several_issuers_are_accepted_together(
    rsa: RSAKey,
) -> None:
    own_key = ECKey.generate_key("P-256", parameters={"kid": "own"})
    own = TokenValidator(TokenSettings("http://gateway", "llwybr"), StaticJwks(public(own_key)))
    powys = RSAKey.generate_key(2048, parameters={"kid": "powys"})
    issuers = Issuers(own, [trusted(ENTRA, rsa), trusted(KEYCLOAK, powys)])
    assert (await issuers.validate(sign(rsa, entra_claims()))).organisation == "la:665"
    keycloak = sign(powys, keycloak_claims())
    assert (await issuers.validate(keycloak)).organisation == "school:6662001"
    now = int(time.time())
    mine = {"iss": "http://gateway", "aud": "llwybr", "sub": "c", "client_id": "c", "iat": now,
            "exp": now + 60, "jti": "j", "org": "la:665", "scope": "rules:read"}  # fmt: skip
    own_token = sign(own_key, mine, "ES256", typ="at+jwt")
    assert (await issuers.validate(own_token)).scopes == {"rules:read"}
    # One issuer's key never signs for another: Keycloak's token claiming Entra's issuer.
    assert await refusal(issuers, sign(powys, entra_claims())) == "unknown_key"
    assert await refusal(issuers, sign(rsa, entra_claims(iss="https://x"))) == "wrong_issuer"
    with pytest.raises(ValueError, match="same issuer"):
        Issuers(own, [trusted(ENTRA, rsa), trusted(ENTRA, powys)])


async def test_a_jwks_file_is_read_again_when_it_changes(rsa: RSAKey, tmp_path: Path) -> None:
    file = tmp_path / "jwks.json"
    file.write_text(json.dumps({"keys": []}))
    issuer = TrustedIssuer.model_validate({**ENTRA, "jwks_url": None, "jwks_file": file})
    validator = TrustedIssuerValidator(issuer, FileJwks(file), ROLE_SCOPES)
    assert await refusal(validator, sign(rsa, entra_claims())) == "unknown_key"
    file.write_text(json.dumps(public(rsa)))
    assert (await validator.validate(sign(rsa, entra_claims()))).organisation == "la:665"


@pytest.mark.parametrize(
    "change",
    [
        {"jwks_url": None},  # no keys
        {"jwks_file": "/etc/jwks.json"},  # both
        {"algorithms": ["HS256"]},
        {"algorithms": []},
        {"claims": {"organisation_claim": "tid"}},  # any organisation at all
        {"claims": {"organisation": "la:665", "organisation_claim": "tid"}},
        {"claims": {"organisation": "la:665", "org_claim": "tid"}},  # a misspelt key
        {"audience": []},
    ],
)
def test_a_mistaken_configuration_is_refused_at_start(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        TrustedIssuer.model_validate({**ENTRA, **change})


def test_the_readme_examples_are_the_ones_tested_and_load_from_a_file(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Single sign-on through your own identity provider.**")[1]
    blocks = [b.split("```")[0] for b in section.split("```json\n")[1:3]]
    file = tmp_path / "trusted-issuers.json"
    file.write_text(json.dumps([*json.loads(blocks[0].replace("<tenant-id>", TENANT)),
                                *json.loads(blocks[1])]))  # fmt: skip
    issuers = load_trusted_issuers(file)
    assert issuers == [TrustedIssuer.model_validate(c) for c in (ENTRA, KEYCLOAK)]


# Through the gateway: the README's two examples trusted at once beside the gateway's own
# tokens, Entra ID's keys served by a real HTTP server and Keycloak's read from a file.


class JwksServer(ThreadingHTTPServer):
    """An identity provider's key set endpoint on loopback."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        super().__init__(("127.0.0.1", 0), _ServeJwks)
        self.body = json.dumps(jwks).encode()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/discovery/v2.0/keys"


class _ServeJwks(BaseHTTPRequestHandler):
    server: JwksServer

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@dataclass
class Sso:
    client: httpx.AsyncClient
    entra: RSAKey
    keycloak: RSAKey
    var_dir: Path

    async def get(self, url: str, token: str) -> httpx.Response:
        return await self.client.get(url, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
async def sso(rsa: RSAKey, tmp_path: Path) -> AsyncIterator[Sso]:
    keycloak = RSAKey.generate_key(2048, parameters={"kid": "kc-rs256"})
    (tmp_path / "powys-jwks.json").write_text(json.dumps(public(keycloak)))
    server = JwksServer(public(rsa))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    issuers = tmp_path / "trusted-issuers.json"
    keycloak_file = {**KEYCLOAK, "jwks_url": None, "jwks_file": str(tmp_path / "powys-jwks.json")}
    issuers.write_text(json.dumps([{**ENTRA, "jwks_url": server.url}, keycloak_file]))
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    app = create_app(Settings(runtime=runtime, trusted_issuers_file=issuers))
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                yield Sso(client, rsa, keycloak, tmp_path)
    finally:
        server.shutdown()
        server.server_close()


POWYS_CONCERN = {
    "learner": {"given_name": "Osian", "family_name": "Pryce", "date_of_birth": "2016-09-12",
                "setting": "maintained_school", "setting_id": "6662001", "local_authority": "666"},
    "raised_by": "school:6662001", "raised_with": "school:6662001",
    "came_to_attention_on": "2026-03-02",
}  # fmt: skip


async def test_entra_id_keycloak_and_the_gateways_own_tokens_work_side_by_side(sso: Sso) -> None:
    school = sign(sso.keycloak, keycloak_claims())
    created = await sso.client.post(
        "/v1/determinations", json=POWYS_CONCERN, headers={"Authorization": f"Bearer {school}"}
    )
    assert created.status_code == 201, created.text
    assert (await sso.get(created.headers["location"], school)).json()["raised_by"] == (
        "school:6662001"
    )
    wrexham = sign(sso.entra, entra_claims())  # la:665 cannot see a Powys school's case
    assert (await sso.get(created.headers["location"], wrexham)).status_code == 404
    listed = await sso.get("/v1/determinations", wrexham)
    assert listed.status_code == 200, listed.text
    credentials = json.loads((sso.var_dir / "gateway" / "dev-credentials.json").read_text())
    own = next(c for c in credentials if c["organisation"] == "la:665")
    token = await sso.client.post(
        "/oauth/token", data={"grant_type": "client_credentials"},
        auth=(own["client_id"], own["client_secret"]),
    )  # fmt: skip
    assert (await sso.get("/v1/determinations", token.json()["access_token"])).status_code == 200
    # An app role the MIS was not given: the token is valid, the capability is not.
    reader = sign(sso.entra, entra_claims(roles=["Llwybr.Idps.Read"]))
    refused = await sso.client.post(
        "/v1/determinations", json=POWYS_CONCERN, headers={"Authorization": f"Bearer {reader}"}
    )
    assert refused.status_code == 403


async def test_a_refused_sso_token_is_a_401_problem_naming_the_failed_check(sso: Sso) -> None:
    refusals = [  # one gateway for the three: starting one takes seconds
        (entra_claims(aud="https://graph.microsoft.com"), "wrong_audience", "aud"),
        (entra_claims(iss=f"https://sts.windows.net/{TENANT}/"), "wrong_issuer", "iss"),
        (entra_claims(tid=str(uuid.uuid4())), "unknown_organisation", "tid"),
    ]
    for claims, reason, named in refusals:
        token = sign(sso.entra, claims)
        response = await sso.get("/v1/determinations", token)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert (problem["reason"], problem["type"]) == (reason, f"{TYPE_BASE}unauthenticated")
        assert named in problem["detail"]
        assert token.split(".")[2] not in response.text  # nothing of the token is echoed
