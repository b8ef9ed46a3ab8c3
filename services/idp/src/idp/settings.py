"""Settings of the idp service (``IDP_*``, plus the shared ``LLWYBR_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from llwybr.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDP_", extra="ignore")

    service: str = "idp"
    port: int = 8002
    #: how often the maintainer is reminded of a plan with no statutory time limit found
    #: (the LA's IDP after an R1 "has ALN"; docs/domain.md section 11) [U]
    preparation_reminder_days: int = Field(default=28, ge=1, le=366)

    def eventsourcing_env(self) -> dict[str, str]:
        """The event store's settings, and the service's own the application reads."""
        return super().eventsourcing_env() | {
            PREPARATION_REMINDER_DAYS: str(self.preparation_reminder_days)
        }


#: the application's env key for ``Settings.preparation_reminder_days``
PREPARATION_REMINDER_DAYS = "IDP_PREPARATION_REMINDER_DAYS"
