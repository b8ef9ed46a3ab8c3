"""A service's history for auditors: the recorded events of an aggregate or a learner, with
versions, times, acting principals and integrity hashes, and state rebuilt by replay (as of a
version or a recorded time), plus the integrity check of the whole store.

Reached only by the gateway's audit API (scope ``audit:read``); a caller that is not an
auditor or the system administrator is refused.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Annotated, Any
from uuid import UUID

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi.encoders import jsonable_encoder

from llwybr.eventstore import INTEGRITY_KEY, META_KEY, ChainedApplication, RecordedEvent
from llwybr.principal import Principal
from llwybr.problems import ProblemError

#: A service's index from a learner to the aggregates about them (from its read models).
LearnerIndex = Callable[[sa.Connection, str], Sequence[str]]

#: Attributes of the library's aggregates that are bookkeeping, not the case's state.
_PRIVATE = ("_pending_events",)


def _require_auditor(request: Request) -> Principal:
    principal: Principal = request.state.principal
    if principal.kind not in {"auditor", "system"}:
        raise ProblemError(403, "Forbidden", "history is for auditors", kind="not-auditor")
    return principal


def event_record(service: str, recorded: RecordedEvent) -> dict[str, Any]:
    """One event as evidence: what, when recorded, by whom, and its place in the chain."""
    state = {
        k: v
        for k, v in vars(recorded.event).items()
        if k not in {"originator_id", "originator_version", "timestamp", INTEGRITY_KEY, META_KEY}
    }
    return {
        "service": service,
        "aggregate_id": str(recorded.originator_id),
        "version": recorded.originator_version,
        "event": type(recorded.event).__name__,
        "topic": recorded.topic,
        "recorded_at": recorded.timestamp,
        "actor": recorded.meta.get("actor"),
        "correlation_id": recorded.meta.get("correlation_id"),
        "causation_id": recorded.meta.get("causation_id"),
        "integrity_hash": recorded.integrity_hash,
        "previous_hash": recorded.previous_hash,
        "data": jsonable_encoder(state),
    }


def state_of(aggregate: Any) -> dict[str, Any]:
    """An aggregate's state as JSON (for the state of a case as of a moment)."""
    data = {k: v for k, v in vars(aggregate).items() if k not in _PRIVATE}
    encoded: dict[str, Any] = jsonable_encoder(data)
    return encoded


def history_router(service: str, learner_index: LearnerIndex | None) -> APIRouter:
    router = APIRouter(prefix="/internal/history", tags=["history"], include_in_schema=False)

    def application(request: Request) -> ChainedApplication:
        app: ChainedApplication = request.app.state.application
        return app

    @router.get("/aggregates/{aggregate_id}")
    def aggregate_history(
        aggregate_id: UUID,
        request: Request,
        as_of_version: Annotated[int | None, Query(ge=1)] = None,
        as_of_recorded: dt.datetime | None = None,
    ) -> dict[str, Any]:
        """Its events, and its state as of a version or a recorded time (by replay)."""
        _require_auditor(request)
        app = application(request)
        events = list(app.recorded_events(aggregate_id))
        if not events:
            raise ProblemError(404, "Not Found", f"no aggregate {aggregate_id}", kind="not-found")
        version = as_of_version or events[-1].originator_version
        if as_of_recorded is not None:
            moment = (
                as_of_recorded if as_of_recorded.tzinfo else as_of_recorded.replace(tzinfo=dt.UTC)
            )
            known = [e.originator_version for e in events if e.timestamp <= moment]
            if not known:
                return {"events": [], "version": 0, "state": None}
            version = min(version, known[-1])
        state = state_of(app.repository.get(aggregate_id, version=version))
        return {
            "events": [event_record(service, e) for e in events if e.originator_version <= version],
            "version": version,
            "state": state,
        }

    @router.get("/learners/{learner_id}")
    def learner_history(learner_id: str, request: Request) -> dict[str, Any]:
        """Every event of every aggregate about a learner in this service."""
        _require_auditor(request)
        if learner_index is None:
            return {"events": []}
        app = application(request)
        with request.app.state.engine.connect() as conn:
            aggregates = learner_index(conn, learner_id)
        events = [
            event_record(service, e) for a in aggregates for e in app.recorded_events(UUID(a))
        ]
        return {"events": events}

    @router.get("/verify")
    def verify(request: Request, aggregate_id: UUID | None = None) -> dict[str, Any]:
        """Recompute one aggregate's chain, or every chain in this service's store."""
        _require_auditor(request)
        app = application(request)
        result = app.verify(aggregate_id) if aggregate_id else app.verify_all()
        return {
            "service": service,
            "ok": result.ok,
            "events_checked": result.events_checked,
            "aggregates_checked": result.aggregates_checked,
            "broken": jsonable_encoder(result.broken) if result.broken else None,
        }

    return router
