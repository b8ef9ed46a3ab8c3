from enum import StrEnum


class Confidence(StrEnum):
    C = "C"
    S = "S"
    U = "U"

    def __str__(self) -> str:
        return str(self.value)
