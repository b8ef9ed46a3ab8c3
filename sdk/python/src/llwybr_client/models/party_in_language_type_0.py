from enum import StrEnum


class PartyInLanguageType0(StrEnum):
    CY = "cy"
    EN = "en"

    def __str__(self) -> str:
        return str(self.value)
