from enum import StrEnum


class DisputeCaseRowCaseType(StrEnum):
    ADVOCACY = "advocacy"
    APPEAL = "appeal"
    COMPLAINT = "complaint"
    DISAGREEMENT_RESOLUTION = "disagreement_resolution"
    RECONSIDERATION = "reconsideration"

    def __str__(self) -> str:
        return str(self.value)
