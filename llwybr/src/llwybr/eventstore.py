"""Event stores with an integrity chain, on the eventsourcing library.

``ChainedApplication`` is the base of every service's ``Application``. Each event it records
carries, inside its stored state, the acting principal (``__meta__``) and its place in the
aggregate's hash chain (``__integrity__``: previous hash and own hash). The chain is kept at
the storage edge, so aggregates stay plain eventsourcing aggregates with no knowledge of it.

Every read of an aggregate's events checks them against the chain before the aggregate is
built: a broken chain (an altered, re-hashed, missing or reordered event) raises
``ChainBrokenError`` and nothing is served or written on it (ADR 0005).
"""

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEventProtocol
from eventsourcing.persistence import (
    ApplicationRecorder,
    EventStore,
    IntegrityError,
    JSONTranscoder,
    Mapper,
    MapperDeserialisationError,
    Notification,
    ProcessRecorder,
    Recording,
    StoredEvent,
    Tracking,
    Transcoding,
    find_id_convertor,
)
from eventsourcing.utils import get_topic, resolve_topic

from llwybr import context
from llwybr.integrity import (
    GENESIS,
    BrokenLink,
    ChainBrokenError,
    ChainCheck,
    ChainLink,
    Verification,
    chain_hash,
    verify_links,
)

A = TypeVar("A", bound=Aggregate)

log = logging.getLogger(__name__)

INTEGRITY_KEY = "__integrity__"
META_KEY = "__meta__"
SUPPORTED_PERSISTENCE = ("eventsourcing.sqlite", "eventsourcing.postgres")


