"""Webhook settings (``NOTIFICATIONS_WEBHOOKS_*``), nested in the service's settings."""

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class WebhookSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_WEBHOOKS_", extra="ignore")

    #: Production: endpoints must be https (plain http only to a loopback address).
    require_https: bool = True
    #: Fernet keys (comma-separated, newest first) that encrypt subscription secrets at rest;
    #: the first encrypts, all decrypt, so a key can be rotated. Unset: stored as issued.
    secret_keys: SecretStr | None = None
    #: Failed attempts in a row before a delivery is dead-lettered.
    max_attempts: int = Field(default=15, ge=1, le=100)
    #: Exponential back-off with full jitter: the n-th wait is uniform in
    #: [0, min(max, base * 2**(n-1))). The defaults retry for about 16 hours on average.
    backoff_base_seconds: float = Field(default=30.0, gt=0)
    backoff_max_seconds: float = Field(default=21_600.0, gt=0)
    timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    #: How often an idle dispatcher looks for due deliveries.
    poll_seconds: float = Field(default=1.0, gt=0)
    #: Deliveries one dispatcher claims and sends at once.
    batch_size: int = Field(default=20, ge=1, le=500)
    #: How long a rotated-out secret still signs (both signatures are sent meanwhile).
    rotation_grace_seconds: int = Field(default=86_400, ge=0, le=7 * 86_400)
    #: 410 Gone from an endpoint disables its subscription (the owner resumes it).
    disable_on_gone: bool = True

    @field_validator("secret_keys")
    @classmethod
    def _fernet_keys(cls, keys: SecretStr | None) -> SecretStr | None:
        """Fail at start-up, not at the first signature, on a key that is not a Fernet key."""
        if keys is not None:
            for key in keys.get_secret_value().split(","):
                try:
                    Fernet(key.strip())
                except ValueError:
                    raise ValueError(
                        "each webhook secret key must be a Fernet key (32 url-safe base64 bytes)"
                    ) from None
        return keys
