"""The determination API's request and response models: requests are validated at the edge,
so a rejected request changes nothing."""

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from determination.api.rows import CaseRow
from determination.application import DeterminationView
from determination.domain import (
    IdpArrangement,
    NhsAnswer,
    NoticeType,
    ProvisionLevel,
    Recipient,
    Setting,
    validate_upn,
)
from llwybr.change_feed import ChangeFeedPage
from llwybr.clock import (
    ClockState,
    Confidence,
    Deadline,
    RuleTable,
    Stopped,
    Term,
    TermCalendar,
    Unit,
    read_deadline,
)
from llwybr.edge import ActDate, FreeText, Line, Model, Organisation, today_in_wales
from llwybr.organisation_ids import (
    LocalAuthorityId,
    NotesBareLa,
    SettingId,
    SettingIdOrBare,
    la_id,
    setting_id,
    setting_number,
)

Text = Annotated[FreeText, Field(min_length=1, max_length=10_000)]
ShortText = Annotated[Line, Field(min_length=1, max_length=200)]


class LearnerIn(NotesBareLa, Model):
    bare_la_fields = ("local_authority", "looking_after_authority")
    bare_setting_fields = ("setting_id",)
    learner_id: Annotated[str | None, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")] = Field(
        default=None,
        description="The learner registry's id (from an earlier answer): names a learner "
        "already known; an id the registry never gave is not found. Omit for a new learner.",
    )
    local_id: Annotated[str | None, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")] = Field(
        default=None,
        description="The raising setting's own id for the learner (its MIS id), used to find "
        "them while there is no UPN yet",
    )
    given_name: ShortText
    family_name: ShortText
    date_of_birth: date
    upn: str | None = Field(default=None, examples=["M665200125001"])  # a valid check letter
    setting: Setting = Field(
        description="Where the learner is educated (the kind of setting the routing rule reads)"
    )
    setting_id: SettingIdOrBare | None = Field(
        default=None,
        examples=["school:6652001"],
        description="The school or FEI the learner is at: `school:6652001` (a maintained school "
        "or pupil referral unit) or `fei:10001234` (a further education institution), of the "
        "kind `setting` names; the bare establishment number is deprecated (made whole from "
        "`setting`, with a `Deprecation` header)",
    )
    local_authority: LocalAuthorityId
    looked_after: bool = False
    # The pattern on the string, not on the optional: a None must not meet the validator.
    looking_after_authority: (
        Annotated[str, BeforeValidator(la_id), Field(pattern=r"^(la:\d{3}|ENG)$")] | None
    ) = Field(
        default=None,
        examples=["la:665"],
        description="The LA looking after a looked-after child (`la:665`; the bare number "
        "is deprecated), or `ENG` for an authority in England",
    )
    dual_registered: bool = False
    young_person: bool | None = Field(
        default=None,
        description="Derived from the date of birth and the concern's date (over compulsory "
        "school age); a flag that contradicts it is refused (young-person-conflict)",
    )
    home_language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    welsh_medium: bool = False
    resident_in_england: bool = False

    @field_validator("upn")
    @classmethod
    def _upn(cls, value: str | None) -> str | None:
        return validate_upn(value) if value else None

    @model_validator(mode="after")
    def _setting_of_its_kind(self) -> "LearnerIn":
        if self.setting_id is None:
            return self
        further_education = self.setting is Setting.FURTHER_EDUCATION
        whole = setting_id(self.setting_id, further_education=further_education)
        if whole != setting_id(setting_number(whole), further_education=further_education):
            raise ValueError(
                f"setting_id {whole} is not of the kind setting {self.setting.value} names "
                "(`fei:` for further_education, `school:` otherwise)"
            )
        self.setting_id = whole
        return self


class CircumstancesIn(Model):
    idp_maintained: bool = False
    previously_decided_by: Organisation | None = None
    material_change: bool = True
    young_person_consents: bool | None = None
    school_already_deciding: bool = False
    referred_by: Organisation | None = None


