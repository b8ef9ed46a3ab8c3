"""The disputes service's HTTP API: reconsiderations by the LA and appeals to the Tribunal.

Who may act: an LA records and decides the reconsiderations of its schools' decisions (a
governing body may itself ask for an R3 take-over); the Tribunal records appeals and decides
them; the LA or FEI ordered reports its compliance; an NHS body reports on the
recommendations made to it, and sees only those appeals.
"""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from disputes.application import DisputesService
from disputes.decisions import APPEALED, RECONSIDERED, KnownDecision, known, reconcile_notice
from disputes.domain import (
    AlreadyDecidedError,
    Appeal,
    AppealMatter,
    AppealOutcome,
    AppellantKind,
    CaseParty,
    DecidingBodyKind,
    DisputesError,
    FacilitatorNotIndependentError,
    FactsDifferError,
    InvalidTransitionError,
    NoStandingError,
    NotASchoolDecisionError,
    NoticeUnknownError,
    Order,
    OrderKind,
    OutsideWindowError,
    Party,
    Recommendation,
    Reconsideration,
    ReconsiderationKind,
    ReconsiderationOutcome,
    RespondentNotAllowedError,
    UnknownReferenceError,
    WrongBodyError,
    WrongPartyError,
)
from disputes.projections import awaiting_report, open_cases, outcomes
from llwybr.edge import IfMatch, Organisation, expected_version, principal_of
from llwybr.history import state_of
from llwybr.principal import Principal
from llwybr.problems import COMMON_RESPONSES, PROBLEM_JSON, Problem, ProblemError

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    FactsDifferError: (422, "facts-differ"),
    FacilitatorNotIndependentError: (422, "not-independent"),
    NoticeUnknownError: (422, "notice-unknown"),
    NotASchoolDecisionError: (422, "not-a-school-decision"),
    RespondentNotAllowedError: (422, "respondent-not-allowed"),
    NoStandingError: (422, "no-standing"),
    OutsideWindowError: (422, "outside-window"),
    WrongBodyError: (403, "wrong-body"),
    WrongPartyError: (422, "wrong-party"),
    UnknownReferenceError: (404, "unknown-reference"),
    AlreadyDecidedError: (409, "already-decided"),
    InvalidTransitionError: (409, "invalid-transition"),
    DisputesError: (422, "disputes"),
}
_problem = {"model": Problem, "content": {PROBLEM_JSON: {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    400: {**_problem, "description": "A malformed header (If-Match) or body"},
    403: {**_problem, "description": "The caller may not do this"},
    404: {**_problem, "description": "No such case (or not one the caller may see)"},
    409: {**_problem, "description": "The case's state does not allow it"},
    412: {**_problem, "description": "If-Match names a version that is no longer current"},
}
router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)
Text = Annotated[str, Field(min_length=1, max_length=20_000)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Accepted(BaseModel):
    id: UUID
    version: int


class ReconsiderationIn(Model):
    kind: ReconsiderationKind
    learner_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
    subject_id: UUID = Field(description="The determination (R1) or the IDP (R2-R4)")
    school: Organisation
    decided_by_kind: DecidingBodyKind = Field(description="Who made the decision challenged")
    requested_by_kind: Party
    requested_by: Annotated[str, Field(min_length=1, max_length=200)]
    requested_on: date
    cease_notice_given_on: date | None = Field(default=None, description="R4 only")


class InvitationIn(Model):
    invited_on: date
    from_party: Party


class RepresentationsIn(Model):
    received_on: date
    summary: Text


class ReconsiderationDecisionIn(Model):
    decided_on: date
    outcome: ReconsiderationOutcome
    reasons: Text


class NoticeIn(Model):
    issued_on: date
    recipients: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(min_length=1)


class DisagreementResolutionIn(Model):
    started_on: date


class AppealIn(Model):
    learner_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
    learner_is_young_person: bool
    appellant_kind: AppellantKind
    appellant: Annotated[str, Field(min_length=1, max_length=200)]
    respondent: Organisation = Field(description="The LA or FEI (never a school)")
    matter: AppealMatter
    subject_id: UUID | None = None
    reconsideration_id: UUID | None = Field(
        default=None, description="The LA reconsideration appealed, if any (its window applies)"
    )
    notice_given_on: date | None = Field(
        default=None,
        description="When the notice of the decision was given; not needed when the body that "
        "decided announced it (its date is used, and a different one is refused)",
    )
    lodged_on: date
    late_admitted_by_president: bool = False
    admission_reference: Annotated[str | None, Field(max_length=200)] = None


class AcknowledgementIn(Model):
    acknowledged_on: date
    tribunal_reference: Annotated[str, Field(min_length=1, max_length=100)]


class CaseStatementIn(Model):
    party: CaseParty
    filed_on: date
    summary: Text


class HearingIn(Model):
    hearing_on: date


class OrderIn(Model):
    order_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]
    kind: OrderKind
    addressed_to: Organisation
    wording: Text
    comply_by: date | None = None


class RecommendationIn(Model):
    recommendation_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]
    nhs_body: Organisation
    wording: Text
    report_by: date | None = None


