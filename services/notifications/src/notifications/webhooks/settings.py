"""Webhook settings (``NOTIFICATIONS_WEBHOOKS_*``), nested in the service's settings."""

from typing import Annotated, Any

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from notifications.webhooks.addresses import IPNetwork, parse_networks


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
    #: Networks (CIDRs, comma-separated) webhooks may be sent to although not globally
    #: routable: an on-premises receiver, or loopback in tests. Empty (the default): public
    #: addresses only, so no tenant can make the service call its own network.
    allowed_networks: Annotated[tuple[IPNetwork, ...], NoDecode] = ()
    #: How long resolving an endpoint's host may take (at subscription and at each attempt).
    resolve_timeout_seconds: float = Field(default=5.0, gt=0, le=30)

    # -- retention: finished deliveries (and their attempts) are deleted after these ----------
    #: A delivered one: long enough to answer "did you send it?" over a school term and its
    #: holidays; the receiver holds the event itself, and the events stay in the services' logs.
    delivered_retention_days: int = Field(default=90, ge=1)
    #: A dead-lettered one: a year, so a receiver's outage is still there to investigate and
    #: redeliver across a school year; redelivered, it is pending and kept.
    dead_retention_days: int = Field(default=365, ge=1)
    #: Deliveries deleted per transaction (short transactions, short locks).
    retention_batch_size: int = Field(default=500, ge=1, le=10_000)
    #: How often the retention worker looks for expired deliveries.
    retention_poll_seconds: float = Field(default=3600.0, gt=0)

    @field_validator("allowed_networks", mode="before")
    @classmethod
    def _networks(cls, value: Any) -> Any:
        """``"10.0.0.0/8, 127.0.0.1"`` from the environment; a list from code."""
        if isinstance(value, str) or (
            isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        ):
            return parse_networks(value)
        return value

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
