"""The determination service's HTTP API (internal: the gateway is the public entry).

Requests are validated at the edge (a rejected request changes nothing); updates take
``If-Match`` with the version from the ``ETag``; errors are problem+json from one table.
"""

import uuid
from datetime import date
from typing import Annotated, Any
from uuid import UUID

import anyio
from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from determination import access
from determination.application import Concern, DeterminationService, DeterminationView
from determination.documents import DocumentRefusedError, DocumentStore
from determination.domain import (
    Circumstances,
    Learner,
    NhsAnswer,
    NoticeType,
    ProvisionLevel,
    Recipient,
    Setting,
    validate_upn,
)
from determination.domain.errors import (
    ConsentRequiredError,
    DateOutOfOrderError,
    DeterminationAlreadyDecidedError,
    DeterminationError,
    DeterminationNotOpenError,
    IdpNecessityNotDecidableError,
    IncompleteNoticeError,
    InvalidLearnerError,
    InvalidTransitionError,
    InvalidUpnError,
    UnknownReferenceError,
    WrongDecidingBodyError,
)
from determination.projections import (
    CaseFilter,
    changes,
    due_soon,
    list_cases,
    open_case_ids,
    open_cases_counting_on,
    statistics,
)
from llwybr.clock import (
    Confidence,
    Deadline,
    InvalidCalendarError,
    InvalidRuleError,
    Rule,
    Term,
    TermCalendar,
    Unit,
    calendar_from_ical,
)
from llwybr.edge import ORGANISATION, IfMatch, Organisation, expected_version, principal_of
from llwybr.principal import Principal
from llwybr.problems import COMMON_RESPONSES, PROBLEM_JSON, Problem, ProblemError

#: Domain errors to (HTTP status, problem type), rendered by the one problem handler.
ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    InvalidUpnError: (422, "invalid-upn"),
    InvalidLearnerError: (422, "invalid-learner"),
    DateOutOfOrderError: (422, "date-out-of-order"),
    IncompleteNoticeError: (422, "incomplete-notice"),
    WrongDecidingBodyError: (403, "wrong-body"),
    UnknownReferenceError: (404, "unknown-reference"),
    DeterminationAlreadyDecidedError: (409, "already-decided"),
    DeterminationNotOpenError: (409, "not-open"),
    ConsentRequiredError: (409, "consent-required"),
    IdpNecessityNotDecidableError: (409, "idp-necessity-not-decidable"),
    InvalidTransitionError: (409, "invalid-transition"),
    DeterminationError: (422, "determination"),
    InvalidCalendarError: (422, "invalid-calendar"),
    InvalidRuleError: (422, "invalid-rule"),
}

