"""The disputes API's request models: everything is validated at the edge, so a rejected request
changes nothing. (Their names and fields are the public OpenAPI document's.)"""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from pydantic import Field, model_validator

from disputes.domain import (
    AdvocacyFor,
    AppealMatter,
    AppealOutcome,
    AppellantKind,
    CaseParty,
    DecidingBodyKind,
    DisagreementOutcome,
    OrderKind,
    Party,
    PartyRole,
    ReconsiderationKind,
    ReconsiderationOutcome,
)
from llwybr.edge import ActDate, FreeText, Line, Model, Organisation
from llwybr.organisation_ids import SettingId

Text = Annotated[FreeText, Field(min_length=1, max_length=20_000)]
Name = Annotated[Line, Field(min_length=1, max_length=200)]
LearnerId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
Reference = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]

# -- reconsiderations -------------------------------------------------------------------------


class ReconsiderationIn(Model):
    kind: ReconsiderationKind
    learner_id: LearnerId
    subject_id: UUID = Field(description="The determination (R1) or the IDP (R2-R4)")
    school: SettingId = Field(
        description="The school or FEI whose decision is challenged "
        "(`school:6652001`, `fei:10001234`)"
    )
    decided_by_kind: DecidingBodyKind = Field(description="Who made the decision challenged")
    requested_by_kind: Party
    requested_by: Name
    requested_on: ActDate
    cease_notice_given_on: ActDate | None = Field(default=None, description="R4 only")


class InvitationIn(Model):
    invited_on: ActDate
    from_party: Party


class RepresentationsIn(Model):
    received_on: ActDate
    summary: Text


class ReconsiderationDecisionIn(Model):
    decided_on: ActDate
    outcome: ReconsiderationOutcome
    reasons: Text


class ReconsiderationNoticeIn(Model):
    issued_on: ActDate
    recipients: list[Name] = Field(min_length=1)


class DisagreementResolutionIn(Model):
    started_on: ActDate


# -- appeals ----------------------------------------------------------------------------------


class AppealIn(Model):
    learner_id: LearnerId
    learner_is_young_person: bool
    appellant_kind: AppellantKind
    appellant: Name
    respondent: Organisation = Field(description="The LA or FEI (never a school)")
    matter: AppealMatter
    subject_id: UUID | None = None
    reconsideration_id: UUID | None = Field(
        default=None, description="The LA reconsideration appealed, if any (its window applies)"
    )
    notice_given_on: ActDate | None = Field(
        default=None,
        description="When the notice of the decision was given; not needed when the body that "
        "decided announced it (its date is used, and a different one is refused)",
    )
    lodged_on: ActDate
    late_admitted_by_president: bool = False
    admission_reference: Annotated[Line | None, Field(max_length=200)] = None


class AcknowledgementIn(Model):
    acknowledged_on: ActDate
    tribunal_reference: Annotated[Line, Field(min_length=1, max_length=100)]


class CaseStatementIn(Model):
    party: CaseParty
    filed_on: ActDate
    summary: Text


class HearingIn(Model):
    hearing_on: date


class OrderIn(Model):
    order_id: Reference
    kind: OrderKind
    addressed_to: Organisation
    wording: Text
    comply_by: date | None = None


class RecommendationIn(Model):
    recommendation_id: Reference
    nhs_body: Organisation
    wording: Text
    report_by: date | None = None


class AppealDecisionIn(Model):
    decided_on: ActDate
    outcome: AppealOutcome
    orders: list[OrderIn] = Field(default_factory=list, max_length=20)
    recommendations: list[RecommendationIn] = Field(default_factory=list, max_length=20)


class ComplianceIn(Model):
    complied_on: ActDate
    evidence: Text
    idp_revision: dict[str, Any] | None = Field(
        default=None,
        description='For a revise_idp order: {"idp_id", "version", "wording_found", "differences"}',
    )


class ReportIn(Model):
    reported_on: ActDate
    report: Text


class ReviewApplicationIn(Model):
    applied_on: ActDate
    by: Name
    grounds: Text


class CapacityIn(Model):
    declared_on: ActDate
    person: Name
    has_capacity: bool


class CaseFriendIn(Model):
    appointed_on: ActDate
    case_friend: Name


class CaseFriendRemovalIn(Model):
    removed_on: ActDate
    reason: Text


# -- the LA's arrangements --------------------------------------------------------------------


class ParticipantIn(Model):
    name: Name
    role: PartyRole
    organisation: Name | None = Field(default=None, description="e.g. school:6652001")


class IndependentIn(Model):
    name: Name
    organisation: Name | None = Field(default=None, description="The service they work for")


class DisagreementIn(Model):
    learner_id: LearnerId
    opened_on: ActDate
    arrangements: Text = Field(description="The LA's arrangements this case runs under")
    facilitator: IndependentIn
    parties: list[ParticipantIn] = Field(min_length=2, max_length=20)
    reconsideration_id: UUID | None = Field(
        default=None, description="The LA reconsideration disagreed about (its window extends)"
    )
    subject_id: UUID | None = Field(
        default=None, description="Another body's decision disagreed about (determination, IDP)"
    )
    matter: AppealMatter | None = Field(
        default=None, description="With subject_id: what about it (finds its notice)"
    )
    notice_given_on: ActDate | None = Field(
        default=None, description="With subject_id, when its notice is not known here"
    )

    @model_validator(mode="after")
    def _one_subject(self) -> "DisagreementIn":
        if self.reconsideration_id is not None and self.subject_id is not None:
            raise ValueError("give reconsideration_id or subject_id, not both")
        if self.subject_id is None and (self.matter or self.notice_given_on):
            raise ValueError("matter and notice_given_on go with subject_id")
        return self


class ConclusionIn(Model):
    concluded_on: ActDate
    outcome: DisagreementOutcome
    summary: Text


class AdvocacyIn(Model):
    learner_id: LearnerId
    for_person: AdvocacyFor
    requested_by: Name
    requested_on: ActDate
    related_case_id: UUID | None = Field(
        default=None, description="A reconsideration, appeal or disagreement resolution case"
    )


class ProvisionIn(Model):
    advocate: IndependentIn
    provided_on: ActDate


class EndIn(Model):
    ended_on: ActDate
    reason: Text


# -- complaints (legal holds on the learner's data, issue 23) ---------------------------------


class ComplaintIn(Model):
    learner_id: LearnerId
    made_by: Name = Field(description="Who complained (sealed with the learner's key)")
    summary: Text = Field(description="What the complaint is about (sealed)")
    opened_on: ActDate


class ComplaintClosureIn(Model):
    closed_on: ActDate
    outcome: Text = Field(description="How the complaint ended (sealed)")
