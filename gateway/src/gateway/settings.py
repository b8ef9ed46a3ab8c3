"""Gateway settings (``GATEWAY_*``, plus the shared ``LLWYBR_*``)."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from llwybr.settings import RuntimeSettings

SERVICES = ("determination", "idp", "disputes", "notifications")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    runtime: RuntimeSettings = Field(default_factory=RuntimeSettings)
    host: str = "127.0.0.1"
    port: int = 8000
    #: Where each service answers in stack mode (embedded mode runs them in this process).
    determination_url: str = "http://127.0.0.1:8001"
    idp_url: str = "http://127.0.0.1:8002"
    disputes_url: str = "http://127.0.0.1:8003"
    notifications_url: str = "http://127.0.0.1:8004"
    service_timeout_seconds: float = Field(default=10.0, gt=0)
    #: The gateway's own tables (access audit log, idempotency records).
    postgres_schema: str = "gateway"
    max_request_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    #: Requests per minute per OAuth client (token bucket), and the burst allowed.
    rate_limit_per_minute: int = Field(default=1200, ge=1)
    rate_limit_burst: int = Field(default=200, ge=1)

    #: Tokens: this gateway issues them (client credentials) unless an external issuer is set.
    issuer: str = "http://127.0.0.1:8000"
    audience: str = "llwybr"
    token_lifetime_seconds: int = Field(default=900, ge=60, le=86_400)
    #: ES256 signing key (PEM). Embedded mode makes one under var/gateway/ when it is unset.
    signing_key_pem: SecretStr | None = None
    #: OAuth clients: a JSON list of {client_id, secret_hash, organisation, scopes, name}.
    clients_file: Path | None = None
    #: Trust a local authority's own identity provider instead (its JWKS and issuer).
    external_jwks_url: str | None = None
    external_issuer: str | None = None

    def service_url(self, service: str) -> str:
        url: str = getattr(self, f"{service}_url")
        return url
