"""The notices API's request and response models, path parameters and problem responses."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from llwybr.edge import ORGANISATION, ActDate, FreeText, Line, Model, responses
from notifications.notices import store
from notifications.notices.model import PARTY_ROLES, NoticeKind
from notifications.notices.transport import valid_address

RESPONSES = responses(
    s400="A malformed header (If-Match)",
    s403="This organisation may not do this",
    s404="No such learner, organisation or notice for this caller",
    s409="The notice's state does not allow it",
    s412="If-Match names a version that is no longer current",
)

LearnerId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
OrganisationId = Annotated[str, Path(pattern=ORGANISATION, examples=["school:6652001"])]
NoticeId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]
Name = Annotated[Line, Field(min_length=1, max_length=200)]
Note = Annotated[FreeText | None, Field(default=None, max_length=2000)]
NoticeStatus = Literal["pending", "given", "escalated", "bounced", "superseded"]
PartyRole = Literal[
    "parent",
    "child",
    "young_person",
    "case_friend",
    "representative",
    "independent_reviewing_officer",
]
assert set(PartyRole.__args__) == {r.value for r in PARTY_ROLES}  # type: ignore[attr-defined]
OpinionId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]


def _email(value: str | None) -> str | None:
    if value is not None and not valid_address(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


class PartyIn(Model):
    party_id: str | None = Field(default=None, max_length=36, description="Keep a party's id")
    role: PartyRole
    name: Name
    email: Annotated[Line | None, Field(max_length=320)] = None
    language: Literal["cy", "en"] | None = Field(
        default=None, description="Notices in this language only; none: Welsh and English"
    )

    _check_email = field_validator("email")(_email)


class LearnerContactsIn(Model):
    learner_name: Annotated[Line | None, Field(max_length=200)] = None
    parties: list[PartyIn] = Field(max_length=20)


class LearnerContactsOut(BaseModel):
    learner_id: str
    learner_name: str | None
    personal_data_erased: str | None = Field(
        default=None, description="When and under which schedule the contacts were erased"
    )
    version: int
    parties: list[dict[str, Any]]
    updated_at: datetime
    updated_by: str
    notices_sent: list[str] = Field(default=[], description="Notices that were waiting for these")


class OrganisationContactIn(Model):
    name: Name
    name_cy: Annotated[Line | None, Field(max_length=200)] = None
    email: Annotated[Line, Field(max_length=320)]
    language: Literal["cy", "en"] | None = None
    phone: Annotated[Line | None, Field(max_length=40)] = None
    address: Note = None
    information_and_advice: Note = None
    disagreement_resolution: Note = None
    independent_advocacy: Note = None

    _check_email = field_validator("email")(_email)


class OrganisationContactOut(OrganisationContactIn):
    model_config = ConfigDict(extra="ignore")
    organisation: str
    version: int
    updated_at: datetime
    updated_by: str
    notices_sent: list[str] = Field(default=[])


class NoticeWindow(BaseModel):
    kind: str
    rule_id: str | None
    until: date
    explanation: str | None


class NoticeOut(BaseModel):
    notice_id: str
    learner_id: str
    subject_id: str | None
    kind: NoticeKind
    issuer: str
    source_event_id: str
    source_event_type: str
    recipient_role: str
    recipient_party_id: str | None
    recipient_organisation: str | None
    recipient_name: str | None
    recipient_address: str | None
    copy_for_records: bool
    language: str
    status: NoticeStatus = Field(
        description="bounced: given, then a permanent bounce came back (escalated, ADR 0014)"
    )
    attempts: int
    next_attempt_at: datetime | None
    channel: str | None
    subject_line: str | None
    content_sha256: str | None
    message_id: str | None
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    bounced_at: datetime | None
    bounce_status: str | None = Field(description="The bounce's enhanced status code (5.1.1)")
    bounce_diagnostic: str | None = Field(description="The bounce's diagnostic, as reported")
    counts_as_given: bool = Field(
        description="False unless given: a bounced notice never arrived, so it does not count "
        "as given on `given_on` and no time limit runs from it (ADR 0014)"
    )
    given_on: date | None = Field(
        description="The day the notice counts as given (for a bounced notice: the day it "
        "would have, as its content states)"
    )
    window: NoticeWindow | None = Field(
        description="The right it opens for its recipient, and until (none runs from a "
        "bounced notice)"
    )
    escalated_at: datetime | None
    escalation_reason: str | None
    superseded_by: str | None
    personal_data_erased: str | None = Field(
        default=None,
        description="The learner's personal data was erased (ADR 0023): the recipient (a "
        "family member), subject line and content were dropped; the content's SHA-256 stays",
        examples=["personal data erased on 2051-05-02 under schedule aln-file-25"],
    )

    @classmethod
    def of(cls, row: Any) -> "NoticeOut":
        """A row of the notices table."""
        window = None
        if row.window_kind:
            window = NoticeWindow(
                kind=row.window_kind,
                rule_id=row.window_rule,
                until=row.window_until,
                explanation=row.window_explanation,
            )
        return cls.model_validate(
            {
                **row._mapping,
                "copy_for_records": row.copy,
                "window": window,
                "counts_as_given": row.status == store.GIVEN,
            }
        )


class NoticeDelivery(BaseModel):
    attempt: int
    channel: str
    address: str | None
    started_at: datetime
    finished_at: datetime
    outcome: str
    smtp_code: int | None
    detail: str
    content_sha256: str | None


class NoticeReport(BaseModel):
    """A delivery report (bounce) received for the notice."""

    received_at: datetime
    bounce: Literal["permanent", "transient", "delivered", "unparsed"]
    action: str | None
    status: str | None
    diagnostic: str | None
    final_recipient: str | None
    reporting_mta: str | None
    remote_mta: str | None
    subject: str | None
    message_sha256: str = Field(description="Of the report as received (kept)")


class NoticeDetail(NoticeOut):
    facts: dict[str, Any]
    deliveries: list[NoticeDelivery]
    reports: list[NoticeReport] = Field(description="Delivery reports (bounces) received")
    content_html: str | None = Field(description="The notice as given (its SHA-256 is above)")
    content_text: str | None


class NoticePage(BaseModel):
    items: list[NoticeOut]
    next_after: str | None = Field(description="Pass as `after` for the next page")


class WatchedDeadline(BaseModel):
    deadline_id: str
    key: str
    learner_id: str
    subject_id: str
    kind: str
    responsible: str
    rule_id: str | None
    due_on: date
    calendar_id: str | None
    explanation: str
    provisional: bool = Field(
        description="Computed without the setting's term calendar: the date will change when "
        "the calendar is published"
    )
    repeat_every_days: int | None = Field(
        default=None,
        description="No statutory limit found: `due_on` is the next reminder, repeated every so "
        "many days until met; never alerted as missed",
    )
    remind_on: date
    status: Literal["open", "met", "cancelled"]
    met_on: date | None
    exception_claimed_on: date | None
    reminded_at: datetime | None
    reminder_notice_id: str | None
    alerted_at: datetime | None
    alert_notice_id: str | None


class WatchedDeadlinePage(BaseModel):
    items: list[WatchedDeadline]
    next_after: str | None


class OfficerModel(Model):
    """The officer of the health body the parent may discuss the opinion with."""

    name: Name
    email: Annotated[Line | None, Field(max_length=320)] = None
    phone: Annotated[Line | None, Field(min_length=3, max_length=40)] = None

    _check_email = field_validator("email")(_email)

    @model_validator(mode="after")
    def _reachable(self) -> "OfficerModel":
        if self.email is None and self.phone is None:
            raise ValueError("give the officer's email address or telephone number, or both")
        return self


class VoluntaryOrganisationModel(Model):
    """A voluntary organisation likely to be able to help the parent (s.64(5))."""

    name: Name
    contact: Annotated[Line | None, Field(max_length=320)] = Field(
        default=None, description="How the parent reaches it: telephone, email or web address"
    )


class HealthBodyOpinionIn(Model):
    learner_id: Annotated[
        str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    ] = Field(description="The child; their parents come from the contacts registry")
    local_authority: Annotated[
        str, Field(pattern=r"^la:[A-Za-z0-9_.-]{1,40}$", examples=["la:665"])
    ] = Field(description="The LA responsible for the child, to be told after the parent")
    formed_on: ActDate = Field(description="The day the body formed its opinion (not after today)")
    officer: OfficerModel
    voluntary_organisations: Annotated[list[VoluntaryOrganisationModel], Field(max_length=10)] = (
        Field(
            default_factory=list,
            description="The voluntary organisations the body thinks likely to be able to give "
            "the parent advice or assistance about the child's possible ALN (s.64(5)): the "
            "parent's notice names them; none: it says the body knows of none",
        )
    )


class GivenOutsideIn(Model):
    """A notice the issuing body gave itself, outside the system (ADR 0017)."""

    channel: Literal["hand", "post"] = Field(
        description="hand: handed over or left at the address; post: posted first class"
    )
    on: ActDate = Field(
        description="The day it was handed over or posted (a posted notice counts as given "
        "the second working day after)"
    )


class LocalAuthorityNoticeIn(Model):
    discussed_on: ActDate | None = Field(
        default=None,
        description="The day the parent discussed the opinion with the officer (not after today)",
    )


class HealthBodyOpinionOut(BaseModel):
    opinion_id: str
    learner_id: str
    health_body: str
    local_authority: str
    formed_on: date
    officer: OfficerModel
    recorded_at: datetime
    recorded_by: str
    parent_informed_on: date | None = Field(
        description="The day a parent's notice was given (set when the LA is told)"
    )
    discussed_on: date | None
    local_authority_told_at: datetime | None
    notices: list[NoticeOut] = Field(
        description="The parents' notices (an escalated one waits for a contact), then the LA's"
    )


class BounceReceipt(BaseModel):
    notice_id: str
    bounce: Literal["permanent", "transient", "delivered", "unparsed"]
    recorded: bool  # False: this same report was recorded before
