"""Several replicas of one service, as a scaled Deployment runs them: real processes sharing one
schema and one consumer group on the real PostgreSQL and Kafka.

Two determination processes: one relay holds the advisory lock and publishes each event once;
when its process is killed the other takes over. Two idp processes: their consumers split the
topics' partitions, and each decision opens its learner's plan once.
"""

import asyncio
import os
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.coordinator.protocol import ConsumerProtocolMemberAssignment
from aiokafka.partitioner import DefaultPartitioner
from prometheus_client.parser import text_string_to_metric_families
from psycopg import sql

from contracts.topics import DETERMINATION, IDP
from gateway.stack import OWN_PREFIXES, Process, consumer_groups, free_port, stack_env
from idp.domain import plan_index_id
from llwybr.personal_data.kek import KeyRing
from llwybr.settings import RuntimeSettings
from llwybr_testkit import (
    TEST_SECRET,
    ActingAs,
    eventually,
    postgres_conninfo,
    read_envelopes,
    skip_history,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"
RELAY = "determination.outbox"
CONSUMER = "idp.determinations"


class Replicas:
    """Two processes of each of two services; each pair shares a schema."""

    def __init__(self, runtime: RuntimeSettings, directory: Path) -> None:
        run = uuid.uuid4().hex[:8]
        self.runtime = runtime
        self.group_prefix = f"replicas-{run}-"
        self.schemas = {service: f"{service}_{run}" for service in ("determination", "idp")}
        runtime = runtime.model_copy(update={"consumer_group_prefix": self.group_prefix})
        base = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
        env = stack_env(runtime, base, TEST_SECRET)
        # Replicas share one key-encryption key, as a deployment gives it (a Secret, ADR
        # 0023): a KEK of their own each would wrap a learner's data key where the other
        # replica (its relay, its reads) could not open it.
        kek = directory / "kek.json"
        KeyRing.from_file(kek, create=True)
        env["LLWYBR_PERSONAL_DATA_KEK_FILE"] = str(kek)
        self.processes: dict[str, list[Process]] = {}
        for service in ("determination", "idp"):
            replicas = []
            for replica in ("a", "b"):
                port = free_port()
                own = {f"{service.upper()}_PORT": str(port),
                       f"{service.upper()}_POSTGRES_SCHEMA": self.schemas[service]}  # fmt: skip
                folder = directory / f"{service}-{replica}"
                folder.mkdir()
                replicas.append(Process(service, port, {**env, **own}, folder))
            self.processes[service] = replicas

    @property
    def determination(self) -> list[Process]:
        return self.processes["determination"]

    @property
    def idp(self) -> list[Process]:
        return self.processes["idp"]

    def all(self) -> list[Process]:
        return [p for pair in self.processes.values() for p in pair]


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Replicas]:
    runtime = postgres_runtime.model_copy(update={"kafka_bootstrap_servers": kafka_bootstrap})
    running = Replicas(runtime, tmp_path_factory.mktemp("replicas"))
    asyncio.run(skip_history(kafka_bootstrap, consumer_groups(running.group_prefix)))
    try:
        for process in running.all():
            process.start()
        for process in running.all():
            process.wait_ready()
        yield running
    finally:
        for process in running.all():
            process.stop()


def metric(process: Process, name: str, **labels: str) -> float:
    """A sample of the process's /metrics (0 when it has not been recorded yet)."""
    text = httpx.get(f"{process.url}/metrics", timeout=10).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def relay_active(processes: list[Process]) -> list[float]:
    return [metric(p, "outbox_relay_active", relay=RELAY) for p in processes]


async def raise_concern(process: Process, local_id: str) -> tuple[str, str, str]:
    """A concern raised with one replica about the school's pupil ``local_id`` (its own id for
    them): the case id, its ETag and the registry's id for the learner."""
    async with httpx.AsyncClient(base_url=process.url, auth=ActingAs(SCHOOL), timeout=30) as c:
        learner = {"local_id": local_id, "given_name": "Cerys", "family_name": "Jones",
                   "date_of_birth": "2017-05-02", "setting": "maintained_school",
                   "setting_id": "6652001", "local_authority": "665"}  # fmt: skip
        created = await c.post("/v1/determinations", json={
            "learner": learner, "raised_by": SCHOOL, "raised_with": SCHOOL,
            "came_to_attention_on": "2026-03-02"})  # fmt: skip
        assert created.status_code == 201, created.text
        return created.json()["id"], created.headers["etag"], created.json()["learner_id"]


async def decide(process: Process, case_id: str, etag: str, has_aln: bool) -> None:
    async with httpx.AsyncClient(base_url=process.url, auth=ActingAs(SCHOOL), timeout=30) as c:
        decided = await c.post(
            f"/v1/determinations/{case_id}/decision",
            headers={"If-Match": etag},
            json={"has_aln": has_aln, "reasons": "Significantly greater difficulty",
                  "decided_on": "2026-03-20", "decided_by": SCHOOL, "person": "ALNCo"},
        )  # fmt: skip
        assert decided.is_success, decided.text


def learner() -> str:
    return f"learner-{uuid.uuid4().hex[:10]}"


