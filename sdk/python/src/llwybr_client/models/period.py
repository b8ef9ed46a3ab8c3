from enum import StrEnum


class Period(StrEnum):
    HALF_TERM = "half_term"
    ONCE = "once"
    TERM = "term"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
