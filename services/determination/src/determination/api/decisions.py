"""The decision whether a learner has ALN, and the notices that follow it."""

from uuid import UUID

from fastapi import APIRouter, Response

from determination.api.dependencies import ServiceDep
from determination.api.errors import CASE_CLOSED
from determination.api.schemas import DecisionIn, DeterminationNoticeIn
from determination.domain.errors import (
    ConsentRequiredError,
    DateOutOfOrderError,
    IdpArrangementNotAllowedError,
    IdpNecessityNotDecidableError,
    IncompleteNoticeError,
    InvalidTransitionError,
    WrongDecidingBodyError,
)
from llwybr.access import WRITE_REFUSALS
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, expected_version
from llwybr.problem_types import raises

router = APIRouter()


@router.post(
    "/determinations/{determination_id}/decision",
    summary="Decide whether ALN",
    openapi_extra=raises(
        *CASE_CLOSED,
        ConsentRequiredError,
        WrongDecidingBodyError,
        DateOutOfOrderError,
        IdpNecessityNotDecidableError,
        IdpArrangementNotAllowedError,
        refusals=WRITE_REFUSALS,
    ),
)
def decide(
    determination_id: UUID, body: DecisionIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The deciding body's decision whether the learner has ALN and, if so, whether an IDP is
    necessary, with its reasons and the day it was made (its timeliness is judged against the
    decision deadline). The notice that tells the family is a separate step (`notices`)."""
    version = app.decide(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/notices",
    summary="Give a notice",
    openapi_extra=raises(
        *CASE_CLOSED,
        InvalidTransitionError,
        DateOutOfOrderError,
        WrongDecidingBodyError,
        IncompleteNoticeError,
        refusals=WRITE_REFUSALS,
    ),
)
def issue_notice(
    determination_id: UUID, body: DeterminationNoticeIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records that the notice of the decision in force was given, to whom and with what
    parts: a notice lacking a part or a recipient the ALN Code requires is refused (422)
    naming what is missing. The windows to challenge the decision (asking the LA to
    reconsider a school's decision, or appealing to the Tribunal) run from the day the
    notice was given."""
    version = app.issue_notice(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)
