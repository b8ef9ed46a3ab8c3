"""Assemble a service deployable: its Application, relay, consumers and the common HTTP edge.

Each service describes itself with a ``ServiceSpec``; ``build_service`` wires the adapters its
settings choose (SQLite + in-process bus, or PostgreSQL + Kafka). Nothing is connected at
import time; everything starts in the app's lifespan and stops with it.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError
from fastapi import APIRouter, Depends, FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from contracts import topics
from llwybr import db, dead_letters, migrations, tracing
from llwybr.body_limit import BodyLimit, route_limits
from llwybr.bus import InProcessBus, Publisher, Subscription
from llwybr.clock import ClockError
from llwybr.command_keys import CommandKeys
from llwybr.consumer import Effect, TrackedConsumer
from llwybr.dead_letter_api import dead_letter_routes
from llwybr.eventstore import ChainedApplication, StaleVersionError
from llwybr.figures import DomainFigures, Figure, Store
from llwybr.history import LearnerIndex, history_router
from llwybr.http_tracing import instrument_app
from llwybr.in_force import InForceDates
from llwybr.integrity import ChainBrokenError
from llwybr.jurisdiction import NoteJurisdiction
from llwybr.kafka import KafkaPublisher, KafkaSecurity, KafkaSubscription, ensure_topics
from llwybr.kafka_probe import KafkaProbe, watch
from llwybr.metrics import Metrics
from llwybr.outbox import KnowsUpns, OutboxRelay, RelayPositions, Translator, relay_lock
from llwybr.personal_data import bound
from llwybr.personal_data.settings import open_vault
from llwybr.problem_types import publish_problem_types
from llwybr.problems import install_problem_handlers
from llwybr.projections import Projection, ProjectionRunner, projection_positions
from llwybr.query_check import refuse_unknown_query
from llwybr.request_context import install_request_context
from llwybr.retry import RetryConflicts
from llwybr.settings import ServiceSettings

log = logging.getLogger(__name__)

#: Errors every service maps the same way (a service's own table may add to it).
COMMON_ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    StaleVersionError: (412, "stale-version"),
    IntegrityError: (409, "concurrent-change"),
    AggregateNotFoundError: (404, "not-found"),
    ClockError: (422, "statutory-clock"),
    # Not the client's doing and not for it to fix; declared on every public route (the
    # gateway's 503); a 5xx frees an Idempotency-Key for a retry once repaired (ADR 0005).
    ChainBrokenError: (503, "integrity"),
}


@dataclass(frozen=True)
class ConsumerSpec:
    """A consumer of other services' topics and the effect it has here (made from the
    service's settings, its database and its application)."""

    name: str
    topics: Sequence[str]
    effect: Callable[[ServiceSettings, sa.Engine, ChainedApplication], Effect]


@dataclass(frozen=True)
class WorkerSpec:
    """A background loop of the service (a scheduler, a delivery worker), run for its lifetime.

    ``run`` should loop until cancelled; if it raises, it is logged and started again after a
    back-off, so one bad moment (a database restart) never stops deliveries for good.
    """

    name: str
    run: Callable[[ServiceSettings, sa.Engine, ChainedApplication], Awaitable[None]]


@dataclass(frozen=True)
class ServiceSpec:
    """What a service contributes; the runtime supplies the rest."""

    name: str
    title: str
    application: Callable[[dict[str, str]], ChainedApplication]
    translator: Callable[[ChainedApplication], Translator]
    routers: Sequence[APIRouter] = ()
    error_statuses: Mapping[type[Exception], tuple[int, str]] = field(default_factory=dict)
    consumers: Sequence[ConsumerSpec] = ()
    projections: Sequence[Projection] = ()
    tables: Sequence[sa.Table] = ()  # the service's own plain tables (e.g. documents)
    migrations: Path | None = None  # an Alembic script directory for tables that evolve
    workers: Sequence[WorkerSpec] = ()
    learner_index: LearnerIndex | None = None  # for the auditors' learner history
    #: Who says the relations the history asks about, when not the application (plain tables).
    history_relations: Callable[[sa.Engine, ChainedApplication], object] | None = None
    #: Who knows the learners' UPNs for its published events, when not the application.
    upns: Callable[[sa.Engine, ChainedApplication], KnowsUpns] | None = None
    #: The domain date each event takes effect on (the auditors' "in force" axis).
    in_force: InForceDates = field(default_factory=dict)
    #: Routes whose body may exceed the JSON limit, with their own (the descriptor's).
    large_bodies: Mapping[tuple[str, str], int] = field(default_factory=dict)
    figures: Sequence[Figure] = ()  # domain figures for operators, read at each scrape
    personal_data: bool = False  # its events declare personal fields: seal them (ADR 0023)


