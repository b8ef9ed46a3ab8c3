"""The operator's view of a service's dead letters (ADR 0002, issue #21).

``GET /operations/dead-letters`` lists them newest first (``before`` an id continues a page);
``POST /operations/dead-letters/{id}/replay`` applies one again after its handler was fixed,
once. Both need a system principal with the operator scope, which no API client is given:
the gateway does not route here, and an operator reaches a service's own port (the routes are
not in any OpenAPI document).
"""

import asyncio
import logging
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam

from llwybr import dead_letters
from llwybr.consumer import TRANSIENT, NotReplayableError, TrackedConsumer
from llwybr.principal import Principal
from llwybr.problems import ProblemError

log = logging.getLogger(__name__)


#: The scope an operator's principal needs for a service's dead letters. No client of the
#: public API is given it: the gateway does not route here; an operator reaches a service's
#: own port with a principal signed with the internal secret (ADR 0002).
OPERATOR_SCOPE = "operations:dead-letters"


def _require_operator(request: Request) -> Principal:
    principal: Principal = request.state.principal
    if principal.kind != "system" or OPERATOR_SCOPE not in principal.scopes:
        raise ProblemError(
            403, "Forbidden", f"dead letters need a system principal with {OPERATOR_SCOPE}",
            kind="not-operator",
        )  # fmt: skip
    return principal


def dead_letter_routes(router: APIRouter) -> None:
    """``GET /operations/dead-letters`` (newest first, paged by ``before``) and
    ``POST /operations/dead-letters/{id}/replay`` (apply it again after a fix, once)."""

    @router.get("/operations/dead-letters", include_in_schema=False)
    async def list_dead_letters(
        request: Request,
        consumer: Annotated[str | None, Query(max_length=200)] = None,
        before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> dict[str, Any]:
        _require_operator(request)
        engine: sa.Engine = request.app.state.engine
        items = await asyncio.to_thread(
            dead_letters.page, engine, consumer=consumer, before=before, limit=limit
        )
        more = len(items) == limit
        return {"items": items, "next_before": items[-1]["id"] if more and items else None}

    @router.post("/operations/dead-letters/{letter_id}/replay", include_in_schema=False)
    async def replay_dead_letter(
        request: Request, letter_id: Annotated[int, PathParam(ge=1, le=2**63 - 1)]
    ) -> dict[str, Any]:
        principal = _require_operator(request)
        engine: sa.Engine = request.app.state.engine
        row = await asyncio.to_thread(dead_letters.get, engine, letter_id)
        consumers: list[TrackedConsumer] = request.app.state.consumers
        consumer = next((c for c in consumers if row is not None and c.name == row.consumer), None)
        if row is None or consumer is None:
            raise ProblemError(404, "Not Found", f"no dead letter {letter_id}", kind="not-found")
        try:
            event_id, outcome = await asyncio.to_thread(
                consumer.replay, letter_id, f"operator:{principal.subject}"
            )
        except NotReplayableError as error:
            raise ProblemError(409, "Conflict", str(error), kind="not-replayable") from error
        except TRANSIENT:
            raise  # the store is away: the usual 503
        except Exception as error:
            # The handler still fails: the letter stays as it was, to be replayed after a fix.
            log.warning("replay of dead letter %d failed: %r", letter_id, error)
            detail = f"the handler still fails: {error!r}"
            raise ProblemError(409, "Conflict", detail, kind="replay-failed") from error
        return {"id": letter_id, "event_id": event_id, "outcome": outcome}
