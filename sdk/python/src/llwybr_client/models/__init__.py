"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .access_page import AccessPage
from .access_page_items_item import AccessPageItemsItem
from .acknowledgement_in import AcknowledgementIn
from .advocacy_for import AdvocacyFor
from .advocacy_in import AdvocacyIn
from .advocacy_view import AdvocacyView
from .advocacy_view_deadlines_type_0 import AdvocacyViewDeadlinesType0
from .advocacy_view_ending_type_0 import AdvocacyViewEndingType0
from .advocacy_view_provision_type_0 import AdvocacyViewProvisionType0
from .aggregate_as_of import AggregateAsOf
from .aggregate_as_of_events_item import AggregateAsOfEventsItem
from .aggregate_as_of_state_type_0 import AggregateAsOfStateType0
from .aln_description_in import AlnDescriptionIn
from .alp_element_in import AlpElementIn
from .alp_schedule_in import AlpScheduleIn
from .appeal_decision_in import AppealDecisionIn
from .appeal_in import AppealIn
from .appeal_matter import AppealMatter
from .appeal_outcome import AppealOutcome
from .appeal_view import AppealView
from .appeal_view_deadlines_type_0 import AppealViewDeadlinesType0
from .appeal_view_orders import AppealViewOrders
from .appeal_view_recommendations import AppealViewRecommendations
from .appellant_kind import AppellantKind
from .authorization_server_metadata import AuthorizationServerMetadata
from .body_submit_evidence_v1_determinations_determination_id_evidence_post import (
    BodySubmitEvidenceV1DeterminationsDeterminationIdEvidencePost,
)
from .bounce_receipt import BounceReceipt
from .bounce_receipt_bounce import BounceReceiptBounce
from .bulk_concerns_in import BulkConcernsIn
from .bulk_item_result import BulkItemResult
from .bulk_item_result_problem_type_0 import BulkItemResultProblemType0
from .bulk_result import BulkResult
from .calendar_out import CalendarOut
from .calendar_out_terms_item import CalendarOutTermsItem
from .capacity_in import CapacityIn
from .case_deadline import CaseDeadline
from .case_deadline_state_type_0 import CaseDeadlineStateType0
from .case_friend_in import CaseFriendIn
from .case_friend_removal_in import CaseFriendRemovalIn
from .case_page import CasePage
from .case_party import CaseParty
from .case_row import CaseRow
from .case_row_decision_clock_type_0 import CaseRowDecisionClockType0
from .case_statement_in import CaseStatementIn
from .cease_proposal_in import CeaseProposalIn
from .cessation_in import CessationIn
from .chain_report import ChainReport
from .change_page import ChangePage
from .change_page_items_item import ChangePageItemsItem
from .circumstances_in import CircumstancesIn
from .closure_in import ClosureIn
from .closure_reason import ClosureReason
from .complaint_closure_in import ComplaintClosureIn
from .complaint_in import ComplaintIn
from .complaint_view import ComplaintView
from .complaint_view_deadlines_type_0 import ComplaintViewDeadlinesType0
from .compliance_in import ComplianceIn
from .compliance_in_idp_revision_type_0 import ComplianceInIdpRevisionType0
from .concern_in import ConcernIn
from .conclusion_in import ConclusionIn
from .confidence import Confidence
from .consent_in import ConsentIn
from .create_access_token_body import CreateAccessTokenBody
from .create_access_token_body_grant_type import CreateAccessTokenBodyGrantType
from .deadline_out import DeadlineOut
from .deadline_out_state import DeadlineOutState
from .deciding_body_kind import DecidingBodyKind
from .decision_in import DecisionIn
from .decline_in import DeclineIn
from .delivery_in import DeliveryIn
from .determination_notice_in import DeterminationNoticeIn
from .determination_notice_in_content import DeterminationNoticeInContent
from .determination_out import DeterminationOut
from .determination_out_consent_type_0 import DeterminationOutConsentType0
from .determination_out_deadlines import DeterminationOutDeadlines
from .determination_out_deciding_body import DeterminationOutDecidingBody
from .determination_out_decision_type_0 import DeterminationOutDecisionType0
from .determination_out_evidence_item import DeterminationOutEvidenceItem
from .determination_out_evidence_requests import DeterminationOutEvidenceRequests
from .determination_out_evidence_requests_additional_property import (
    DeterminationOutEvidenceRequestsAdditionalProperty,
)
from .determination_out_exceptions_item import DeterminationOutExceptionsItem
from .determination_out_graduated_response_item import DeterminationOutGraduatedResponseItem
from .determination_out_learner import DeterminationOutLearner
from .determination_out_nhs_referrals import DeterminationOutNhsReferrals
from .determination_out_nhs_referrals_additional_property import (
    DeterminationOutNhsReferralsAdditionalProperty,
)
from .determination_out_notices_item import DeterminationOutNoticesItem
from .determination_out_recalculations_item import DeterminationOutRecalculationsItem
from .determination_out_referral_to_la_type_0 import DeterminationOutReferralToLaType0
from .determination_out_superseded_decisions_item import DeterminationOutSupersededDecisionsItem
from .determination_out_withdrawal_type_0 import DeterminationOutWithdrawalType0
from .disagreement_in import DisagreementIn
from .disagreement_outcome import DisagreementOutcome
from .disagreement_resolution_in import DisagreementResolutionIn
from .disagreement_resolution_view import DisagreementResolutionView
from .disagreement_resolution_view_conclusion_type_0 import (
    DisagreementResolutionViewConclusionType0,
)
from .disagreement_resolution_view_deadlines_type_0 import DisagreementResolutionViewDeadlinesType0
from .disagreement_resolution_view_parties_item import DisagreementResolutionViewPartiesItem
from .dispute_case_row import DisputeCaseRow
from .dispute_case_row_case_type import DisputeCaseRowCaseType
from .end_in import EndIn
from .enrolment_end_in import EnrolmentEndIn
from .enrolment_in import EnrolmentIn
from .erasure_in import ErasureIn
from .evidence_request_in import EvidenceRequestIn
from .exception_claim_in import ExceptionClaimIn
from .fei_answer_in import FeiAnswerIn
from .fei_request_in import FeiRequestIn
from .given_outside_in import GivenOutsideIn
from .given_outside_in_channel import GivenOutsideInChannel
from .graduated_response_in import GraduatedResponseIn
from .health_body_opinion_in import HealthBodyOpinionIn
from .health_body_opinion_out import HealthBodyOpinionOut
from .hearing_in import HearingIn
from .http_validation_error import HTTPValidationError
from .idp_arrangement import IdpArrangement
from .independent_in import IndependentIn
from .integrity_verification import IntegrityVerification
from .invitation_in import InvitationIn
from .issue_in import IssueIn
from .issue_warning import IssueWarning
from .issued_out import IssuedOut
from .issued_version import IssuedVersion
from .issued_version_content import IssuedVersionContent
from .issued_version_review_by_type_0 import IssuedVersionReviewByType0
from .jwk import Jwk
from .jwk_set import JwkSet
from .la_extras_in import LaExtrasIn
from .la_statistics import LaStatistics
from .lac_details_in import LacDetailsIn
from .language import Language
from .learner_contacts_in import LearnerContactsIn
from .learner_contacts_out import LearnerContactsOut
from .learner_contacts_out_parties_item import LearnerContactsOutPartiesItem
from .learner_in import LearnerIn
from .learner_out import LearnerOut
from .list_notices_report_type_0 import ListNoticesReportType0
from .list_notices_status_type_0 import ListNoticesStatusType0
from .list_reminders_status_type_0 import ListRemindersStatusType0
from .list_webhook_deliveries_status_type_0 import ListWebhookDeliveriesStatusType0
from .liveness import Liveness
from .local_authority_notice_in import LocalAuthorityNoticeIn
from .maintainer_in import MaintainerIn
from .maintainer_kind import MaintainerKind
from .ministers_determination_in import MinistersDeterminationIn
from .month_figures import MonthFigures
from .nhs_alp_in import NhsAlpIn
from .nhs_answer import NhsAnswer
from .nhs_answer_in import NhsAnswerIn
from .nhs_referral_in import NhsReferralIn
from .notice_delivery import NoticeDelivery
from .notice_detail import NoticeDetail
from .notice_detail_facts import NoticeDetailFacts
from .notice_detail_status import NoticeDetailStatus
from .notice_kind import NoticeKind
from .notice_out import NoticeOut
from .notice_out_status import NoticeOutStatus
from .notice_page import NoticePage
from .notice_report import NoticeReport
from .notice_report_bounce import NoticeReportBounce
from .notice_type import NoticeType
from .notice_window import NoticeWindow
from .o_auth_error_response import OAuthErrorResponse
from .o_auth_error_response_error import OAuthErrorResponseError
from .officer_model import OfficerModel
from .one_page_profile_in import OnePageProfileIn
from .open_in import OpenIn
from .order_in import OrderIn
from .order_kind import OrderKind
from .organisation_contact_in import OrganisationContactIn
from .organisation_contact_in_language_type_0 import OrganisationContactInLanguageType0
from .organisation_contact_out import OrganisationContactOut
from .organisation_contact_out_language_type_0 import OrganisationContactOutLanguageType0
from .outcome_figures import OutcomeFigures
from .outcome_figures_outcome import OutcomeFiguresOutcome
from .outcome_row import OutcomeRow
from .outcome_row_case_type import OutcomeRowCaseType
from .participant_in import ParticipantIn
from .party import Party
from .party_in import PartyIn
from .party_in_language_type_0 import PartyInLanguageType0
from .party_in_role import PartyInRole
from .party_role import PartyRole
from .period import Period
from .plan_changes import PlanChanges
from .plan_changes_items_item import PlanChangesItemsItem
from .plan_out import PlanOut
from .plan_out_cease_type_0 import PlanOutCeaseType0
from .plan_out_closure_type_0 import PlanOutClosureType0
from .plan_out_deadlines import PlanOutDeadlines
from .plan_out_deliveries import PlanOutDeliveries
from .plan_out_deliveries_additional_property_item import PlanOutDeliveriesAdditionalPropertyItem
from .plan_out_draft import PlanOutDraft
from .plan_out_fei_request_type_0 import PlanOutFeiRequestType0
from .plan_out_maintainer import PlanOutMaintainer
from .plan_out_problems_before_issue import PlanOutProblemsBeforeIssue
from .plan_out_review_requests_item import PlanOutReviewRequestsItem
from .plan_out_reviews_item import PlanOutReviewsItem
from .plan_out_revision_directions_item import PlanOutRevisionDirectionsItem
from .plan_out_revision_orders_item import PlanOutRevisionOrdersItem
from .plan_out_shortfalls import PlanOutShortfalls
from .plan_out_shortfalls_additional_property import PlanOutShortfallsAdditionalProperty
from .plan_out_transfers_item import PlanOutTransfersItem
from .plan_page import PlanPage
from .plan_page_items_item import PlanPageItemsItem
from .problem import Problem
from .provided_alp_row import ProvidedAlpRow
from .provider_kind import ProviderKind
from .provision_element import ProvisionElement
from .provision_in import ProvisionIn
from .provision_level import ProvisionLevel
from .provision_report import ProvisionReport
from .raised_out import RaisedOut
from .readiness_report import ReadinessReport
from .readiness_report_checks import ReadinessReportChecks
from .readiness_report_status import ReadinessReportStatus
from .recipient import Recipient
from .recommendation_in import RecommendationIn
from .recommendation_row import RecommendationRow
from .reconsideration_decision_in import ReconsiderationDecisionIn
from .reconsideration_in import ReconsiderationIn
from .reconsideration_kind import ReconsiderationKind
from .reconsideration_notice_in import ReconsiderationNoticeIn
from .reconsideration_outcome import ReconsiderationOutcome
from .reconsideration_view import ReconsiderationView
from .reconsideration_view_deadlines_type_0 import ReconsiderationViewDeadlinesType0
from .rectification_in import RectificationIn
from .referral_to_la_in import ReferralToLaIn
from .report_in import ReportIn
from .representations_in import RepresentationsIn
from .retention_line import RetentionLine
from .retention_report import RetentionReport
from .review_application_in import ReviewApplicationIn
from .review_in import ReviewIn
from .review_outcome import ReviewOutcome
from .review_request_in import ReviewRequestIn
from .review_requester import ReviewRequester
from .revise_in import ReviseIn
from .revision_reason import RevisionReason
from .rule_correction_in import RuleCorrectionIn
from .rule_in import RuleIn
from .rule_table_out import RuleTableOut
from .rule_table_out_rules_item import RuleTableOutRulesItem
from .section_1_in import Section1In
from .section_3_in import Section3In
from .service_readiness import ServiceReadiness
from .service_readiness_checks_type_0 import ServiceReadinessChecksType0
from .service_readiness_status import ServiceReadinessStatus
from .services_readiness import ServicesReadiness
from .services_readiness_services import ServicesReadinessServices
from .services_readiness_status import ServicesReadinessStatus
from .set_calendar_json_calendar_in import SetCalendarJsonCalendarIn
from .set_calendar_json_calendar_in_term import SetCalendarJsonCalendarInTerm
from .setting import Setting
from .shortfall_row import ShortfallRow
from .termly_review import TermlyReview
from .timeline import Timeline
from .timeline_items_item import TimelineItemsItem
from .token_response import TokenResponse
from .transfer_in import TransferIn
from .transfer_reason import TransferReason
from .unit import Unit
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .voluntary_organisation_model import VoluntaryOrganisationModel
from .watched_deadline import WatchedDeadline
from .watched_deadline_page import WatchedDeadlinePage
from .watched_deadline_status import WatchedDeadlineStatus
from .webhook_attempt_out import WebhookAttemptOut
from .webhook_delivery_out import WebhookDeliveryOut
from .webhook_delivery_out_status import WebhookDeliveryOutStatus
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_secret_rotation_in import WebhookSecretRotationIn
from .webhook_subscription_change import WebhookSubscriptionChange
from .webhook_subscription_change_status_type_0 import WebhookSubscriptionChangeStatusType0
from .webhook_subscription_in import WebhookSubscriptionIn
from .webhook_subscription_out import WebhookSubscriptionOut
from .webhook_subscription_out_status import WebhookSubscriptionOutStatus
from .webhook_subscription_page import WebhookSubscriptionPage
from .webhook_subscription_with_secret import WebhookSubscriptionWithSecret
from .webhook_subscription_with_secret_status import WebhookSubscriptionWithSecretStatus
from .welsh_decision_in import WelshDecisionIn
from .welsh_medium_sufficiency import WelshMediumSufficiency
from .withdrawal_in import WithdrawalIn