def consumer_group(prefix: str, spec: "ServiceSpec", consumer: ConsumerSpec) -> str:
    """The Kafka consumer group of one of a service's consumers (its replicas share it)."""
    return f"{prefix}{spec.name}.{consumer.name}"


class Readiness:
    """Readiness means "can take commands". ``checks`` must pass for ``/readyz`` to be 200
    (the database); ``signals`` only report a degraded state (the broker: while it is away the
    outbox holds the events and commands still succeed, so a broker outage must not take every
    replica out of rotation). The broker is probed at most every 5 s."""

    def __init__(self) -> None:
        self.checks: dict[str, Callable[[], Awaitable[None]]] = {}
        self.signals: dict[str, Callable[[], Awaitable[None]]] = {}
        self.started = False

    async def report(self) -> dict[str, str]:
        """Each check and signal: "ok", "failing: ..." (a check) or "degraded: ..." (a signal)."""
        results = {"startup": "ok" if self.started else "failing: still starting"}
        for kind, probes in (("failing", self.checks), ("degraded", self.signals)):
            for name, check in probes.items():
                try:
                    async with asyncio.timeout(5):
                        await check()
                    results[name] = "ok"
                except Exception as error:
                    results[name] = f"{kind}: {type(error).__name__}: {error}"
        return results


def build_service(
    settings: ServiceSettings, spec: ServiceSpec, bus: InProcessBus | None = None
) -> FastAPI:
    """The service's FastAPI app; ``bus`` is the shared in-process bus in embedded mode
    (without one, the service alone keeps its own, durable, in its data directory)."""
    runtime = settings.runtime
    metrics = Metrics(spec.name)
    metrics.registry.register(figures := DomainFigures(spec.name, spec.figures))
    readiness = Readiness()
    stack = runtime.mode == "stack"
    if not stack and bus is None:
        bus = InProcessBus.in_directory(settings.data_dir)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine, application = await asyncio.to_thread(prepare_storage, settings, spec)
        publisher: Publisher
        if stack:
            security = KafkaSecurity.from_runtime(runtime)
            publisher = TopicEnsuringPublisher(runtime.kafka_bootstrap_servers, spec.name, security)
            readiness.signals["kafka"] = KafkaProbe(
                runtime.kafka_bootstrap_servers, security, metrics
            )
        else:
            assert bus is not None
            await bus.attach()
            publisher = bus.publisher()
        readiness.checks["database"] = lambda: asyncio.to_thread(db.ping, engine)
        relay = OutboxRelay(
            f"{spec.name}.outbox",
            application,
            spec.translator(application),
            publisher,
            RelayPositions(engine),
            # One relay per store, not per service name: two stores in one database (a
            # stack per schema) must not hold each other's relay back.
            relay_lock(engine, f"{settings.schema_name}.{spec.name}.outbox"),
            metrics,
            batch_size=runtime.relay_batch_size,
            poll_seconds=runtime.relay_poll_seconds,
            max_backoff_seconds=runtime.relay_max_backoff_seconds,
            upns=spec.upns(engine, application) if spec.upns is not None else None,
        )
        consumers = [
            TrackedConsumer(
                f"{spec.name}.{c.name}",
                _subscriptions(
                    settings, bus, c.topics, consumer_group(runtime.consumer_group_prefix, spec, c)
                ),
                tracing.TracedEffect(
                    f"{spec.name}.{c.name}",
                    c.effect(settings, engine, application),
                    "kafka" if stack else "llwybr-bus",
                ),
                engine,
                metrics,
                max_backoff_seconds=runtime.relay_max_backoff_seconds,
                max_attempts=runtime.consumer_max_attempts,
            )
            for c in spec.consumers
        ]
        runners = {p.name: ProjectionRunner(p, application, engine) for p in spec.projections}
        application.add_integrity_listener(
            lambda _error: metrics.integrity_failures.labels(spec.name).inc()
        )
        app.state.application = application
        if spec.history_relations is not None:
            app.state.history_relations = spec.history_relations(engine, application)
        app.state.engine = engine
        app.state.relay = relay
        figures.store = Store(engine, application, relay.name)
        app.state.consumers = consumers
        app.state.projections = runners
        tasks = [asyncio.create_task(relay.run(), name=relay.name)]
        tasks += [asyncio.create_task(watch(p), name=f"{spec.name}.{n}.probe")
                  for n, p in readiness.signals.items()]  # fmt: skip
        tasks += [asyncio.create_task(c.run(), name=c.name) for c in consumers]
        tasks += [asyncio.create_task(r.run(), name=n) for n, r in runners.items()]
        tasks += [
            asyncio.create_task(
                supervise(w, settings, engine, application, runtime.relay_max_backoff_seconds),
                name=f"{spec.name}.{w.name}",
            )
            for w in spec.workers
        ]
        readiness.started = True
        log.info("%s started in %s mode", spec.name, runtime.mode)
        try:
            yield
        finally:
            readiness.started = False
            figures.store = None
            await stop_tasks(tasks)
            if not stack and bus is not None:
                await bus.detach()
            await asyncio.to_thread(application.close)
            await asyncio.to_thread(engine.dispose)
            log.info("%s stopped", spec.name)

    app = FastAPI(
        title=spec.title,
        version="0.1.0",
        lifespan=lifespan,
        dependencies=[Depends(refuse_unknown_query)],  # never ignored (issue 20)
    )
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.readiness = readiness
    install_problem_handlers(app, errors := {**COMMON_ERROR_STATUSES, **spec.error_statuses})
    # the kinds, for the gateway's examples (the common ones on every route that declares its own)
    publish_problem_types(app, errors, COMMON_ERROR_STATUSES)
    app.add_middleware(CommandKeys)  # innermost: inside the verified principal's context
    # Outside the keys: each run of a command that lost a race looks its key up again.
    app.add_middleware(RetryConflicts)
    # Inside the request context: a body found too large as it is read is then a 413 the
    # routes' own handlers answer (the context would wrap the error in an ExceptionGroup).
    app.add_middleware(BodyLimit, limit_of=route_limits(spec.large_bodies))
    app.add_middleware(NoteJurisdiction)  # the LAs whose records each answer touched
    install_request_context(app, metrics, internal_secret(settings))
    instrument_app(app, spec.name)
    app.include_router(operational_router(metrics, readiness))
    for router in spec.routers:
        app.include_router(router)
    app.include_router(
        history_router(spec.name, spec.learner_index, spec.in_force, spec.translator)
    )
    return app


