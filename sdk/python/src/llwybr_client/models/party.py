from enum import StrEnum


class Party(StrEnum):
    FAMILY = "family"
    GOVERNING_BODY = "governing_body"

    def __str__(self) -> str:
        return str(self.value)
