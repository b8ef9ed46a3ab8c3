"""Settings of the disputes service (``DISPUTES_*``, plus the shared ``LLWYBR_*``)."""

from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DISPUTES_", extra="ignore")

    service: str = "disputes"
    port: int = 8003
