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

#: The extension at the document's top level: {status: {kind: what it means}}.
PROBLEM_TYPES = "x-problem-types"


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
    app: FastAPI, error_statuses: Mapping[type[Exception], tuple[int, str]]
) -> None:
    """Add the service's problem types to the OpenAPI document ``app`` serves."""
    table = problem_types(error_statuses)
    build = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        document.setdefault(PROBLEM_TYPES, table)
        return document

    app.openapi = openapi  # type: ignore[method-assign]
