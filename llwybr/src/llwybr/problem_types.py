"""The problem types (``kind``s) a service answers, published in its own OpenAPI document
(issue 20): the service owns its error table, so the gateway reads the kinds from there (in
either mode) and gives each operation's problem answers an example of every type, never a
list of its own.
"""

import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI

from llwybr.problems import GENERIC_DETAILS

#: The extension at the document's top level: {status: {kind: what it means}}; on an
#: operation that declared what it raises (``raises``), that operation's own.
PROBLEM_TYPES = "x-problem-types"
#: A route's declaration (``openapi_extra``) of the errors it raises, by name in ``_DECLARED``.
_RAISES = "x-raises"
#: The error classes routes declared, by ``module:qualname`` (``openapi_extra`` is JSON).
_DECLARED: dict[str, type[Exception]] = {}


def raises(
    *errors: type[Exception],
    refusals: Mapping[str, str] | None = None,
    problems: Mapping[int, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """A route's ``openapi_extra``: the domain errors it can raise (their statuses and kinds
    are the service's error table's), the access refusals it can answer (403 ``kind``: what
    it means) and the problems the route answers itself, outside the table (``{status:
    {kind: meaning}}``, e.g. a refused upload). Its OpenAPI then lists only these problem
    types, besides the generic ones."""
    names = []
    for error in errors:
        name = f"{error.__module__}:{error.__qualname__}"
        _DECLARED[name] = error
        names.append(name)
    own = {str(status): dict(kinds) for status, kinds in (problems or {}).items()}
    return {_RAISES: {"errors": names, "refusals": dict(refusals or {}), "problems": own}}


def _own_problem_types(
    declared: Mapping[str, Any], error_statuses: Mapping[type[Exception], tuple[int, str]]
) -> dict[str, dict[str, str]]:
    """An operation's problem types from what it declared: each error by the first class of
    its MRO the table maps (as the handler finds it), then its refusals."""
    table: dict[str, dict[str, str]] = {}
    for name in declared["errors"]:
        error = _DECLARED[name]
        mapped = next(c for c in error.__mro__ if c in error_statuses)
        status, kind = error_statuses[mapped]
        meaning = GENERIC_DETAILS.get(kind) or _first_sentence(error.__doc__ or kind)
        table.setdefault(str(status), {}).setdefault(kind, meaning)
    for kind, meaning in declared["refusals"].items():
        table.setdefault("403", {}).setdefault(kind, meaning)
    for status, kinds in declared.get("problems", {}).items():
        for kind, meaning in kinds.items():
            table.setdefault(status, {}).setdefault(kind, meaning)
    return {status: dict(sorted(kinds.items())) for status, kinds in sorted(table.items())}


def problem_types(
    error_statuses: Mapping[type[Exception], tuple[int, str]],
) -> dict[str, dict[str, str]]:
    """Each status's kinds with what each means: the generic detail the handler answers, else
    the first sentence of the first error's docstring that maps to it."""
    table: dict[str, dict[str, str]] = {}
    for error, (status, kind) in error_statuses.items():
        kinds = table.setdefault(str(status), {})
        if kind not in kinds:
            kinds[kind] = GENERIC_DETAILS.get(kind) or _first_sentence(error.__doc__ or kind)
    return {status: dict(sorted(kinds.items())) for status, kinds in sorted(table.items())}


#: What a service's base error means to a client (its docstring speaks to the code).
_BASE = "The request breaks a rule of the case; the detail names it."


def _first_sentence(text: str) -> str:
    """The first sentence ("e.g. a parent" does not end one), or ``_BASE`` for a base class."""
    flat = " ".join(text.split())
    if flat.startswith("Base "):
        return _BASE
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", flat, maxsplit=1)[0]


def publish_problem_types(
    app: FastAPI,
    error_statuses: Mapping[type[Exception], tuple[int, str]],
    common: Mapping[type[Exception], tuple[int, str]] | None = None,
) -> None:
    """Add the service's problem types to the OpenAPI document ``app`` serves, and to each
    operation that declared what it raises (``raises``) its own, with the ``common`` errors
    any route may meet (a stale version, a concurrent change, the statutory clock)."""
    table = problem_types(error_statuses)
    build = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        document.setdefault(PROBLEM_TYPES, table)
        declare_operations(document, error_statuses, common)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def declare_operations(
    document: dict[str, Any],
    error_statuses: Mapping[type[Exception], tuple[int, str]],
    common: Mapping[type[Exception], tuple[int, str]] | None = None,
) -> None:
    """Give each operation of ``document`` that declared what it raises (``raises``) its
    own ``x-problem-types``, with the ``common`` errors (a read: none of 409/412). The
    gateway calls it on its own routes' document, whose problems the routes answer
    themselves (``raises(problems=...)``, no error table)."""
    common = common or {}
    always = raises(*common)[_RAISES]["errors"]
    # A read meets no version or write conflict (412, 409).
    on_read = raises(*(e for e, (status, _) in common.items() if status not in (409, 412)))
    for item in document.get("paths", {}).values():
        for method, operation in item.items():
            declared = operation.pop(_RAISES, None) if isinstance(operation, dict) else None
            if declared is not None:
                also = on_read[_RAISES]["errors"] if method == "get" else always
                declared = {**declared, "errors": [*declared["errors"], *also]}
                operation[PROBLEM_TYPES] = _own_problem_types(declared, error_statuses)
