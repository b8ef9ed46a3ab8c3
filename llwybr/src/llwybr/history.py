"""A service's history for auditors: the recorded events of an aggregate or a learner, with
versions, times, acting principals and integrity hashes, and state rebuilt by replay, plus the
integrity check of the whole store.

State is rebuilt on two time axes, which combine: as *recorded* by a moment (what the system
knew then: the events stored by then, or up to a version) and as *in force* on a day (the
events dated by then in the case's own terms, ``llwybr.in_force``). "What did the plan say on
the day the appeal was lodged, as the LA knew it then" is both.

Reached only by the gateway's audit API (scope ``audit:read``). Each read is checked by the
one access policy (``llwybr.history_access``): an auditor reads the history of the learners
and records in its jurisdiction; any other record, and one that does not exist, is the one 404.
"""

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Annotated, Any
from uuid import UUID

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi.encoders import jsonable_encoder

from llwybr.access import not_found
from llwybr.edge import BIGINT_MAX
from llwybr.eventstore import INTEGRITY_KEY, META_KEY, ChainedApplication, RecordedEvent
from llwybr.history_access import (
    learner_relations,
    relations_of_aggregate,
    require_every_history,
    require_history,
    require_some_history,
)
from llwybr.in_force import InForceDates, in_force_dates, state_in_force, states_on_each_day
from llwybr.outbox import Translator
from llwybr.principal import Principal

log = logging.getLogger(__name__)

#: A service's index from a learner to the aggregates about them (from its read models).
LearnerIndex = Callable[[sa.Connection, str], Sequence[str]]

#: Attributes of the library's aggregates that are bookkeeping, not the case's state.
_PRIVATE = ("_pending_events",)


def _principal(request: Request) -> Principal:
    principal: Principal = request.state.principal
    return principal


def event_record(
    service: str,
    recorded: RecordedEvent,
    in_force_on: dt.date | None = None,
    translate: Translator | None = None,
) -> dict[str, Any]:
    """One event as evidence: what, when recorded, in force from which day, by whom, and its
    place in the chain; ``public_event`` is the CloudEvent type the service's publisher
    (``translate``) publishes it as, the name a lay reader is shown (None: it stays in the
    service)."""
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
        "public_event": public_type(recorded, translate),
        "topic": recorded.topic,
        "recorded_at": recorded.timestamp,
        "in_force_on": in_force_on,
        "actor": recorded.meta.get("actor"),
        "correlation_id": recorded.meta.get("correlation_id"),
        "causation_id": recorded.meta.get("causation_id"),
        "integrity_hash": recorded.integrity_hash,
        "previous_hash": recorded.previous_hash,
        "data": jsonable_encoder(state),
    }


def public_type(recorded: RecordedEvent, translate: Translator | None) -> str | None:
    """The CloudEvent type of the event's public form, as the publisher decides it."""
    if translate is None:
        return None
    try:
        publication = translate(recorded)
    except Exception:
        # Evidence is shown even when its record cannot be read: a publisher reading the
        # aggregate (an old event) refuses a broken chain; the event keeps its stored name,
        # and verify names the break.
        log.warning(
            "no public form for %s v%s", recorded.originator_id, recorded.originator_version
        )
        return None
    return publication.event.cloudevent_type() if publication is not None else None


def state_of(aggregate: Any) -> dict[str, Any]:
    """An aggregate's state as JSON (for the state of a case as of a moment)."""
    data = {k: v for k, v in vars(aggregate).items() if k not in _PRIVATE}
    encoded: dict[str, Any] = jsonable_encoder(data)
    return encoded


def _records(
    service: str,
    events: list[RecordedEvent],
    dates: InForceDates,
    translate: Translator | None = None,
) -> list[Any]:
    days = in_force_dates(events, dates)
    return [event_record(service, e, day, translate) for e, day in zip(events, days, strict=True)]


