"""What every service's API shares at its edge: organisation ids, the caller, and If-Match."""

import re
from typing import Annotated

from fastapi import Header, Request
from pydantic import Field

from llwybr.principal import Principal
from llwybr.problems import ProblemError

ORGANISATION = r"^(school|fei|la|lhb|nhs|tribunal|auditor|system):[A-Za-z0-9_.-]{1,40}$"
Organisation = Annotated[str, Field(pattern=ORGANISATION, examples=["school:6652001"])]

IfMatch = Annotated[
    str | None, Header(description='The version from the ETag, e.g. "3"; a stale one gives 412')
]

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
