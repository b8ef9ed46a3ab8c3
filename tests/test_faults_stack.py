"""Faults under a steady load: nothing acknowledged is lost, nothing is applied twice.

The whole system runs as real processes (tests/stack.py) against a PostgreSQL cluster and a
Kafka broker of this module's own (tests/servers.py), so they can be stopped and restarted.
While a school's MIS sends commands through the gateway (tests/workload.py), one fault
happens: Kafka stops for 10 seconds, the determination service is killed (SIGKILL) and
restarted, or PostgreSQL restarts. Afterwards the stores, the topics and the consumers' records
are read directly and compared with every answer the load got:

- an acknowledged command's event is in the store, at the version the answer gave;
- every public event in a store is on Kafka (a second copy is allowed and counted: delivery is
  at least once), and nothing is on Kafka that no store holds;
- every consumer applied every event it subscribes to, once (the IDP service opened exactly
  one plan per "has ALN" decision, and none for "no ALN"; the disputes service recorded
  each event id once and learned each decision), and the read models are at the stores'
  versions;
- an unanswered command left its case either fully changed or untouched: no gap in any
  aggregate's versions, and the event after the version it named is the one it asked for,
  or nothing;
- every change a service committed for a request has its row in the gateway's access-audit
  log (the events' request ids are all in it), even when the gateway could not write after.
"""

import asyncio
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from aiokafka import AIOKafkaConsumer

from contracts.envelope import Envelope, event_id
from contracts.topics import DETERMINATION, IDP
from determination.application import DeterminationService
from determination.publisher import translator as determination_translator
from idp.application import IdpService
from idp.publisher import translator as idp_translator
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Translator
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import TEST_SECRET, postgres_conninfo
from tests.servers import Server, own_postgres
from tests.stack import TEST_LIMITS, Stack, running_stack
from tests.workload import RECORDS, SCHOOL, CaseLoad, Outcome

#: The first test also pays for the module's servers and stack (a PostgreSQL cluster, the
#: spare broker, five processes): 172 s of the usual 300 were seen on a loaded machine.
pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(600)]

#: Seconds of load before the fault and after the system is whole again.
BEFORE, AFTER = 4.0, 4.0
CONCURRENCY = 3
#: How long the system may take to publish and apply everything once the load stops.
SETTLE = 90.0


@dataclass
class Faults:
    stack: Stack
    runtime: RuntimeSettings
    postgres: Server
    kafka: Server
    load: CaseLoad
    outcomes: list[Outcome] = field(default_factory=list)

    def schema(self, service: str) -> str:
        return self.stack.processes[service].env[f"{service.upper()}_POSTGRES_SCHEMA"]


@pytest.fixture(scope="module")
def system(
    tmp_path_factory: pytest.TempPathFactory, spare_kafka: tuple[Server, str]
) -> Iterator[Faults]:
    directory = tmp_path_factory.mktemp("faults")
    kafka, bootstrap = spare_kafka
    kafka.start()
    with own_postgres() as (postgres, port):
        runtime = RuntimeSettings(
            mode="stack",
            postgres_port=port,
            kafka_bootstrap_servers=bootstrap,
            internal_secret=TEST_SECRET,
        )
        with running_stack(runtime, directory / "stack", TEST_LIMITS) as stack:
            load = CaseLoad(stack.gateway_url, stack.token(SCHOOL), f"fault-{uuid.uuid4().hex[:6]}")
            yield Faults(stack, runtime, postgres, kafka, load)


async def under_load(system: Faults, fault: Callable[[], None]) -> list[Outcome]:
    """Run the load, inject ``fault`` (blocking, in a thread) after a while, stop the load a
    while after the fault is over; return the load's outcomes."""
    running = asyncio.create_task(system.load.run(CONCURRENCY, duration=600))
    await asyncio.sleep(BEFORE)
    try:
        await asyncio.to_thread(fault)
        await asyncio.sleep(AFTER)
    finally:
        system.load.stop()
        outcomes = await running
    system.outcomes += outcomes
    answers = Counter((o.kind, o.status) for o in outcomes)
    assert answers["decide", 200] >= 3, f"the load hardly ran: {answers}"
    assert not [o for o in outcomes if o.status == 500], f"server errors: {answers}"
    return outcomes


def stop_kafka_for_ten_seconds(system: Faults) -> None:
    system.kafka.stop()
    time.sleep(10)
    system.kafka.start()


async def test_kafka_stopped_for_ten_seconds_loses_nothing(system: Faults) -> None:
    await under_load(system, lambda: stop_kafka_for_ten_seconds(system))
    await settled(system)


