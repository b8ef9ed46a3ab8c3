from enum import StrEnum


class PartyInRole(StrEnum):
    CASE_FRIEND = "case_friend"
    CHILD = "child"
    INDEPENDENT_REVIEWING_OFFICER = "independent_reviewing_officer"
    PARENT = "parent"
    REPRESENTATIVE = "representative"
    YOUNG_PERSON = "young_person"

    def __str__(self) -> str:
        return str(self.value)
