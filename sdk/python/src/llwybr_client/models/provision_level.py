from enum import StrEnum


class ProvisionLevel(StrEnum):
    TARGETED = "targeted"
    UNIVERSAL = "universal"

    def __str__(self) -> str:
        return str(self.value)
