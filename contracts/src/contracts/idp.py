"""Public events of the IDP service (topic ``aln.idp.v1``): ids, dates and statutory facts only.

The plan's content (needs, provision, the one-page profile) stays in the service, behind the
API's access control.
"""

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import ConfigDict, Field

from contracts.determination import DeadlineFacts, reasons_field
from contracts.events import IntegrationEvent, register, replaces, upn_field
from contracts.organisations import SettingId
from contracts.sealed import Sealed, sealed_reasons_field, unchanged, without_personal_text
from contracts.topics import IDP, Topic

MaintainerKindName = Literal["school", "fei", "local_authority", "la_looking_after"]


class IdpEvent(IntegrationEvent):
    topic: ClassVar[Topic] = IDP
    idp_id: UUID
    learner_id: str
    upn: str | None = upn_field()


@register
class IdpOpened(IdpEvent):
    """An IDP is being prepared (after an ALN decision, or on an LA's direction)."""

    name: ClassVar[str] = "opened"
    maintainer_kind: MaintainerKindName
    maintaining_organisation: str
    opened_on: date
    determination_id: UUID | None
    preparation_deadline: DeadlineFacts | None
    reason: Literal["aln_decision", "la_direction"]
    preparation_reminder_every_days: int | None = Field(
        default=None,
        description="No statutory time limit was found for this preparation (the LA's IDP after "
        "an R1 'has ALN'): no deadline, and the maintainer is reminded every so many days",
    )
    preparation_first_reminder_on: date | None = Field(
        default=None,
        description="With preparation_reminder_every_days: the first reminder's day, as the IDP "
        "service decides it (then every so many days); None on events published before it "
        "was carried",
    )
    #: The school the LA directed to maintain the plan it prepares (s.14): it maintains the
    #: plan from its issue (a ``responsibility-transferred`` with reason ``la_direction``).
    directed_to_maintain: SettingId | None = None


@register
class IdpIssued(IdpEvent):
    """A version of the plan was issued (version 1) or revised (later versions)."""

    name: ClassVar[str] = "issued"
    plan_version: int
    issued_on: date
    issued_by: str
    review_deadline: DeadlineFacts
    revision_reason: str | None
    nhs_bodies_securing_alp: list[str]
    alp_in_welsh: int
    alp_elements: int
    determination_id: UUID | None = Field(
        default=None,
        description="The determination whose ALN decision the plan gives (version 1 of a plan "
        "opened after a decision; None otherwise): its decision clocks are met on the issue day",
    )


@register
class ReviewRequested(IdpEvent):
    """A family or an NHS body asked for a review."""

    name: ClassVar[str] = "review-requested"
    requested_by_kind: Literal["family", "nhs_body"]
    requested_on: date


@register
class ReviewHeld(IdpEvent):
    """A review was held: the plan is revised, or not revised (next review date reset)."""

    name: ClassVar[str] = "review-held"
    held_on: date
    outcome: Literal["revised", "not_revised"]
    next_review_deadline: DeadlineFacts | None


@register
class ResponsibilityTransferred(IdpEvent):
    """Another body now maintains the plan."""

    name: ClassVar[str] = "responsibility-transferred"
    from_organisation: str
    to_kind: MaintainerKindName
    to_organisation: str
    reason: str
    transferred_on: date


@register
class RevisionDirected(IdpEvent):
    """An LA reconsidering a school's plan (s.27) will revise it and direct the governing body
    to maintain it: the revision is due."""

    name: ClassVar[str] = "revision-directed"
    local_authority: str
    reconsideration_id: UUID
    directed_on: date


@register
class CeaseProposedV1(IdpEvent):
    model_config = ConfigDict(title="CeaseProposed")  # its schema as first published
    name: ClassVar[str] = "cease-proposed"
    proposed_on: date
    reasons: str | None = reasons_field("Act s.31")


