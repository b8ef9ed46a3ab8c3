"""Settings of the notifications service (``NOTIFICATIONS_*``, plus the shared ``LLWYBR_*``)."""

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings
from notifications.webhooks.settings import WebhookSettings

#: Dates in notices and deadlines are Welsh dates.
WALES = ZoneInfo("Europe/London")


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

    webhooks: WebhookSettings = Field(default_factory=WebhookSettings)

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
