from enum import StrEnum


class ReconsiderationOutcome(StrEnum):
    CEASE_CONFIRMED = "cease_confirmed"
    HAS_ALN = "has_aln"
    IDP_CONTINUES = "idp_continues"
    NOT_REVISED = "not_revised"
    NO_ALN = "no_aln"
    REFUSED = "refused"
    REVISED_DIRECTED = "revised_directed"
    TAKEN_OVER = "taken_over"

    def __str__(self) -> str:
        return str(self.value)
