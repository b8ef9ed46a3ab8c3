"""Wiring the gateway's authentication: keys, clients, the token issuer and validator.

Embedded mode makes what a developer needs under ``var/gateway/``: a signing key and one
client per kind of organisation, whose secrets are written (once) to ``dev-credentials.json``.
Stack mode must be configured: nothing is invented there.
"""

import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import httpx

from gateway.authz import ROLE_SCOPES
from gateway.ratelimit import RateLimiter
from gateway.settings import Settings
from gateway.tokens import (
    ClientRecord,
    ClientRegistry,
    EndpointLimits,
    Issuers,
    JwksSource,
    RemoteJwks,
    SigningKey,
    StaticJwks,
    TokenIssuer,
    TokenSettings,
    TokenValidator,
    Validator,
    hash_secret,
    load_clients,
    load_trusted_issuers,
    trusted_validators,
)
from gateway.tokens.manifests import ManifestSigner, load_retired_keys

log = logging.getLogger(__name__)

#: The development clients ``make run`` and the test stacks create: (client id, organisation).
#: One for every kind of organisation, and a second of each kind whose stories cross
#: organisations (the learner of another school or LA, another health board, another
#: jurisdiction's auditor), so that who may see a child can be tried (issue 16).
DEV_CLIENTS = (
    ("ysgol-example", "school:6652001"),  # a maintained school in Wrexham (LA 665)
    ("wrexham-la", "la:665"),
    ("betsi-declo", "lhb:7A1"),  # Betsi Cadwaladr University Health Board's DECLO
    ("wrexham-auditor", "auditor:665"),
    ("education-tribunal", "tribunal:etw"),
    ("llwybr-admin", "system:admin"),
    ("coleg-example", "fei:10001234"),  # a further education institution
    ("velindre-trust", "nhs:RQF"),  # an NHS trust
    ("ysgol-powys", "school:6662001"),  # a second school, in Powys (LA 666)
    ("powys-la", "la:666"),
    ("ceredigion-la", "la:667"),  # a third LA: the one looking after a child of another
    ("powys-declo", "lhb:7A7"),  # Powys Teaching Health Board's DECLO
    ("powys-auditor", "auditor:666"),
    ("wales-auditor", "auditor:wales"),  # whose jurisdiction is every LA
)


@dataclass
class Security:
    key: SigningKey | None
    issuer: TokenIssuer | None
    validator: Validator
    manifests: ManifestSigner


def dev_clients(directory: Path) -> dict[str, ClientRecord]:
    """Embedded mode's clients, created on first start with random secrets."""
    return load_clients(dev_clients_file(directory).read_bytes())


def dev_clients_file(directory: Path) -> Path:
    """Embedded mode's clients file, written on first start with random secrets."""
    clients_file = directory / "clients.json"
    if not clients_file.exists():
        directory.mkdir(parents=True, exist_ok=True)
        records, credentials = [], []
        for client_id, organisation in DEV_CLIENTS:
            secret = secrets.token_urlsafe(24)
            scopes = sorted(ROLE_SCOPES[organisation.partition(":")[0]])
            records.append(
                {"client_id": client_id, "secret_hash": hash_secret(secret),
                 "organisation": organisation, "scopes": scopes, "name": client_id}
            )  # fmt: skip
            credentials.append(
                {"client_id": client_id, "client_secret": secret, "organisation": organisation}
            )
        credentials_file = directory / "dev-credentials.json"
        credentials_file.write_text(json.dumps(credentials, indent=2))
        os.chmod(credentials_file, 0o600)
        clients_file.write_text(json.dumps(records, indent=2))
        log.warning("development OAuth clients written to %s", credentials_file)
    return clients_file


def build_security(settings: Settings, http: httpx.AsyncClient) -> Security:
    """The gateway's keys, token issuer and validator; the trusted identity providers'
    tokens are accepted beside its own (or beside the one external issuer's)."""
    security, validator, clients = _own_or_external(settings, http)
    issuers = list(settings.trusted_issuers)
    if settings.trusted_issuers_file is not None:
        issuers += load_trusted_issuers(settings.trusted_issuers_file)
    if issuers:
        trusted = trusted_validators(issuers, http, ROLE_SCOPES, clients)
        security.validator = Issuers(validator, trusted)
    return security


def _own_or_external(
    settings: Settings, http: httpx.AsyncClient
) -> tuple[Security, TokenValidator, ClientRegistry | None]:
    """The gateway's own issuer (or the one external issuer replacing it), its validator and
    the clients registry (which also revokes trusted issuers' clients)."""
    token_settings = TokenSettings(
        issuer=settings.external_issuer or settings.own_issuer(),
        audience=settings.audience,
        lifetime_seconds=settings.token_lifetime_seconds,
    )
    check = settings.clients_check_seconds
    if settings.external_jwks_url:
        jwks: JwksSource = RemoteJwks(settings.external_jwks_url, http)
        revocations = (
            None
            if settings.clients_file is None
            else ClientRegistry.from_file(settings.clients_file, check)
        )
        validator = TokenValidator(token_settings, jwks, clients=revocations, own_tokens=False)
        security = Security(None, None, validator, manifest_signer(settings, None))
        return security, validator, revocations
    embedded = settings.runtime.mode == "embedded"
    directory = settings.runtime.var_dir / "gateway"
    if settings.signing_key_pem is not None:
        key = SigningKey.from_pem(settings.signing_key_pem.get_secret_value().encode())
    elif embedded:
        key = SigningKey.load_or_create(directory / "signing-key.pem")
    else:
        raise RuntimeError("GATEWAY_SIGNING_KEY_PEM or GATEWAY_EXTERNAL_JWKS_URL must be set")
    if settings.clients_file is not None:
        clients = ClientRegistry.from_file(settings.clients_file, check)
    elif embedded:
        clients = ClientRegistry.from_file(dev_clients_file(directory), check)
    else:
        raise RuntimeError("GATEWAY_CLIENTS_FILE must be set in stack mode")
    limits = EndpointLimits(
        per_client=RateLimiter(
            settings.token_rate_limit_per_minute, settings.token_rate_limit_burst
        ),
        per_address=RateLimiter(
            settings.token_address_rate_limit_per_minute, settings.token_address_rate_limit_burst
        ),
        concurrent_checks=settings.token_concurrent_checks,
        waiting_checks=settings.token_waiting_checks,
    )
    issuer = TokenIssuer(key, token_settings, clients, limits)
    validator = TokenValidator(token_settings, StaticJwks(key.public_jwks()), clients=clients)
    return Security(key, issuer, validator, manifest_signer(settings, key)), validator, clients


def manifest_signer(settings: Settings, token_key: SigningKey | None) -> ManifestSigner:
    """The bundles' manifest key: its own if set, else the token key; embedded mode makes one
    when there is neither (an external issuer)."""
    if settings.manifest_signing_key_pem is not None:
        key = SigningKey.from_pem(settings.manifest_signing_key_pem.get_secret_value().encode())
    elif token_key is not None:
        key = token_key
    elif settings.runtime.mode == "embedded":
        key = SigningKey.load_or_create(settings.runtime.var_dir / "gateway" / "manifest-key.pem")
    else:
        raise RuntimeError("GATEWAY_MANIFEST_SIGNING_KEY_PEM must be set with an external issuer")
    file = settings.retired_keys_file
    return ManifestSigner(key, load_retired_keys(file) if file is not None else ())
