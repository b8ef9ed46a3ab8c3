"""Lists of determinations from the read model: by filter, due soon, changed since a cursor,
and an LA's statistics; each scoped to what the caller may see."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from determination import access
from determination.api.dependencies import EngineDep
from determination.api.errors import SCOPE_REFUSAL
from determination.api.figures import LaStatistics
from determination.api.rows import CaseRow
from determination.api.schemas import CasePage, ChangePage
from determination.projections import CaseFilter, changes, due_soon, list_cases, statistics
from llwybr.access import Capability, audience
from llwybr.edge import BIGINT_MAX, ORGANISATION, CallerDep, Line, today_in_wales
from llwybr.organisation_ids import LocalAuthorityPath, LocalAuthorityQuery, answer_la, la_number
from llwybr.principal import Principal
from llwybr.problem_types import raises

router = APIRouter()


def scope_of(principal: Principal) -> CaseFilter:
    """The cases a caller may list: those it may read (the one policy's audience: the LA
    responsible for the learner or looking after them, the deciding body, the health bodies
    asked, an auditor's jurisdiction)."""
    return CaseFilter(audience=audience(principal, Capability.READ))


@router.get(
    "/determinations",
    summary="List determinations (filters, keyset pagination)",
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def find_determinations(
    caller: CallerDep,
    engine: EngineDep,
    response: Response,
    organisation: Annotated[str | None, Query(pattern=ORGANISATION)] = None,
    local_authority: LocalAuthorityQuery = None,
    status: Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$")] = None,
    due_before: date | None = None,
    overdue_on: Annotated[
        date | None,
        Query(
            description="The decision clock missed on this day: past its due date and not met "
            "(a decided case is met only when its notice or IDP is given, s.4(6))"
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[Line | None, Query(max_length=36)] = None,
) -> CasePage:
    """The cases the caller may read (its own decisions, its learners', an auditor's
    jurisdiction), filtered by the deciding `organisation`, the learner's `local_authority`,
    `status`, a deadline `due_before` a day, or `overdue_on` a day (its decision clock
    missed that day: not met, decided or not, until the decision is given, s.4(6)); ordered by
    case id. Each case carries its `decision_clock` today, as the case view and
    `/v1/reminders` read it."""
    query = CaseFilter(
        audience=scope_of(caller).audience,
        organisation=organisation,
        local_authority=la_number(answer_la(local_authority, response))
        if local_authority
        else None,
        status=status,
        due_before=due_before,
        overdue_on=overdue_on,
    )
    with engine.connect() as conn:
        items = list_cases(conn, query, limit=limit, after=after, today=today_in_wales())
    next_after = items[-1]["determination_id"] if len(items) == limit else None
    return CasePage(items=[CaseRow(**item) for item in items], next_after=next_after)


@router.get(
    "/determinations-due-soon",
    summary="Open cases due within some days",
    response_model=list[CaseRow],
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def find_due_soon(
    caller: CallerDep,
    engine: EngineDep,
    within_days: Annotated[int, Query(ge=0, le=120)] = 10,
    today: date | None = None,
) -> list[dict[str, Any]]:
    """The caller's cases whose decision clock is open (a decided case too, until its notice
    or IDP is given, s.4(6)) and due within `within_days` (counted from `today`, by default
    today in Wales), soonest due first: a worklist. Each row is the case as the read model
    holds it (its id, learner, deciding body, `status`, `decision_due_on`); the list holds only
    the cases the caller may read, so it is empty rather than refused for a body with none."""
    with engine.connect() as conn:
        return due_soon(conn, scope_of(caller), today or today_in_wales(), within_days)


@router.get(
    "/determinations-changes",
    summary="What changed since a cursor (for MIS that poll instead of taking webhooks)",
    openapi_extra=raises(),
)
def determination_changes(
    caller: CallerDep,
    engine: EngineDep,
    response: Response,
    after: Annotated[
        int, Query(ge=0, le=BIGINT_MAX, description="The cursor of the last page; 0 at first")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ChangePage:
    """Each case the caller may read that changed after the cursor `after`, oldest change
    first, once, at its latest state (a closed case with its final status). Keep the answer's
    `next_after` and send it as `after` next time: a nightly MIS sync reads only what changed;
    an empty page keeps it. (`cursor`, the same value, is deprecated.)"""
    with engine.connect() as conn:
        items = changes(conn, scope_of(caller), after=after, limit=limit, today=today_in_wales())
    return ChangePage.after(items, after, response)


@router.get(
    "/statistics/local-authorities/{local_authority}",
    summary="Decisions within time and average days to decision for an LA",
    openapi_extra=raises(refusals=SCOPE_REFUSAL),
)
def la_statistics(
    caller: CallerDep,
    engine: EngineDep,
    local_authority: LocalAuthorityPath,
    response: Response,
) -> LaStatistics:
    """Of the learners the LA is responsible for or looks after: decisions made, how many
    within the statutory time, the average days from the concern to the decision, how many
    were given to the family (`decisions_given`) and how many of those by the due date (the
    duty met, s.4(6): `decisions_given_within_time`), and the cases still open; the decisions
    by month decided (`by_month`) and by outcome (`by_outcome`: `has_aln`, `no_aln`), each with
    how many were within time as the decision judged it. Only the LA itself and the auditors
    of its jurisdiction may read its statistics; another body is refused (403)."""
    number = la_number(answer_la(local_authority, response))
    access.require_may_see_statistics(caller, number)
    with engine.connect() as conn:
        return LaStatistics.model_validate(statistics(conn, number))
