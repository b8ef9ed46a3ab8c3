from enum import StrEnum


class Recipient(StrEnum):
    CASE_FRIEND = "case_friend"
    CHILD = "child"
    GOVERNING_BODY = "governing_body"
    INDEPENDENT_REVIEWING_OFFICER = "independent_reviewing_officer"
    NHS_BODY = "nhs_body"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"

    def __str__(self) -> str:
        return str(self.value)
