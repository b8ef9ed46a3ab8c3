from enum import StrEnum


class ReviewRequester(StrEnum):
    FAMILY = "family"
    NHS_BODY = "nhs_body"

    def __str__(self) -> str:
        return str(self.value)
