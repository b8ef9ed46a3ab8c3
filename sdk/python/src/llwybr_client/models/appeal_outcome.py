from enum import StrEnum


class AppealOutcome(StrEnum):
    DISMISSED = "dismissed"
    ORDERS = "orders"
    REMITTED = "remitted"

    def __str__(self) -> str:
        return str(self.value)
