"""``/v1/reminders``: the statutory deadlines watched, with their reminders and missed alerts."""

from typing import Annotated, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Query

from llwybr.access import Capability
from llwybr.edge import CallerDep, Line
from llwybr.problem_types import raises
from notifications.dependencies import EngineDep
from notifications.notices import access
from notifications.notices.api.schemas import RESPONSES, WatchedDeadline, WatchedDeadlinePage
from notifications.tables import watched_deadlines

router = APIRouter(tags=["notices"], responses=RESPONSES)


@router.get(
    "/v1/reminders",
    summary="Statutory deadlines watched: reminders and missed alerts",
    openapi_extra=raises(),
)
def list_reminders(
    principal: CallerDep,
    engine: EngineDep,
    status: Literal["open", "met", "cancelled"] | None = None,
    learner_id: Annotated[Line | None, Query(max_length=64)] = None,
    missed: Annotated[bool, Query(description="Only deadlines alerted as missed")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[Line | None, Query(max_length=36)] = None,
) -> WatchedDeadlinePage:
    """The deadlines of the learners the caller may read (``Capability.READ``, the one access
    policy on the learner's relations, as the notices list); an auditor those of its
    jurisdiction. Each deadline is shown with who must act (`responsible`),
    its `due_on` and `remind_on`, its `status` (`open`, `met`, `cancelled`), and when a
    reminder or a missed alert was sent for it, with the notice that carried it."""
    d = watched_deadlines
    query = sa.select(d).order_by(d.c.deadline_id).limit(limit)
    query = query.where(access.visible(principal, Capability.READ, d.c.learner_id))
    if status is not None:
        query = query.where(d.c.status == status)
    if learner_id is not None:
        query = query.where(d.c.learner_id == learner_id)
    if missed:
        query = query.where(d.c.alerted_at.is_not(None))
    if after is not None:
        query = query.where(d.c.deadline_id > after)
    with engine.connect() as conn:
        items = [WatchedDeadline.model_validate(dict(r._mapping)) for r in conn.execute(query)]
    return WatchedDeadlinePage(
        items=items, next_after=items[-1].deadline_id if len(items) == limit else None
    )
