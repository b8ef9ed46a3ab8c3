"""What every service's API shares at its edge: organisation ids, the caller, If-Match, the
base request model, command answers, problem response tables and typed dependencies."""

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import Depends, Header, Request, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator
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

#: The largest integer PostgreSQL's ``bigint`` and SQLite's ``INTEGER`` hold: every integer a
#: request carries (cursor, version, page) is at most this, or the database raises (a 500).
BIGINT_MAX = 2**63 - 1

# Characters refused in every text a request carries: C0 controls other than tab, line feed
# and carriage return, DEL, C1 controls, and the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069) that make a notice read other than it is stored.
_UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A one-line text (a name, a reference) refuses tab, line feed and carriage return too.
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _refuse(pattern: re.Pattern[str], kind: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        found = pattern.search(value)
        if found is not None:
            raise PydanticCustomError(
                "unsafe_character",
                "{kind} must not contain control or bidirectional-override characters "
                "(found U+{code} at {at})",
                {"kind": kind, "code": f"{ord(found.group()):04X}", "at": found.start()},
            )
        return value

    return check


check_text = _refuse(_UNSAFE_IN_TEXT, "text")
check_line = _refuse(_UNSAFE_IN_LINE, "a one-line text")

#: Free text (reasons, summaries, notes): tab and line breaks allowed, no other control or
#: bidirectional-override character. Services add their own length: ``Annotated[FreeText,
#: Field(max_length=...)]``.
FreeText = Annotated[str, AfterValidator(check_text)]
#: One line (a name, a reference, a description): no control character at all.
Line = Annotated[str, AfterValidator(check_line)]


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
    version = int(match.group(1))
    if version > BIGINT_MAX:
        raise ProblemError(400, "Bad Request", f"If-Match names no version: {if_match!r}")
    return version


def _safe_strings(value: Any) -> Any:
    """``value`` with every string in it (in lists and mappings too) checked as free text."""
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _safe_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _safe_strings(key)
            _safe_strings(item)
    return value


class Model(BaseModel):
    """Base of every request model: unknown fields are refused, text is stripped, and no
    string anywhere in it holds a control or bidirectional-override character (``FreeText``;
    a field typed ``Line`` refuses line breaks and tabs as well)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_unsafe_characters(cls, value: Any) -> Any:
        return _safe_strings(value)


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
