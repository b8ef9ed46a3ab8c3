from enum import StrEnum


class NoticeOutStatus(StrEnum):
    BOUNCED = "bounced"
    ESCALATED = "escalated"
    GIVEN = "given"
    PENDING = "pending"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
