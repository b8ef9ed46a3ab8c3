"""Settings of the idp service (``IDP_*``, plus the shared ``LLWYBR_*``)."""

from fractions import Fraction

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from idp.domain.provision import ShortfallPolicy
from llwybr.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDP_", extra="ignore")

    service: str = "idp"
    port: int = 8002
    #: how often the maintainer is reminded of a plan with no statutory time limit found
    #: (the LA's IDP after an R1 "has ALN"; docs/domain.md section 11) [U]
    preparation_reminder_days: int = Field(default=28, ge=1, le=366)

    # Provision planned against delivered (issue 24): an element is short when less than
    # this share of what was due was delivered over the last window of school weeks, or
    # nothing was recorded for the silent weeks.
    shortfall_share: float = Field(default=0.8, gt=0, le=1)
    shortfall_window_weeks: int = Field(default=6, ge=1, le=39)
    shortfall_silent_weeks: int = Field(default=3, ge=1, le=39)

    def shortfall_policy(self) -> ShortfallPolicy:
        return ShortfallPolicy(
            share=Fraction(self.shortfall_share).limit_denominator(100),
            window_weeks=self.shortfall_window_weeks,
            silent_weeks=self.shortfall_silent_weeks,
        )

    def eventsourcing_env(self) -> dict[str, str]:
        """The event store's settings, and the service's own the application reads."""
        return super().eventsourcing_env() | {
            PREPARATION_REMINDER_DAYS: str(self.preparation_reminder_days)
        }


#: the application's env key for ``Settings.preparation_reminder_days``
PREPARATION_REMINDER_DAYS = "IDP_PREPARATION_REMINDER_DAYS"
