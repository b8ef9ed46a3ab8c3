"""Settings of the idp service (``IDP_*``, plus the shared ``LLWYBR_*``)."""

from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDP_", extra="ignore")

    service: str = "idp"
    port: int = 8002
