from enum import StrEnum


class Language(StrEnum):
    CY = "cy"
    EN = "en"

    def __str__(self) -> str:
        return str(self.value)
