from enum import StrEnum


class GivenOutsideInChannel(StrEnum):
    HAND = "hand"
    POST = "post"

    def __str__(self) -> str:
        return str(self.value)
