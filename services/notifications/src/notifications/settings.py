"""Settings of the notifications service (``NOTIFICATIONS_*``, plus the shared ``LLWYBR_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings
from notifications.webhooks.settings import WebhookSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    service: str = "notifications"
    port: int = 8004
    webhooks: WebhookSettings = Field(default_factory=WebhookSettings)
