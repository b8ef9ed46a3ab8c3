"""Kafka adapters (aiokafka): idempotent publisher, group subscription, topic creation."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaClient, AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.helpers import create_ssl_context

from contracts.envelope import Envelope
from llwybr import tracing
from llwybr.bus import Delivery
from llwybr.settings import RuntimeSettings

log = logging.getLogger(__name__)

#: What aiokafka logs (at ERROR or WARNING) on every retry while the broker is away: a few
#: thousand lines for a 30 s outage. They are demoted to DEBUG; the outage is reported once
#: when it starts and once when it ends (``llwybr.outage.OutageLog``, the readiness probe).
RETRY_CHATTER = (
    "Unable connect to",
    "Unable to request metadata from",
    "Unable to update metadata from",
    "Failed fetch messages from",
    "Failed fetch offsets from",
    "Group Coordinator Request failed",
    "FindCoordinator Request failed",
    "Marking the coordinator dead",
    "Error sending %s to node %s [%s] -- marking coordinator dead",
    "Heartbeat session expired",
    "Heartbeat send request failed",
    "Heartbeat failed for group %s: coordinator",
    "Got error produce response",
)
AIOKAFKA_LOGGERS = (
    "aiokafka",  # the client's own
    "aiokafka.conn",
    "aiokafka.cluster",
    "aiokafka.consumer.fetcher",
    "aiokafka.consumer.group_coordinator",
    "aiokafka.producer.sender",
    "aiokafka.producer.producer",
)


class RetryChatter(logging.Filter):
    """Demotes aiokafka's per-retry errors to DEBUG (shown only where DEBUG is on)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or not str(record.msg).startswith(RETRY_CHATTER):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


def quiet_retry_chatter() -> None:
    """Install ``RetryChatter`` on aiokafka's loggers (once; done when this module loads)."""
    for name in AIOKAFKA_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RetryChatter) for f in logger.filters):
            logger.addFilter(RetryChatter())


quiet_retry_chatter()

#: Unlimited retention: the topics are a replayable history, any consumer may start at 0.
TOPIC_CONFIG = {"retention.ms": "-1", "retention.bytes": "-1", "cleanup.policy": "delete"}


@dataclass(frozen=True)
class KafkaSecurity:
    """How every client of one deployable authenticates to the broker."""

    protocol: str = "PLAINTEXT"
    sasl_mechanism: str = "SCRAM-SHA-512"
    username: str | None = None
    password: str | None = None
    cafile: Path | None = None

    @classmethod
    def from_runtime(cls, runtime: RuntimeSettings) -> "KafkaSecurity":
        password = runtime.kafka_sasl_password
        return cls(
            protocol=runtime.kafka_security_protocol,
            sasl_mechanism=runtime.kafka_sasl_mechanism,
            username=runtime.kafka_sasl_username,
            password=password.get_secret_value() if password is not None else None,
            cafile=runtime.kafka_ssl_cafile,
        )

    def client_options(self) -> dict[str, Any]:
        """The keyword arguments every aiokafka client takes for this."""
        options: dict[str, Any] = {"security_protocol": self.protocol}
        if self.protocol in ("SSL", "SASL_SSL"):
            # Verifies the broker's certificate and host name against the CA (the system's
            # store when no file is given).
            cafile = str(self.cafile) if self.cafile is not None else None
            options["ssl_context"] = create_ssl_context(cafile=cafile)
        if self.protocol.startswith("SASL"):
            options["sasl_mechanism"] = self.sasl_mechanism
            options["sasl_plain_username"] = self.username
            options["sasl_plain_password"] = self.password
        return options


PLAINTEXT = KafkaSecurity()


async def start_whole(
    start: Callable[[], Awaitable[None]], stop: Callable[[], Awaitable[None]], timeout: float
) -> None:
    """Run ``start`` to its end even when the caller gives up (a timeout, or the service
    stopping), then ``stop`` it if the caller gave up or the start failed.

    aiokafka leaks the connection of a bootstrap cancelled mid-request (it is a local of the
    cancelled coroutine), so a start is never cancelled; the client's own request timeout
    bounds how long it runs on.
    """
    starting = asyncio.ensure_future(start())
    try:
        async with asyncio.timeout(timeout):
            await asyncio.shield(starting)
    except BaseException:
        with contextlib.suppress(Exception):
            await asyncio.shield(starting)
        await stop()
        raise


