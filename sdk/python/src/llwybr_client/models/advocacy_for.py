from enum import StrEnum


class AdvocacyFor(StrEnum):
    CASE_FRIEND = "case_friend"
    CHILD = "child"
    YOUNG_PERSON = "young_person"

    def __str__(self) -> str:
        return str(self.value)