class ConcernIn(Model):
    learner: LearnerIn
    raised_by: Organisation
    raised_with: Organisation
    came_to_attention_on: ActDate
    circumstances: CircumstancesIn = Field(default_factory=CircumstancesIn)

    @model_validator(mode="after")
    def _dates(self) -> "ConcernIn":
        if self.came_to_attention_on < self.learner.date_of_birth:
            raise ValueError("came_to_attention_on cannot be before the learner's birth")
        return self


class ConsentIn(Model):
    given: bool
    recorded_on: ActDate
    recorded_by: Organisation


class TermlyReview(Model):
    reviewed_on: ActDate
    outcome: Text


class GraduatedResponseIn(Model):
    level: ProvisionLevel
    description: Text
    small_steps_targets: list[Text] = Field(default_factory=list, max_length=50)
    termly_reviews: list[TermlyReview] = Field(default_factory=list, max_length=50)
    recorded_on: ActDate
    recorded_by: Organisation


class EvidenceRequestIn(Model):
    request_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
    from_organisation: Organisation
    description: Text
    requested_on: ActDate


class NhsReferralIn(Model):
    referral_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
    nhs_body: Organisation
    received_on: ActDate


class NhsAnswerIn(Model):
    answer: NhsAnswer
    in_welsh: bool | None = None
    answered_on: ActDate
    answered_by: Organisation
    details: Text


class ReferralToLaIn(Model):
    reason: Text
    referred_on: ActDate
    referred_by: Organisation


class ExceptionClaimIn(Model):
    deadline_key: Annotated[str, Field(pattern=r"^(decision|nhs:[A-Za-z0-9_.-]{1,64})$")]
    reason: Text
    evidence: Text
    claimed_on: ActDate
    claimed_by: Organisation


class DecisionIn(Model):
    has_aln: bool
    idp_necessary: bool = Field(
        default=True,
        description=(
            "False when the LA decides that a young person with ALN who is not at a maintained "
            "school or FEI needs no IDP to meet their reasonable needs for education or "
            "training (Act s.14(1)(c)); judged against its own 12 weeks from consent (D5)"
        ),
    )
    reasons: Text
    decided_on: ActDate
    decided_by: Organisation
    person: ShortText
    idp_arrangement: IdpArrangement | None = Field(
        default=None,
        description=(
            "Only an LA deciding that a learner at a school has ALN (s.14): it maintains the "
            "IDP itself (the default), prepares it and directs the school to maintain it, or "
            "directs the school to prepare and maintain it"
        ),
    )
    names_place_or_board: bool = Field(
        default=False,
        description=(
            "The LA's plan will name a school place or board and lodging: the school cannot "
            "then be directed to maintain (or prepare) it (422 idp-arrangement-not-allowed)"
        ),
    )

    @model_validator(mode="after")
    def _necessity_needs_aln(self) -> "DecisionIn":
        if not self.idp_necessary and not self.has_aln:
            raise ValueError("idp_necessary: false goes with has_aln: true (no ALN, no IDP)")
        return self


