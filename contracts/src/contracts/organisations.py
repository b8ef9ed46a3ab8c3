"""One form of an organisation's id in every contract and answer: ``la:665`` (issue 20).

An organisation is named by its kind and its number: ``la:665`` a local authority,
``school:6652001`` a maintained school, ``fei:10001234`` a further education institution.
Version 1 of a few determination events named the LA by its bare number (``665``); they are
read through ``la_id`` (their upcast) and never rewritten. This module owns the form: the
services and the gateway read it from here, never spell it again.
"""

import re
from typing import Annotated, Any

from pydantic import Field

LA_PREFIX = "la:"
#: A local authority: ``la:`` and its three-digit number.
LA_ID = r"^la:\d{3}$"
_BARE_LA = re.compile(r"^\d{3}$")


def is_bare_la(value: Any) -> bool:
    """Whether ``value`` is an LA named by its bare number (``665``), the deprecated form."""
    return isinstance(value, str) and _BARE_LA.match(value) is not None


def la_id(value: Any) -> Any:
    """``la:665`` for ``665`` or ``la:665``; anything else unchanged, for a pattern to refuse."""
    return f"{LA_PREFIX}{value}" if is_bare_la(value) else value


def la_number(organisation: str) -> str:
    """``665`` for ``la:665``: the form version 1 of the determination events recorded."""
    return organisation.removeprefix(LA_PREFIX)


#: An event's local authority, in its one form.
LocalAuthority = Annotated[
    str,
    Field(
        pattern=LA_ID,
        examples=["la:665"],
        description="The local authority's id, `la:` and its number",
    ),
]
