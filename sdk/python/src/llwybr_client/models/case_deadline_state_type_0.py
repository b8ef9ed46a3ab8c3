from enum import StrEnum


class CaseDeadlineStateType0(StrEnum):
    CANCELLED = "cancelled"
    MET = "met"
    MISSED = "missed"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
