"""The disputes read models through the API: an LA's open cases with their next statutory
date, outcomes per kind and matter, and the recommendations awaiting an NHS body's report.

An LA's cases are those it keeps or answers and those of the learners it is responsible for or
looks after; each list shows the caller only the cases it may read (``llwybr.access``): an LA
its own and its learners', an auditor its jurisdiction's."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from disputes.api.shared import RESPONSES, ConnectionDep
from disputes.api.views import DisputeCaseRow, OutcomeRow, RecommendationRow
from disputes.projections import (
    awaiting_report,
    of_learner,
    open_cases,
    outcomes,
    readers,
    related_to,
)
from llwybr.edge import CallerDep, today_in_wales
from llwybr.organisation_ids import LocalAuthorityPath, answer_la
from llwybr.problem_types import raises

router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)


@router.get(
    "/disputes",
    summary="A learner's disputes, open and ended",
    response_model=list[DisputeCaseRow],
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def by_learner(
    learner_id: Annotated[str, Query(min_length=1, max_length=64)],
    caller: CallerDep,
    conn: ConnectionDep,
) -> list[dict[str, Any]]:
    """The learner's reconsiderations, appeals, disagreement resolution and advocacy cases
    that the caller may read (``llwybr.access``), open and ended, each with its status, next
    statutory date (`due_on`, `deadline_rule`) and outcome; the soonest date first. A learner
    the caller may not read answers an empty list, as one with no disputes."""
    return of_learner(conn, learner_id, readers(caller))


@router.get(
    "/disputes/local-authorities/{local_authority}/open",
    summary="An LA's open reconsiderations and appeals with their deadlines, most urgent first",
    response_model=list[DisputeCaseRow],
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def open_by_la(
    local_authority: LocalAuthorityPath,
    caller: CallerDep,
    conn: ConnectionDep,
    response: Response,
    on: Annotated[date | None, Query(description="The day to judge by (default: today)")] = None,
) -> list[dict[str, Any]]:
    """An LA's open reconsiderations and appeals (those it keeps or answers, and those of the
    learners it is responsible for or looks after), each with its next statutory date, most
    urgent first. Only the cases the caller may read are listed: an LA its own and its
    learners', an auditor its jurisdiction's; `on` judges the dates as of another day."""
    la = answer_la(local_authority, response)
    return open_cases(conn, related_to(la), readers(caller), on or today_in_wales())


_OUTCOMES_EXAMPLE = [
    {"case_type": "appeal", "kind": "alp", "outcome": "dismissed", "n": 1},
    {"case_type": "reconsideration", "kind": "R1", "outcome": "has_aln", "n": 2},
]


@router.get(
    "/disputes/local-authorities/{local_authority}/outcomes",
    summary="Outcomes by LA",
    response_model=list[OutcomeRow],
    responses={200: {"content": {"application/json": {"example": _OUTCOMES_EXAMPLE}}}},
    openapi_extra=raises(),
)
def outcomes_by_la(
    local_authority: LocalAuthorityPath, caller: CallerDep, conn: ConnectionDep, response: Response
) -> list[dict[str, Any]]:
    """How the LA's ended reconsiderations (per kind), appeals (per matter) and disagreement
    resolution cases ended: one row per case type, kind and outcome with its count, counting
    only the cases the caller may read. An LA sees its own and its learners' cases, an auditor
    its jurisdiction's; a case it may not read is not counted."""
    return outcomes(conn, related_to(answer_la(local_authority, response)), readers(caller))


@router.get(
    "/disputes/recommendations-awaiting-report",
    summary="For the calling NHS body",
    response_model=list[RecommendationRow],
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def my_recommendations(caller: CallerDep, conn: ConnectionDep) -> list[dict[str, Any]]:
    """The Tribunal's recommendations made to the calling NHS body that it has not reported on yet,
    the earliest date to report by first (D20). Any other caller gets an empty list: the
    list is always the caller's own."""
    return awaiting_report(conn, caller.organisation)
