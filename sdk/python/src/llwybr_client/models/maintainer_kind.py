from enum import StrEnum


class MaintainerKind(StrEnum):
    FEI = "fei"
    LA_LOOKING_AFTER = "la_looking_after"
    LOCAL_AUTHORITY = "local_authority"
    SCHOOL = "school"

    def __str__(self) -> str:
        return str(self.value)
