"""Settings of the determination service (``DETERMINATION_*``, plus the shared ``LLWYBR_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DETERMINATION_", extra="ignore")

    service: str = "determination"
    port: int = 8001
    #: Largest evidence document accepted (bytes).
    max_document_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
