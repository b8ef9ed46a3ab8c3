"""One form of an organisation's id everywhere in the public API: ``la:665``,
``school:6652001``, ``fei:10001234`` (issue 20).

The register (``llwybr.organisations``) and every principal name an LA ``la:665``; a few paths,
a query and the learner's fields took the bare number (``665``). Those still accept it for a
deprecation period, answer the ``la:`` form, and say so in a ``Deprecation`` header (RFC 9745),
as the feeds' ``cursor`` does (``llwybr.change_feed``). Stored events keep what they recorded
(bare numbers in the determination service's learners): they are never rewritten, only read.
A learner's school or FEI (``setting_id``) was a bare establishment number: the same holds.
The form itself is the contracts' (``contracts.organisations``); this module adds the HTTP side.
"""

from typing import Annotated, Any, ClassVar, Self

from fastapi import Path, Query, Response
from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    model_validator,
)

from contracts.organisations import (
    LA_ID,
    SETTING_ID,
    is_bare_la,
    is_bare_setting,
    la_id,
    la_number,
    setting_id,
    setting_number,
)
from llwybr.change_feed import DEPRECATION_HEADER

__all__ = [
    "LA_ID",
    "SETTING_DESCRIPTION",
    "SETTING_ID",
    "LocalAuthorityId",
    "LocalAuthorityPath",
    "LocalAuthorityQuery",
    "NotesBareLa",
    "SettingId",
    "SettingIdOrBare",
    "answer_la",
    "deprecate_bare_la",
    "is_bare_la",
    "la_id",
    "la_number",
    "setting_id",
    "setting_number",
]

#: When the bare LA number was deprecated (2026-12-07, as a structured date: RFC 9745).
BARE_LA_DEPRECATED_AT = "@1796601600"

# What a path or query accepts during the deprecation period: ``la:665`` or ``665``.
_LA_ID_OR_BARE = r"^(la:)?\d{3}$"
_DESCRIPTION = "The local authority's id, `la:` and its number (`la:665`)"
_BARE_DEPRECATED = (
    " (the bare number `665` is deprecated: the `Deprecation` header says since when)"
)


def deprecate_bare_la(response: Response) -> None:
    """Mark ``response`` as answering a request that named an LA by its bare number."""
    response.headers[DEPRECATION_HEADER] = BARE_LA_DEPRECATED_AT


def answer_la(value: str, response: Response) -> str:
    """The ``la:`` form of a path's or query's LA, marking ``response`` if it was bare."""
    if is_bare_la(value):
        deprecate_bare_la(response)
    return str(la_id(value))


#: A request body's LA: ``la:665`` (the bare number still accepted, and made ``la:665``).
LocalAuthorityId = Annotated[
    str,
    BeforeValidator(la_id),
    Field(pattern=LA_ID, examples=["la:665"], description=_DESCRIPTION + _BARE_DEPRECATED),
]
#: A path's LA: ``la:665`` or, deprecated, ``665``; read it through ``answer_la``.
LocalAuthorityPath = Annotated[
    str,
    Path(pattern=_LA_ID_OR_BARE, examples=["la:665"], description=_DESCRIPTION + _BARE_DEPRECATED),
]
#: A query's LA, as a path's.
LocalAuthorityQuery = Annotated[
    str | None,
    Query(pattern=_LA_ID_OR_BARE, examples=["la:665"], description=_DESCRIPTION + _BARE_DEPRECATED),
]


SETTING_DESCRIPTION = (
    "The school's or FEI's id, its kind and its establishment number (`school:6652001`, "
    "`fei:10001234`)"
)
#: A request body's school or FEI, in its one form (no bare number: none was ever taken here).
SettingId = Annotated[
    str, Field(pattern=SETTING_ID, examples=["school:6652001"], description=SETTING_DESCRIPTION)
]
#: A request body's school or FEI: ``school:6652001`` / ``fei:10001234``; during the deprecation
#: period the bare number too, which the body makes whole from its kind (``NotesBareLa``).
SettingIdOrBare = Annotated[
    str,
    Field(
        pattern=r"^((school|fei):)?[0-9A-Za-z]{1,20}$",
        examples=["school:6652001"],
        description=SETTING_DESCRIPTION + " (the bare number is deprecated: the `Deprecation` "
        "header says since when)",
    ),
]


class NotesBareLa(BaseModel):
    """A request body whose LA fields (``bare_la_fields``) or school or FEI fields
    (``bare_setting_fields``) may still carry the bare number: it notes that they did, for
    the route to answer with ``Deprecation`` (``deprecate_if_bare``)."""

    bare_la_fields: ClassVar[tuple[str, ...]] = ()
    bare_setting_fields: ClassVar[tuple[str, ...]] = ()
    _named_by_number: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _note_bare_numbers(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        model = handler(data)
        if isinstance(data, dict) and (
            any(is_bare_la(data.get(k)) for k in cls.bare_la_fields)
            or any(is_bare_setting(data.get(k)) for k in cls.bare_setting_fields)
        ):
            model._named_by_number = True
        return model

    def deprecate_if_bare(self, response: Response) -> None:
        """Mark ``response`` if this body named an LA by its bare number."""
        if self._named_by_number:
            deprecate_bare_la(response)