async def test_a_killed_service_restarted_loses_nothing(system: Faults) -> None:
    def kill_and_restart() -> None:
        system.stack.processes["determination"].kill()
        time.sleep(1)
        system.stack.start("determination")

    outcomes = await under_load(system, kill_and_restart)
    await settled(system)
    unanswered = [o for o in outcomes if not o.acknowledged and o.kind in RECORDS]
    assert unanswered, "the kill interrupted no command: the test proved nothing"


async def test_a_postgresql_restart_loses_nothing(system: Faults) -> None:
    await under_load(system, lambda: system.postgres.run("restart"))
    await settled(system)


# -- reading the stores, the topics and the consumers' records ------------------------------


@dataclass
class Store:
    """One service's stored events and which of them are public."""

    events: list[RecordedEvent]
    public: set[str]  # CloudEvent ids

    def by_aggregate(self) -> dict[str, list[RecordedEvent]]:
        found: dict[str, list[RecordedEvent]] = defaultdict(list)
        for recorded in self.events:
            found[str(recorded.originator_id)].append(recorded)
        return found


def read_store(
    system: Faults,
    service: str,
    application: Callable[[dict[str, str]], ChainedApplication],
    translator: Callable[[ChainedApplication], Translator],
) -> Store:
    settings = ServiceSettings(
        service=service, runtime=system.runtime, postgres_schema=system.schema(service)
    )
    app = application(settings.eventsourcing_env())
    try:
        translate = translator(app)
        events, public, after = [], set(), 0
        while batch := app.select_notifications(after, 1000):
            for notification in batch:
                recorded = app.chained_mapper.to_recorded_event(notification)
                events.append(recorded)
                if translate(recorded) is not None:
                    public.add(event_id(recorded.originator_id, recorded.originator_version))
            after = batch[-1].id
        return Store(events, public)
    finally:
        app.close()


async def published(bootstrap: str, topic: str) -> Counter[str]:
    """How many times each CloudEvent id is on the topic (read whole, without a group)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )  # no group: every partition is this consumer's
    await consumer.start()
    try:
        partitions = list(consumer.assignment())
        ends = await consumer.end_offsets(partitions)
        seen: Counter[str] = Counter()
        while [p for p in partitions if await consumer.position(p) < ends[p]]:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                for r in records:
                    envelope = Envelope.from_kafka(r.topic, r.key, r.value or b"", list(r.headers))
                    seen[envelope.id] += 1
        return seen
    finally:
        await consumer.stop()


def rows(system: Faults, statement: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(postgres_conninfo(system.runtime), autocommit=True) as conn:
        return conn.execute(statement).fetchall()


def name(recorded: RecordedEvent) -> str:
    return type(recorded.event).__name__


async def problems(system: Faults) -> list[str]:
    """Every way the system differs from what the load was told; empty when all is well."""
    found: list[str] = []
    determinations = await asyncio.to_thread(
        read_store, system, "determination", DeterminationService, determination_translator
    )
    plans = await asyncio.to_thread(read_store, system, "idp", IdpService, idp_translator)
    bootstrap = system.runtime.kafka_bootstrap_servers
    on_kafka = await published(bootstrap, DETERMINATION.name) + await published(bootstrap, IDP.name)
    public = determinations.public | plans.public
    missing, extra = public - set(on_kafka), set(on_kafka) - public
    if missing:
        found.append(f"{len(missing)} stored public events never published")
    if extra:
        found.append(f"{len(extra)} events on Kafka that no store holds")

    stored: dict[str, list[RecordedEvent]] = {
        **determinations.by_aggregate(),
        **plans.by_aggregate(),
    }
    for aggregate_id, events in stored.items():
        versions = [e.originator_version for e in events]
        if sorted(versions) != list(range(1, len(versions) + 1)):
            found.append(f"{aggregate_id}: versions {versions} have a gap or a duplicate")
    found += answers_kept(system.outcomes, stored)
    found += unaudited(system, determinations.events + plans.events)

    # The IDP service opened one plan per "has ALN" decision, none for "no ALN".
    learner_of = {
        a: e[0].event.learner["learner_id"]  # type: ignore[attr-defined]
        for a, e in determinations.by_aggregate().items()
        if name(e[0]) == "ConcernRaised"
    }
    with_aln = {
        learner_of[str(e.originator_id)]
        for e in determinations.events
        if name(e) == "Decided" and e.event.has_aln  # type: ignore[attr-defined]
    }
    openings = Counter(e.event.learner_id for e in plans.events if name(e) == "Opened")  # type: ignore[attr-defined]
    if set(openings) != with_aln or any(n != 1 for n in openings.values()):
        found.append(
            f"plans opened {dict(openings)} for {len(with_aln)} 'has ALN' decisions: "
            f"missing {with_aln - set(openings)}, unasked {set(openings) - with_aln}"
        )

    # The disputes service applied each event of its topics once and learned each decision.
    disputes = system.schema("disputes")
    applied = Counter(
        r[0]
        for r in rows(
            system,
            f'SELECT event_id FROM "{disputes}".processed_events '
            "WHERE consumer = 'disputes.decisions'",
        )
    )
    if set(applied) != public:
        found.append(
            f"disputes applied {len(applied)} events of {len(public)}: "
            f"{len(public - set(applied))} not applied, {len(set(applied) - public)} unknown"
        )
    learned = {
        r[0]
        for r in rows(
            system,
            f"SELECT subject_id FROM \"{disputes}\".challengeable_decisions WHERE decision = 'aln'",
        )
    }
    decided = {str(e.originator_id) for e in determinations.events if name(e) == "Decided"}
    if learned != decided:
        found.append(f"disputes learned {len(learned)} decisions of {len(decided)}")

    # The read models are at the stores' versions.
    for service, table, key in (
        ("determination", "determination_cases", "determination_id"),
        ("idp", "idp_plans", "idp_id"),
    ):
        schema = system.schema(service)
        projected = dict(rows(system, f'SELECT {key}, version FROM "{schema}".{table}'))
        store = determinations if service == "determination" else plans
        latest = {
            a: max(e.originator_version for e in events)
            for a, events in store.by_aggregate().items()
            if name(events[0]) in {"ConcernRaised", "Opened"}
        }
        if projected != latest:
            behind = {a for a in latest if projected.get(a) != latest[a]}
            found.append(f"{table}: {len(behind)} rows not at the store's version")
    return found


def unaudited(system: Faults, events: list[RecordedEvent]) -> list[str]:
    """The request ids of stored events (made by a request, not a consumer) that have no row in
    the gateway's access-audit log."""
    requested = {
        e.meta["correlation_id"]
        for e in events
        if "@" in e.meta.get("actor", "") and e.meta.get("correlation_id")
    }
    gateway = system.schema("gateway")
    audited = {r[0] for r in rows(system, f'SELECT request_id FROM "{gateway}".access_audit')}
    missing = requested - audited
    return [f"{len(missing)} committed requests with no access-audit row"] if missing else []


