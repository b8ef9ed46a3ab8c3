"""Settings of the notifications service (``NOTIFICATIONS_*``, plus the shared ``LLWYBR_*``)."""

from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    service: str = "notifications"
    port: int = 8004
