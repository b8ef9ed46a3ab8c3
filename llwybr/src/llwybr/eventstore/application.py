"""``ChainedApplication``: the base Application of every service, on the chained store."""

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import (
    AggregateNotFoundError,
    Application,
    ProcessingEvent,
    Repository,
)
from eventsourcing.domain import Aggregate, DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import (
    ApplicationRecorder,
    EventStore,
    InfrastructureFactory,
    IntegrityError,
    JSONTranscoder,
    Notification,
    ProcessRecorder,
    Recording,
    Tracking,
)
from eventsourcing.utils import Environment, EnvType, strtobool

from llwybr import retry
from llwybr.eventstore.mapper import ChainedMapper, DateAsISO, RecordedEvent
from llwybr.eventstore.store import ChainedEventStore, ChainedRepository, replay
from llwybr.integrity import ChainBrokenError, ChainCheck, ChainLink, Verification, verify_links
from llwybr.personal_data.fields import Sealer

A = TypeVar("A", bound=Aggregate)

log = logging.getLogger(__name__)

SUPPORTED_PERSISTENCE = ("eventsourcing.sqlite", "eventsourcing.postgres")
#: The recorder of each persistence module: the library's, which also records a command's key
#: with its events (``llwybr.command_keys``). Named by topic: this module imports no driver.
RECORDERS = {
    "eventsourcing.postgres": "llwybr.eventstore.recorders:PostgresCommandKeyRecorder",
    "eventsourcing.sqlite": "llwybr.eventstore.recorders:SQLiteCommandKeyRecorder",
}


class StaleVersionError(Exception):
    """A command named a version of the aggregate that is no longer its latest (If-Match)."""

    def __init__(self, aggregate_id: UUID, expected: int, actual: int) -> None:
        super().__init__(
            f"{aggregate_id} is at version {actual}, not {expected}: fetch it again and retry"
        )
        self.expected, self.actual = expected, actual


