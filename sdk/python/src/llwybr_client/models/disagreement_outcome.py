from enum import StrEnum


class DisagreementOutcome(StrEnum):
    NOT_RESOLVED = "not_resolved"
    PARTLY_RESOLVED = "partly_resolved"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
