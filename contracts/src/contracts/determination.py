"""Public events of the determination service (topic ``aln.determination.v1``).

Version 2 of ``concern-raised``, ``referred-to-local-authority``, ``decided`` and
``decision-reconsidered`` name the LA ``la:665``, as every other contract does; version 1 named
it by its bare number (``665``) and is read as version 2 (``contracts.events.parse``).

Ids and statutory facts only: no names, dates of birth or health details. Dates are the
domain dates (e.g. the day a decision was made), not when it was recorded.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.events import IntegrationEvent, register, replaces, upn_field
from contracts.organisations import LocalAuthority, SettingId, la_id, la_number
from contracts.sealed import Sealed, sealed_reasons_field, unchanged, without_personal_text
from contracts.topics import DETERMINATION, Topic

BodyKindName = Literal["school", "fei", "local_authority", "la_looking_after"]


class DeadlineFacts(BaseModel):
    """A statutory deadline as computed when its clock started."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_id: str = Field(examples=["D1"])
    rule_table_version: str
    unit: str = Field(examples=["school_days"])
    length: int
    trigger_date: date
    due_on: date
    calendar_id: str | None = None
    calendar_version: int | None = None
    provisional: bool
    explanation: str = Field(default="", description="How it was computed, in words")


def deadline_facts(data: Mapping[str, Any] | None) -> DeadlineFacts | None:
    """The public facts of a stored deadline (a statutory clock ``Deadline.as_dict()``)."""
    if data is None:
        return None
    return DeadlineFacts.model_validate({k: v for k, v in data.items() if k in _FACT_FIELDS})


_FACT_FIELDS = frozenset(DeadlineFacts.model_fields)


def reasons_field(section: str) -> Any:
    """The reasons for a decision, as the deciding body recorded them: the notice quotes them
    (``section`` of the Act or Regulations requires them). None only on events published
    before they carried them (ADR 0018)."""
    return Field(
        default=None,
        description=f"The reasons as recorded, quoted by the notice ({section}).",
        examples=["The evidence from the school and the educational psychologist shows ..."],
    )


class DeterminationEvent(IntegrationEvent):
    topic: ClassVar[Topic] = DETERMINATION
    determination_id: UUID
    learner_id: str
    upn: str | None = upn_field()


@register
class ConcernRaisedV1(DeterminationEvent):
    """A concern that a learner may have ALN came to a body's attention."""

    model_config = ConfigDict(title="ConcernRaised")  # its schema as first published
    name: ClassVar[str] = "concern-raised"
    deciding_body: BodyKindName
    deciding_organisation: str
    local_authority: str
    status: Literal["awaiting_consent", "gathering_information", "no_decision_required"]
    no_decision_reason: str | None
    came_to_attention_on: date
    decision_deadline: DeadlineFacts | None


@register
class ConsentRecorded(DeterminationEvent):
    """A young person consented (the decision clock starts) or refused (no duty)."""

    name: ClassVar[str] = "consent-recorded"
    given: bool
    recorded_on: date
    decision_deadline: DeadlineFacts | None


@register
class EvidenceRequested(DeterminationEvent):
    """Evidence was asked of another body (e.g. a health board's DECLO)."""

    name: ClassVar[str] = "evidence-requested"
    request_id: str
    from_organisation: str
    requested_on: date


@register
class EvidenceSubmitted(DeterminationEvent):
    """Evidence arrived; documents are named by their SHA-256 only."""

    name: ClassVar[str] = "evidence-submitted"
    request_id: str | None
    submitted_by: str
    document_sha256: list[str]
    submitted_on: date


@register
class NhsReferralReceived(DeterminationEvent):
    """An NHS body received a referral and must answer within 6 weeks (D7)."""

    name: ClassVar[str] = "nhs-referral-received"
    referral_id: str
    nhs_body: str
    received_on: date
    answer_deadline: DeadlineFacts


@register
class NhsReferralAnswered(DeterminationEvent):
    """The NHS body's answer: a treatment or service identified (and if in Welsh), or none."""

    name: ClassVar[str] = "nhs-referral-answered"
    referral_id: str
    nhs_body: str
    answer: Literal["identified", "none"]
    in_welsh: bool | None
    answered_on: date


@register
class ReferredToLocalAuthorityV1(DeterminationEvent):
    """A school or FEI referred the decision to the LA; the LA's clock started."""

    model_config = ConfigDict(title="ReferredToLocalAuthority")  # its schema as first published
    name: ClassVar[str] = "referred-to-local-authority"
    referred_by: str
    local_authority: str
    referred_on: date
    decision_deadline: DeadlineFacts


@register
class ExceptionClaimed(DeterminationEvent):
    """A body claimed an exception to a time limit (reason kept in the service)."""

    name: ClassVar[str] = "exception-claimed"
    deadline_key: str
    claimed_by: str
    claimed_on: date


