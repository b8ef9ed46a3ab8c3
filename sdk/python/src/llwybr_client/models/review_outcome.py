from enum import StrEnum


class ReviewOutcome(StrEnum):
    NOT_REVISED = "not_revised"
    REVISED = "revised"

    def __str__(self) -> str:
        return str(self.value)
