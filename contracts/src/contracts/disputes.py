"""Public events of the disputes service (topic ``aln.disputes.v1``): ids and statutory facts.

Representations and case statements stay in the service; an LA's reasons for its
reconsideration decision travel with it, as its notice must quote them (ADR 0018).
"""

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.determination import DeadlineFacts, reasons_field
from contracts.events import IntegrationEvent, register, replaces, upn_field
from contracts.organisations import SettingId
from contracts.sealed import Sealed, sealed_reasons_field, unchanged, without_personal_text
from contracts.topics import DISPUTES, Topic

ReconsiderationKind = Literal["R1", "R2", "R3", "R4"]


class DisputeEvent(IntegrationEvent):
    topic: ClassVar[Topic] = DISPUTES
    learner_id: str
    upn: str | None = upn_field()


@register
class ReconsiderationRequested(DisputeEvent):
    """A family (or, for R3, a governing body) asked the LA to reconsider a school's decision."""

    name: ClassVar[str] = "reconsideration-requested"
    reconsideration_id: UUID
    kind: ReconsiderationKind
    subject_id: UUID
    school: SettingId
    local_authority: str
    requested_on: date
    deadline: DeadlineFacts


@register
class ReconsiderationDecidedV1(DisputeEvent):
    """The LA's reconsideration outcome (appealable to the Tribunal)."""

    model_config = ConfigDict(title="ReconsiderationDecided")  # its schema as first published
    name: ClassVar[str] = "reconsideration-decided"
    reconsideration_id: UUID
    kind: ReconsiderationKind
    subject_id: UUID
    school: SettingId
    local_authority: str
    outcome: str
    decided_on: date
    appeal_window: DeadlineFacts
    reasons: str | None = reasons_field("Act s.26-28, s.32(3)")


@register
class ReconsiderationDecided(ReconsiderationDecidedV1):
    """The LA's reconsideration outcome (appealable to the Tribunal). Version 2: the reasons
    are published sealed, as stored (ADR 0023)."""

    version: ClassVar[int] = 2
    reasons: Sealed | str | None = sealed_reasons_field("Act s.26-28, s.32(3)")  # type: ignore[assignment]  # wider than v1's


replaces(
    ReconsiderationDecidedV1,
    ReconsiderationDecided,
    up=unchanged,
    down=without_personal_text("reasons"),
)


@register
class ReconsiderationNoticeIssued(DisputeEvent):
    """The LA gave notice of its outcome and of the right of appeal (the window runs from it)."""

    name: ClassVar[str] = "reconsideration-notice-issued"
    reconsideration_id: UUID
    kind: ReconsiderationKind
    outcome: str
    issued_on: date
    recipients: list[str]
    appeal_window: DeadlineFacts


@register
class DisagreementResolutionStarted(DisputeEvent):
    """Disagreement resolution started within the appeal window: 8 more weeks to appeal."""

    name: ClassVar[str] = "disagreement-resolution-started"
    reconsideration_id: UUID
    started_on: date
    appeal_window: DeadlineFacts


@register
class DisagreementResolutionOpened(DisputeEvent):
    """The LA opened a disagreement resolution case (about a decision, if ``subject_id``)."""

    name: ClassVar[str] = "disagreement-resolution-opened"
    case_id: UUID
    local_authority: str
    subject_id: UUID | None
    opened_on: date


@register
class AppealWindowRecalculated(DisputeEvent):
    """Disagreement resolution started within the window to appeal the decision it is about:
    the window was recalculated, exactly 8 weeks longer."""

    name: ClassVar[str] = "appeal-window-recalculated"
    case_id: UUID
    subject_id: UUID | None
    previous_due_on: date
    appeal_window: DeadlineFacts


@register
class AppealWindowFromNotice(DisputeEvent):
    """The window to appeal a decision, as this service enforces it from the notices of the
    decision given to the family (their given dates are the notifications service's): a notice
    was given (``given``), or reported undeliverable. ``due_on`` is the last day to appeal
    now (None while no notice counts as given), ``previous_due_on`` the one before."""

    name: ClassVar[str] = "appeal-window-from-notice"
    subject_id: UUID
    notice_id: UUID
    given: bool
    given_on: date | None
    quoted_until: date | None
    previous_due_on: date | None
    due_on: date | None
    appeal_window: DeadlineFacts | None


@register
class DisagreementResolutionConcluded(DisputeEvent):
    name: ClassVar[str] = "disagreement-resolution-concluded"
    case_id: UUID
    outcome: Literal["resolved", "partly_resolved", "not_resolved", "withdrawn"]
    concluded_on: date


@register
class AdvocacyRequested(DisputeEvent):
    """Independent advocacy was asked of the LA for a child, young person or case friend."""

    name: ClassVar[str] = "advocacy-requested"
    advocacy_id: UUID
    local_authority: str
    for_person: Literal["child", "young_person", "case_friend"]
    requested_on: date


@register
class AdvocacyProvided(DisputeEvent):
    name: ClassVar[str] = "advocacy-provided"
    advocacy_id: UUID
    provided_on: date


@register
class AdvocacyEnded(DisputeEvent):
    name: ClassVar[str] = "advocacy-ended"
    advocacy_id: UUID
    ended_on: date


class OrderFacts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    order_id: str
    kind: str
    addressed_to: str
    comply_by: date | None


class RecommendationFacts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    recommendation_id: str
    nhs_body: str
    report_by: date | None
    wording: str | None = Field(
        default=None,
        description="The recommendation as the Tribunal worded it (the NHS body's notice "
        "quotes it). None only on events published before they carried it.",
    )


@register
class AppealLodged(DisputeEvent):
    """An appeal to the Education Tribunal for Wales was lodged."""

    name: ClassVar[str] = "appeal-lodged"
    appeal_id: UUID
    matter: str
    respondent: str
    lodged_on: date
    late_admitted_by_president: bool


@register
class AppealDecided(DisputeEvent):
    """The Tribunal's decision: orders to an LA or FEI, recommendations to NHS bodies."""

    name: ClassVar[str] = "appeal-decided"
    appeal_id: UUID
    outcome: Literal["dismissed", "orders", "remitted"]
    decided_on: date
    orders: list[OrderFacts]
    recommendations: list[RecommendationFacts]


@register
class OrderComplied(DisputeEvent):
    name: ClassVar[str] = "order-complied"
    appeal_id: UUID
    order_id: str
    complied_on: date


@register
class RecommendationReported(DisputeEvent):
    """An NHS body reported back on a Tribunal recommendation."""

    name: ClassVar[str] = "recommendation-reported"
    appeal_id: UUID
    recommendation_id: str
    nhs_body: str
    reported_on: date


@register
class ComplaintOpened(DisputeEvent):
    """A complaint about a learner's case was opened with the LA responsible for them: while it
    is open the learner's personal data is on legal hold (issue 23). Its text stays sealed in
    the service."""

    name: ClassVar[str] = "complaint-opened"
    complaint_id: UUID
    local_authority: str
    opened_on: date


@register
class ComplaintClosed(DisputeEvent):
    """The complaint was closed: its hold on the learner's personal data ends."""

    name: ClassVar[str] = "complaint-closed"
    complaint_id: UUID
    closed_on: date
