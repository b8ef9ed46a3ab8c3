"""Unknown query parameters are refused, never ignored (issue 20).

An MIS that asks ``GET /v1/determinations?learner_id=X`` and gets every case of its caller
back (the parameter silently dropped) acts on the wrong child when it takes the first item.
``refuse_unknown_query`` is an app-wide dependency: any query parameter the route does not
declare answers 400 problem+json of type ``unknown-query-parameter``, naming the unknown
parameters and those the route allows, before the route runs.
"""

from typing import Any, get_args

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel

from llwybr.problems import ProblemError

KIND = "unknown-query-parameter"


async def refuse_unknown_query(request: Request) -> None:
    """400 if the request carries a query parameter its route does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    allowed = allowed_query(route)
    unknown = sorted(set(request.query_params.keys()) - allowed)
    if unknown:
        raise ProblemError(
            400,
            "Unknown query parameter",
            f"This operation does not take {', '.join(unknown)}; it takes "
            f"{', '.join(sorted(allowed)) or 'no query parameters'}.",
            kind=KIND,
            unknown=unknown,
            allowed=sorted(allowed),
        )


def allowed_query(route: APIRoute) -> frozenset[str]:
    """The query parameters ``route`` declares (with those of its dependencies), by the
    names a client sends (aliases; each field of a query model). A few fields: computed on
    each request rather than cached (routes are not hashable)."""
    names: set[str] = set()
    dependants: list[Dependant] = [route.dependant]
    while dependants:
        dependant = dependants.pop()
        dependants.extend(dependant.dependencies)
        for field in dependant.query_params:
            model = _model(field.field_info.annotation)
            if model is None:
                names.add(field.alias)
            else:
                names.update(f.alias or name for name, f in model.model_fields.items())
    return frozenset(names)


def _model(annotation: Any) -> type[BaseModel] | None:
    """The model of a query model parameter (``Annotated[Filters, Query()]``, optional too)."""
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None
