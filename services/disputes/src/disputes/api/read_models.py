"""The disputes read models through the API: an LA's open cases with their next statutory
date, outcomes per kind and matter, and the recommendations awaiting an NHS body's report."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from disputes import access
from disputes.api.shared import RESPONSES, ConnectionDep
from disputes.projections import awaiting_report, open_cases, outcomes
from llwybr.edge import CallerDep, Organisation, today_in_wales

router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)


@router.get(
    "/disputes/local-authorities/{local_authority}/open",
    summary="An LA's open reconsiderations and appeals with their deadlines, most urgent first",
)
def open_by_la(
    local_authority: Organisation,
    caller: CallerDep,
    conn: ConnectionDep,
    on: Annotated[date | None, Query(description="The day to judge by (default: today)")] = None,
) -> list[dict[str, Any]]:
    access.require_jurisdiction(caller, local_authority)
    return open_cases(conn, local_authority, on or today_in_wales())


@router.get("/disputes/local-authorities/{local_authority}/outcomes", summary="Outcomes by LA")
def outcomes_by_la(
    local_authority: Organisation, caller: CallerDep, conn: ConnectionDep
) -> list[dict[str, Any]]:
    access.require_jurisdiction(caller, local_authority)
    return outcomes(conn, local_authority)


@router.get("/disputes/recommendations-awaiting-report", summary="For the calling NHS body")
def my_recommendations(caller: CallerDep, conn: ConnectionDep) -> list[dict[str, Any]]:
    return awaiting_report(conn, caller.organisation)
