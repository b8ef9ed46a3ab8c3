"""Settings of the determination service (``DETERMINATION_*``, plus the shared ``LLWYBR_*``)."""

from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DETERMINATION_", extra="ignore")

    service: str = "determination"
    port: int = 8001
