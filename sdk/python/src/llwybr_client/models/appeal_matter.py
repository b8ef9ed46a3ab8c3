from enum import StrEnum


class AppealMatter(StrEnum):
    ALN_DESCRIPTION = "aln_description"
    ALP = "alp"
    ALP_IN_WELSH = "alp_in_welsh"
    DECISION_NOT_TO_REVISE = "decision_not_to_revise"
    DECISION_NOT_TO_TAKE_OVER = "decision_not_to_take_over"
    DECISION_TO_CEASE = "decision_to_cease"
    IDP_NOT_NECESSARY = "idp_not_necessary"
    LA_RECONSIDERATION_DECISION = "la_reconsideration_decision"
    NAMED_SCHOOL = "named_school"
    WHETHER_ALN = "whether_aln"

    def __str__(self) -> str:
        return str(self.value)
