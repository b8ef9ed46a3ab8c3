from enum import StrEnum


class NoticeType(StrEnum):
    HAS_ALN = "has_aln"
    IDP_NOT_NECESSARY = "idp_not_necessary"
    NHS_REFERRAL = "nhs_referral"
    NO_ALN = "no_aln"

    def __str__(self) -> str:
        return str(self.value)
