from enum import StrEnum


class ServiceReadinessStatus(StrEnum):
    NOT_READY = "not ready"
    READY = "ready"
    UNREACHABLE = "unreachable"

    def __str__(self) -> str:
        return str(self.value)