class AppealDecisionIn(Model):
    decided_on: date
    outcome: AppealOutcome
    orders: list[OrderIn] = Field(default_factory=list, max_length=20)
    recommendations: list[RecommendationIn] = Field(default_factory=list, max_length=20)


class ComplianceIn(Model):
    complied_on: date
    evidence: Text
    idp_revision: dict[str, Any] | None = Field(
        default=None,
        description='For a revise_idp order: {"idp_id", "version", "wording_found", "differences"}',
    )


class ReportIn(Model):
    reported_on: date
    report: Text


# -- helpers -----------------------------------------------------------------------------------


def _known(request: Request, subject_id: UUID | None, decision: str | None) -> KnownDecision | None:
    """What this service learned of the challenged decision from its owner's events."""
    if subject_id is None or decision is None:
        return None
    with request.app.state.engine.connect() as conn:
        return known(conn, str(subject_id), decision)


def service(request: Request) -> DisputesService:
    app: DisputesService = request.app.state.application
    return app


def _not_found(kind: str, case_id: UUID) -> ProblemError:
    return ProblemError(404, "Not Found", f"no {kind} {case_id}", kind="not-found")


def reconsideration_for(request: Request, case_id: UUID) -> Reconsideration:
    case = service(request).get_as(case_id, Reconsideration)
    principal = principal_of(request)
    seen_by = {case.school, case.local_authority}
    if principal.organisation not in seen_by and principal.kind != "auditor":
        raise _not_found("reconsideration", case_id)
    return case


def require_la(principal: Principal, case: Reconsideration) -> None:
    if principal.organisation != case.local_authority:
        raise ProblemError(403, "Forbidden", f"{case.local_authority} reconsiders this decision")


def appeal_for(request: Request, appeal_id: UUID) -> Appeal:
    appeal = service(request).get_as(appeal_id, Appeal)
    principal = principal_of(request)
    nhs = {appeal.recommendation(i).nhs_body for i in appeal.recommendations}
    if principal.kind not in {"tribunal", "auditor"} and principal.organisation not in {
        appeal.respondent,
        *nhs,
    }:
        raise _not_found("appeal", appeal_id)
    return appeal


def require_tribunal(principal: Principal) -> None:
    if principal.kind != "tribunal":
        raise ProblemError(403, "Forbidden", "only the Education Tribunal for Wales does this")


def done(response: Response, case_id: UUID, version: int) -> Accepted:
    response.headers["ETag"] = f'"{version}"'
    return Accepted(id=case_id, version=version)


# -- reconsiderations ----------------------------------------------------------------------------


