"""The stored form of a chained event: the library's mapping plus ``__meta__`` (the acting
principal) and ``__integrity__`` (previous hash and own hash) inside the stored JSON state."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    Mapper,
    MapperDeserialisationError,
    Notification,
    StoredEvent,
    Transcoding,
    find_id_convertor,
)
from eventsourcing.utils import get_topic, resolve_topic

from llwybr.integrity import ChainLink, chain_hash
from llwybr.personal_data.fields import (
    Erasure,
    Sealer,
    open_state,
    personal_fields,
    seal_state,
)

INTEGRITY_KEY = "__integrity__"
META_KEY = "__meta__"


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
    #: Set when the learner's personal fields in this event were shredded (read as None).
    erasure: Erasure | None = None

    @property
    def timestamp(self) -> datetime:
        return cast(datetime, getattr(self.event, "timestamp"))  # noqa: B009 (not in the protocol)


class ChainedMapper(Mapper[UUID]):
    """Writes and reads the chain fields; everything else is the library's mapping.

    With a ``sealer`` (the vault, ADR 0022), the personal fields an event class declares are
    sealed with the learner's data key before the hash, and opened when read.
    """

    sealer: Sealer | None = None

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
        personal = personal_fields(type(domain_event))
        if personal is not None and self.sealer is not None:
            seal_state(state, personal, str(originator_id), self.sealer)
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
        erasure = None
        try:
            plain = self._plain(stored.state)
            personal = personal_fields(cls)
            if personal is not None and self.sealer is not None:
                raw = json.loads(plain)
                erasure = open_state(raw, personal, str(stored.originator_id), self.sealer)
                plain = json.dumps(raw).encode()
            event_state: dict[str, Any] = self.transcoder.decode(plain)
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
            erasure=erasure,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        return self.to_recorded_event(stored_event).event
