from enum import StrEnum


class OutcomeFiguresOutcome(StrEnum):
    HAS_ALN = "has_aln"
    NO_ALN = "no_aln"

    def __str__(self) -> str:
        return str(self.value)
