from enum import StrEnum


class PartyRole(StrEnum):
    CASE_FRIEND = "case_friend"
    FAMILY = "family"
    FEI = "fei"
    LOCAL_AUTHORITY = "local_authority"
    NHS_BODY = "nhs_body"
    SCHOOL = "school"

    def __str__(self) -> str:
        return str(self.value)
