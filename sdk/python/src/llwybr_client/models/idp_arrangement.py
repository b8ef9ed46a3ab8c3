from enum import StrEnum


class IdpArrangement(StrEnum):
    LA_MAINTAINS = "la_maintains"
    LA_PREPARES_SCHOOL_MAINTAINS = "la_prepares_school_maintains"
    SCHOOL_PREPARES_AND_MAINTAINS = "school_prepares_and_maintains"

    def __str__(self) -> str:
        return str(self.value)