@register
class DeadlineRecalculated(DeterminationEvent):
    """A calendar or rule correction moved a deadline (never a silent change)."""

    name: ClassVar[str] = "deadline-recalculated"
    deadline_key: str
    previous_due_on: date
    deadline: DeadlineFacts
    reason: str


@register
class DecidedV1(DeterminationEvent):
    """The deciding body decided whether the learner has ALN (and, for a young person outside
    a maintained school or FEI, the LA may decide that an IDP is not necessary)."""

    model_config = ConfigDict(title="Decided")  # its schema as first published
    name: ClassVar[str] = "decided"
    has_aln: bool
    idp_necessary: bool = Field(
        default=True,
        description=(
            "False when the LA decided that the young person, who has ALN, needs no IDP to meet "
            "their reasonable needs for education or training (Act s.14(1)(c)): no plan is "
            "prepared, and the decision is appealable. The decision deadline is then D5's."
        ),
    )
    decided_on: date
    decided_by: str
    deciding_body: BodyKindName
    local_authority: str
    reconsidering_authority: str | None
    within_time: bool
    young_person: bool
    looked_after: bool
    decision_deadline: DeadlineFacts | None
    reasons: str | None = reasons_field("Act s.13(3), s.14; Regs reg 10")
    idp_arrangement: (
        Literal["la_maintains", "la_prepares_school_maintains", "school_prepares_and_maintains"]
        | None
    ) = Field(
        default=None,
        description=(
            "The LA's choice when it decides a learner at a school has ALN (Act s.14): it "
            "maintains the IDP itself, prepares it and directs the school to maintain it, or "
            "directs the school to prepare and maintain it. None when no LA chose (the body "
            "that decided prepares and maintains the IDP)."
        ),
    )
    directed_school: SettingId | None = Field(
        default=None, description="The school the LA directs to maintain (or prepare) the IDP"
    )


@register
class NoticeIssued(DeterminationEvent):
    """A notice was given (its content stays in the service; notifications renders it)."""

    name: ClassVar[str] = "notice-issued"
    notice_type: Literal["has_aln", "no_aln", "nhs_referral", "idp_not_necessary"]
    recipients: list[str]
    issued_by: str
    issued_on: date


@register
class DecisionReconsideredV1(DeterminationEvent):
    """The LA, reconsidering a school's decision (R1), decided whether the learner has ALN:
    its decision is in force and the school's lapses."""

    model_config = ConfigDict(title="DecisionReconsidered")  # its schema as first published
    name: ClassVar[str] = "decision-reconsidered"
    reconsideration_id: UUID
    local_authority: str
    has_aln: bool
    decided_on: date


@register
class DecisionGiven(DeterminationEvent):
    """The family was given the deciding body's decision: its notice (no ALN, IDP not
    necessary; learned from ``notice-given``) or the IDP (``issued``, version 1). The decision
    clocks (``deadline_keys``) are met on ``clocks_met_on`` (s.4(6)), judged here once."""

    name: ClassVar[str] = "decision-given"
    given_id: str = Field(description="The notice's or the plan's id")
    given_as: Literal["notice", "idp"]
    given_on: date
    deadline_keys: list[str] = Field(examples=[["decision", "idp_necessity"]])
    clocks_met_on: date | None


@register
class DecisionNoticeBounced(DeterminationEvent):
    """A notice learned as given bounced: it was not given. The decision clocks are met on
    ``clocks_met_on`` (another notice given), or open again (None) until one is given."""

    name: ClassVar[str] = "decision-notice-bounced"
    given_id: str
    bounced_on: date
    deadline_keys: list[str] = Field(examples=[["decision", "idp_necessity"]])
    clocks_met_on: date | None


@register
class Withdrawn(DeterminationEvent):
    """The concern was withdrawn."""

    name: ClassVar[str] = "withdrawn"
    withdrawn_on: date


