"""One form of an organisation's id in every contract and answer (issue 20).

An organisation is named by its kind and its number: ``la:665`` a local authority,
``school:6652001`` a maintained school, ``fei:10001234`` a further education institution.
Version 1 of a few determination events named the LA by its bare number (``665``); they are
read through ``la_id`` (their upcast) and never rewritten; the learner's school or FEI was a
bare ``setting_id`` in the determination service's stored learners, read through
``setting_id``. This module owns the form: the services and the gateway read it from here,
never spell it again.
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


SCHOOL_PREFIX = "school:"
FEI_PREFIX = "fei:"
#: A school or FEI (a "setting"): its kind and its establishment number, ``school:6652001``.
SETTING_ID = r"^(school|fei):[0-9A-Za-z]{1,20}$"
_BARE_SETTING = re.compile(r"^[0-9A-Za-z]{1,20}$")


def is_bare_setting(value: Any) -> bool:
    """Whether ``value`` is a school or FEI named by its bare number (``6652001``), the form
    the learner's ``setting_id`` took before issue 20 (deprecated)."""
    return isinstance(value, str) and _BARE_SETTING.match(value) is not None


def setting_id(number: str, *, further_education: bool) -> str:
    """``school:6652001`` (or ``fei:10001234`` for a further education institution) for an
    establishment number; the one place the form is spelt. An id already in the form is kept."""
    if not is_bare_setting(number):
        return number
    return f"{FEI_PREFIX if further_education else SCHOOL_PREFIX}{number}"


def setting_number(setting: str) -> str:
    """``6652001`` for ``school:6652001`` (or ``fei:...``): the form the learner's stored
    events recorded, never rewritten."""
    return setting.partition(":")[2] if not is_bare_setting(setting) else setting


#: An event's school or FEI, in its one form.
SettingId = Annotated[
    str,
    Field(
        pattern=SETTING_ID,
        examples=["school:6652001"],
        description="The school's or FEI's id, its kind and its number (`school:6652001`, "
        "`fei:10001234`)",
    ),
]
