from enum import StrEnum


class WatchedDeadlineStatus(StrEnum):
    CANCELLED = "cancelled"
    MET = "met"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
