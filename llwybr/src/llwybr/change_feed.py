"""One page of a change feed (``GET /v1/<resource>-changes``), named as every list is.

Lists and feeds both answer ``next_after``, passed back as ``after`` (issue 20). Feeds used to
answer ``cursor``: it is still sent, with the same value, and the answer says so in a
``Deprecation`` header (RFC 9745) until clients have moved (see CHANGELOG).
"""

from typing import Any, Self

from fastapi import Response
from pydantic import BaseModel, Field

#: RFC 9745's header, and when ``cursor`` was deprecated (2026-12-07, as a structured date).
DEPRECATION_HEADER = "Deprecation"
CURSOR_DEPRECATED_AT = "@1796601600"


class ChangeFeedPage(BaseModel):
    """Items changed after a position, oldest change first; each service names its own."""

    items: list[dict[str, Any]]
    next_after: int = Field(description="Pass as `after` next time; unchanged when nothing changed")
    cursor: int = Field(
        deprecated=True,
        description="The same as `next_after`: deprecated (the `Deprecation` header says "
        "since when); read `next_after`",
    )

    @classmethod
    def after(cls, items: list[dict[str, Any]], after: int, response: Response) -> Self:
        """The page of ``items`` (each with its ``changed_at_position``) read after the
        position ``after``; an empty page keeps it. Marks ``response`` as carrying the
        deprecated ``cursor``."""
        position = items[-1]["changed_at_position"] if items else after
        response.headers[DEPRECATION_HEADER] = CURSOR_DEPRECATED_AT
        return cls(items=items, next_after=position, cursor=position)