def answers_kept(outcomes: list[Outcome], stored: dict[str, list[RecordedEvent]]) -> list[str]:
    """Acknowledged commands are stored as answered; unanswered ones fully or not at all."""
    found = []
    # The school names each learner by its own id; the registry's record says which is whose.
    local_of = {
        aggregate_id: e[0].event.local_ids.get(SCHOOL)  # type: ignore[attr-defined]
        for aggregate_id, e in stored.items()
        if name(e[0]) == "Registered"
    }
    raised_learners = Counter(
        local_of.get(e[0].event.learner["learner_id"])  # type: ignore[attr-defined]
        for e in stored.values()
        if name(e[0]) == "ConcernRaised"
    )
    for o in outcomes:
        if o.kind not in RECORDS:
            continue
        if o.acknowledged:
            events = {e.originator_version: e for e in stored.get(str(o.aggregate_id), [])}
            at = events.get(o.version or 0)
            if at is None or name(at) != RECORDS[o.kind]:
                found.append(f"acknowledged {o.kind} of {o.local_id} is not in the store")
        elif o.kind == "raise":
            if raised_learners[o.local_id] > 1:
                found.append(f"an unanswered concern about {o.local_id} was stored twice")
        else:
            events = {e.originator_version: e for e in stored.get(str(o.aggregate_id), [])}
            after = events.get((o.if_match or 0) + 1)
            if after is not None and name(after) != RECORDS[o.kind]:
                found.append(f"unanswered {o.kind} of {o.local_id}: {name(after)} in its place")
    return found


async def settled(system: Faults) -> None:
    """Wait until the system has published and applied everything; then nothing differs."""
    deadline = time.monotonic() + SETTLE
    while found := await problems(system):
        if time.monotonic() > deadline:
            logs = "\n".join(p.log_tail(15) for p in system.stack.processes.values())
            raise AssertionError("\n".join(found) + "\n" + logs)
        await asyncio.sleep(1.0)
    bootstrap = system.runtime.kafka_bootstrap_servers
    on_kafka = await published(bootstrap, DETERMINATION.name) + await published(bootstrap, IDP.name)
    copies = sum(n - 1 for n in on_kafka.values())
    answers = Counter((o.kind, o.status) for o in system.outcomes)
    # Seen with `pytest -s`: second copies are allowed (at least once), so they are counted.
    print(f"settled after {sorted(answers.items(), key=str)}; {copies} duplicate deliveries")


def test_the_servers_are_this_modules_own(system: Faults) -> None:
    """The shared servers are never the ones stopped here."""
    assert system.runtime.postgres_port != RuntimeSettings().postgres_port
    assert system.runtime.kafka_bootstrap_servers != RuntimeSettings().kafka_bootstrap_servers
    assert system.postgres.env["PG_PORT"] == str(system.runtime.postgres_port)
