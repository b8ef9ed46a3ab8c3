from enum import StrEnum


class AppellantKind(StrEnum):
    CASE_FRIEND = "case_friend"
    CHILD = "child"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"

    def __str__(self) -> str:
        return str(self.value)