#: How long a client's ``stop()`` may take before its connections are simply closed. aiokafka's
#: own ``stop()`` has no bound: with the broker away a producer waits to flush what cannot be
#: sent, and a consumer's fetcher re-raises the cancellation of a fetch sleeping on its retry
#: back-off (a stray ``CancelledError`` that would end the caller's shutdown half done).
STOP_TIMEOUT = 10.0


async def stop_within(
    what: str,
    stop: Callable[[], Awaitable[None]],
    close: Callable[[], Awaitable[None]],
    timeout: float = STOP_TIMEOUT,
) -> None:
    """Run a client's ``stop`` for at most ``timeout`` seconds, in a task of its own (so a
    cancellation raised inside it is not taken for the caller's); if it fails or overruns,
    close the client's connections (``close``). Never raises but for the caller's own
    cancellation. What was not sent is sent again by the relay; what was fetched and not
    committed is fetched again."""
    stopping = asyncio.ensure_future(stop())
    try:
        await asyncio.wait({stopping}, timeout=timeout)
    except BaseException:  # the caller is cancelled: so is the stop, and the caller goes on
        stopping.cancel()
        raise
    if stopping.done() and not stopping.cancelled() and stopping.exception() is None:
        return
    if not stopping.done():
        stopping.cancel()
        with contextlib.suppress(BaseException):
            await stopping
        problem = f"took over {timeout}s"
    else:
        problem = "was cancelled" if stopping.cancelled() else repr(stopping.exception())
    log.warning("kafka %s did not stop cleanly (%s); closing its connections", what, problem)
    with contextlib.suppress(Exception):
        await close()


async def ensure_topics(
    bootstrap_servers: str,
    names: Iterable[str],
    *,
    partitions: int,
    replication_factor: int = 1,
    timeout: float = 30.0,
    security: KafkaSecurity = PLAINTEXT,
) -> None:
    """Create the topics that do not exist yet (the broker does not auto-create them)."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers,
        request_timeout_ms=10_000,
        **security.client_options(),
    )
    await start_whole(admin.start, admin.close, timeout)
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, partitions, replication_factor, topic_configs=TOPIC_CONFIG)
            for name in names
            if name not in existing
        ]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # another replica was first
                await admin.create_topics(missing)
    finally:
        await admin.close()


class KafkaPublisher:
    """Idempotent producer, ``acks=all``: ``publish`` returns once the broker has every record."""

    def __init__(
        self,
        bootstrap_servers: str,
        client_id: str,
        timeout: float = 15.0,
        security: KafkaSecurity = PLAINTEXT,
    ) -> None:
        self._bootstrap = bootstrap_servers
        self._client_id = client_id
        self._timeout = timeout
        self._security = security
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        if self._producer is not None:
            return
        producer = AIOKafkaProducer(
            bootstrap_servers=self._bootstrap,
            client_id=self._client_id,
            enable_idempotence=True,
            acks="all",
            linger_ms=2,
            request_timeout_ms=int(self._timeout * 1000),
            **self._security.client_options(),
        )
        await start_whole(producer.start, producer.stop, self._timeout)
        self._producer = producer

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        with tracing.publishing(envelopes, "kafka") as traced:  # the trace context travels
            await self._publish(traced)

    async def _publish(self, envelopes: Sequence[Envelope]) -> None:
        await self.start()
        assert self._producer is not None
        try:
            pending = []
            for envelope in envelopes:
                key, value, headers = envelope.to_kafka()
                pending.append(
                    await self._producer.send(envelope.topic, value, key=key, headers=headers)
                )
            if pending:
                done, late = await asyncio.wait(pending, timeout=self._timeout)
                for future in late:
                    future.cancel()
                if late:
                    raise TimeoutError(f"{len(late)} records not acknowledged in {self._timeout}s")
                for future in done:
                    future.result()  # raises the broker's error, if any
        except BaseException:
            # A producer that failed mid-batch is discarded; the batch is sent again whole.
            await self.stop()
            raise

    async def stop(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            # With the broker away, stop() waits to flush what cannot be sent; those events
            # are sent again by the relay, so past the timeout the connections are closed.
            await stop_within("producer", producer.stop, producer.client.close, self._timeout)


def consumer_connections(consumer: AIOKafkaConsumer) -> AIOKafkaClient:
    """The client holding ``consumer``'s connections (aiokafka names it only privately; the
    producer's is public as ``producer.client``)."""
    client: AIOKafkaClient = consumer._client
    return client