@router.post("/reconsiderations", status_code=201, summary="Ask the LA to reconsider (R1-R4)")
def request_reconsideration(
    body: ReconsiderationIn, request: Request, response: Response
) -> Accepted:
    principal = principal_of(request)
    governing_body = body.requested_by_kind == Party.GOVERNING_BODY
    if principal.kind != "la" and not (governing_body and principal.organisation == body.school):
        raise ProblemError(403, "Forbidden", "the LA records a family's request")
    # The LA maintaining the school: its number starts the school's establishment number.
    school_la = f"la:{body.school.partition(':')[2][:3]}"
    if principal.kind == "la" and principal.organisation != school_la:
        raise ProblemError(403, "Forbidden", f"{school_la} reconsiders this school's decisions")
    facts = _known(request, body.subject_id, RECONSIDERED[body.kind])
    if facts and facts.deciding_kind and facts.deciding_kind != body.decided_by_kind:
        raise FactsDifferError(
            f"the decision was made by a {facts.deciding_kind}, not a {body.decided_by_kind}"
        )
    if body.kind == ReconsiderationKind.R4:
        # The cease decision's notice date, as the IDP service announced it.
        notice = reconcile_notice(body.cease_notice_given_on, facts)
        body = body.model_copy(update={"cease_notice_given_on": notice})
    case_id, version = service(request).request_reconsideration(
        **body.model_dump(), local_authority=school_la
    )
    response.headers["Location"] = f"/v1/reconsiderations/{case_id}"
    return done(response, case_id, version)


@router.get("/reconsiderations/{case_id}", summary="A reconsideration and its deadlines")
def get_reconsideration(case_id: UUID, request: Request, response: Response) -> dict[str, Any]:
    case = reconsideration_for(request, case_id)
    response.headers["ETag"] = f'"{case.version}"'
    return state_of(case)


def _reconsider(
    request: Request, response: Response, case_id: UUID, if_match: str | None, command: Any
) -> Accepted:
    case = reconsideration_for(request, case_id)
    require_la(principal_of(request), case)
    version = service(request).act(case_id, Reconsideration, expected_version(if_match), command)
    return done(response, case_id, version)


