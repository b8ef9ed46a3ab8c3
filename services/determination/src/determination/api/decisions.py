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
    """The deciding body's decision whether the learner has ALN and, if so, whether an IDP is
    necessary, with its reasons and the day it was made (its timeliness is judged against the
    decision deadline). The notice that tells the family is a separate step (`notices`)."""
    version = app.decide(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post("/determinations/{determination_id}/notices", summary="Give a notice")
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
