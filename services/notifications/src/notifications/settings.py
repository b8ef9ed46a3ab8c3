"""Settings of the notifications service (``NOTIFICATIONS_*``, plus the shared ``LLWYBR_*``)."""

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from llwybr.settings import ServiceSettings
from notifications.webhooks.addresses import parse_networks
from notifications.webhooks.settings import WebhookSettings

#: Dates in notices and deadlines are Welsh dates.
WALES = ZoneInfo("Europe/London")


class BounceSettings(BaseSettings):
    """Bounces (``NOTIFICATIONS_BOUNCES_*``): where delivery reports come back, and the listener
    that reads them (ADR 0014)."""

    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_BOUNCES_", extra="ignore")

    #: The domain of the envelope sender (VERP): each message goes out with MAIL FROM
    #: ``<local_part>+<token>@<domain>``; its MX must reach the listener below. Unset: the
    #: envelope sender is ``smtp_from`` and bounces are not read.
    domain: str | None = Field(default=None, pattern=r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
    local_part: str = Field(default="bounces", pattern=r"^[a-z0-9][a-z0-9._-]{0,9}$")
    #: HMAC keys signing the tokens (comma-separated, newest first): the first signs, all
    #: verify, so a key can be rotated while bounces of older messages still arrive.
    secret_keys: SecretStr | None = None
    #: The inbound SMTP listener; unset port: no listener (another replica or host runs it).
    listen_host: str = "127.0.0.1"
    listen_port: int | None = Field(default=None, ge=1, le=65535)
    #: The name the listener gives in its greeting.
    listen_hostname: str | None = None
    #: Reports returning the whole original message stay far below this.
    max_message_bytes: int = Field(default=10 * 1024 * 1024, ge=64 * 1024)

    @field_validator("secret_keys")
    @classmethod
    def _long_keys(cls, keys: SecretStr | None) -> SecretStr | None:
        if keys is not None and any(
            len(k.strip()) < 32 for k in keys.get_secret_value().split(",")
        ):
            raise ValueError("each bounce secret key must be at least 32 characters")
        return keys

    @model_validator(mode="after")
    def _signed_when_enabled(self) -> "BounceSettings":
        if (self.domain is not None or self.listen_port is not None) and not self.keys():
            raise ValueError(
                "NOTIFICATIONS_BOUNCES_DOMAIN and _LISTEN_PORT need "
                "NOTIFICATIONS_BOUNCES_SECRET_KEYS (tokens are HMAC-signed)"
            )
        if self.listen_port is not None and self.domain is None:
            raise ValueError("NOTIFICATIONS_BOUNCES_LISTEN_PORT needs NOTIFICATIONS_BOUNCES_DOMAIN")
        return self

    def keys(self) -> list[bytes]:
        if self.secret_keys is None:
            return []
        return [k.strip().encode() for k in self.secret_keys.get_secret_value().split(",")]


#: Where a developer's own webhook receiver listens in embedded mode.
LOOPBACK = parse_networks("127.0.0.0/8, ::1")


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    service: str = "notifications"
    port: int = 8004

    # -- email ---------------------------------------------------------------------------
    #: ``smtp`` sends through the server below; ``file`` writes each message as an .eml file
    #: under ``outbox_dir`` (the default in embedded mode, so ``make run`` needs no server).
    email_transport: Literal["smtp", "file"] | None = None
    outbox_dir: Path | None = None  # default: <var>/notifications/outbox
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "Llwybr <notices@llwybr.invalid>"
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(default=30.0, gt=0)

    # -- delivery ------------------------------------------------------------------------
    delivery_poll_seconds: float = Field(default=1.0, gt=0)
    delivery_batch_size: int = Field(default=20, ge=1, le=500)
    #: temporary failures are retried this many times in all, then the notice is escalated
    delivery_max_attempts: int = Field(default=8, ge=1)
    retry_base_seconds: float = Field(default=30.0, gt=0)
    retry_max_seconds: float = Field(default=3600.0, gt=0)

    #: when the service took over: events recorded before it update what is known but give no
    #: notices, and deadlines due before its day are neither reminded nor alerted (set it when
    #: first deploying onto a stream that already holds years of decisions)
    notices_not_before: datetime | None = None

    # -- reminders -----------------------------------------------------------------------
    #: remind the body answerable for a statutory deadline this many school days before it
    reminder_lead_school_days: int = Field(default=5, ge=0, le=60)
    reminder_poll_seconds: float = Field(default=60.0, gt=0)
    #: "today" for reminders and the date notices count as given; unset: today in Wales.
    #: For tests and rehearsals only.
    today: date | None = None

    # -- access --------------------------------------------------------------------------
    #: a caller not (yet) related to a learner waits up to this long for the event that would
    #: relate it (a concern acknowledged a moment ago) before a learner's contacts answer 404
    contacts_wait_seconds: float = Field(default=1.0, ge=0, le=10)

    webhooks: WebhookSettings = Field(default_factory=WebhookSettings)
    bounces: BounceSettings = Field(default_factory=BounceSettings)

    @model_validator(mode="after")
    def _loopback_receivers_in_embedded_mode(self) -> "Settings":
        """``make run`` is one developer's machine: a receiver on loopback is theirs, so it
        may be reached unless ``NOTIFICATIONS_WEBHOOKS_ALLOWED_NETWORKS`` says otherwise (set,
        even empty, it is what it says). Stack mode reaches public addresses only."""
        if (
            self.runtime.mode == "embedded"
            and "allowed_networks" not in self.webhooks.model_fields_set
        ):
            self.webhooks = self.webhooks.model_copy(update={"allowed_networks": LOOPBACK})
        return self

    @property
    def transport(self) -> Literal["smtp", "file"]:
        if self.email_transport is not None:
            return self.email_transport
        return "smtp" if self.runtime.mode == "stack" else "file"

    @property
    def outbox(self) -> Path:
        return self.outbox_dir or self.data_dir / "outbox"

    def today_in_wales(self) -> date:
        return self.today or datetime.now(UTC).astimezone(WALES).date()

    def notices_since(self) -> date | None:
        """The day the service took over (``notices_not_before`` in Wales), if set."""
        moment = self.notices_not_before
        if moment is None:
            return None
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(WALES).date()