async def supervise(
    worker: WorkerSpec,
    settings: ServiceSettings,
    engine: sa.Engine,
    application: ChainedApplication,
    max_backoff_seconds: float,
) -> None:
    """Run ``worker`` until cancelled, restarting it with a doubling back-off when it fails."""
    backoff = 0.1
    while True:
        try:
            await worker.run(settings, engine, application)
            log.warning("worker %s returned; restarting in %.1f s", worker.name, backoff)
        except Exception:
            log.exception("worker %s failed; restarting in %.1f s", worker.name, backoff)
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, max_backoff_seconds)


def prepare_storage(
    settings: ServiceSettings, spec: ServiceSpec
) -> tuple[sa.Engine, ChainedApplication]:
    """The service's schema, tables and event store, made if missing, one replica at a time."""
    with db.schema_lock(settings):
        engine = db.create_engine(settings)
        db.create_tables(engine)
        dead_letters.add_missing_columns(engine)
        if spec.migrations is not None:
            migrations.upgrade(engine, spec.migrations)
        for table in [*spec.tables, *(t for p in spec.projections for t in p.tables)]:
            table.create(engine, checkfirst=True)
        application = spec.application(settings.eventsourcing_env())  # creates its tables
        if spec.personal_data:
            application.use_vault(vault := open_vault(settings.runtime))
            bound.bind(engine, vault)  # for personal fields in the service's plain tables
    return engine, application


