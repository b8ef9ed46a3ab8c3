"""The decision whether a learner has ALN, and the notices that follow it."""

from uuid import UUID

from fastapi import APIRouter, Response

from determination.api.dependencies import ServiceDep
from determination.api.schemas import DecisionIn, DeterminationNoticeIn
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, expected_version

router = APIRouter()


@router.post("/determinations/{determination_id}/decision", summary="Decide whether ALN")
def decide(
    determination_id: UUID, body: DecisionIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    version = app.decide(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post("/determinations/{determination_id}/notices", summary="Give a notice")
def issue_notice(
    determination_id: UUID, body: DeterminationNoticeIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    version = app.issue_notice(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)