Text = Annotated[str, Field(min_length=1, max_length=10_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]

_problem = {"model": Problem, "content": {PROBLEM_JSON: {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    400: {**_problem, "description": "A malformed header (If-Match) or body"},
    403: {**_problem, "description": "The acting body may not do this"},
    404: {**_problem, "description": "No such determination or reference"},
    409: {**_problem, "description": "The case's state does not allow it"},
    412: {**_problem, "description": "If-Match names a version that is no longer current"},
}

router = APIRouter(prefix="/v1", tags=["determinations"], responses=RESPONSES)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LearnerIn(Model):
    learner_id: Annotated[str | None, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")] = None
    given_name: ShortText
    family_name: ShortText
    date_of_birth: date
    upn: str | None = Field(default=None, examples=["A665200125001"])
    setting: Setting
    setting_id: Annotated[str | None, Field(pattern=r"^[0-9A-Za-z]{1,20}$")] = None
    local_authority: Annotated[str, Field(pattern=r"^\d{3}$", examples=["665"])]
    looked_after: bool = False
    looking_after_authority: Annotated[str | None, Field(pattern=r"^(\d{3}|ENG)$")] = None
    dual_registered: bool = False
    young_person: bool = False
    home_language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    welsh_medium: bool = False
    resident_in_england: bool = False

    @field_validator("upn")
    @classmethod
    def _upn(cls, value: str | None) -> str | None:
        return validate_upn(value) if value else None


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
    came_to_attention_on: date
    circumstances: CircumstancesIn = Field(default_factory=CircumstancesIn)

    @model_validator(mode="after")
    def _dates(self) -> "ConcernIn":
        if self.came_to_attention_on > date.today():
            raise ValueError("came_to_attention_on cannot be in the future")
        if self.came_to_attention_on < self.learner.date_of_birth:
            raise ValueError("came_to_attention_on cannot be before the learner's birth")
        return self


class ConsentIn(Model):
    given: bool
    recorded_on: date
    recorded_by: Organisation


class TermlyReview(Model):
    reviewed_on: date
    outcome: Text


class GraduatedResponseIn(Model):
    level: ProvisionLevel
    description: Text
    small_steps_targets: list[Text] = Field(default_factory=list, max_length=50)
    termly_reviews: list[TermlyReview] = Field(default_factory=list, max_length=50)
    recorded_on: date
    recorded_by: Organisation


class EvidenceRequestIn(Model):
    request_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
    from_organisation: Organisation
    description: Text
    requested_on: date


class NhsReferralIn(Model):
    referral_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
    nhs_body: Organisation
    received_on: date


class NhsAnswerIn(Model):
    answer: NhsAnswer
    in_welsh: bool | None = None
    answered_on: date
    answered_by: Organisation
    details: Text


class ReferralToLaIn(Model):
    reason: Text
    referred_on: date
    referred_by: Organisation


class ExceptionClaimIn(Model):
    deadline_key: Annotated[str, Field(pattern=r"^(decision|nhs:[A-Za-z0-9_.-]{1,64})$")]
    reason: Text
    evidence: Text
    claimed_on: date
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
    decided_on: date
    decided_by: Organisation
    person: ShortText

    @field_validator("decided_on")
    @classmethod
    def _not_future(cls, value: date) -> date:
        if value > date.today():
            raise ValueError("a decision cannot be dated in the future")
        return value

    @model_validator(mode="after")
    def _necessity_needs_aln(self) -> "DecisionIn":
        if not self.idp_necessary and not self.has_aln:
            raise ValueError("idp_necessary: false goes with has_aln: true (no ALN, no IDP)")
        return self


class NoticeIn(Model):
    notice_type: NoticeType
    recipients: list[Recipient] = Field(min_length=1, max_length=10)
    content: dict[Annotated[str, Field(pattern=r"^[a-z_]{1,64}$")], Text] = Field(max_length=20)
    issued_on: date
    issued_by: Organisation


class WithdrawalIn(Model):
    reason: Text
    withdrawn_on: date
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

    @classmethod
    def of(cls, deadline: Deadline, today: date) -> "DeadlineOut":
        return cls(
            **{k: getattr(deadline, k) for k in _DEADLINE_FIELDS},
            overdue=deadline.is_overdue(today),
            days_left=deadline.days_left(today),
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
        today = date.today()
        data = dict(vars(view))
        data["deadlines"] = {k: DeadlineOut.of(d, today) for k, d in view.deadlines.items()}
        return cls(**data)


class Accepted(BaseModel):
    id: UUID
    version: int


class CasePage(BaseModel):
    items: list[dict[str, Any]]
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


# -- helpers --------------------------------------------------------------------------------


def authorise_write(request: Request, determination_id: UUID, acting_as: str) -> None:
    """The caller may see this case, may write, and acts for the organisation it names."""
    view = service(request).determination(determination_id)
    access.require_write(principal_of(request), view, acting_as)


def scope_of(principal: Principal) -> CaseFilter:
    """The cases a caller may list: an LA's or an auditor's jurisdiction, else its own."""
    if principal.kind == "la":
        return CaseFilter(local_authority=principal.org_id)
    if principal.kind == "auditor":
        whole = principal.org_id == access.WHOLE_OF_WALES
        return CaseFilter(local_authority=None if whole else principal.org_id)
    return CaseFilter(involving=principal.organisation)


def service(request: Request) -> DeterminationService:
    app: DeterminationService = request.app.state.application
    return app


def accepted(response: Response, determination_id: UUID, version: int) -> Accepted:
    response.headers["ETag"] = f'"{version}"'
    return Accepted(id=determination_id, version=version)


# -- determinations --------------------------------------------------------------------------


@router.post("/determinations", status_code=201, summary="Raise a concern about a learner")
def raise_concern(body: ConcernIn, request: Request, response: Response) -> Accepted:
    determination_id, version = _raise(body, request)
    response.headers["Location"] = f"/v1/determinations/{determination_id}"
    return accepted(response, determination_id, version)


def _raise(body: ConcernIn, request: Request) -> tuple[UUID, int]:
    learner, circumstances, raised_by, came_to_attention_on = _concern(body, request)
    return service(request).raise_concern(
        learner, circumstances, raised_by=raised_by, came_to_attention_on=came_to_attention_on
    )


def _concern(body: ConcernIn, request: Request) -> Concern:
    """The concern the caller may raise, as the service layer takes it (or a problem)."""
    principal = principal_of(request)
    access.require_acting_as(principal, body.raised_by)
    access.require_may_raise(principal, body.learner.model_dump())
    learner_data = body.learner.model_dump()
    learner_data["learner_id"] = learner_data["learner_id"] or _learner_id(body.learner)
    try:
        learner = Learner(**learner_data)
    except ValueError as error:
        raise InvalidLearnerError(str(error)) from error
    circumstances = Circumstances(raised_with=body.raised_with, **body.circumstances.model_dump())
    return learner, circumstances, body.raised_by, body.came_to_attention_on


def _learner_id(learner: LearnerIn) -> str:
    """A stable learner id from the UPN when there is one, so one learner is one key."""
    if learner.upn:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"upn:{learner.upn}"))
    return str(uuid.uuid4())


@router.get("/determinations/{determination_id}", summary="A determination, deadlines explained")
def get_determination(
    determination_id: UUID, request: Request, response: Response
) -> DeterminationOut:
    view = service(request).determination(determination_id)
    access.require_read(principal_of(request), view)
    response.headers["ETag"] = f'"{view.version}"'
    return DeterminationOut.of(view)


@router.get("/determinations", summary="List determinations (filters, keyset pagination)")
def find_determinations(
    request: Request,
    organisation: Annotated[str | None, Query(pattern=ORGANISATION)] = None,
    local_authority: Annotated[str | None, Query(pattern=r"^\d{3}$")] = None,
    status: Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$")] = None,
    due_before: date | None = None,
    overdue_on: Annotated[
        date | None, Query(description="Open and past deadline on this day")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[str | None, Query(max_length=36)] = None,
) -> CasePage:
    scope = scope_of(principal_of(request))
    if local_authority and scope.local_authority and local_authority != scope.local_authority:
        raise ProblemError(403, "Forbidden", "outside the caller's jurisdiction", kind="scope")
    query = CaseFilter(
        involving=scope.involving,
        organisation=organisation,
        local_authority=scope.local_authority or local_authority,
        status=status,
        due_before=due_before,
        overdue_on=overdue_on,
    )
    with request.app.state.engine.connect() as conn:
        items = list_cases(conn, query, limit=limit, after=after)
    next_after = items[-1]["determination_id"] if len(items) == limit else None
    return CasePage(items=items, next_after=next_after)


@router.get("/determinations-due-soon", summary="Open cases due within some days")
def find_due_soon(
    request: Request,
    within_days: Annotated[int, Query(ge=0, le=120)] = 10,
    today: date | None = None,
) -> list[dict[str, Any]]:
    with request.app.state.engine.connect() as conn:
        scope = scope_of(principal_of(request))
        return due_soon(conn, scope, today or date.today(), within_days)


class ChangePage(BaseModel):
    items: list[dict[str, Any]]
    cursor: int = Field(description="Pass as `after` next time; unchanged when nothing changed")


@router.get(
    "/determinations-changes",
    summary="What changed since a cursor (for MIS that poll instead of taking webhooks)",
)
def determination_changes(
    request: Request,
    after: Annotated[
        int, Query(ge=0, le=2**63 - 1, description="The cursor of the last page; 0 at first")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ChangePage:
    with request.app.state.engine.connect() as conn:
        items = changes(conn, scope_of(principal_of(request)), after=after, limit=limit)
    cursor = items[-1]["changed_at_position"] if items else after
    return ChangePage(items=items, cursor=cursor)


class BulkConcernsIn(Model):
    items: list[ConcernIn] = Field(min_length=1, max_length=1000)


class BulkItemResult(BaseModel):
    index: int
    status: int
    id: UUID | None = None
    version: int | None = None
    problem: dict[str, Any] | None = None


class BulkResult(BaseModel):
    created: int
    failed: int
    results: list[BulkItemResult]


@router.post(
    "/determinations/bulk",
    summary="Raise many concerns in one request (a school's nightly MIS sync), result per item",
)
def raise_concerns(body: BulkConcernsIn, request: Request) -> BulkResult:
    # The valid concerns are saved in one transaction: a thousand learners in one commit,
    # and a request that fails (the database away) leaves none of them half-stored.
    results: list[BulkItemResult | None] = []
    concerns: list[tuple[int, Concern]] = []
    for index, item in enumerate(body.items):
        try:
            concerns.append((index, _concern(item, request)))
            results.append(None)
        except ProblemError as error:
            problem = {"title": error.title, "detail": error.detail, "type": error.kind}
            results.append(BulkItemResult(index=index, status=error.status, problem=problem))
        except DeterminationError as error:
            results.append(_refused(index, error))
    raised = service(request).raise_concerns([c for _, c in concerns])
    for (index, _), outcome in zip(concerns, raised, strict=True):
        if isinstance(outcome, Exception):
            results[index] = _refused(index, outcome)
        else:
            determination_id, version = outcome
            results[index] = BulkItemResult(
                index=index, status=201, id=determination_id, version=version
            )
    done = [r for r in results if r is not None]
    created = sum(1 for r in done if r.status == 201)
    return BulkResult(created=created, failed=len(done) - created, results=done)


def _refused(index: int, error: Exception) -> BulkItemResult:
    status, kind = next(
        (ERROR_STATUSES[c] for c in type(error).__mro__ if c in ERROR_STATUSES),
        (422, "statutory-clock"),
    )
    problem = {"title": type(error).__name__, "detail": str(error), "type": kind}
    return BulkItemResult(index=index, status=status, problem=problem)


@router.get(
    "/statistics/local-authorities/{local_authority}",
    summary="Decisions within time and average days to decision for an LA",
)
def la_statistics(
    request: Request, local_authority: Annotated[str, Path(pattern=r"^\d{3}$")]
) -> dict[str, Any]:
    principal = principal_of(request)
    own = principal.kind == "la" and principal.org_id == local_authority
    audits = principal.kind == "auditor" and principal.org_id in (
        local_authority,
        access.WHOLE_OF_WALES,
    )
    if not (own or audits):
        raise ProblemError(403, "Forbidden", "an LA's statistics are its own and its auditors'")
    with request.app.state.engine.connect() as conn:
        return statistics(conn, local_authority)


@router.post("/determinations/{determination_id}/consent", summary="Record consent")
def record_consent(
    determination_id: UUID, body: ConsentIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.recorded_by)
    version = service(request).record_consent(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/graduated-response",
    summary="Record universal or targeted provision (Small Steps Plan)",
)
def record_graduated_response(
    determination_id: UUID, body: GraduatedResponseIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.recorded_by)
    data = body.model_dump()
    data["termly_reviews"] = [r.model_dump(mode="json") for r in body.termly_reviews]
    version = service(request).record_graduated_response(
        determination_id, **data, expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/evidence-requests",
    summary="Ask another body (e.g. a health board's DECLO) for evidence",
)
def request_evidence(
    determination_id: UUID, body: EvidenceRequestIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, principal_of(request).organisation)
    version = service(request).request_evidence(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/evidence",
    summary="Submit evidence with documents (multipart)",
    responses={
        413: {**_problem, "description": "A document is over the size limit"},
        415: {**_problem, "description": "A document's type is not accepted"},
    },
)
def submit_evidence(
    determination_id: UUID,
    request: Request,
    response: Response,
    submitted_by: Annotated[str, Form(pattern=ORGANISATION)],
    summary: Annotated[str, Form(min_length=1, max_length=10_000)],
    submitted_on: Annotated[date, Form()],
    request_id: Annotated[str | None, Form(pattern=r"^[A-Za-z0-9_.-]{1,64}$")] = None,
    documents: Annotated[list[UploadFile] | None, File()] = None,
    if_match: IfMatch = None,
) -> Accepted:
    authorise_write(request, determination_id, submitted_by)
    store = DocumentStore(request.app.state.engine, request.app.state.settings.max_document_bytes)
    checked = []
    for upload in documents or []:
        content = upload.file.read(request.app.state.settings.max_document_bytes + 1)
        try:
            document = store.check(
                upload.filename or "document", upload.content_type or "", content
            )
        except DocumentRefusedError as error:
            raise ProblemError(
                error.status, "Document refused", str(error), kind="document"
            ) from None
        checked.append((document, content))
    # Documents are stored before the event that names them, so no event names missing bytes;
    # a document stored for a rejected command is harmless (content-addressed, unreferenced).
    for document, content in checked:
        store.put(document, content, determination_id)
    version = service(request).submit_evidence(
        determination_id,
        submitted_by=submitted_by,
        summary=summary,
        documents=[d for d, _ in checked],
        submitted_on=submitted_on,
        request_id=request_id,
        expected_version=expected_version(if_match),
    )
    return accepted(response, determination_id, version)


@router.get(
    "/documents/{sha256}",
    summary="An evidence document by its SHA-256",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def get_document(
    sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")], request: Request
) -> Response:
    store = DocumentStore(request.app.state.engine, 0)
    readable = False
    for determination_id in store.cases_of(sha256):
        view = service(request).determination(determination_id)
        principal = principal_of(request)
        readable = readable or access.may_read(
            principal, access.organisations_of(view), view.learner["local_authority"]
        )
    found = store.get(sha256) if readable else None
    if found is None:
        raise ProblemError(404, "Not Found", f"no document {sha256}", kind="not-found")
    media_type, content = found
    return Response(content, media_type=media_type, headers={"ETag": f'"{sha256}"'})


@router.post(
    "/determinations/{determination_id}/nhs-referrals",
    summary="An NHS body received a referral (its 6-week clock starts)",
)
def receive_nhs_referral(
    determination_id: UUID, body: NhsReferralIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, principal_of(request).organisation)
    version = service(request).receive_nhs_referral(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/nhs-referrals/{referral_id}/answer",
    summary="The NHS body's answer to a referral",
)
def answer_nhs_referral(
    determination_id: UUID, referral_id: str, body: NhsAnswerIn, request: Request,
    response: Response, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.answered_by)
    version = service(request).answer_nhs_referral(
        determination_id,
        referral_id=referral_id,
        **body.model_dump(),
        expected_version=expected_version(if_match),
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/referral-to-local-authority",
    summary="A school or FEI refers the decision to the LA (s.12)",
)
def refer_to_local_authority(
    determination_id: UUID, body: ReferralToLaIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.referred_by)
    version = service(request).refer_to_local_authority(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/exception-claims",
    summary="Claim an exception to a time limit, with reason and evidence",
)
def claim_exception(
    determination_id: UUID, body: ExceptionClaimIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.claimed_by)
    version = service(request).claim_exception(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post("/determinations/{determination_id}/decision", summary="Decide whether ALN")
def decide(
    determination_id: UUID, body: DecisionIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.decided_by)
    version = service(request).decide(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post("/determinations/{determination_id}/notices", summary="Give a notice")
def issue_notice(
    determination_id: UUID, body: NoticeIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.issued_by)
    version = service(request).issue_notice(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post("/determinations/{determination_id}/withdrawal", summary="Withdraw the concern")
def withdraw(
    determination_id: UUID, body: WithdrawalIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    authorise_write(request, determination_id, body.withdrawn_by)
    version = service(request).withdraw(
        determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


# -- calendars -------------------------------------------------------------------------------

CALENDAR_ID = r"^(la|school|fei):[0-9A-Za-z]{1,20}$"


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema with its local ``$defs`` written in place (OpenAPI cannot resolve them)."""
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(definitions[ref.removeprefix("#/$defs/")])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


@router.put(
    "/calendars/{calendar_id}",
    tags=["calendars"],
    summary="Set or correct a term calendar (JSON, or text/calendar as LAs publish it)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": inline_refs(CalendarIn.model_json_schema())},
                "text/calendar": {"schema": {"type": "string"}},
            },
            "required": True,
        }
    },
)
async def set_calendar(
    calendar_id: Annotated[str, Path(pattern=CALENDAR_ID)],
    request: Request,
    set_by: Annotated[str, Query(pattern=ORGANISATION)],
    name: Annotated[str | None, Query(max_length=200)] = None,
) -> CalendarOut:
    app = service(request)
    principal = principal_of(request)
    access.require_acting_as(principal, set_by)
    if not access.may_manage_calendar(principal, calendar_id):
        raise ProblemError(403, "Forbidden", f"{set_by} cannot set {calendar_id}", kind="scope")
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    raw = await request.body()
    current = await anyio.to_thread.run_sync(app.calendar, calendar_id)
    version = current.version + 1 if current else 1
    if content_type == "text/calendar":
        calendar = calendar_from_ical(
            raw, calendar_id=calendar_id, name=name or calendar_id, version=version
        )
        source = "ical"
    elif content_type == "application/json":
        try:
            body = CalendarIn.model_validate_json(raw)
        except ValueError as error:
            raise ProblemError(
                422, "Request validation failed", str(error), kind="validation"
            ) from None
        calendar = TermCalendar(
            id=calendar_id,
            name=body.name,
            version=version,
            terms=tuple(body.terms),
            closures=frozenset(body.closures),
        )
        source = "json"
    else:
        raise ProblemError(415, "Unsupported Media Type", "send application/json or text/calendar")
    saved = await anyio.to_thread.run_sync(
        lambda: app.set_calendar(calendar, set_by=set_by, source=source)
    )

    def affected() -> list[UUID]:
        with request.app.state.engine.connect() as conn:
            candidates = [UUID(c) for c in open_cases_counting_on(conn, calendar_id)]
        return app.recalculate_for_calendar(calendar_id, candidates)

    recalculated = await anyio.to_thread.run_sync(affected)
    return _calendar_out(saved, recalculated)


@router.get("/calendars/{calendar_id}", tags=["calendars"], summary="A term calendar")
def get_calendar(
    calendar_id: Annotated[str, Path(pattern=CALENDAR_ID)], request: Request
) -> CalendarOut:
    calendar = service(request).calendar(calendar_id)
    if calendar is None:
        raise ProblemError(404, "Not Found", f"no calendar {calendar_id}", kind="not-found")
    return _calendar_out(calendar, [])


def _calendar_out(calendar: TermCalendar, recalculated: list[UUID]) -> CalendarOut:
    return CalendarOut(
        calendar_id=calendar.id,
        name=calendar.name,
        version=calendar.version,
        terms=[{"name": t.name, "start": t.start, "end": t.end} for t in calendar.terms],
        closures=sorted(calendar.closures),
        recalculated=recalculated,
    )


# -- the statutory rule table ----------------------------------------------------------------


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


class RuleCorrectionIn(Model):
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z.-]{1,32}$", examples=["2026.2"])]
    rules: list[RuleIn] = Field(min_length=1, max_length=50)
    corrected_by: Organisation
    reason: Text


class RuleTableOut(BaseModel):
    version: str
    rules: list[dict[str, Any]]
    recalculated: list[UUID] = Field(default_factory=list)


@router.get("/rule-table", tags=["rules"], summary="The statutory rule table in force")
def get_rule_table(request: Request) -> RuleTableOut:
    table = service(request).rule_table()
    return RuleTableOut(version=table.version, rules=[r.as_dict() for r in table.rules.values()])


@router.post(
    "/rule-table/corrections",
    tags=["rules"],
    summary="Correct rules (a new table version); open cases' deadlines are recalculated",
)
def correct_rules(body: RuleCorrectionIn, request: Request) -> RuleTableOut:
    principal = principal_of(request)
    access.require_acting_as(principal, body.corrected_by)
    if principal.kind != "system":
        raise ProblemError(403, "Forbidden", "only the system administrator corrects rules")
    app = service(request)
    rules = [Rule(**r.model_dump()) for r in body.rules]
    table = app.correct_rules(
        body.version, rules, corrected_by=body.corrected_by, reason=body.reason
    )
    with request.app.state.engine.connect() as conn:
        candidates = [UUID(c) for c in open_case_ids(conn)]
    recalculated = app.recalculate_for_rules({r.id for r in rules}, candidates)
    return RuleTableOut(
        version=table.version,
        rules=[r.as_dict() for r in table.rules.values()],
        recalculated=recalculated,
    )
