"""Reconsiderations through the API: the LA records a family's request (a governing body may
itself ask for an R3 take-over), invites the other side's representations, decides, and gives
notice; disagreement resolution started within the appeal window adds 8 weeks."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response

from disputes.api.clocks import reconsideration_deadlines
from disputes.api.schemas import (
    DisagreementResolutionIn,
    InvitationIn,
    ReconsiderationDecisionIn,
    ReconsiderationIn,
    ReconsiderationNoticeIn,
    RepresentationsIn,
)
from disputes.api.shared import (
    DECISION_ERRORS,
    REQUEST_ERRORS,
    RESPONSES,
    LearnedDep,
    ServiceDep,
    current,
    refusals,
)
from disputes.api.views import ReconsiderationView
from disputes.domain.errors import (
    DateOutOfOrderError,
    DisagreementResolutionAlreadyStartedError,
    InvalidTransitionError,
    InvalidValueError,
    NotDecidedError,
    NoticeUnknownError,
    OutsideWindowError,
    WrongDeadlineError,
    WrongPartyError,
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
    "/reconsiderations",
    status_code=201,
    summary="Ask the LA to reconsider (R1-R4)",
    openapi_extra=raises(
        *REQUEST_ERRORS,
        NoticeUnknownError,
        refusals=refusals("la-only", "not-the-keeper"),
    ),
)
def request_reconsideration(
    body: ReconsiderationIn,
    service: ServiceDep,
    caller: CallerDep,
    learned: LearnedDep,
    response: Response,
) -> Accepted:
    """Records a request that the LA reconsider a school's decision (R1 whether the learner has
    ALN, s.26; R2 revising a school IDP, s.27; R3 the LA taking over a school IDP, s.28; R4
    a decision to cease an IDP, s.32), made by the family or, for an R3, by the school's
    governing body itself. The LA that reconsiders (the one responsible for the learner)
    records it; the request is checked against what the deciding body announced, and the
    LA's 7-week clock to decide starts on the day it was received. The answer is the new
    case's `id` and `version`; a caller who may not see the learner gets the one 404."""
    case_id, version = service.request_reconsideration(caller, learned, **body.model_dump())
    return created(response, f"/v1/reconsiderations/{case_id}", case_id, version)


@router.get(
    "/reconsiderations/{case_id}",
    summary="A reconsideration and its deadlines",
    description="`deadlines.decision` is the LA's deadline to decide with its `state` (`open`, "
    "`met`, `missed`), `overdue` and `days_left`, judged as `/v1/reminders` judges it. The "
    "reconsidering LA, the school whose decision it is, the learner's LAs and the auditors of "
    "the jurisdiction may read it; anyone else gets the one 404.",
    response_model=ReconsiderationView,
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def get_reconsideration(
    case_id: UUID, service: ServiceDep, caller: CallerDep, response: Response
) -> dict[str, Any]:
    case = service.reconsideration(caller, case_id)
    return current(response, case, reconsideration_deadlines(case, today_in_wales()))


@router.post(
    "/reconsiderations/{case_id}/invitation",
    summary="Invite the other side's views",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        WrongPartyError,
        refusals=refusals("not-the-keeper"),
    ),
)
def invite(
    case_id: UUID,
    body: InvitationIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """The reconsidering LA invites the other side's representations: the governing body when the
    family asked, the family when the governing body asked. Only the LA that reconsiders the
    case may; an invitation to the side that asked, or one dated before the case's last
    step, is refused."""
    expected = expected_version(if_match)
    version = service.invite_representations(caller, case_id, expected, **body.model_dump())
    return accepted(response, case_id, version)


@router.post(
    "/reconsiderations/{case_id}/representations",
    summary="Representations received",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        refusals=refusals("not-the-keeper"),
    ),
)
def representations(
    case_id: UUID,
    body: RepresentationsIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that the representations invited were received, with the day and a summary. Only the
    LA that reconsiders the case may, and only after it invited them."""
    expected = expected_version(if_match)
    version = service.receive_representations(caller, case_id, expected, **body.model_dump())
    return accepted(response, case_id, version)


@router.post(
    "/reconsiderations/{case_id}/decision",
    summary="The LA's decision (appealable)",
    openapi_extra=raises(
        *DECISION_ERRORS,
        refusals=refusals("not-the-keeper"),
    ),
)
def decide_reconsideration(
    case_id: UUID,
    body: ReconsiderationDecisionIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """The reconsidering LA's decision on the request, with its reasons; from it runs the window to
    appeal to the Tribunal (D18). Only the LA that reconsiders the case may, once; a second
    decision is refused as a conflict."""
    expected = expected_version(if_match)
    version = service.decide_reconsideration(caller, case_id, expected, **body.model_dump())
    return accepted(response, case_id, version)


@router.post(
    "/reconsiderations/{case_id}/notice",
    summary="The notice of the outcome",
    openapi_extra=raises(
        DateOutOfOrderError,
        InvalidTransitionError,
        InvalidValueError,
        WrongDeadlineError,
        refusals=refusals("not-the-keeper"),
    ),
)
def notify(
    case_id: UUID,
    body: ReconsiderationNoticeIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that the notice of the LA's decision (with the right of appeal) was given, and to
    whom. The appeal window runs from the notice's day, restarting from it when it is given
    after the decision. Only the LA that reconsiders the case may, after it decided."""
    expected = expected_version(if_match)
    version = service.issue_reconsideration_notice(caller, case_id, expected, **body.model_dump())
    return accepted(response, case_id, version)


@router.post(
    "/reconsiderations/{case_id}/disagreement-resolution",
    summary="Disagreement resolution started: the appeal window gains exactly 8 weeks",
    openapi_extra=raises(
        DateOutOfOrderError,
        DisagreementResolutionAlreadyStartedError,
        InvalidValueError,
        NotDecidedError,
        OutsideWindowError,
        WrongDeadlineError,
        refusals=refusals("not-the-keeper"),
    ),
)
def disagreement_resolution(
    case_id: UUID,
    body: DisagreementResolutionIn,
    service: ServiceDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Accepted:
    """Records that disagreement resolution about the LA's decision started. Started within the
    window to appeal, the period to appeal gains exactly 8 weeks, counted from the notice
    (never 8 weeks added to a date already rolled to a working day). Refused before the LA
    decided (no window runs yet) and when it was already recorded."""
    expected = expected_version(if_match)
    version = service.start_disagreement_resolution(
        caller, case_id, expected, started_on=body.started_on
    )
    return accepted(response, case_id, version)
