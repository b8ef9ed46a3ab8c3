"""Appeals to the Education Tribunal for Wales through the API: the Tribunal records appeals,
their proceedings and its decision; the LA or FEI ordered reports its compliance; an NHS body
reports on the recommendations made to it, and sees only those appeals."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response

from disputes.api.clocks import appeal_deadlines
from disputes.api.schemas import (
    AcknowledgementIn,
    AppealDecisionIn,
    AppealIn,
    CapacityIn,
    CaseFriendIn,
    CaseFriendRemovalIn,
    CaseStatementIn,
    ComplianceIn,
    HearingIn,
    ReportIn,
    ReviewApplicationIn,
)
from disputes.api.shared import (
    DECISION_ERRORS,
    RESPONSES,
    LearnedDep,
    ServiceDep,
    VersionsDep,
    current,
    refusals,
)
from disputes.api.views import AppealView
from disputes.domain import Order, Recommendation
from disputes.domain.errors import (
    CaseFriendAlreadyAppointedError,
    DateOutOfOrderError,
    FactsDifferError,
    InvalidTransitionError,
    InvalidValueError,
    NoCaseFriendError,
    NoStandingError,
    NotDecidedError,
    NoticeUnknownError,
    OrderAlreadyCompliedError,
    OutOfTimeError,
    OutsideWindowError,
    RecommendationAlreadyReportedError,
    RespondentNotAllowedError,
    UnknownReferenceError,
    VersionNotIssuedError,
    WrongBodyError,
    WrongDeadlineError,
)
from llwybr.edge import (
    Accepted,
    CallerDep,
    IfMatch,
    accepted,
    created,
    expected_version,
    today_in_wales,
)
from llwybr.problem_types import raises

router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)


@router.post(
    "/appeals",
    status_code=201,
    summary="An appeal lodged with the Tribunal",
    openapi_extra=raises(
        FactsDifferError,
        InvalidValueError,
        NoStandingError,
        NotDecidedError,
        NoticeUnknownError,
        OutOfTimeError,
        RespondentNotAllowedError,
        WrongDeadlineError,
        refusals=refusals("tribunal-only"),
    ),
)
def lodge(
    body: AppealIn, service: ServiceDep, caller: CallerDep, learned: LearnedDep, response: Response
) -> Accepted:
    """Records an appeal lodged with the Education Tribunal for Wales checked against what the body
    that decided announced (who decided, about whom, when the notice was given). Only the
    Tribunal's clients may; the answer is the appeal's `id` and `version`. An appeal after
    its window needs the President's admission (`late_admitted_by_president`), and one
    against a reconsideration the LA has not decided is refused."""
    appeal_id, version = service.lodge_appeal(caller, learned, **body.model_dump())
    return created(response, f"/v1/appeals/{appeal_id}", appeal_id, version)


@router.get(
    "/appeals/{appeal_id}",
    summary="An appeal, its orders and recommendations",
    description="`deadlines` has each order with a date to comply by (`order:<id>`) with its "
    "`state` (`open`, `met`, `missed`), `overdue` and `days_left`, judged as `/v1/reminders` "
    "judges it. The Tribunal, the respondent, every body an order addresses, an NHS body a "
    "recommendation is made to, the learner's LAs and the auditors of the jurisdiction may read "
    "it; anyone else gets the one 404.",
    response_model=AppealView,
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def get_appeal(
    appeal_id: UUID, service: ServiceDep, caller: CallerDep, response: Response
) -> dict[str, Any]:
    appeal = service.appeal(caller, appeal_id)
    return current(response, appeal, appeal_deadlines(appeal, today_in_wales()))


@router.post(
    "/appeals/{appeal_id}/acknowledgement",
    summary="The Tribunal acknowledges",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("tribunal-only"),
    ),
)
def acknowledge(
    appeal_id: UUID,
    body: AcknowledgementIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """The Tribunal records that it received the appeal, with the day and its own reference.
    Only the Tribunal's clients may (another body is a 403 `tribunal-only`)."""
    expected = expected_version(if_match)
    version = service.acknowledge_appeal(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/case-statements",
    summary="A party's case statement",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("tribunal-only"),
    ),
)
def case_statement(
    appeal_id: UUID,
    body: CaseStatementIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records a party's case statement filed with the Tribunal, with its day. Only the Tribunal's
    clients may (another body is a 403 `tribunal-only`); a closed appeal refuses it."""
    expected = expected_version(if_match)
    version = service.file_case_statement(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/hearing",
    summary="The hearing is scheduled",
    openapi_extra=raises(
        DateOutOfOrderError, InvalidTransitionError, refusals=refusals("tribunal-only")
    ),
)
def hearing(
    appeal_id: UUID,
    body: HearingIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """The Tribunal sets the hearing day, which the appeal then shows. Only the Tribunal's
    clients may (another body is a 403 `tribunal-only`)."""
    expected = expected_version(if_match)
    version = service.schedule_hearing(caller, appeal_id, expected, hearing_on=body.hearing_on)
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/decision",
    summary="The Tribunal's decision",
    openapi_extra=raises(
        *DECISION_ERRORS,
        refusals=refusals("tribunal-only"),
    ),
)
def decide_appeal(
    appeal_id: UUID,
    body: AppealDecisionIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """The Tribunal's decision: its outcome, the orders it makes (each addressed to a body; one
    with a `comply_by` day is then in the appeal's `deadlines` as `order:<id>`) and its
    recommendations to NHS bodies. The decision opens the window to ask the Tribunal for a
    review, which this service computes and publishes. Only the Tribunal's clients may
    (another body is a 403 `tribunal-only`); an appeal already decided is a 409
    `already-decided`."""
    version = service.decide_appeal(
        caller,
        appeal_id,
        expected_version(if_match),
        decided_on=body.decided_on,
        outcome=body.outcome,
        orders=[Order.from_dict(o.model_dump()) for o in body.orders],
        recommendations=[Recommendation.from_dict(r.model_dump()) for r in body.recommendations],
    )
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/orders/{order_id}/compliance",
    summary="Compliance reported",
    openapi_extra=raises(
        DateOutOfOrderError,
        FactsDifferError,
        InvalidTransitionError,
        InvalidValueError,
        OrderAlreadyCompliedError,
        UnknownReferenceError,
        VersionNotIssuedError,
        refusals=refusals("not-ordered"),
    ),
)
def comply(
    appeal_id: UUID,
    order_id: str,
    body: ComplianceIn,
    service: ServiceDep,
    caller: CallerDep,
    issued: VersionsDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """The body an order of the Tribunal is addressed to (the LA or FEI ordered) reports complying
    with it, with the day. An order to revise the plan is complied with only by naming an
    IDP version the IDP service issued after the order. Another body is refused; the
    appeal (`GET`) then shows whether compliance came within the time the order allowed."""
    expected = expected_version(if_match)
    version = service.record_compliance(
        caller, appeal_id, expected, order_id, issued, **body.model_dump()
    )
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/recommendations/{recommendation_id}/report",
    summary="The NHS body's report on a Tribunal recommendation",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        RecommendationAlreadyReportedError,
        UnknownReferenceError,
        WrongBodyError,
        refusals=refusals("not-recommended"),
    ),
)
def report(
    appeal_id: UUID,
    recommendation_id: str,
    body: ReportIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """The NHS body a Tribunal recommendation was made to reports on it, once, with the day and the
    report (D20: within the time the Tribunal allows). Only that NHS body may; a second
    report, or one before the decision, is refused."""
    expected = expected_version(if_match)
    version = service.report_on_recommendation(
        caller, appeal_id, expected, recommendation_id, **body.model_dump()
    )
    return accepted(response, appeal_id, version)


# -- the appeal's parties ---------------------------------------------------------------------


@router.post(
    "/appeals/{appeal_id}/review-applications",
    summary="Ask for a review (28 days)",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        OutsideWindowError,
        refusals=refusals("tribunal-only"),
    ),
)
def apply_for_review(
    appeal_id: UUID,
    body: ReviewApplicationIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records a party's application for the Tribunal to review its decision, within 28 days of the
    decision (D19), with who applied and the grounds. Only the Tribunal's clients record it;
    an application after the window, or before the decision, is refused."""
    expected = expected_version(if_match)
    version = service.apply_for_review(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/capacity-declarations",
    summary="A capacity declaration",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("tribunal-only"),
    ),
)
def declare_capacity(
    appeal_id: UUID,
    body: CapacityIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records the Tribunal's declaration of whether a person has capacity for the appeal, with the
    day. Only the Tribunal's clients may; a closed appeal refuses it."""
    expected = expected_version(if_match)
    version = service.declare_capacity(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/case-friend",
    summary="A case friend is appointed",
    openapi_extra=raises(
        CaseFriendAlreadyAppointedError,
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        NoStandingError,
        refusals=refusals("tribunal-only"),
    ),
)
def appoint_case_friend(
    appeal_id: UUID,
    body: CaseFriendIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that a case friend was appointed to act for a child in the appeal. Only the
    Tribunal's clients may; refused for a young person's appeal, when a case friend is
    already appointed, and on a closed appeal."""
    expected = expected_version(if_match)
    version = service.appoint_case_friend(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/case-friend/removal",
    summary="The case friend is removed",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        NoCaseFriendError,
        refusals=refusals("tribunal-only"),
    ),
)
def remove_case_friend(
    appeal_id: UUID,
    body: CaseFriendRemovalIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that the case friend was removed, with the day and the reason. Only the Tribunal's
    clients may; refused when the appeal has no case friend or is closed."""
    expected = expected_version(if_match)
    version = service.remove_case_friend(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)
