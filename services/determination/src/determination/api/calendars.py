"""Term calendars: set or corrected (JSON, or iCalendar as LAs publish them), which
recalculates the deadlines of open cases that count on them."""

from typing import Annotated, Any
from uuid import UUID

import anyio
from fastapi import APIRouter, Path, Query, Request

from determination.api.dependencies import EngineDep, ServiceDep
from determination.api.errors import SCOPE_REFUSAL
from determination.api.schemas import CalendarIn, CalendarOut
from determination.projections import open_cases_counting_on
from llwybr.access import not_found
from llwybr.clock import InvalidCalendarError, TermCalendar, calendar_from_ical
from llwybr.edge import ORGANISATION, CallerDep, Line
from llwybr.problem_types import raises
from llwybr.problems import ProblemError

router = APIRouter(tags=["calendars"])

CALENDAR_ID = r"^(la|school|fei):[0-9A-Za-z]{1,20}$"

#: The calendar formats accepted, by content type, and the source each is recorded as.
SOURCES = {"text/calendar": "ical", "application/json": "json"}


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema with its local ``$defs`` written in place (OpenAPI cannot resolve them)."""
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(definitions[ref.removeprefix("#/$defs/")])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


@router.put(
    "/calendars/{calendar_id}",
    summary="Set or correct a term calendar (JSON, or text/calendar as LAs publish it)",
    openapi_extra={
        **raises(
            InvalidCalendarError,
            refusals=SCOPE_REFUSAL,
            problems={
                415: {"unsupported-media-type": "Send application/json or text/calendar."},
                422: {"validation": "The calendar is not valid; nothing was changed."},
            },
        ),
        "requestBody": {
            "content": {
                "application/json": {"schema": inline_refs(CalendarIn.model_json_schema())},
                "text/calendar": {"schema": {"type": "string"}},
            },
            "required": True,
        },
    },
)
async def set_calendar(
    calendar_id: Annotated[str, Path(pattern=CALENDAR_ID)],
    request: Request,
    caller: CallerDep,
    app: ServiceDep,
    engine: EngineDep,
    set_by: Annotated[str, Query(pattern=ORGANISATION)],
    name: Annotated[Line | None, Query(max_length=200)] = None,
) -> CalendarOut:
    """Sets or corrects a setting's or an LA's term calendar, as JSON or as the iCalendar file
    the LA publishes; the deadlines counted in school days stop being `provisional` once their
    calendar is known, and the open cases' deadlines it moves are recalculated. Only a body
    that may manage the calendar may (`set_by` its own organisation), else 403."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    source = SOURCES.get(content_type)
    raw = await request.body()

    def build(version: int) -> TermCalendar:
        """The calendar the request body states, at the version it will be."""
        if source == "ical":
            return calendar_from_ical(
                raw, calendar_id=calendar_id, name=name or calendar_id, version=version
            )
        if source == "json":
            try:
                body = CalendarIn.model_validate_json(raw)
            except ValueError as error:
                raise ProblemError(
                    422, "Request validation failed", str(error), kind="validation"
                ) from None
            return TermCalendar(
                id=calendar_id,
                name=body.name,
                version=version,
                terms=tuple(body.terms),
                closures=frozenset(body.closures),
            )
        raise ProblemError(415, "Unsupported Media Type", "send application/json or text/calendar")

    def set_and_recalculate() -> CalendarOut:
        saved = app.set_calendar(caller, calendar_id, build, set_by=set_by, source=source or "")
        with engine.connect() as conn:
            candidates = [UUID(c) for c in open_cases_counting_on(conn, calendar_id)]
        return CalendarOut.of(saved, app.recalculate_for_calendar(calendar_id, candidates))

    return await anyio.to_thread.run_sync(set_and_recalculate)


@router.get("/calendars/{calendar_id}", summary="A term calendar", openapi_extra=raises())
def get_calendar(
    calendar_id: Annotated[str, Path(pattern=CALENDAR_ID)], app: ServiceDep
) -> CalendarOut:
    """A term calendar as last set: its terms and closure days, from which the determination
    service counts school days in the deadlines it publishes, with its `version`. A 404
    `not-found` means none is set under that id."""
    calendar = app.calendar(calendar_id)
    if calendar is None:
        raise not_found()
    return CalendarOut.of(calendar, [])
