"""Gateway settings (``GATEWAY_*``, plus the shared ``LLWYBR_*``)."""

import os
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from gateway.registry import SERVICES
from gateway.tokens.trusted import TrustedIssuer
from llwybr.settings import RuntimeSettings


def url_variable(service: str) -> str:
    """The environment variable naming where ``service`` answers (``GATEWAY_IDP_URL``)."""
    return f"GATEWAY_{service.upper()}_URL"


def _default_urls() -> dict[str, str]:
    return {s.name: f"http://127.0.0.1:{s.port}" for s in SERVICES}


class ServiceUrls(PydanticBaseSettingsSource):
    """``GATEWAY_<SERVICE>_URL`` for every service in the registry (any case, as pydantic's
    own environment source reads the declared fields)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        wanted = {url_variable(s.name): f"{s.name}_url" for s in SERVICES}
        return {wanted[k.upper()]: v for k, v in os.environ.items() if k.upper() in wanted}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    runtime: RuntimeSettings = Field(default_factory=RuntimeSettings)
    host: str = "127.0.0.1"
    port: int = 8000
    #: Where each service answers in stack mode (embedded mode runs them in this process), by
    #: name: ``GATEWAY_<SERVICE>_URL`` or ``Settings(<service>_url=...)``; default: loopback
    #: on the service's default port.
    service_urls: dict[str, str] = Field(default_factory=_default_urls)
    service_timeout_seconds: float = Field(default=10.0, gt=0)
    #: The gateway's own tables (access audit log, idempotency records).
    postgres_schema: str = "gateway"
    max_request_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    #: Requests per minute per OAuth client (token bucket), and the burst allowed.
    rate_limit_per_minute: int = Field(default=1200, ge=1)
    rate_limit_burst: int = Field(default=200, ge=1)

    #: Where clients reach the gateway (behind an ingress: its https URL); default
    #: ``http://HOST:PORT`` with the port it listens on. Tokens' ``iss`` and the OAuth
    #: metadata (RFC 8414) name it.
    public_url: str | None = None
    #: Tokens: this gateway issues them (client credentials) unless an external issuer is set;
    #: their ``iss`` (default: the public URL).
    issuer: str | None = None
    audience: str = "llwybr"
    token_lifetime_seconds: int = Field(default=900, ge=60, le=86_400)
    #: ES256 signing key (PEM). Embedded mode makes one under var/gateway/ when it is unset.
    signing_key_pem: SecretStr | None = None
    #: OAuth clients: a JSON list of {client_id, secret_hash, organisation, scopes, name,
    #: not_before}. Re-read when it changes (looked at every ``clients_check_seconds``): a
    #: removed client or a rotated secret refuses the tokens already issued. With an external
    #: issuer it is optional and only revokes (``not_before``).
    clients_file: Path | None = None
    clients_check_seconds: float = Field(default=1.0, ge=0, le=60)
    #: The token endpoint's limits: requests per minute (and burst) per client id and per
    #: remote address, and how many secret checks (scrypt, ~a core each) run and wait at once.
    token_rate_limit_per_minute: int = Field(default=30, ge=1)
    token_rate_limit_burst: int = Field(default=10, ge=1)
    token_address_rate_limit_per_minute: int = Field(default=120, ge=1)
    token_address_rate_limit_burst: int = Field(default=30, ge=1)
    token_concurrent_checks: int = Field(default=1, ge=1, le=64)
    token_waiting_checks: int = Field(default=16, ge=0, le=1024)
    #: The key that signs bundles' manifests (ES256 PEM; default: the token signing key; with
    #: an external issuer, embedded mode makes one under var/gateway/ and stack mode needs it).
    manifest_signing_key_pem: SecretStr | None = None
    #: Retired manifest keys: a JWKS of their public halves, published so that the bundles
    #: they signed still verify (a key is retired by destroying its private half).
    retired_keys_file: Path | None = None
    #: Trust a local authority's own identity provider instead (its JWKS and issuer).
    external_jwks_url: str | None = None
    external_issuer: str | None = None
    #: Identity providers trusted beside the gateway's own tokens (an LA's Entra ID tenant or
    #: Keycloak realm): a JSON list of ``TrustedIssuer`` (issuer, jwks_url or jwks_file,
    #: audience, algorithms, token_types, claims), in a file or in ``GATEWAY_TRUSTED_ISSUERS``.
    trusted_issuers_file: Path | None = None
    trusted_issuers: list[TrustedIssuer] = Field(default_factory=list)
    #: The case console (ADR 0022): the client credentials it reads the API with, one client
    #: per organisation whose people may sign in (a JSON list of {client_id, client_secret,
    #: organisation}, as ``dev-credentials.json``; embedded mode uses that file when unset).
    console_credentials_file: Path | None = None
    #: People sign in through this OpenID Connect provider (authorization code with PKCE); the
    #: ID token's ``console_oidc_organisation_claim`` names their organisation.
    console_oidc_issuer: str | None = None
    console_oidc_client_id: str | None = None
    console_oidc_client_secret: SecretStr | None = None
    console_oidc_organisation_claim: str = "org"
    #: The development sign-in outside embedded mode (``make run-stack`` sets it): a list of
    #: the organisations of ``console_credentials_file`` to act for, with no identity
    #: provider. The gateway refuses to start with it unless it listens on loopback only.
    console_dev_sign_in: bool = False

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        urls = ServiceUrls(settings_cls)
        return init_settings, env_settings, urls, dotenv_settings, file_secret_settings

    @model_validator(mode="before")
    @classmethod
    def _service_urls(cls, data: Any) -> Any:
        """Each ``<service>_url`` given (or read from the environment) into ``service_urls``."""
        if not isinstance(data, dict):
            return data
        urls = {**_default_urls(), **data.get("service_urls", {})}
        for service in SERVICES:
            url = data.pop(f"{service.name}_url", None)
            if url is not None:
                urls[service.name] = url
        return {**data, "service_urls": urls}

    def base_url(self) -> str:
        """Where clients reach the gateway, without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    def own_issuer(self) -> str:
        """The ``iss`` of the tokens this gateway issues."""
        return self.issuer or self.base_url()

    def service_url(self, service: str) -> str:
        """Where ``service`` answers in stack mode."""
        return self.service_urls[service]
