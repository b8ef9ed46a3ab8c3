from enum import StrEnum


class NhsAnswer(StrEnum):
    IDENTIFIED = "identified"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