class Term(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    start: date
    end: date


@register
class CalendarPublished(IntegrationEvent):
    """A term calendar (an LA's or a school's), so every service computes the same dates.

    The CloudEvent subject is the calendar id. A higher version replaces a lower one.
    """

    topic: ClassVar[Topic] = DETERMINATION
    name: ClassVar[str] = "calendar-published"
    calendar_id: str = Field(examples=["la:665", "school:6652001"])
    calendar_name: str
    calendar_version: int
    terms: list[Term]
    closures: list[date]


@register
class RuleTableCorrected(IntegrationEvent):
    """The statutory rule table was corrected: a new version every service should apply.

    The CloudEvent subject is ``rule-table``.
    """

    topic: ClassVar[Topic] = DETERMINATION
    name: ClassVar[str] = "rule-table-corrected"
    rule_table_version: str
    rules: list[dict[str, str | int | bool | None]]
    corrected_by: str


@register
class LearnerRelationsRecorded(IntegrationEvent):
    """The learner registry's current facts about a learner's relationships (the whole of them,
    each time one changes): the one source every service's access checks read (ADR
    0015). The learner id is the registry's (random, never derived from the UPN)."""

    topic: ClassVar[Topic] = DETERMINATION
    name: ClassVar[str] = "learner-relations-recorded"
    learner_id: str
    responsible_authority: str = Field(
        description="The LA of residence, responsible for the learner", examples=["la:665"]
    )
    looking_after_authority: str | None = Field(
        default=None, description="The Welsh LA looking after a looked-after child"
    )
    enrolled_at: list[SettingId] = Field(
        default_factory=list,
        description="The schools and FEIs the learner is enrolled at",
        examples=[["school:6652001"]],
    )
    compulsory_school_age_on: date = Field(
        description="The day the learner reaches compulsory school age (s.64 is for those "
        "under it); the date of birth itself is not published"
    )
    young_person_on: date = Field(
        description="The day the learner becomes a young person (after compulsory school age)"
    )
    merged_into: str | None = Field(
        default=None, description="This record was a duplicate of that learner's"
    )
    upn: str | None = Field(
        default=None,
        description="The learner's Unique Pupil Number, once the registry knows it: how an MIS "
        "finds the learner in its own records (every service reads it from here, never "
        "from an MIS)",
        examples=["M665200125001"],
    )


# Version 2: the LA named ``la:665`` (issue 20). Each is its version 1 with that one change.


@register
class ConcernRaised(ConcernRaisedV1):
    """A concern that a learner may have ALN came to a body's attention."""

    version: ClassVar[int] = 2
    local_authority: LocalAuthority


@register
class ReferredToLocalAuthority(ReferredToLocalAuthorityV1):
    """A school or FEI referred the decision to the LA; the LA's clock started."""

    version: ClassVar[int] = 2
    local_authority: LocalAuthority


@register
class DecidedV2(DecidedV1):
    """The deciding body decided whether the learner has ALN (and, for a young person outside
    a maintained school or FEI, the LA may decide that an IDP is not necessary)."""

    version: ClassVar[int] = 2
    local_authority: LocalAuthority


@register
class Decided(DecidedV2):
    """The deciding body decided whether the learner has ALN (and, for a young person outside
    a maintained school or FEI, the LA may decide that an IDP is not necessary). Version 3:
    the reasons are published sealed, as stored (ADR 0023)."""

    version: ClassVar[int] = 3
    reasons: Sealed | str | None = sealed_reasons_field("Act s.13(3), s.14; Regs reg 10")  # type: ignore[assignment]  # a wider type than v2's


@register
class DecisionReconsidered(DecisionReconsideredV1):
    """The LA, reconsidering a school's decision (R1), decided whether the learner has ALN:
    its decision is in force and the school's lapses."""

    version: ClassVar[int] = 2
    local_authority: LocalAuthority


def _la_named_by_id(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "local_authority": la_id(data.get("local_authority"))}


def _la_named_by_number(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "local_authority": la_number(str(data.get("local_authority")))}


for _v1, _v2 in (
    (ConcernRaisedV1, ConcernRaised),
    (ReferredToLocalAuthorityV1, ReferredToLocalAuthority),
    (DecidedV1, DecidedV2),
    (DecisionReconsideredV1, DecisionReconsidered),
):
    replaces(_v1, _v2, up=_la_named_by_id, down=_la_named_by_number)

replaces(DecidedV2, Decided, up=unchanged, down=without_personal_text("reasons"))


@register
class LearnerPersonalDataErased(IntegrationEvent):
    """The learner registry erased the learner's personal data (crypto-shredding, ADR 0023):
    their data key is destroyed, so every sealed copy is noise. Each service that keeps the
    learner's personal data in clear (rendered notices, delivery addresses, outbox files)
    drops it on this event, keeping the record's shape. The registry owns the erasure: the
    day and schedule are its, never recomputed."""

    topic: ClassVar[Topic] = DETERMINATION
    name: ClassVar[str] = "learner-personal-data-erased"
    learner_id: str
    erased_on: date = Field(description="The day the learner's personal data was erased")
    schedule: str = Field(
        description="The retention schedule the erasure was made under", examples=["aln-file-25"]
    )
    erased_by: str = Field(description="The responsible LA that erased it", examples=["la:665"])

    def describe(self) -> str:
        """What a record that kept the learner's personal data says instead of it."""
        return (
            f"personal data erased on {self.erased_on.isoformat()} under schedule {self.schedule}"
        )