class DeterminationNoticeIn(Model):
    """A notice of a determination, with the parts the ALN Code requires it to contain."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "notice_type": "has_aln",
                    "recipients": ["parent"],
                    "content": {"decision_and_reasons": "Cerys has ALN: ... An IDP follows."},
                    "issued_on": "2026-04-20",
                    "issued_by": "school:6652001",
                }
            ]
        }
    )

    notice_type: NoticeType
    recipients: list[Recipient] = Field(min_length=1, max_length=10)
    content: dict[Annotated[str, Field(pattern=r"^[a-z_]{1,64}$")], Text] = Field(
        max_length=20,
        description="The notice's text by part. Every "
        "notice: `decision_and_reasons`, except `nhs_referral`: only `reason_for_referral`. "
        "`no_aln` and `idp_not_necessary` also: `contact_details`, `information_and_advice`, "
        "`disagreement_resolution`, `independent_advocacy` and `right_of_appeal` (a school's "
        "`no_aln`: `right_to_ask_la_to_reconsider` instead). A part missing is 422.",
    )
    issued_on: ActDate
    issued_by: Organisation


class WithdrawalIn(Model):
    reason: Text
    withdrawn_on: ActDate
    withdrawn_by: Organisation


class DeadlineOut(BaseModel):
    rule_id: str
    rule_table_version: str
    unit: str
    length: int
    trigger_date: date
    due_on: date
    calendar_id: str | None
    calendar_version: int | None
    provisional: bool
    explanation: str
    overdue: bool
    days_left: int
    state: Literal["open", "met", "missed", "cancelled"] = Field(
        description="As `/v1/reminders` says: open (running), met (done: never overdue, and "
        "`days_left` is what was left that day, never below 0), missed (past its due date and "
        "not done: overdue) or cancelled (no longer runs: withdrawn, consent refused)"
    )
    met_on: date | None = Field(
        default=None,
        description="The day it was met, as `/v1/reminders` says: for a decision clock the day "
        "the decision was given (its notice, or the IDP; s.4(6)), not the day it was made",
    )

    @classmethod
    def of(
        cls, deadline: Deadline, today: date, stopped: tuple[str, date] | None = None
    ) -> "DeadlineOut":
        """The deadline on ``today``; ``stopped``: its clock stopped (met or cancelled) that day."""
        fields = {k: getattr(deadline, k) for k in _DEADLINE_FIELDS}
        stop = None if stopped is None else Stopped(ClockState(stopped[0]), stopped[1])
        reading = read_deadline(deadline, today, stop)  # as the lists and reminders read it
        met = stop is not None and stop.state is ClockState.MET
        return cls(
            **fields,
            overdue=reading.overdue,
            days_left=reading.days_left,
            state=reading.state.value,
            met_on=stop.on if met and stop is not None else None,
        )


_DEADLINE_FIELDS = (
    "rule_id",
    "rule_table_version",
    "unit",
    "length",
    "trigger_date",
    "due_on",
    "calendar_id",
    "calendar_version",
    "provisional",
    "explanation",
)


class DeterminationOut(BaseModel):
    id: UUID
    version: int
    status: str
    learner: dict[str, Any]
    deciding_body: dict[str, str]
    no_decision_reason: str | None
    reconsidering_authority: str | None
    raised_by: str
    came_to_attention_on: date
    deadlines: dict[str, DeadlineOut]
    consent: dict[str, Any] | None
    graduated_response: list[dict[str, Any]]
    evidence_requests: dict[str, dict[str, Any]]
    evidence: list[dict[str, Any]]
    nhs_referrals: dict[str, dict[str, Any]]
    referral_to_la: dict[str, Any] | None
    exceptions: list[dict[str, Any]]
    recalculations: list[dict[str, Any]]
    decision: dict[str, Any] | None = Field(description="The decision in force")
    superseded_decisions: list[dict[str, Any]] = Field(
        description="Decisions that lapsed when the LA reconsidered them (R1)"
    )
    notices: list[dict[str, Any]]
    withdrawal: dict[str, Any] | None

    @classmethod
    def of(cls, view: DeterminationView) -> "DeterminationOut":
        today = today_in_wales()
        data = dict(vars(view))
        stopped = data.pop("stopped")
        data["learner"] = public_learner(view.learner)
        data["deadlines"] = {
            k: DeadlineOut.of(d, today, stopped.get(k)) for k, d in view.deadlines.items()
        }
        return cls(**data)


def public_learner(learner: dict[str, Any]) -> dict[str, Any]:
    """A case's learner as its events recorded it, with its LAs and its school or FEI in the
    one public form (``la:665``, ``school:6652001``; issue 20): they recorded bare numbers."""
    further_education = learner.get("setting") == Setting.FURTHER_EDUCATION
    school_or_fei = learner.get("setting_id")
    return {
        **learner,
        **{k: la_id(learner.get(k)) for k in ("local_authority", "looking_after_authority")},
        "setting_id": school_or_fei
        and setting_id(school_or_fei, further_education=further_education),
    }


class CasePage(BaseModel):
    """A page of cases, each as the worklists answer it (``CaseRow``, with an example)."""

    items: list[CaseRow]
    next_after: str | None = Field(description="Pass as `after` for the next page")


class CalendarIn(Model):
    name: ShortText
    terms: list[Term] = Field(min_length=1, max_length=20)
    closures: list[date] = Field(default_factory=list, max_length=100)


class CalendarOut(BaseModel):
    calendar_id: str
    name: str
    version: int
    terms: list[dict[str, Any]]
    closures: list[date]
    recalculated: list[UUID] = Field(default_factory=list)

    @classmethod
    def of(cls, calendar: TermCalendar, recalculated: list[UUID]) -> "CalendarOut":
        return cls(
            calendar_id=calendar.id,
            name=calendar.name,
            version=calendar.version,
            terms=[{"name": t.name, "start": t.start, "end": t.end} for t in calendar.terms],
            closures=sorted(calendar.closures),
            recalculated=recalculated,
        )


class ChangePage(ChangeFeedPage):
    """Cases changed after a position."""


class BulkConcernsIn(Model):
    items: list[ConcernIn] = Field(min_length=1, max_length=1000)


class RaisedOut(BaseModel):
    id: UUID
    version: int
    learner_id: str = Field(description="The learner registry's id for the learner")


class BulkItemResult(BaseModel):
    index: int
    status: int | Literal["existing"] = Field(
        description='201 (raised), "existing" (the learner\'s open case: nothing created) '
        "or the refusal's HTTP status"
    )
    id: UUID | None = Field(default=None, description="The case raised, or the open one")
    version: int | None = None
    learner_id: str | None = None
    problem: dict[str, Any] | None = None


class BulkResult(BaseModel):
    created: int
    existing: int
    failed: int
    results: list[BulkItemResult]


class EnrolmentIn(Model):
    setting: SettingId
    enrolled_on: ActDate
    recorded_by: Organisation


class EnrolmentEndIn(Model):
    left_on: ActDate
    recorded_by: Organisation


class LearnerOut(BaseModel):
    learner_id: str
    version: int
    upn: str | None
    given_name: str | None
    family_name: str | None
    date_of_birth: date | None
    responsible_authority: str
    looking_after_authority: str | None
    enrolled_at: list[str]
    compulsory_school_age_on: date
    young_person_on: date
    merged_into: str | None
    personal_data_erased: str | None = Field(
        default=None,
        description="Once the learner's personal data is erased (the names and date of birth "
        "are then null): 'personal data erased on DATE under schedule X'.",
    )
    legal_holds: list[str] = Field(
        default_factory=list,
        description="The open cases holding the learner's personal data (an appeal lodged "
        "and not yet decided, as the disputes service published it): no erasure while any "
        "stands (409 `legal-hold`)",
        examples=[["appeal:0b683c18-a53f-4c78-b29d-c2fb7d8a9f58"]],
    )


class RuleIn(Model):
    id: Annotated[str, Field(pattern=r"^D\d{1,2}$")]
    description: Text
    length: Annotated[int | None, Field(ge=1, le=1000)]
    unit: Unit
    clock_start: Text
    source: Text
    confidence: Confidence
    starts_day_after: bool = True
    rolls_to_working_day: bool = True
    due_after_period: bool = Field(
        default=False,
        description=(
            "Due by the first working day after the period ends (the Tribunal's appeal "
            "window, D18), not on its last day"
        ),
    )


class RuleCorrectionIn(Model):
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z.-]{1,32}$", examples=["2026.2"])]
    rules: list[RuleIn] = Field(min_length=1, max_length=50)
    corrected_by: Organisation
    reason: Text


class RuleTableOut(BaseModel):
    version: str
    rules: list[dict[str, Any]]
    recalculated: list[UUID] = Field(default_factory=list)

    @classmethod
    def of(cls, table: RuleTable, recalculated: list[UUID]) -> "RuleTableOut":
        rules = [r.as_dict() for r in table.rules.values()]
        return cls(version=table.version, rules=rules, recalculated=recalculated)
