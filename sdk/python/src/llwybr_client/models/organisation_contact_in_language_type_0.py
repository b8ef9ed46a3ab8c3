from enum import StrEnum


class OrganisationContactInLanguageType0(StrEnum):
    CY = "cy"
    EN = "en"

    def __str__(self) -> str:
        return str(self.value)
