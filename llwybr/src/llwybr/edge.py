"""What every service's API shares at its edge: organisation ids, the caller, If-Match, the
base request model, command answers, problem response tables and typed dependencies."""

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import Depends, Header, Request, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from llwybr.clock import long_date
from llwybr.in_force import WALES
from llwybr.principal import Principal
from llwybr.problems import COMMON_RESPONSES, PROBLEM_JSON, Problem, ProblemError

A = TypeVar("A")

ORGANISATION = r"^(school|fei|la|lhb|nhs|tribunal|auditor|system):[A-Za-z0-9_.-]{1,40}$"
Organisation = Annotated[str, Field(pattern=ORGANISATION, examples=["school:6652001"])]

IfMatch = Annotated[
    str | None, Header(description='The version from the ETag, e.g. "3"; a stale one gives 412')
]


def today_in_wales() -> date:
    """Today's date in Wales (Europe/London), whatever the server's own time zone."""
    return datetime.now(WALES).date()


def _not_after_today(value: date, info: ValidationInfo) -> date:
    today = today_in_wales()
    if value > today:
        raise PydanticCustomError(
            "date_after_today",
            "{field} records something done, so it cannot be after today ({today} in Wales)",
            {"field": info.field_name or "this date", "today": long_date(today)},
        )
    return value


#: The date something *was done* (issued, decided, given, delivered, held, lodged, recorded):
#: never after today in Wales. Planned dates (a hearing, a date due) are plain ``date``.
#: Validation only: the JSON schema is a plain date's.
ActDate = Annotated[date, AfterValidator(_not_after_today)]

_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')


def principal_of(request: Request) -> Principal:
    """The caller the gateway vouched for (set by the service's request middleware)."""
    principal: Principal = request.state.principal
    return principal


def expected_version(if_match: str | None) -> int | None:
    """The aggregate version an ``If-Match`` header names (None: any version)."""
    if if_match is None or if_match.strip() == "*":
        return None
    match = _IF_MATCH.match(if_match)
    if match is None:
        raise ProblemError(400, "Bad Request", f"If-Match must be a version ETag, not {if_match!r}")
    return int(match.group(1))


class Model(BaseModel):
    """Base of every request model: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# The answer to a command: the aggregate and its new version (also the ``ETag``). A comment,
# not a docstring: a docstring would become the model's description in the public OpenAPI
# document, which the services' own ``Accepted`` never had.
class Accepted(BaseModel):
    id: UUID
    version: int


def accepted(response: Response, aggregate_id: UUID, version: int) -> Accepted:
    """The command's answer, with its version as the ``ETag``."""
    response.headers["ETag"] = f'"{version}"'
    return Accepted(id=aggregate_id, version=version)


def created(response: Response, location: str, aggregate_id: UUID, version: int) -> Accepted:
    """A new aggregate's answer: ``accepted`` with its ``Location``."""
    response.headers["Location"] = location
    return accepted(response, aggregate_id, version)


def responses(**descriptions: str) -> dict[int | str, dict[str, Any]]:
    """The problem responses a router documents: the common ones plus, by status, what each
    of ``s400``, ``s403``, ... means for this resource."""
    table: dict[int | str, dict[str, Any]] = dict(COMMON_RESPONSES)
    for key, description in descriptions.items():
        table[int(key.removeprefix("s"))] = {
            "model": Problem,
            "content": {PROBLEM_JSON: {}},
            "description": description,
        }
    return table


#: The caller, as a typed dependency.
CallerDep = Annotated[Principal, Depends(principal_of)]


def application_of(kind: type[A]) -> Callable[[Request], A]:
    """A FastAPI dependency giving the service's Application as ``kind`` (set at start-up)."""

    def dependency(request: Request) -> A:
        found: object = request.app.state.application
        if not isinstance(found, kind):
            raise TypeError(f"the application is {type(found).__name__}, not {kind.__name__}")
        return found

    return dependency
