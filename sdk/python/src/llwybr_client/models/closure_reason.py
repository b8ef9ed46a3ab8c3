from enum import StrEnum


class ClosureReason(StrEnum):
    AGE_25_YEAR_END = "age_25_year_end"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    LEARNER_LEFT = "learner_left"

    def __str__(self) -> str:
        return str(self.value)
