"""The public API of notices: the contacts registry, notices with their proof, escalations and
the statutory deadlines watched for reminders (reached through the gateway)."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from llwybr.edge import ORGANISATION, IfMatch, expected_version, principal_of
from llwybr.problems import COMMON_RESPONSES, PROBLEM_JSON, Problem, ProblemError
from notifications.notices import access, contacts, store
from notifications.notices.model import PARTY_ROLES, NoticeKind
from notifications.notices.transport import valid_address
from notifications.tables import (
    REPORT_COLUMNS,
    notice_bounces,
    notice_deliveries,
    notice_learners,
    notices,
    watched_deadlines,
)

_problem = {"model": Problem, "content": {PROBLEM_JSON: {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    400: {**_problem, "description": "A malformed header (If-Match)"},
    403: {**_problem, "description": "This organisation may not do this"},
    404: {**_problem, "description": "No such learner, organisation or notice for this caller"},
    409: {**_problem, "description": "The notice's state does not allow it"},
    412: {**_problem, "description": "If-Match names a version that is no longer current"},
}
router = APIRouter(tags=["notices"], responses=RESPONSES)

LearnerId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
OrganisationId = Annotated[str, Path(pattern=ORGANISATION, examples=["school:6652001"])]
NoticeId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Note = Annotated[str | None, Field(default=None, max_length=2000)]
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


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _email(value: str | None) -> str | None:
    if value is not None and not valid_address(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


class PartyIn(Model):
    party_id: str | None = Field(default=None, max_length=36, description="Keep a party's id")
    role: PartyRole
    name: Name
    email: Annotated[str | None, Field(max_length=320)] = None
    language: Literal["cy", "en"] | None = Field(
        default=None, description="Notices in this language only; none: Welsh and English"
    )

    _check_email = field_validator("email")(_email)


class LearnerContactsIn(Model):
    learner_name: Annotated[str | None, Field(max_length=200)] = None
    parties: list[PartyIn] = Field(max_length=20)


class LearnerContactsOut(BaseModel):
    learner_id: str
    learner_name: str | None
    version: int
    parties: list[dict[str, Any]]
    updated_at: datetime
    updated_by: str
    notices_sent: list[str] = Field(default=[], description="Notices that were waiting for these")


class OrganisationContactIn(Model):
    name: Name
    name_cy: Annotated[str | None, Field(max_length=200)] = None
    email: Annotated[str, Field(max_length=320)]
    language: Literal["cy", "en"] | None = None
    phone: Annotated[str | None, Field(max_length=40)] = None
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
    notices_sent: list[str] = []


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

    @classmethod
    def of(cls, row: Any) -> "NoticeOut":
        data = dict(row._mapping)
        window = None
        if data["window_kind"]:
            window = NoticeWindow(
                kind=data["window_kind"],
                rule_id=data["window_rule"],
                until=data["window_until"],
                explanation=data["window_explanation"],
            )
        return cls.model_validate(
            {
                **data,
                "copy_for_records": data["copy"],
                "window": window,
                "counts_as_given": data["status"] == store.GIVEN,
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


def _engine(request: Request) -> sa.Engine:
    engine: sa.Engine = request.app.state.engine
    return engine


def _etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'


# -- contacts ---------------------------------------------------------------------------------


@router.put("/v1/contacts/learners/{learner_id}", summary="Set a learner's parties and contacts")
def put_learner_contacts(
    learner_id: LearnerId,
    body: LearnerContactsIn,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> LearnerContactsOut:
    """Replaces the learner's parties (parent, young person, case friend, IRO, ...). Only a body
    the events connect with the learner may set them. Notices waiting for a missing contact are
    sent."""
    principal = principal_of(request)
    with _engine(request).begin() as conn:
        access.require_learner(conn, principal, learner_id)
        access.require_writer(principal)
        try:
            version, sent = contacts.set_learner_contacts(
                conn,
                learner_id,
                body.learner_name,
                [p.model_dump() for p in body.parties],
                principal.actor,
                expected_version(if_match),
            )
        except contacts.StaleContactsError as error:
            raise ProblemError(
                412, "Precondition Failed", str(error), kind="stale-version"
            ) from None
        found = contacts.learner_contacts(conn, learner_id)
    assert found is not None
    _etag(response, version)
    return LearnerContactsOut(**found, notices_sent=sent)


@router.get("/v1/contacts/learners/{learner_id}", summary="A learner's parties and contacts")
def get_learner_contacts(
    learner_id: LearnerId, request: Request, response: Response
) -> LearnerContactsOut:
    with _engine(request).connect() as conn:
        access.require_learner(conn, principal_of(request), learner_id)
        found = contacts.learner_contacts(conn, learner_id)
    if found is None:
        raise ProblemError(404, "Not Found", f"no contacts set for {learner_id}", kind="not-found")
    _etag(response, found["version"])
    return LearnerContactsOut(**found)


@router.put(
    "/v1/contacts/organisations/{organisation}", summary="Set an organisation's notice address"
)
def put_organisation_contact(
    organisation: OrganisationId,
    body: OrganisationContactIn,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> OrganisationContactOut:
    """The address notices to the organisation go to, its names in Welsh and English, and the
    contacts its notices cite (an LA's information and advice, disagreement resolution and
    independent advocacy services). Notices waiting for the address are sent."""
    principal = principal_of(request)
    if not access.may_set_organisation_contact(principal, organisation):
        raise ProblemError(
            403,
            "Forbidden",
            f"{principal.organisation} cannot set the contact of {organisation}",
            kind="not-responsible",
        )
    with _engine(request).begin() as conn:
        try:
            version, sent = contacts.set_organisation_contact(
                conn, organisation, body.model_dump(), principal.actor, expected_version(if_match)
            )
        except contacts.StaleContactsError as error:
            raise ProblemError(
                412, "Precondition Failed", str(error), kind="stale-version"
            ) from None
        found = contacts.organisation_contact(conn, organisation)
    assert found is not None
    _etag(response, version)
    return OrganisationContactOut(**found, notices_sent=sent)


@router.get("/v1/contacts/organisations/{organisation}", summary="An organisation's notice contact")
def get_organisation_contact(
    organisation: OrganisationId, request: Request, response: Response
) -> OrganisationContactOut:
    with _engine(request).connect() as conn:
        found = contacts.organisation_contact(conn, organisation)
    if found is None:
        raise ProblemError(404, "Not Found", f"no contact set for {organisation}", kind="not-found")
    _etag(response, found["version"])
    return OrganisationContactOut(**found)


# -- notices ----------------------------------------------------------------------------------


@router.get("/v1/notices", summary="Notices given, pending or escalated, by page")
def list_notices(
    request: Request,
    learner_id: Annotated[str | None, Query(max_length=64)] = None,
    status: NoticeStatus | None = None,
    kind: NoticeKind | None = None,
    report: Annotated[
        Literal["permanent", "transient", "delivered", "unparsed"] | None,
        Query(description="Only notices with a delivery report (bounce) of this kind"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[str | None, Query(max_length=36)] = None,
) -> NoticePage:
    """``status=escalated`` lists the notices that could not be delivered and
    ``status=bounced`` those that bounced after they were sent: both wait for a person to act
    (correct a contact, give the notice another way). ``report=unparsed`` lists notices whose
    bounce address received a message that is not a delivery report, for a person to read."""
    query = (
        sa.select(notices)
        .outerjoin(notice_learners, notice_learners.c.learner_id == notices.c.learner_id)
        .where(access.visible_notices(principal_of(request)))
        .order_by(notices.c.notice_id)
        .limit(limit)
    )
    for column, value in (
        (notices.c.learner_id, learner_id),
        (notices.c.status, status),
        (notices.c.kind, kind.value if kind else None),
    ):
        if value is not None:
            query = query.where(column == value)
    if report is not None:
        reported = sa.select(notice_bounces.c.notice_id).where(notice_bounces.c.bounce == report)
        query = query.where(notices.c.notice_id.in_(reported))
    if after is not None:
        query = query.where(notices.c.notice_id > after)
    with _engine(request).connect() as conn:
        items = [NoticeOut.of(row) for row in conn.execute(query)]
    return NoticePage(items=items, next_after=items[-1].notice_id if len(items) == limit else None)


@router.get("/v1/notices/{notice_id}", summary="One notice with its proof and delivery attempts")
def get_notice(notice_id: NoticeId, request: Request) -> NoticeDetail:
    with _engine(request).connect() as conn:
        row = store.notice(conn, notice_id)
        access.require_notice(conn, principal_of(request), row)
        assert row is not None
        attempts = conn.execute(
            sa.select(notice_deliveries)
            .where(notice_deliveries.c.notice_id == notice_id)
            .order_by(notice_deliveries.c.attempt)
        ).all()
        reports = conn.execute(
            sa.select(*REPORT_COLUMNS)
            .where(notice_bounces.c.notice_id == notice_id)
            .order_by(notice_bounces.c.id)
        ).all()
    summary = NoticeOut.of(row).model_dump()
    return NoticeDetail(
        **summary,
        facts=row.facts,
        content_html=row.content_html,
        content_text=row.content_text,
        deliveries=[NoticeDelivery.model_validate(dict(a._mapping)) for a in attempts],
        reports=[NoticeReport.model_validate(dict(r._mapping)) for r in reports],
    )


@router.post(
    "/v1/notices/{notice_id}/redelivery",
    status_code=201,
    summary="Send an escalated notice again, to the recipient's current contact",
)
def redeliver(notice_id: NoticeId, request: Request) -> NoticePage:
    principal = principal_of(request)
    with _engine(request).begin() as conn:
        row = store.notice(conn, notice_id)
        access.require_notice(conn, principal, row)
        access.require_writer(principal)
        assert row is not None
        if row.status not in store.UNDELIVERED:
            raise ProblemError(
                409,
                "Conflict",
                f"the notice is {row.status}: only an escalated or bounced notice is sent again",
                kind="not-escalated",
            )
        created = contacts.redeliver(conn, notice_id)
        rows = [store.notice(conn, c) for c in created]
    if not created:
        raise ProblemError(
            409,
            "Conflict",
            "the recipient has no contact to send it to: set it first",
            kind="no-contact",
        )
    return NoticePage(items=[NoticeOut.of(r) for r in rows if r is not None], next_after=None)


# -- deadlines watched -----------------------------------------------------------------------


@router.get("/v1/reminders", summary="Statutory deadlines watched: reminders and missed alerts")
def list_reminders(
    request: Request,
    status: Literal["open", "met", "cancelled"] | None = None,
    learner_id: Annotated[str | None, Query(max_length=64)] = None,
    missed: Annotated[bool, Query(description="Only deadlines alerted as missed")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[str | None, Query(max_length=36)] = None,
) -> WatchedDeadlinePage:
    """A body sees the deadlines it answers for (an LA also its schools' and FEIs'); an auditor
    those of its jurisdiction."""
    principal = principal_of(request)
    d = watched_deadlines
    query = (
        sa.select(d)
        .outerjoin(notice_learners, notice_learners.c.learner_id == d.c.learner_id)
        .order_by(d.c.deadline_id)
        .limit(limit)
    )
    if principal.kind == "auditor":
        if principal.org_id != access.WHOLE_OF_WALES:
            query = query.where(notice_learners.c.local_authority == f"la:{principal.org_id}")
    elif principal.kind == "la":
        number = principal.org_id
        query = query.where(
            (d.c.responsible == principal.organisation)
            | d.c.responsible.like(f"school:{number}%")
            | d.c.responsible.like(f"fei:{number}%")
        )
    else:
        query = query.where(d.c.responsible == principal.organisation)
    if status is not None:
        query = query.where(d.c.status == status)
    if learner_id is not None:
        query = query.where(d.c.learner_id == learner_id)
    if missed:
        query = query.where(d.c.alerted_at.is_not(None))
    if after is not None:
        query = query.where(d.c.deadline_id > after)
    with _engine(request).connect() as conn:
        items = [WatchedDeadline.model_validate(dict(r._mapping)) for r in conn.execute(query)]
    return WatchedDeadlinePage(
        items=items, next_after=items[-1].deadline_id if len(items) == limit else None
    )
