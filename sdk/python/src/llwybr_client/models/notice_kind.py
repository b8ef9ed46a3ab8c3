from enum import StrEnum


class NoticeKind(StrEnum):
    APPEAL_DECIDED = "appeal_decided"
    APPEAL_LODGED = "appeal_lodged"
    APPEAL_WINDOW_CORRECTED = "appeal_window_corrected"
    APPEAL_WINDOW_EXTENDED = "appeal_window_extended"
    CEASE_PROPOSED = "cease_proposed"
    CEASE_WINDOW_CORRECTED = "cease_window_corrected"
    DEADLINE_MISSED = "deadline_missed"
    DEADLINE_REMINDER = "deadline_reminder"
    DECISION_HAS_ALN = "decision_has_aln"
    DECISION_NO_ALN = "decision_no_aln"
    HEALTH_BODY_OPINION = "health_body_opinion"
    HEALTH_BODY_OPINION_TO_LA = "health_body_opinion_to_la"
    IDP_CEASED = "idp_ceased"
    IDP_DATE_CONFIRMED = "idp_date_confirmed"
    IDP_ISSUED = "idp_issued"
    IDP_NOT_NECESSARY = "idp_not_necessary"
    IDP_NOT_REVISED = "idp_not_revised"
    IDP_REVISED = "idp_revised"
    NHS_ANSWER = "nhs_answer"
    NHS_REFERRAL = "nhs_referral"
    PROVISION_SHORTFALL = "provision_shortfall"
    PROVISION_SHORTFALL_ALERT = "provision_shortfall_alert"
    RECONSIDERATION_DECIDED = "reconsideration_decided"
    RECONSIDERATION_RECEIVED = "reconsideration_received"
    RESPONSIBILITY_TRANSFERRED = "responsibility_transferred"
    REVIEW_REQUESTED = "review_requested"
    UNDELIVERABLE = "undeliverable"

    def __str__(self) -> str:
        return str(self.value)
