from enum import StrEnum


class ProviderKind(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    NHS_BODY = "nhs_body"
    OTHER = "other"
    SCHOOL = "school"

    def __str__(self) -> str:
        return str(self.value)