def _moment(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def history_router(
    service: str,
    learner_index: LearnerIndex | None,
    in_force: InForceDates | None = None,
    translator: Callable[[ChainedApplication], Translator] | None = None,
) -> APIRouter:
    dates: InForceDates = in_force or {}
    router = APIRouter(prefix="/internal/history", tags=["history"], include_in_schema=False)

    def application(request: Request) -> ChainedApplication:
        app: ChainedApplication = request.app.state.application
        return app

    def relations(request: Request) -> object:
        """Who says the relations (``llwybr.history_access``): the application, unless the
        service keeps them elsewhere (``ServiceSpec.history_relations``)."""
        return getattr(request.app.state, "history_relations", None) or application(request)

    def recorded_by(
        request: Request, aggregate_id: UUID, version: int | None, moment: dt.datetime | None
    ) -> list[RecordedEvent]:
        """The aggregate's events as recorded by a version or a moment (all: None), to rebuild
        its state: refused, as any load is, when its chain does not hold (the raw events stay
        readable in the learner's history, and ``verify`` names every break)."""
        app = application(request)
        events = app.verified_events(aggregate_id)
        if not events:
            raise not_found()
        require_history(
            _principal(request),
            lambda: relations_of_aggregate(relations(request), app.repository.get(aggregate_id)),
        )
        if version is not None:
            events = [e for e in events if e.originator_version <= version]
        if moment is not None:
            events = [e for e in events if e.timestamp <= _moment(moment)]
        return events

    @router.get("/aggregates/{aggregate_id}")
    def aggregate_history(
        aggregate_id: UUID,
        request: Request,
        as_of_version: Annotated[int | None, Query(ge=1, le=BIGINT_MAX)] = None,
        as_of_recorded: dt.datetime | None = None,
        in_force_on: dt.date | None = None,
    ) -> dict[str, Any]:
        """Its events, and its state by replay: as recorded by a version or a moment, and/or
        as in force on a day (the events known then, dated by that day)."""
        app = application(request)
        events = recorded_by(request, aggregate_id, as_of_version, as_of_recorded)
        answer: dict[str, Any] = {
            "as_of_version": as_of_version,
            "as_of_recorded": as_of_recorded,
            "in_force_on": in_force_on,
        }
        if not events:
            return {**answer, "events": [], "version": 0, "state": None, "not_in_force": []}
        if in_force_on is None:
            version = events[-1].originator_version
            state = state_of(app.repository.get(aggregate_id, version=version))
            return {**answer, "events": _records(service, events, dates), "version": version,
                    "state": state, "not_in_force": []}  # fmt: skip
        found = state_in_force(events, in_force_dates(events, dates), in_force_on)
        kept = set(found.versions)
        return {
            **answer,
            "events": [r for r in _records(service, events, dates) if r["version"] in kept],
            "version": found.version,
            "state": state_of(found.aggregate) if found.aggregate is not None else None,
            "not_in_force": found.not_in_force,
        }

    @router.get("/aggregates/{aggregate_id}/in-force")
    def in_force_each_day(
        aggregate_id: UUID, request: Request, as_of_recorded: dt.datetime | None = None
    ) -> dict[str, Any]:
        """Its state in force on each day one of its events took effect (as recorded by a
        moment, or now): the key dates of the case."""
        events = recorded_by(request, aggregate_id, None, as_of_recorded)
        days = in_force_dates(events, dates)
        return {
            "aggregate_id": str(aggregate_id),
            "states": [
                {
                    "in_force_on": s.on,
                    "version": s.version,
                    "versions": s.versions,
                    "not_in_force": s.not_in_force,
                    "state": state_of(s.aggregate) if s.aggregate is not None else None,
                }
                for s in states_on_each_day(events, days)
            ],
        }

    @router.get("/learners/{learner_id}")
    def learner_history(learner_id: str, request: Request) -> dict[str, Any]:
        """Every event of every aggregate about a learner in this service."""
        app = application(request)
        require_history(
            _principal(request), lambda: learner_relations(relations(request), learner_id)
        )
        if learner_index is None:
            return {"events": []}
        with request.app.state.engine.connect() as conn:
            aggregates = learner_index(conn, learner_id)
        translate = translator(app) if translator is not None else None
        events = [
            record
            for a in aggregates
            for record in _records(service, list(app.recorded_events(UUID(a))), dates, translate)
        ]
        return {"events": events}

    @router.get("/verify")
    def verify(request: Request, aggregate_id: UUID | None = None) -> dict[str, Any]:
        """Recompute one aggregate's chain, or every chain in this service's store: hashes and
        where a chain breaks, no record's content (a broken record cannot be loaded to ask
        whose it is). A whole store is every LA's: the auditor for Wales's to check."""
        if aggregate_id is None:
            require_every_history(_principal(request))
        else:
            require_some_history(_principal(request))
        app = application(request)
        result = app.verify(aggregate_id) if aggregate_id else app.verify_all()
        return {
            "service": service,
            "ok": result.ok,
            "events_checked": result.events_checked,
            "aggregates_checked": result.aggregates_checked,
            "broken": jsonable_encoder(result.broken) if result.broken else None,
            "breaks": jsonable_encoder(result.breaks),
        }

    return router
