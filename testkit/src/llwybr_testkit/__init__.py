"""Test support shared by every package's tests: an example aggregate and the real servers.

Its own workspace package, a development dependency only: no shipped package may import it
(an import contract says so), and no image contains it.

The example service is the smallest thing that exercises the whole pipeline (aggregate,
chained store, relay, bus, consumer); the server helpers find the PostgreSQL and Kafka that
``make test`` started and give each test run its own database.
"""

import asyncio
import contextlib
import inspect
import os
import time
import uuid
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterable,
)
from datetime import UTC, date, datetime
from typing import Any, ClassVar

import httpx
import psycopg
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer
from eventsourcing.domain import Aggregate, event
from fastapi import FastAPI
from psycopg.conninfo import make_conninfo

from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, register
from contracts.topics import Topic
from llwybr.access import Relations
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.kafka import skip_history as skip_history  # tests import it from here
from llwybr.metrics import Metrics
from llwybr.outbox import (
    KnowsUpns,
    LocalLock,
    OutboxRelay,
    Publication,
    RelayPositions,
    Translator,
)
from llwybr.principal import Principal, sign_principal
from llwybr.projections import ProjectionRunner
from llwybr.settings import RuntimeSettings

EXAMPLE_TOPIC = Topic("llwybr.test.example.v1", "example", "Events of the example service.", 3)


class ExampleCase(Aggregate):
    """A case about a learner that collects notes."""

    @event("Opened")
    def __init__(self, learner_id: str) -> None:
        self.learner_id = learner_id
        self.notes: list[str] = []

    @event("Noted")
    def note(self, text: str) -> None:
        self.notes.append(text)


class ExampleService(ChainedApplication):
    """The example's learners live in LA 665 unless their id names another (``666:l-2``)."""

    name = "example"

    def learner_relations(self, learner_id: str) -> Relations:
        """The history hook (``llwybr.history_access``): the learner's LA is its jurisdiction."""
        local_authority, named, _ = learner_id.partition(":")
        return Relations.of([], jurisdiction=[local_authority if named else "665"])

    def relations_of_aggregate(self, aggregate: ExampleCase) -> Relations:
        return self.learner_relations(aggregate.learner_id)

    def open_case(self, learner_id: str) -> uuid.UUID:
        case = ExampleCase(learner_id)
        self.save(case)
        return case.id

    def note(self, case_id: uuid.UUID, text: str) -> None:
        case: ExampleCase = self.repository.get(case_id)
        case.note(text)
        self.save(case)


@register
class ExampleOpened(IntegrationEvent):
    """A case was opened."""

    topic: ClassVar[Topic] = EXAMPLE_TOPIC
    name: ClassVar[str] = "opened"
    case_id: uuid.UUID


@register
class ExampleNoted(IntegrationEvent):
    """A note was added to a case."""

    topic: ClassVar[Topic] = EXAMPLE_TOPIC
    name: ClassVar[str] = "noted"
    case_id: uuid.UUID
    text: str


def translate_example(recorded: RecordedEvent) -> Publication | None:
    e = recorded.event
    learner_id = str(uuid.uuid5(uuid.NAMESPACE_URL, str(recorded.originator_id)))
    if isinstance(e, ExampleCase.Opened):  # type: ignore[attr-defined]
        return Publication(ExampleOpened(case_id=recorded.originator_id), learner_id)
    if isinstance(e, ExampleCase.Noted):  # type: ignore[attr-defined]
        return Publication(ExampleNoted(case_id=recorded.originator_id, text=e.text), learner_id)
    return None


class CountingRecorder:
    """A spy around an application's own recorder that counts reads of aggregates' events
    (swap it in as ``app.events.recorder``)."""

    def __init__(self, recorder: Any) -> None:
        self._recorder, self.reads, self.many_reads = recorder, 0, 0

    def select_events(self, *args: Any, **kwargs: Any) -> Any:
        self.reads += 1
        return self._recorder.select_events(*args, **kwargs)

    def select_events_of(self, *args: Any, **kwargs: Any) -> Any:
        """Many aggregates' events in one read (``ChainedEventStore.get_many``)."""
        self.many_reads += 1
        return self._recorder.select_events_of(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._recorder, name)