class KafkaSubscription:
    """A consumer group member; offsets are committed only when ``commit`` is called."""

    def __init__(
        self,
        bootstrap_servers: str,
        topics: Sequence[str],
        group: str,
        start_from: str = "earliest",
        security: KafkaSecurity = PLAINTEXT,
    ) -> None:
        self._bootstrap, self._topics, self._group = bootstrap_servers, tuple(topics), group
        self._start_from = start_from
        self._security = security
        self._consumer: AIOKafkaConsumer | None = None
        self._next: dict[TopicPartition, int] = {}

    async def start(self) -> None:
        consumer = AIOKafkaConsumer(
            *self._topics,
            bootstrap_servers=self._bootstrap,
            group_id=self._group,
            client_id=self._group,
            enable_auto_commit=False,
            auto_offset_reset=self._start_from,
            isolation_level="read_committed",
            **self._security.client_options(),
        )
        await start_whole(consumer.start, consumer.stop, 30)
        self._consumer = consumer

    async def fetch(self, timeout: float) -> list[Delivery]:
        assert self._consumer is not None
        batches = await self._consumer.getmany(timeout_ms=int(timeout * 1000), max_records=200)
        deliveries = []
        for records in batches.values():
            for r in records:
                deliveries.append(
                    Delivery.of_record(
                        r.topic, r.partition, r.offset, r.key, r.value or b"", list(r.headers)
                    )
                )
                self._next[TopicPartition(r.topic, r.partition)] = r.offset + 1
        for tp in self._consumer.assignment() - self._next.keys():
            # No record yet from this partition: the lag counts from where the group starts
            # (its committed offset, or the start or end of the topic), not from offset 0.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(5):
                    self._next[tp] = await self._consumer.position(tp)
        return deliveries

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        assert self._consumer is not None
        offsets: dict[TopicPartition, int] = {}
        for d in deliveries:
            tp = TopicPartition(d.topic, d.partition)
            offsets[tp] = max(offsets.get(tp, 0), d.offset + 1)
        await self._consumer.commit(offsets)

    async def stop(self) -> None:
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            await stop_within("consumer", consumer.stop, consumer_connections(consumer).close)

    def lag(self) -> int | None:
        consumer = self._consumer
        if consumer is None:
            return None
        total = 0
        for tp in consumer.assignment():
            highwater = consumer.highwater(tp)
            if highwater is None:
                return None
            total += max(0, highwater - self._next.get(tp, 0))
        return total


async def skip_history(bootstrap_servers: str, groups: Mapping[str, Sequence[str]]) -> None:
    """Start each consumer group (name: topics) at the topics' current end.

    The test broker is shared and its topics keep everything: a new group would first replay
    every earlier run's events (and the services would publish again what they derive from
    them), which makes each run slower than the last.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await start_whole(admin.start, admin.close, 30)
    try:
        names = sorted({topic for topics in groups.values() for topic in topics})
        described = await admin.describe_topics(names)
    finally:
        await admin.close()
    partitions = {  # a topic that does not exist yet has no history to skip
        d["topic"]: [TopicPartition(d["topic"], p["partition"]) for p in d["partitions"]]
        for d in described
        if d["error_code"] == 0
    }
    for group, topics in groups.items():
        assigned = [tp for topic in topics for tp in partitions.get(topic, [])]
        if not assigned:
            continue
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers, group_id=group, enable_auto_commit=False
        )
        await start_whole(consumer.start, consumer.stop, 30)
        try:
            consumer.assign(assigned)
            await consumer.commit(await consumer.end_offsets(assigned))
        finally:
            await stop_within("consumer", consumer.stop, consumer_connections(consumer).close)