@router.post("/reconsiderations/{case_id}/invitation", summary="Invite the other side's views")
def invite(case_id: UUID, body: InvitationIn, request: Request, response: Response,
           if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _reconsider(request, response, case_id, if_match,
                       lambda r: r.invite_representations(**body.model_dump()))  # fmt: skip


@router.post("/reconsiderations/{case_id}/representations", summary="Representations received")
def representations(case_id: UUID, body: RepresentationsIn, request: Request, response: Response,
                    if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _reconsider(request, response, case_id, if_match,
                       lambda r: r.receive_representations(**body.model_dump()))  # fmt: skip


@router.post("/reconsiderations/{case_id}/decision", summary="The LA's decision (appealable)")
def decide_reconsideration(case_id: UUID, body: ReconsiderationDecisionIn, request: Request,
                           response: Response, if_match: IfMatch = None) -> Accepted:  # fmt: skip
    case = reconsideration_for(request, case_id)
    principal = principal_of(request)
    require_la(principal, case)
    version = service(request).decide_reconsideration(
        case_id, decided_by=principal.organisation, expected_version=expected_version(if_match),
        **body.model_dump(),
    )  # fmt: skip
    return done(response, case_id, version)


@router.post("/reconsiderations/{case_id}/notice", summary="The notice of the outcome")
def notify(case_id: UUID, body: NoticeIn, request: Request, response: Response,
           if_match: IfMatch = None) -> Accepted:  # fmt: skip
    require_la(principal_of(request), reconsideration_for(request, case_id))
    version = service(request).issue_reconsideration_notice(
        case_id, expected_version=expected_version(if_match), **body.model_dump()
    )
    return done(response, case_id, version)


@router.post(
    "/reconsiderations/{case_id}/disagreement-resolution",
    summary="Disagreement resolution started: the appeal window gains exactly 8 weeks",
)
def disagreement_resolution(case_id: UUID, body: DisagreementResolutionIn, request: Request,
                            response: Response, if_match: IfMatch = None) -> Accepted:  # fmt: skip
    require_la(principal_of(request), reconsideration_for(request, case_id))
    version = service(request).start_disagreement_resolution(
        case_id, started_on=body.started_on, expected_version=expected_version(if_match)
    )
    return done(response, case_id, version)


# -- appeals ---------------------------------------------------------------------------------------


@router.post("/appeals", status_code=201, summary="An appeal lodged with the Tribunal")
def lodge(body: AppealIn, request: Request, response: Response) -> Accepted:
    require_tribunal(principal_of(request))
    facts = _known(request, body.subject_id, APPEALED.get(body.matter))
    if facts and facts.deciding_organisation and facts.deciding_organisation != body.respondent:
        raise FactsDifferError(
            f"that decision was made by {facts.deciding_organisation}, not {body.respondent}"
            + (": a school's decisions go to the LA first" if facts.deciding_kind == "school"
               else "")
        )  # fmt: skip
    notice = reconcile_notice(body.notice_given_on, facts)
    appeal_id, version = service(request).lodge_appeal(
        **body.model_dump(exclude={"notice_given_on"}), notice_given_on=notice
    )
    response.headers["Location"] = f"/v1/appeals/{appeal_id}"
    return done(response, appeal_id, version)


@router.get("/appeals/{appeal_id}", summary="An appeal, its orders and recommendations")
def get_appeal(appeal_id: UUID, request: Request, response: Response) -> dict[str, Any]:
    appeal = appeal_for(request, appeal_id)
    response.headers["ETag"] = f'"{appeal.version}"'
    return state_of(appeal)


def _tribunal(request: Request, response: Response, appeal_id: UUID, if_match: str | None,
              command: Any) -> Accepted:  # fmt: skip
    appeal_for(request, appeal_id)
    require_tribunal(principal_of(request))
    version = service(request).act(appeal_id, Appeal, expected_version(if_match), command)
    return done(response, appeal_id, version)


@router.post("/appeals/{appeal_id}/acknowledgement", summary="The Tribunal acknowledges")
def acknowledge(appeal_id: UUID, body: AcknowledgementIn, request: Request, response: Response,
                if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _tribunal(request, response, appeal_id, if_match,
                     lambda a: a.acknowledge(**body.model_dump()))  # fmt: skip


@router.post("/appeals/{appeal_id}/case-statements", summary="A party's case statement")
def case_statement(appeal_id: UUID, body: CaseStatementIn, request: Request, response: Response,
                   if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _tribunal(request, response, appeal_id, if_match,
                     lambda a: a.file_case_statement(**body.model_dump()))  # fmt: skip


@router.post("/appeals/{appeal_id}/hearing", summary="The hearing is scheduled")
def hearing(appeal_id: UUID, body: HearingIn, request: Request, response: Response,
            if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _tribunal(request, response, appeal_id, if_match,
                     lambda a: a.schedule_hearing(**body.model_dump()))  # fmt: skip


@router.post("/appeals/{appeal_id}/decision", summary="The Tribunal's decision")
def decide_appeal(appeal_id: UUID, body: AppealDecisionIn, request: Request, response: Response,
                  if_match: IfMatch = None) -> Accepted:  # fmt: skip
    appeal_for(request, appeal_id)
    require_tribunal(principal_of(request))
    version = service(request).decide_appeal(
        appeal_id, decided_on=body.decided_on, outcome=body.outcome,
        orders=[Order.from_dict(o.model_dump()) for o in body.orders],
        recommendations=[Recommendation.from_dict(r.model_dump()) for r in body.recommendations],
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return done(response, appeal_id, version)


@router.post("/appeals/{appeal_id}/orders/{order_id}/compliance", summary="Compliance reported")
def comply(appeal_id: UUID, order_id: str, body: ComplianceIn, request: Request,
           response: Response, if_match: IfMatch = None) -> Accepted:  # fmt: skip
    appeal = appeal_for(request, appeal_id)
    if principal_of(request).organisation != appeal.order(order_id).addressed_to:
        raise ProblemError(403, "Forbidden", "the body ordered reports its compliance")
    version = service(request).act(
        appeal_id, Appeal, expected_version(if_match),
        lambda a: a.record_compliance(order_id=order_id, **body.model_dump()),
    )  # fmt: skip
    return done(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/recommendations/{recommendation_id}/report",
    summary="The NHS body's report on a Tribunal recommendation",
)
def report(appeal_id: UUID, recommendation_id: str, body: ReportIn, request: Request,
           response: Response, if_match: IfMatch = None) -> Accepted:  # fmt: skip
    appeal_for(request, appeal_id)
    reporter = principal_of(request).organisation
    version = service(request).act(
        appeal_id, Appeal, expected_version(if_match),
        lambda a: a.report_on_recommendation(
            recommendation_id=recommendation_id, reported_by=reporter, **body.model_dump()
        ),
    )  # fmt: skip
    return done(response, appeal_id, version)


# -- read models -----------------------------------------------------------------------------------


@router.get(
    "/disputes/local-authorities/{local_authority}/open",
    summary="An LA's open reconsiderations and appeals with their deadlines, most urgent first",
)
def open_by_la(
    local_authority: Organisation,
    request: Request,
    on: Annotated[date | None, Query(description="The day to judge by (default: today)")] = None,
) -> list[dict[str, Any]]:
    _require_jurisdiction(principal_of(request), local_authority)
    with request.app.state.engine.connect() as conn:
        return open_cases(conn, local_authority, on or date.today())


@router.get("/disputes/local-authorities/{local_authority}/outcomes", summary="Outcomes by LA")
def outcomes_by_la(local_authority: Organisation, request: Request) -> list[dict[str, Any]]:
    _require_jurisdiction(principal_of(request), local_authority)
    with request.app.state.engine.connect() as conn:
        return outcomes(conn, local_authority)


@router.get("/disputes/recommendations-awaiting-report", summary="For the calling NHS body")
def my_recommendations(request: Request) -> list[dict[str, Any]]:
    with request.app.state.engine.connect() as conn:
        return awaiting_report(conn, principal_of(request).organisation)


def _require_jurisdiction(principal: Principal, local_authority: str) -> None:
    auditor_of = principal.kind == "auditor" and local_authority.endswith(principal.org_id)
    if principal.organisation != local_authority and not auditor_of:
        raise ProblemError(403, "Forbidden", "an LA's cases are its own and its auditors'")


# -- the appeal's parties ------------------------------------------------------------------------


class ReviewApplicationIn(Model):
    applied_on: date
    by: Annotated[str, Field(min_length=1, max_length=200)]
    grounds: Text


class CapacityIn(Model):
    declared_on: date
    person: Annotated[str, Field(min_length=1, max_length=200)]
    has_capacity: bool


class CaseFriendIn(Model):
    appointed_on: date
    case_friend: Annotated[str, Field(min_length=1, max_length=200)]


class CaseFriendRemovalIn(Model):
    removed_on: date
    reason: Text


@router.post("/appeals/{appeal_id}/review-applications", summary="Ask for a review (28 days)")
def apply_for_review(appeal_id: UUID, body: ReviewApplicationIn, request: Request,
                     response: Response, if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _tribunal(request, response, appeal_id, if_match,
                     lambda a: a.apply_for_review(**body.model_dump()))  # fmt: skip


@router.post("/appeals/{appeal_id}/capacity-declarations", summary="A capacity declaration")
def declare_capacity(appeal_id: UUID, body: CapacityIn, request: Request, response: Response,
                     if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _tribunal(request, response, appeal_id, if_match,
                     lambda a: a.declare_capacity(**body.model_dump()))  # fmt: skip


@router.post("/appeals/{appeal_id}/case-friend", summary="A case friend is appointed")
def appoint_case_friend(appeal_id: UUID, body: CaseFriendIn, request: Request,
                        response: Response, if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _tribunal(request, response, appeal_id, if_match,
                     lambda a: a.appoint_case_friend(**body.model_dump()))  # fmt: skip


@router.post("/appeals/{appeal_id}/case-friend/removal", summary="The case friend is removed")
def remove_case_friend(appeal_id: UUID, body: CaseFriendRemovalIn, request: Request,
                       response: Response, if_match: IfMatch = None) -> Accepted:  # fmt: skip
    return _tribunal(request, response, appeal_id, if_match,
                     lambda a: a.remove_case_friend(**body.model_dump()))  # fmt: skip
