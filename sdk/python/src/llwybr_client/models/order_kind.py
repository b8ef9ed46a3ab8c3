from enum import StrEnum


class OrderKind(StrEnum):
    ALN_EXISTS = "aln_exists"
    LA_TAKE_OVER = "la_take_over"
    MAINTAIN_IDP = "maintain_idp"
    NO_ALN = "no_aln"
    PREPARE_IDP = "prepare_idp"
    REVISE_IDP = "revise_idp"

    def __str__(self) -> str:
        return str(self.value)