class ChainedApplication(Application[UUID]):
    """Base Application of every service: chained store, pinned persistence, wake-ups."""

    #: How many distinct breaks to remember as already alerted (least recent go first).
    ALERTED = 10_000

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self._listeners: list[Any] = []
        self._integrity_listeners: list[Callable[[ChainBrokenError], None]] = []
        self._alerted: OrderedDict[tuple[str, int, str], None] = OrderedDict()
        self._alerted_lock = threading.Lock()
        super().__init__(env)
        if self.env.get("POSTGRES_ENABLE_DB_FUNCTIONS"):
            # In eventsourcing 9.5 it mixes applications' events sharing a schema and lets
            # tailing readers miss events: the outbox would lose them.
            raise RuntimeError(f"{self.name}: POSTGRES_ENABLE_DB_FUNCTIONS must not be set")
        module = self.env.get("PERSISTENCE_MODULE")
        # An unset PERSISTENCE_MODULE silently means in-memory: refuse it outside unit tests.
        if module not in SUPPORTED_PERSISTENCE and self.env.get("LLWYBR_ALLOW_POPO") != "y":
            raise RuntimeError(
                f"{self.name}: PERSISTENCE_MODULE must be one of "
                f"{SUPPORTED_PERSISTENCE}, got {module!r}"
            )

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        environment = super().construct_env(name, env)
        # The recorder that also records a command's key with its events (llwybr.command_keys).
        recorder = RECORDERS.get(environment.get("PERSISTENCE_MODULE", ""))
        topic = InfrastructureFactory.PROCESS_RECORDER_TOPIC
        if recorder is not None and not environment.get(topic):
            environment[topic] = recorder
        return environment

    def construct_recorder(self) -> ApplicationRecorder:
        # A process recorder can also record a consumer's position with the events it causes.
        return self.factory.process_recorder()

    def save_tracked(self, *objs: Any, tracking: Tracking) -> None:
        """Save aggregates and a consumer's tracking record in one transaction (or only the
        tracking record when the event caused nothing)."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent(tracking=tracking)
        processing_event.collect_events(*objs)
        if not processing_event.events:
            self.tracking_recorder.insert_tracking(tracking)
            return
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)

    @property
    def tracking_recorder(self) -> ProcessRecorder:
        return cast(ProcessRecorder, self.recorder)

    def construct_mapper(self) -> ChainedMapper:
        return cast(
            ChainedMapper,
            self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=ChainedMapper),
        )

    def construct_event_store(self) -> ChainedEventStore:
        return ChainedEventStore(self.chained_mapper, self.recorder, on_break=self._chain_broken)

    def construct_repository(self) -> Repository[UUID]:
        # The library's, with the same settings; only the replay differs (ChainedRepository).
        cache_maxsize = self.env.get(self.AGGREGATE_CACHE_MAXSIZE)
        return ChainedRepository(
            event_store=self.events,
            cache_maxsize=int(cache_maxsize) if cache_maxsize else None,
            fastforward=strtobool(self.env.get(self.AGGREGATE_CACHE_FASTFORWARD, "y")),
            fastforward_skipping=strtobool(
                self.env.get(self.AGGREGATE_CACHE_FASTFORWARD_SKIPPING, "n")
            ),
            deepcopy_from_cache=strtobool(self.env.get(self.DEEPCOPY_FROM_AGGREGATE_CACHE, "y")),
        )

    def construct_snapshot_store(self) -> EventStore[UUID]:
        # The library loads an aggregate from its latest snapshot plus the events after it: a
        # snapshot row (unchained, easy to forge) would bypass the check on load (ADR 0005).
        raise RuntimeError(
            f"{self.name}: snapshots are not supported (IS_SNAPSHOTTING_ENABLED must not be "
            "set): a snapshot would let a load skip the integrity chain"
        )

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    @property
    def chained_mapper(self) -> ChainedMapper:
        return cast(ChainedMapper, self.mapper)

    #: The learners' data keys (ADR 0023), when the service's events hold personal fields.
    vault: Sealer | None = None

    def use_vault(self, vault: Sealer) -> None:
        """Seal the personal fields events declare with learners' data keys (ADR 0023), from
        now on; called once, before the first save."""
        self.vault = self.chained_mapper.sealer = vault

    def close(self) -> None:
        if self.chained_mapper.sealer is not None:
            self.chained_mapper.sealer.close()
        super().close()

    def add_listener(self, callback: Any) -> None:
        """Call ``callback()`` after each save (the relay uses it to wake up at once)."""
        self._listeners.append(callback)

    def add_integrity_listener(self, callback: Callable[[ChainBrokenError], None]) -> None:
        """Call ``callback(error)`` each time a load is refused for a broken chain (the
        service counts them for Prometheus)."""
        self._integrity_listeners.append(callback)

    def _chain_broken(self, error: ChainBrokenError) -> None:
        """Alert (once per break: each refusal after that is a warning) and tell listeners."""
        key = (error.aggregate_id, error.version, error.broken.reason)
        with self._alerted_lock:
            first = key not in self._alerted
            self._alerted[key] = None
            self._alerted.move_to_end(key)
            while len(self._alerted) > self.ALERTED:
                self._alerted.popitem(last=False)
        log.log(
            logging.ERROR if first else logging.WARNING,
            "INTEGRITY %s: %s %s refused: stored event version %d fails the chain (%s)",
            "ALERT" if first else "refusal again",
            self.name,
            error.aggregate_id,
            error.version,
            error.broken.reason,
            extra={
                "alert": "integrity",
                "application": self.name,
                "aggregate_id": error.aggregate_id,
                "event_version": error.version,
            },
        )
        for callback in self._integrity_listeners:
            callback(error)

    def save(
        self,
        *objs: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID] | None,
        **kwargs: Any,
    ) -> list[Recording[UUID]]:
        try:
            return super().save(*objs, **kwargs)
        except IntegrityError:
            # Lost a race on a version: a request without If-Match is run again (llwybr.retry).
            retry.conflicted()
            raise

    def _notify(self, recordings: list[Recording[UUID]]) -> None:
        if recordings:
            retry.committed()
            for callback in self._listeners:
                callback()

    def get_as(self, aggregate_id: UUID, kind: type[A]) -> A:
        """The aggregate, which must be of ``kind`` (else not found)."""
        found: object = self.repository.get(aggregate_id)
        if not isinstance(found, kind):
            raise AggregateNotFoundError(aggregate_id)
        return found

    def get_many(self, aggregate_ids: Iterable[UUID]) -> dict[UUID, Aggregate]:
        """Many aggregates read together (one round trip on PostgreSQL, not one each: a bulk
        sync's reads), each checked against its chain as a load is (``ChainBrokenError``);
        those with no events are absent."""
        events = cast(ChainedEventStore, self.events).get_many(aggregate_ids)
        return {i: cast(Aggregate, replay(None, found)) for i, found in events.items()}

    def load(
        self,
        aggregate_id: UUID,
        kind: type[A],
        expected_version: int | None = None,
        *,
        may: Callable[[A], object] | None = None,
    ) -> A:
        """The one read of a command: the aggregate, which must be of ``kind``; then ``may``,
        the caller's right to it (raising if they have none); then the ``If-Match`` version.
        Access comes before the version so that a caller who may not see the aggregate
        learns nothing of it (not even that it exists) from a stale ``If-Match``."""
        aggregate = self.get_as(aggregate_id, kind)
        if may is not None:
            may(aggregate)
        if expected_version is not None and aggregate.version != expected_version:
            raise StaleVersionError(aggregate_id, expected_version, aggregate.version)
        return aggregate

    def save_at(self, expected_version: int | None, *aggregates: Any) -> int:
        """Save what a command changed; a concurrent write that won the race makes an
        ``If-Match`` command stale. Returns the first aggregate's new version."""
        try:
            self.save(*aggregates)
        except IntegrityError:
            if expected_version is not None:
                first = aggregates[0]
                raise StaleVersionError(first.id, expected_version, expected_version + 1) from None
            raise
        return int(aggregates[0].version)

    def act(
        self,
        aggregate_id: UUID,
        kind: type[A],
        expected_version: int | None,
        command: Callable[[A], object],
    ) -> int:
        """Load, run one command, save: the one command shape for a command that needs no
        more than the aggregate. Returns the new version."""
        aggregate = self.load(aggregate_id, kind, expected_version)
        command(aggregate)
        return self.save_at(expected_version, aggregate)

    def recorded_events(self, originator_id: UUID) -> Iterator[RecordedEvent]:
        """An aggregate's stored events, with hashes and metadata, in version order, as they
        are (the evidence, altered or not: ``verify`` says whether they hold)."""
        for stored in self.recorder.select_events(originator_id):
            yield self.chained_mapper.to_recorded_event(stored)

    def verified_events(self, originator_id: UUID) -> list[RecordedEvent]:
        """An aggregate's stored events as ``recorded_events`` gives them, for rebuilding its
        state: refused with ``ChainBrokenError``, as a load is, when its chain does not hold."""
        stored = self.recorder.select_events(originator_id)
        check = ChainCheck()
        for event in stored:
            broken = check.check(self.chained_mapper.to_link(event))
            if broken is not None:
                raise cast(ChainedEventStore, self.events).refuse(broken)
        return [self.chained_mapper.to_recorded_event(event) for event in stored]

    def select_notifications(self, after: int, limit: int) -> Sequence[Notification]:
        """The notification log after a position: the outbox that the relay reads."""
        return self.recorder.select_notifications(after, limit, inclusive_of_start=False)

    def verify(self, originator_id: UUID) -> Verification:
        """Recompute one aggregate's chain."""
        mapper = self.chained_mapper
        return verify_links(mapper.to_link(s) for s in self.recorder.select_events(originator_id))

    def verify_all(self, section: int = 1000) -> Verification:
        """Recompute every chain in this service's store, in notification order, listing
        every break (aggregate, version, notification id, reason)."""
        mapper = self.chained_mapper

        def links() -> Iterator[ChainLink]:
            after = 0
            while True:
                batch = self.select_notifications(after, section)
                if not batch:
                    return
                for n in batch:
                    yield mapper.to_link(n, n.id)
                after = batch[-1].id

        return verify_links(links())