__all__ = (
    "Accepted",
    "AccessPage",
    "AccessPageItemsItem",
    "AcknowledgementIn",
    "AdvocacyFor",
    "AdvocacyIn",
    "AdvocacyView",
    "AdvocacyViewDeadlinesType0",
    "AdvocacyViewEndingType0",
    "AdvocacyViewProvisionType0",
    "AggregateAsOf",
    "AggregateAsOfEventsItem",
    "AggregateAsOfStateType0",
    "AlnDescriptionIn",
    "AlpElementIn",
    "AlpScheduleIn",
    "AppealDecisionIn",
    "AppealIn",
    "AppealMatter",
    "AppealOutcome",
    "AppealView",
    "AppealViewDeadlinesType0",
    "AppealViewOrders",
    "AppealViewRecommendations",
    "AppellantKind",
    "AuthorizationServerMetadata",
    "BodySubmitEvidenceV1DeterminationsDeterminationIdEvidencePost",
    "BounceReceipt",
    "BounceReceiptBounce",
    "BulkConcernsIn",
    "BulkItemResult",
    "BulkItemResultProblemType0",
    "BulkResult",
    "CalendarOut",
    "CalendarOutTermsItem",
    "CapacityIn",
    "CaseDeadline",
    "CaseDeadlineStateType0",
    "CaseFriendIn",
    "CaseFriendRemovalIn",
    "CasePage",
    "CaseParty",
    "CaseRow",
    "CaseRowDecisionClockType0",
    "CaseStatementIn",
    "CeaseProposalIn",
    "CessationIn",
    "ChainReport",
    "ChangePage",
    "ChangePageItemsItem",
    "CircumstancesIn",
    "ClosureIn",
    "ClosureReason",
    "ComplaintClosureIn",
    "ComplaintIn",
    "ComplaintView",
    "ComplaintViewDeadlinesType0",
    "ComplianceIn",
    "ComplianceInIdpRevisionType0",
    "ConcernIn",
    "ConclusionIn",
    "Confidence",
    "ConsentIn",
    "CreateAccessTokenBody",
    "CreateAccessTokenBodyGrantType",
    "DeadlineOut",
    "DeadlineOutState",
    "DecidingBodyKind",
    "DecisionIn",
    "DeclineIn",
    "DeliveryIn",
    "DeterminationNoticeIn",
    "DeterminationNoticeInContent",
    "DeterminationOut",
    "DeterminationOutConsentType0",
    "DeterminationOutDeadlines",
    "DeterminationOutDecidingBody",
    "DeterminationOutDecisionType0",
    "DeterminationOutEvidenceItem",
    "DeterminationOutEvidenceRequests",
    "DeterminationOutEvidenceRequestsAdditionalProperty",
    "DeterminationOutExceptionsItem",
    "DeterminationOutGraduatedResponseItem",
    "DeterminationOutLearner",
    "DeterminationOutNhsReferrals",
    "DeterminationOutNhsReferralsAdditionalProperty",
    "DeterminationOutNoticesItem",
    "DeterminationOutRecalculationsItem",
    "DeterminationOutReferralToLaType0",
    "DeterminationOutSupersededDecisionsItem",
    "DeterminationOutWithdrawalType0",
    "DisagreementIn",
    "DisagreementOutcome",
    "DisagreementResolutionIn",
    "DisagreementResolutionView",
    "DisagreementResolutionViewConclusionType0",
    "DisagreementResolutionViewDeadlinesType0",
    "DisagreementResolutionViewPartiesItem",
    "DisputeCaseRow",
    "DisputeCaseRowCaseType",
    "EndIn",
    "EnrolmentEndIn",
    "EnrolmentIn",
    "ErasureIn",
    "EvidenceRequestIn",
    "ExceptionClaimIn",
    "FeiAnswerIn",
    "FeiRequestIn",
    "GivenOutsideIn",
    "GivenOutsideInChannel",
    "GraduatedResponseIn",
    "HealthBodyOpinionIn",
    "HealthBodyOpinionOut",
    "HearingIn",
    "HTTPValidationError",
    "IdpArrangement",
    "IndependentIn",
    "IntegrityVerification",
    "InvitationIn",
    "IssuedOut",
    "IssuedVersion",
    "IssuedVersionContent",
    "IssuedVersionReviewByType0",
    "IssueIn",
    "IssueWarning",
    "Jwk",
    "JwkSet",
    "LacDetailsIn",
    "LaExtrasIn",
    "Language",
    "LaStatistics",
    "LearnerContactsIn",
    "LearnerContactsOut",
    "LearnerContactsOutPartiesItem",
    "LearnerIn",
    "LearnerOut",
    "ListNoticesReportType0",
    "ListNoticesStatusType0",
    "ListRemindersStatusType0",
    "ListWebhookDeliveriesStatusType0",
    "Liveness",
    "LocalAuthorityNoticeIn",
    "MaintainerIn",
    "MaintainerKind",
    "MinistersDeterminationIn",
    "MonthFigures",
    "NhsAlpIn",
    "NhsAnswer",
    "NhsAnswerIn",
    "NhsReferralIn",
    "NoticeDelivery",
    "NoticeDetail",
    "NoticeDetailFacts",
    "NoticeDetailStatus",
    "NoticeKind",
    "NoticeOut",
    "NoticeOutStatus",
    "NoticePage",
    "NoticeReport",
    "NoticeReportBounce",
    "NoticeType",
    "NoticeWindow",
    "OAuthErrorResponse",
    "OAuthErrorResponseError",
    "OfficerModel",
    "OnePageProfileIn",
    "OpenIn",
    "OrderIn",
    "OrderKind",
    "OrganisationContactIn",
    "OrganisationContactInLanguageType0",
    "OrganisationContactOut",
    "OrganisationContactOutLanguageType0",
    "OutcomeFigures",
    "OutcomeFiguresOutcome",
    "OutcomeRow",
    "OutcomeRowCaseType",
    "ParticipantIn",
    "Party",
    "PartyIn",
    "PartyInLanguageType0",
    "PartyInRole",
    "PartyRole",
    "Period",
    "PlanChanges",
    "PlanChangesItemsItem",
    "PlanOut",
    "PlanOutCeaseType0",
    "PlanOutClosureType0",
    "PlanOutDeadlines",
    "PlanOutDeliveries",
    "PlanOutDeliveriesAdditionalPropertyItem",
    "PlanOutDraft",
    "PlanOutFeiRequestType0",
    "PlanOutMaintainer",
    "PlanOutProblemsBeforeIssue",
    "PlanOutReviewRequestsItem",
    "PlanOutReviewsItem",
    "PlanOutRevisionDirectionsItem",
    "PlanOutRevisionOrdersItem",
    "PlanOutShortfalls",
    "PlanOutShortfallsAdditionalProperty",
    "PlanOutTransfersItem",
    "PlanPage",
    "PlanPageItemsItem",
    "Problem",
    "ProvidedAlpRow",
    "ProviderKind",
    "ProvisionElement",
    "ProvisionIn",
    "ProvisionLevel",
    "ProvisionReport",
    "RaisedOut",
    "ReadinessReport",
    "ReadinessReportChecks",
    "ReadinessReportStatus",
    "Recipient",
    "RecommendationIn",
    "RecommendationRow",
    "ReconsiderationDecisionIn",
    "ReconsiderationIn",
    "ReconsiderationKind",
    "ReconsiderationNoticeIn",
    "ReconsiderationOutcome",
    "ReconsiderationView",
    "ReconsiderationViewDeadlinesType0",
    "RectificationIn",
    "ReferralToLaIn",
    "ReportIn",
    "RepresentationsIn",
    "RetentionLine",
    "RetentionReport",
    "ReviewApplicationIn",
    "ReviewIn",
    "ReviewOutcome",
    "ReviewRequester",
    "ReviewRequestIn",
    "ReviseIn",
    "RevisionReason",
    "RuleCorrectionIn",
    "RuleIn",
    "RuleTableOut",
    "RuleTableOutRulesItem",
    "Section1In",
    "Section3In",
    "ServiceReadiness",
    "ServiceReadinessChecksType0",
    "ServiceReadinessStatus",
    "ServicesReadiness",
    "ServicesReadinessServices",
    "ServicesReadinessStatus",
    "SetCalendarJsonCalendarIn",
    "SetCalendarJsonCalendarInTerm",
    "Setting",
    "ShortfallRow",
    "TermlyReview",
    "Timeline",
    "TimelineItemsItem",
    "TokenResponse",
    "TransferIn",
    "TransferReason",
    "Unit",
    "ValidationError",
    "ValidationErrorContext",
    "VoluntaryOrganisationModel",
    "WatchedDeadline",
    "WatchedDeadlinePage",
    "WatchedDeadlineStatus",
    "WebhookAttemptOut",
    "WebhookDeliveryOut",
    "WebhookDeliveryOutStatus",
    "WebhookDeliveryPage",
    "WebhookSecretRotationIn",
    "WebhookSubscriptionChange",
    "WebhookSubscriptionChangeStatusType0",
    "WebhookSubscriptionIn",
    "WebhookSubscriptionOut",
    "WebhookSubscriptionOutStatus",
    "WebhookSubscriptionPage",
    "WebhookSubscriptionWithSecret",
    "WebhookSubscriptionWithSecretStatus",
    "WelshDecisionIn",
    "WelshMediumSufficiency",
    "WithdrawalIn",
)
