from enum import StrEnum


class RevisionReason(StrEnum):
    NHS_ALP = "nhs_alp"
    RECONSIDERATION = "reconsideration"
    REVIEW = "review"
    TRIBUNAL_ORDER = "tribunal_order"

    def __str__(self) -> str:
        return str(self.value)