async def test_one_of_two_replicas_relays_and_each_event_is_published_once(
    replicas: Replicas, kafka_bootstrap: str
) -> None:
    await eventually(lambda: sorted(relay_active(replicas.determination)) == [0, 1], timeout=30)
    active, standby = sorted(replicas.determination, key=lambda p: -relay_active([p])[0])

    # Half the commands go to the replica whose relay waits: the active one publishes them too.
    cases = [(await raise_concern(p, learner()))[0] for p in (active, standby, active, standby)]
    received = await read_envelopes(
        kafka_bootstrap, DETERMINATION.name, set(cases), expected=4, timeout=60, settle=3.0
    )

    assert sorted(e.aggregate_id for e in received) == sorted(cases)
    assert len({e.id for e in received}) == 4
    assert metric(active, "outbox_relay_published_events_total", relay=RELAY) >= 4
    assert metric(standby, "outbox_relay_published_events_total", relay=RELAY) == 0


async def test_when_the_active_relay_dies_the_other_replica_takes_over(
    replicas: Replicas, kafka_bootstrap: str
) -> None:
    await eventually(lambda: sorted(relay_active(replicas.determination)) == [0, 1], timeout=30)
    active, standby = sorted(replicas.determination, key=lambda p: -relay_active([p])[0])
    assert active.pid is not None
    os.kill(active.pid, signal.SIGKILL)  # a crash: its session, and the lock, go with it
    active.stop()

    await eventually(lambda: relay_active([standby]) == [1], timeout=30)
    cases = [(await raise_concern(standby, learner()))[0] for _ in range(2)]
    received = await read_envelopes(
        kafka_bootstrap, DETERMINATION.name, set(cases), expected=2, timeout=60, settle=2.0
    )
    active.start()
    active.wait_ready()

    assert sorted(e.aggregate_id for e in received) == sorted(cases)
    await eventually(lambda: relay_active([active, standby]) == [0, 1], timeout=30)


def partition(learner_id: str) -> int:
    """The partition Kafka's default partitioner gives a learner's events (key = learner id)."""
    partitions = list(range(DETERMINATION.partitions))
    chosen: int = DefaultPartitioner()(learner_id.encode(), partitions, partitions)
    return chosen


async def assignments(bootstrap: str, group: str) -> list[set[int]]:
    """The determination partitions each member of the consumer group holds."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        described: list[Any] = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    members: list[Any] = described[0].groups[0][5]  # (error, group, state, ..., members)
    held = []
    for member in members:
        assignment = ConsumerProtocolMemberAssignment.decode(member[-1])
        held.append({p for topic, ps in assignment.assignment if topic == DETERMINATION.name
                     for p in ps})  # fmt: skip
    return held


async def test_two_consumer_replicas_split_the_partitions_and_open_each_plan_once(
    replicas: Replicas, kafka_bootstrap: str
) -> None:
    group = f"{replicas.group_prefix}{CONSUMER}"

    async def split() -> bool:
        held = await assignments(kafka_bootstrap, group)
        return len(held) == 2 and all(held) and not held[0] & held[1]

    await eventually(split, timeout=60)
    # One learner on each partition, so both replicas have some of these decisions to apply:
    # the registry assigns learner ids, so concerns are raised until each partition has one
    # (the others stay undecided).
    determination = next(p for p in replicas.determination if p.running)
    learners: dict[int, str] = {}
    while len(learners) < DETERMINATION.partitions:
        case_id, etag, learner_id = await raise_concern(determination, learner())
        if partition(learner_id) not in learners:
            learners[partition(learner_id)] = learner_id
            await decide(determination, case_id, etag, has_aln=True)

    # One index entry per learner (its id is the learner's), saved with the learner's plan.
    # Other stacks on the shared broker may open plans for the same learners in their own
    # schemas and publish them too, so what is checked is this one's store.
    entries = {str(plan_index_id(learner_id)) for learner_id in learners.values()}
    await eventually(lambda: len(stored_events(replicas, entries)) == len(entries), timeout=90)
    assert stored_events(replicas, entries) == [(1, entry) for entry in sorted(entries)]
    for process in replicas.idp:
        assert metric(process, "consumer_events_total", consumer=CONSUMER, outcome="applied") > 0
    plan_ids: set[str] = set()
    async with httpx.AsyncClient(auth=ActingAs(SCHOOL), timeout=30) as client:
        for learner_id in learners.values():
            for process in replicas.idp:  # both replicas read the one shared schema
                url = f"{process.url}/v1/idps"

                async def listed(url: str = url, learner_id: str = learner_id) -> bool:
                    plans = await client.get(url, params={"learner_id": learner_id})
                    return len(plans.json()["items"]) == 1

                await eventually(listed, timeout=30)
                plans = await client.get(url, params={"learner_id": learner_id})
                plan_ids.add(plans.json()["items"][0]["idp_id"])
    assert len(plan_ids) == len(learners)  # plan ids are random: one plan each
    assert stored_events(replicas, plan_ids) == [(1, plan_id) for plan_id in sorted(plan_ids)]
    opened = await read_envelopes(kafka_bootstrap, IDP.name, plan_ids, expected=len(plan_ids))
    assert {e.aggregate_id for e in opened} == plan_ids


def stored_events(replicas: Replicas, plan_ids: set[str]) -> list[tuple[int, str]]:
    """(version, plan id) of every event the replicas stored for these plans."""
    schema = replicas.schemas["idp"]
    with psycopg.connect(postgres_conninfo(replicas.runtime)) as conn:
        rows = conn.execute(
            sql.SQL(
                "SELECT originator_version, originator_id::text FROM {}.idp_events "
                "WHERE originator_id::text = ANY(%s) ORDER BY originator_id, originator_version"
            ).format(sql.Identifier(schema)),
            (sorted(plan_ids),),
        ).fetchall()
    return [(int(version), str(plan_id)) for version, plan_id in rows]