class InfrastructureMissingError(RuntimeError):
    """A test needs PostgreSQL or Kafka and it is not running."""


#: The consumer group prefix of this test session: its groups are its own on a shared broker.
SESSION_GROUP_PREFIX = f"test-{os.getpid()}-{uuid.uuid4().hex[:6]}-"


def base_runtime() -> RuntimeSettings:
    """Settings pointing at the servers ``make test`` started (env overrides apply)."""
    return RuntimeSettings(
        mode="stack", internal_secret=TEST_SECRET, consumer_group_prefix=SESSION_GROUP_PREFIX
    )


def postgres_conninfo(runtime: RuntimeSettings, dbname: str | None = None) -> str:
    """A libpq connection string for the runtime's database (or ``dbname``)."""
    password = runtime.postgres_password.get_secret_value() if runtime.postgres_password else None
    return make_conninfo(
        host=runtime.postgres_host,
        port=runtime.postgres_port,
        user=runtime.postgres_user,
        password=password,
        dbname=dbname or runtime.postgres_dbname,
        connect_timeout=5,
    )


def _admin_conninfo(runtime: RuntimeSettings) -> str:
    return postgres_conninfo(runtime, "postgres")


def create_database(runtime: RuntimeSettings, prefix: str = "llwybr_test") -> str:
    """A fresh database for one test session; returns its name."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(_admin_conninfo(runtime), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        raise InfrastructureMissingError(
            f"PostgreSQL is not answering on {runtime.postgres_host}:{runtime.postgres_port} "
            f"({error}). `make test` starts it (scripts/postgres.sh start)."
        ) from error
    return name


def drop_database(runtime: RuntimeSettings, name: str) -> None:
    with psycopg.connect(_admin_conninfo(runtime), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def read_envelopes(
    bootstrap_servers: str,
    topic: str,
    aggregate_ids: set[str],
    expected: int,
    *,
    timeout: float = 30.0,
    settle: float = 1.0,
) -> list[Envelope]:
    """Read a topic from the start with a fresh group; return the records of these aggregates.

    Waits until ``expected`` records arrived, then ``settle`` seconds more, so that extra
    copies (duplicates) would be seen too.
    """
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        group_id=f"reader-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[Envelope] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    settled_at: float | None = None
    try:
        while loop.time() < deadline and (settled_at is None or loop.time() < settled_at):
            batches = await consumer.getmany(timeout_ms=200)
            for records in batches.values():
                for r in records:
                    envelope = Envelope.from_kafka(r.topic, r.key, r.value or b"", list(r.headers))
                    if envelope.aggregate_id in aggregate_ids:
                        found.append(envelope)
            if settled_at is None and len(found) >= expected:
                settled_at = loop.time() + settle
    finally:
        await consumer.stop()
    return found


async def eventually(
    condition: Callable[[], bool | Awaitable[bool]], timeout: float = 30.0
) -> None:
    """Wait until ``condition()`` (plain or awaitable) holds, checked every 100 ms, or fail."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        outcome = condition()
        if await outcome if inspect.isawaitable(outcome) else outcome:
            return
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.1)


#: The internal secret test services share with their test clients.
TEST_SECRET = "test-internal-secret-not-for-production"  # noqa: S105 (tests only)


class ActingAs(httpx.Auth):
    """Signs each request as the gateway would for ``organisation``, freshly each time."""

    def __init__(
        self, organisation: str, scopes: Iterable[str] = (), subject: str = "test-client"
    ) -> None:
        self.principal = Principal(subject, organisation, frozenset(scopes))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(
            sign_principal(self.principal, TEST_SECRET.encode(), int(time.time()))
        )
        yield request