@register
class CeaseProposed(CeaseProposedV1):
    """The maintainer proposed to cease the plan. Version 2: the reasons are published
    sealed, as stored (ADR 0023)."""

    version: ClassVar[int] = 2
    reasons: Sealed | str | None = sealed_reasons_field("Act s.31")  # type: ignore[assignment]  # wider than v1's


@register
class CeasedV1(IdpEvent):
    """The maintainer decided to cease the plan (a school's decision can be reconsidered)."""

    model_config = ConfigDict(title="Ceased")  # its schema as first published
    name: ClassVar[str] = "ceased"
    decided_on: date
    reconsideration_window_until: date | None
    reasons: str | None = reasons_field("Act s.31(8)")


@register
class Ceased(CeasedV1):
    """The maintainer decided to cease the plan (a school's decision can be reconsidered).
    Version 2: the reasons are published sealed, as stored (ADR 0023)."""

    version: ClassVar[int] = 2
    reasons: Sealed | str | None = sealed_reasons_field("Act s.31(8)")  # type: ignore[assignment]  # wider than v1's


for _v1, _v2 in ((CeaseProposedV1, CeaseProposed), (CeasedV1, Ceased)):
    replaces(_v1, _v2, up=unchanged, down=without_personal_text("reasons"))


@register
class NoticeGivenRecorded(IdpEvent):
    """The day a notice about the plan was given to the family (the notifications service's
    fact) was recorded, or undone by a bounce (``bounced_on``); the windows that run from it,
    as the IDP service now enforces them: the last day to ask the LA to reconsider a school's
    decision to cease (D11, from the later cease notice, s.31(8), (9)) and the next review
    (D14/D15, from the notice of no revision, s.23(3)(b)). None: unchanged."""

    name: ClassVar[str] = "notice-given-recorded"
    notice_id: str
    notice_kind: str = Field(examples=["idp_ceased", "cease_proposed", "idp_not_revised"])
    given_on: date | None = Field(description="None when the event records a bounce")
    bounced_on: date | None
    reconsideration_window_until: date | None
    next_review_deadline: DeadlineFacts | None
    quoted_until: date | None = Field(
        default=None,
        description=(
            "The last day the notice itself told the family (the window it stated, as the "
            "notifications service published it); None for a bounce or a notice stating none"
        ),
    )


@register
class DeadlineRecalculated(IdpEvent):
    """A term calendar published or corrected (by the determination service) moved a deadline
    the plan carries that counts school days, or made a provisional one firm: the preparation
    deadline carried from a school's or FEI's decision (D1, D2; ``preparation``) or the FEI's
    answer to an LA's request (D13; ``transfer``). The IDP service computed it; others read it.
    """

    name: ClassVar[str] = "deadline-recalculated"
    deadline_key: Literal["preparation", "transfer"]
    previous_due_on: date
    previous_provisional: bool
    deadline: DeadlineFacts
    reason: str


@register
class Closed(IdpEvent):
    name: ClassVar[str] = "closed"
    closed_on: date
    reason: Literal["learner_left", "consent_withdrawn", "age_25_year_end"]


ShortfallKind = Literal["below_share", "nothing_recorded"]


@register
class ProvisionShortfallFound(IdpEvent):
    """An element of ALP fell short of its schedule, judged by the IDP service over the
    school-day calendar (issue 24): its provider and the plan's maintainer are to be
    reminded, the learner's LA alerted. ``since``: when the element was first found short
    (a shortfall still open at the next review is listed for it)."""

    name: ClassVar[str] = "provision-shortfall-found"
    element_id: str
    provider_organisation: str
    maintaining_organisation: str
    found_on: date
    since: date
    kinds: list[ShortfallKind]
    window_share: float | None


@register
class ProvisionShortfallEnded(IdpEvent):
    """An element found short is delivered as planned again."""

    name: ClassVar[str] = "provision-shortfall-ended"
    element_id: str
    ended_on: date