class DateAsISO(Transcoding):
    """Dates (statutory deadlines, decision dates) as ISO strings in stored events."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


@dataclass(frozen=True)
class RecordedEvent:
    """A stored event with what the store knows about it beyond the domain event."""

    event: DomainEventProtocol[UUID]
    originator_id: UUID
    originator_version: int
    topic: str
    integrity_hash: str
    previous_hash: str
    meta: dict[str, Any]
    notification_id: int | None

    @property
    def timestamp(self) -> datetime:
        return cast(datetime, getattr(self.event, "timestamp"))  # noqa: B009 (not in the protocol)


class StaleVersionError(Exception):
    """A command named a version of the aggregate that is no longer its latest (If-Match)."""

    def __init__(self, aggregate_id: UUID, expected: int, actual: int) -> None:
        super().__init__(
            f"{aggregate_id} is at version {actual}, not {expected}: fetch it again and retry"
        )
        self.expected, self.actual = expected, actual


class ChainedMapper(Mapper[UUID]):
    """Writes and reads the chain fields; everything else is the library's mapping."""

    def _plain(self, stored_state: bytes) -> bytes:
        if self.cipher:
            stored_state = self.cipher.decrypt(stored_state)
        if self.compressor:
            stored_state = self.compressor.decompress(stored_state)
        return stored_state

    def _sealed(self, plain: bytes) -> bytes:
        if self.compressor:
            plain = self.compressor.compress(plain)
        if self.cipher:
            plain = self.cipher.encrypt(plain)
        return plain

    def to_chained_stored_event(
        self, domain_event: DomainEventProtocol[UUID], previous_hash: str, meta: dict[str, Any]
    ) -> tuple[StoredEvent, str]:
        """The stored form of an event linked after ``previous_hash``, and its own hash."""
        topic = get_topic(domain_event.__class__)
        event_state = dict(vars(domain_event))
        originator_id = event_state.pop("originator_id")
        originator_version = event_state.pop("originator_version")
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            event_state["class_version"] = class_version
        # The hash covers the JSON form exactly as it is stored, so it can be recomputed
        # from the row alone, without the Python classes.
        state = json.loads(self.transcoder.encode(event_state))
        state[META_KEY] = meta
        own_hash = chain_hash(
            originator_id=str(originator_id),
            originator_version=originator_version,
            topic=topic,
            state=state,
            previous_hash=previous_hash,
        )
        state[INTEGRITY_KEY] = {"previous_hash": previous_hash, "hash": own_hash}
        plain = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()
        stored = StoredEvent(originator_id, originator_version, topic, self._sealed(plain))
        return stored, own_hash

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        raise TypeError("events of a ChainedApplication are stored through ChainedEventStore")

    def to_link(self, stored: StoredEvent, notification_id: int | None = None) -> ChainLink:
        """The chain's view of a stored event (JSON values, no Python classes needed)."""
        try:
            state = json.loads(self._plain(stored.state))
            integrity = state.pop(INTEGRITY_KEY)
            return ChainLink(
                originator_id=str(stored.originator_id),
                originator_version=stored.originator_version,
                topic=stored.topic,
                state=state,
                previous_hash=integrity["previous_hash"],
                integrity_hash=integrity["hash"],
                notification_id=notification_id,
            )
        except (ValueError, KeyError, TypeError) as error:
            # An unreadable or unchained row is reported by verify as a broken link.
            return ChainLink(
                str(stored.originator_id),
                stored.originator_version,
                stored.topic,
                {},
                "?",
                f"?{error}",
                notification_id,
            )

    def to_recorded_event(self, stored: StoredEvent) -> RecordedEvent:
        """Decode a stored event with its chain fields and metadata."""
        cls = resolve_topic(stored.topic)
        try:
            event_state: dict[str, Any] = self.transcoder.decode(self._plain(stored.state))
            integrity = event_state.pop(INTEGRITY_KEY)
            meta = event_state.pop(META_KEY)
        except Exception as error:
            raise MapperDeserialisationError(
                f"cannot read stored event {stored.originator_id} "
                f"v{stored.originator_version}: {error}"
            ) from error
        convert = find_id_convertor(cls, UUID if isinstance(stored.originator_id, UUID) else str)
        event_state["originator_id"] = convert(stored.originator_id)
        event_state["originator_version"] = stored.originator_version
        class_version = getattr(cls, "class_version", 1)
        from_version = event_state.pop("class_version", 1)
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(event_state)
            from_version += 1
        domain_event = object.__new__(cls)
        object.__setattr__(domain_event, "__dict__", event_state)
        return RecordedEvent(
            event=domain_event,
            originator_id=UUID(str(stored.originator_id)),
            originator_version=stored.originator_version,
            topic=stored.topic,
            integrity_hash=integrity["hash"],
            previous_hash=integrity["previous_hash"],
            meta=meta,
            notification_id=stored.id if isinstance(stored, Notification) else None,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        return self.to_recorded_event(stored_event).event


class ChainedEventStore(EventStore[UUID]):
    """Links each new event to the hash of the aggregate's previous stored event, and checks
    an aggregate's events against the chain whenever they are read.

    The previous hash is usually known already: a command reads its aggregate just before it
    saves. So the store remembers the latest (version, hash) it read or wrote for recent
    aggregates, and reads the previous event again only when that is not the one it needs.
    An event's hash never changes once stored, so a remembered one is never wrong; a write
    that raced another still fails on the version (IntegrityError).
    """

    mapper: ChainedMapper
    #: How many aggregates' heads to remember (least recently used go first).
    HEADS = 10_000

    def __init__(
        self,
        mapper: ChainedMapper,
        recorder: ApplicationRecorder,
        on_break: Callable[[ChainBrokenError], None] | None = None,
    ) -> None:
        super().__init__(mapper=mapper, recorder=recorder)
        self._heads: OrderedDict[UUID, tuple[int, str]] = OrderedDict()
        self._heads_lock = threading.Lock()
        self._on_break = on_break

    def refuse(self, broken: BrokenLink) -> ChainBrokenError:
        """The error for a chain found broken, once whoever watches for breaks was told."""
        error = ChainBrokenError(broken)
        if self._on_break is not None:
            self._on_break(error)
        return error

    def _remember(self, originator_id: UUID, version: int, integrity_hash: str) -> None:
        with self._heads_lock:
            known = self._heads.get(originator_id)
            if known is None or known[0] <= version:
                self._heads[originator_id] = (version, integrity_hash)
            self._heads.move_to_end(originator_id)
            while len(self._heads) > self.HEADS:
                self._heads.popitem(last=False)

    def get(
        self,
        originator_id: UUID,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Iterator[DomainEventProtocol[UUID]]:
        """The aggregate's events (up to ``lte``), each given out only once its link holds.

        A chain is proved from its first event, so a slice (``gt``, ``desc``, ``limit``:
        which the repository asks for only with a cache or snapshots, and this application
        has neither) is cut from events checked from version 1.
        """
        if gt is None and not desc and limit is None:
            yield from self._verified(originator_id, lte)
            return
        events = [
            e for e in self._verified(originator_id, lte) if gt is None or e.originator_version > gt
        ]
        if desc:
            events.reverse()
        yield from events if limit is None else events[:limit]

    def _verified(
        self, originator_id: UUID, lte: int | None
    ) -> Iterator[DomainEventProtocol[UUID]]:
        check = ChainCheck()
        latest: RecordedEvent | None = None
        for stored in self.recorder.select_events(originator_id, lte=lte):
            broken = check.check(self.mapper.to_link(stored))
            if broken is not None:
                raise self.refuse(broken)
            latest = self.mapper.to_recorded_event(stored)
            yield latest.event
        if latest is not None:
            self._remember(latest.originator_id, latest.originator_version, latest.integrity_hash)

    def _head(self, originator_id: UUID, version: int) -> str:
        if version <= 1:
            return GENESIS
        with self._heads_lock:
            known = self._heads.get(originator_id)
        if known is not None and known[0] == version - 1:
            return known[1]
        previous = self.recorder.select_events(originator_id, lte=version - 1, desc=True, limit=1)
        if not previous:
            return GENESIS  # the version check on insert rejects the gap
        return self.mapper.to_link(previous[0]).integrity_hash

    def put(
        self, domain_events: Sequence[DomainEventProtocol[UUID]], **kwargs: Any
    ) -> list[Recording[UUID]]:
        meta = context.current().as_metadata()
        heads: dict[UUID, tuple[int, str]] = {}
        stored_events = []
        for event in domain_events:
            known = heads.get(event.originator_id)
            if known is None:
                previous = self._head(event.originator_id, event.originator_version)
            else:
                previous = known[1]
            stored, own_hash = self.mapper.to_chained_stored_event(event, previous, meta)
            heads[event.originator_id] = (event.originator_version, own_hash)
            stored_events.append(stored)
        notification_ids = self.recorder.insert_events(stored_events, **kwargs) or []
        for originator_id, (version, own_hash) in heads.items():
            self._remember(originator_id, version, own_hash)
        return [
            Recording(d, Notification(s.originator_id, s.originator_version, s.topic, s.state, n))
            for d, s, n in zip(domain_events, stored_events, notification_ids, strict=True)
        ]


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

    def _notify(self, recordings: list[Recording[UUID]]) -> None:
        if recordings:
            for callback in self._listeners:
                callback()

    def get_as(self, aggregate_id: UUID, kind: type[A]) -> A:
        """The aggregate, which must be of ``kind`` (else not found)."""
        found: object = self.repository.get(aggregate_id)
        if not isinstance(found, kind):
            raise AggregateNotFoundError(aggregate_id)
        return found

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
