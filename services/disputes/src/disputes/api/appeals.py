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
from disputes.api.shared import RESPONSES, LearnedDep, ServiceDep, VersionsDep, current
from disputes.domain import Order, Recommendation
from llwybr.edge import (
    Accepted,
    CallerDep,
    IfMatch,
    accepted,
    created,
    expected_version,
    today_in_wales,
)

router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)


@router.post("/appeals", status_code=201, summary="An appeal lodged with the Tribunal")
def lodge(
    body: AppealIn, service: ServiceDep, caller: CallerDep, learned: LearnedDep, response: Response
) -> Accepted:
    appeal_id, version = service.lodge_appeal(caller, learned, **body.model_dump())
    return created(response, f"/v1/appeals/{appeal_id}", appeal_id, version)


@router.get(
    "/appeals/{appeal_id}",
    summary="An appeal, its orders and recommendations",
    description="`deadlines` has each order with a date to comply by (`order:<id>`) with its "
    "`state` (`open`, `met`, `missed`), `overdue` and `days_left`, judged as `/v1/reminders` "
    "judges it.",
)
def get_appeal(
    appeal_id: UUID, service: ServiceDep, caller: CallerDep, response: Response
) -> dict[str, Any]:
    appeal = service.appeal(caller, appeal_id)
    return current(response, appeal, appeal_deadlines(appeal, today_in_wales()))


@router.post("/appeals/{appeal_id}/acknowledgement", summary="The Tribunal acknowledges")
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


@router.post("/appeals/{appeal_id}/case-statements", summary="A party's case statement")
def case_statement(
    appeal_id: UUID,
    body: CaseStatementIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    expected = expected_version(if_match)
    version = service.file_case_statement(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post("/appeals/{appeal_id}/hearing", summary="The hearing is scheduled")
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


@router.post("/appeals/{appeal_id}/decision", summary="The Tribunal's decision")
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


@router.post("/appeals/{appeal_id}/orders/{order_id}/compliance", summary="Compliance reported")
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
    expected = expected_version(if_match)
    version = service.record_compliance(
        caller, appeal_id, expected, order_id, issued, **body.model_dump()
    )
    return accepted(response, appeal_id, version)


@router.post(
    "/appeals/{appeal_id}/recommendations/{recommendation_id}/report",
    summary="The NHS body's report on a Tribunal recommendation",
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
    expected = expected_version(if_match)
    version = service.report_on_recommendation(
        caller, appeal_id, expected, recommendation_id, **body.model_dump()
    )
    return accepted(response, appeal_id, version)


# -- the appeal's parties ---------------------------------------------------------------------


@router.post("/appeals/{appeal_id}/review-applications", summary="Ask for a review (28 days)")
def apply_for_review(
    appeal_id: UUID,
    body: ReviewApplicationIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    expected = expected_version(if_match)
    version = service.apply_for_review(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post("/appeals/{appeal_id}/capacity-declarations", summary="A capacity declaration")
def declare_capacity(
    appeal_id: UUID,
    body: CapacityIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    expected = expected_version(if_match)
    version = service.declare_capacity(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post("/appeals/{appeal_id}/case-friend", summary="A case friend is appointed")
def appoint_case_friend(
    appeal_id: UUID,
    body: CaseFriendIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    expected = expected_version(if_match)
    version = service.appoint_case_friend(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)


@router.post("/appeals/{appeal_id}/case-friend/removal", summary="The case friend is removed")
def remove_case_friend(
    appeal_id: UUID,
    body: CaseFriendRemovalIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    expected = expected_version(if_match)
    version = service.remove_case_friend(caller, appeal_id, expected, **body.model_dump())
    return accepted(response, appeal_id, version)
