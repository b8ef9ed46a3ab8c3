"""Gateway settings (``GATEWAY_*``, plus the shared ``LLWYBR_*``)."""

from pydantic import Field
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

    def service_url(self, service: str) -> str:
        url: str = getattr(self, f"{service}_url")
        return url