def rebuild_projections(settings: ServiceSettings, spec: ServiceSpec) -> dict[str, int]:
    """Rebuild every read model of the service from its event store; returns how many events
    this call applied, by projection.

    Each projection's tables are dropped and made again from their current definitions (so a
    changed table definition takes effect) and its position goes back to the start, in one
    transaction (on PostgreSQL; SQLite runs DDL as it comes: if this stops half way, run it
    again); then the whole event store is replayed into them. Read models are disposable: the
    event store is the record. A replica running meanwhile keeps its projection going: both
    take the projection's position row FOR UPDATE, so no event is applied twice.
    """
    engine, application = prepare_storage(settings, spec)
    applied: dict[str, int] = {}
    try:
        for projection in spec.projections:
            with db.schema_lock(settings), engine.begin() as conn:
                for table in reversed(projection.tables):
                    table.drop(conn, checkfirst=True)
                for table in projection.tables:
                    table.create(conn)
                # Kept at 0 rather than deleted: a running replica then waits on this row
                # instead of racing this call to insert it.
                conn.execute(
                    projection_positions.update()
                    .where(projection_positions.c.projection == projection.name)
                    .values(position=0, updated_at=datetime.now(UTC))
                )
            runner = ProjectionRunner(projection, application, engine)
            applied[projection.name] = 0
            while count := runner.catch_up():
                applied[projection.name] += count
    finally:
        application.close()
        engine.dispose()
    return applied


async def stop_tasks(tasks: Sequence[asyncio.Task[None]], grace: float = 10.0) -> None:
    """Cancel background tasks and wait for them, cancelling again any that linger."""
    pending = {t for t in tasks if not t.done()}
    deadline = asyncio.get_running_loop().time() + grace
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=0.5)
        if pending and asyncio.get_running_loop().time() > deadline:
            log.error("tasks did not stop: %s", ", ".join(t.get_name() for t in pending))
            return


def internal_secret(settings: ServiceSettings) -> bytes:
    """The key the gateway signs principals with; stack mode must configure it."""
    secret = settings.runtime.internal_secret
    if secret is None:
        raise RuntimeError(
            f"{settings.service}: LLWYBR_INTERNAL_SECRET is not set; the service cannot check "
            "that requests come from the gateway"
        )
    return secret.get_secret_value().encode()


class TopicEnsuringPublisher(KafkaPublisher):
    """Creates the public topics on first connection (so a service starts while Kafka is away)."""

    def __init__(self, bootstrap_servers: str, client_id: str, security: KafkaSecurity) -> None:
        super().__init__(bootstrap_servers, client_id, security=security)
        self._topics_ready = False

    async def start(self) -> None:
        if not self._topics_ready:
            for topic in topics.ALL:
                await ensure_topics(
                    self._bootstrap,
                    [topic.name],
                    partitions=topic.partitions,
                    security=self._security,
                )
            self._topics_ready = True
        await super().start()


def _subscriptions(
    settings: ServiceSettings, bus: InProcessBus | None, names: Sequence[str], group: str
) -> Callable[[], Subscription]:
    if settings.runtime.mode == "stack":
        bootstrap = settings.runtime.kafka_bootstrap_servers
        start = settings.runtime.consumer_start_from
        security = KafkaSecurity.from_runtime(settings.runtime)
        return lambda: KafkaSubscription(bootstrap, names, group, start, security)
    assert bus is not None
    return lambda: bus.subscription(names, group)


def operational_router(metrics: Metrics, readiness: Readiness) -> APIRouter:
    """``/healthz`` (alive), ``/readyz`` (can take commands; degraded signals beside) and
    ``/metrics`` (Prometheus)."""
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="Liveness: the process is serving")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": metrics.service}

    @router.get(
        "/readyz",
        summary="Readiness: the service can take commands (its database answers)",
        description="Kafka away is not a failure (the outbox holds the events until it is "
        'back): its check reads `"degraded: ..."` and `degraded` names it, with a 200.',
        responses={503: {"description": "A dependency is failing"}},
    )
    async def readyz() -> JSONResponse:
        checks = await readiness.report()
        ready = not any(v.startswith("failing") for v in checks.values())
        degraded = sorted(n for n, v in checks.items() if v.startswith("degraded"))
        body: dict[str, Any] = {
            "status": "ready" if ready else "not ready",
            "checks": checks,
            "degraded": degraded,
        }
        return JSONResponse(body, status_code=200 if ready else 503)

    @router.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def prometheus() -> Response:
        exposition = await asyncio.to_thread(generate_latest, metrics.registry)  # reads the db
        return Response(exposition, media_type=CONTENT_TYPE_LATEST)

    dead_letter_routes(router)
    return router
