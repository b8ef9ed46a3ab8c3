from enum import StrEnum


class NoticeReportBounce(StrEnum):
    DELIVERED = "delivered"
    PERMANENT = "permanent"
    TRANSIENT = "transient"
    UNPARSED = "unparsed"

    def __str__(self) -> str:
        return str(self.value)