#: A complete IDP draft on the standard form, as the public API takes it (method, path under
#: ``/v1/idps/{id}/draft/``, body), for tests that need an issued plan across services.
IDP_DRAFT: list[tuple[str, str, dict[str, object]]] = [
    ("PUT", "section-1", {"learner_name": "Cerys", "date_of_birth": "2017-05-02",
                          "home_language": "Cymraeg", "consent_and_capacity": "Consulted"}),
    ("PUT", "one-page-profile", {"what_people_like_and_admire": "Kind",
                                 "what_is_important": "Football", "how_best_to_support": "Calm"}),
    ("PUT", "aln-description", {"description": "Dyslexia", "impact_on_learning": "Reading"}),
    ("PUT", "welsh-language-decision", {"decision": "Not in Welsh: English-medium school"}),
    ("PUT", "section-3", {"information_used": "Reports", "review_and_transition": "Yearly"}),
    ("POST", "alp-elements", {
        "element_id": "e1", "intended_outcome": "Reads 100 words", "provision": "Phonics",
        "delivered_by": "Teaching assistant", "frequency": "3 sessions a week",
        "duration": "30 minutes, 2 terms", "in_welsh": False, "provider_kind": "school",
        "provider_organisation": "school:6652001", "start_on": "2026-03-09",
        "review_or_end_on": "2026-12-18", "rationale": "Little progress"}),
]  # fmt: skip


@contextlib.asynccontextmanager
async def started_client(
    app: FastAPI, name: str, organisation: str
) -> AsyncIterator[httpx.AsyncClient]:
    """A started service app and a client calling it as ``organisation`` (a test passes
    ``auth=ActingAs(...)`` to act as another); the app is ``client.app``."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url=f"http://{name}", auth=ActingAs(organisation)
        ) as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


def projection_rows(
    runner: ProjectionRunner, column: str | None = None, values: Iterable[str] = ()
) -> list[list[tuple[Any, ...]]]:
    """A projection's rows, sorted (to compare a rebuild with the live model); with ``column``,
    only the rows whose ``column`` is one of ``values`` (a test's own, on shared topics)."""
    wanted = list(values)
    with runner.engine.connect() as conn:
        return [
            sorted(
                tuple(r)
                for r in conn.execute(
                    sa.select(table).where(table.c[column].in_(wanted))
                    if column
                    else sa.select(table)
                )
            )
            for table in runner.projection.tables
        ]


def published_envelopes(
    app: ChainedApplication, translate: Translator, upns: KnowsUpns | None = None
) -> list[Envelope]:
    """What the service's outbox relay would publish of everything ``app`` has stored (no bus,
    no positions: the relay's translation and enveloping only); ``upns`` as the service's spec
    gives them (default: the application)."""
    idle = sa.create_engine("sqlite://")  # the relay's positions, unused here
    relay = OutboxRelay(
        "envelopes", app, translate, None,  # type: ignore[arg-type]  # never publishes
        RelayPositions(idle), LocalLock("envelopes"), Metrics("envelopes"), upns=upns,
    )  # fmt: skip
    return relay.envelopes(app.recorder.select_notifications(1, 10_000))


def appeal_lodged(learner_id: str, respondent: str = "la:665") -> Envelope:
    """The disputes service's ``appeal-lodged`` about the learner, as the determination
    service consumes it: a legal hold on their personal data (issue 23)."""
    from contracts import disputes

    event = disputes.AppealLodged(
        learner_id=learner_id, appeal_id=uuid.uuid4(), matter="decision", respondent=respondent,
        lodged_on=date(2026, 5, 1), late_admitted_by_president=False,
    )  # fmt: skip
    return Envelope.wrap(
        event, learner_id=learner_id, aggregate_id=uuid.uuid4(), aggregate_version=1,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip
