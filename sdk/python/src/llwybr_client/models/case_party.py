from enum import StrEnum


class CaseParty(StrEnum):
    APPELLANT = "appellant"
    RESPONDENT = "respondent"

    def __str__(self) -> str:
        return str(self.value)
