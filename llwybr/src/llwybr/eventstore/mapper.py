"""The stored form of a chained event: the library's mapping plus ``__meta__`` (the acting
principal) and ``__integrity__`` (previous hash and own hash) inside the stored JSON state."""

import contextlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, cast
from uuid import UUID

import orjson
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    JSONTranscoder,
    Mapper,
    MapperDeserialisationError,
    Notification,
    StoredEvent,
    Transcoding,
    TranscodingNotRegisteredError,
    find_id_convertor,
)
from eventsourcing.utils import get_topic, resolve_topic

from llwybr.integrity import ChainLink, canonical_json, chain_hash_canonical
from llwybr.personal_data.fields import (
    Erasure,
    PersonalFields,
    Sealer,
    Seals,
    learner_of,
    open_state,
    personal_fields,
    seal_state,
    seals_in,
)

INTEGRITY_KEY = "__integrity__"
META_KEY = "__meta__"
#: How a row in canonical form begins (ADR 0005's addendum). A row of the first format never
#: does: ``json.dumps`` kept the state's order there, with the chain fields last.
CANONICAL_HEAD = b'{"' + INTEGRITY_KEY.encode() + b'":{'
#: orjson reads an integer beyond 64 bits as a float: a float this large may have been one.
_EXACT_FLOATS = 2.0**63


_new = object.__new__
_set = object.__setattr__
_NO_STATE: Mapping[str, Any] = MappingProxyType({})  # a canonical row's link: its bytes


class _NotExactError(Exception):
    """A parsed value that the standard parser might have read otherwise."""


_CANONICAL_FIELDS = re.compile(
    re.escape(CANONICAL_HEAD) + rb'"hash":"([0-9a-f]{64})","previous_hash":"([0-9a-f]{64})"\},'
)


class DateAsISO(Transcoding):
    """Dates (statutory deadlines, decision dates) as ISO strings in stored events."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


@dataclass(frozen=True)
class EventState:
    """An event on its way to the store: its JSON state before sealing and chaining."""

    originator_id: UUID
    originator_version: int
    topic: str
    state: dict[str, Any]
    personal: PersonalFields | None


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
    #: The event's personal fields as stored, sealed (published as they are, ADR 0023).
    seals: Seals | None = None

    @property
    def timestamp(self) -> datetime:
        return cast(datetime, getattr(self.event, "timestamp"))  # noqa: B009 (not in the protocol)


class ChainedMapper(Mapper[UUID]):
    """Writes and reads the chain fields; everything else is the library's mapping.

    With a ``sealer`` (the vault, ADR 0023), the personal fields an event class declares are
    sealed with the learner's data key before the hash, and opened when read.
    """

    sealer: Sealer | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._convertors: dict[tuple[type, bool], Callable[[UUID | str], UUID | str]] = {}
        self._last_id: tuple[UUID | str | None, str] = (None, "")

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

    def state_of(self, domain_event: DomainEventProtocol[UUID]) -> EventState:
        """The event's JSON state as it will be stored, its personal fields not yet sealed."""
        topic = get_topic(domain_event.__class__)
        event_state = dict(vars(domain_event))
        originator_id = event_state.pop("originator_id")
        originator_version = event_state.pop("originator_version")
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            event_state["class_version"] = class_version
        state = json.loads(self.transcoder.encode(event_state))
        personal = personal_fields(type(domain_event))
        return EventState(originator_id, originator_version, topic, state, personal)

    def prepare_seals(self, states: Sequence[EventState]) -> None:
        """Have the data keys of every learner whose fields these events seal at hand, made or
        read together (``Vault.prepare``: one transaction for a bulk sync's learners)."""
        if self.sealer is None:
            return
        learners = set()
        for event in states:
            if event.personal is not None:
                with contextlib.suppress(ValueError):  # refused when sealed, as it always was
                    learners.add(learner_of(event.state, event.personal, str(event.originator_id)))
        if learners:
            self.sealer.prepare(learners)

    def chained(
        self, event: EventState, previous_hash: str, meta: dict[str, Any]
    ) -> tuple[StoredEvent, str]:
        """The stored form of an event's state linked after ``previous_hash``, and its hash."""
        # The hash covers the JSON form exactly as it is stored, so it can be recomputed
        # from the row alone, without the Python classes. The state is stored in the canonical
        # form the hash covers, after the chain fields, so a load or a verify hashes the stored
        # bytes as they are instead of decoding and re-encoding them (ADR 0005's addendum).
        state, originator_id = event.state, event.originator_id
        if event.personal is not None and self.sealer is not None:
            seal_state(state, event.personal, str(originator_id), self.sealer)
        state[META_KEY] = meta
        canonical = canonical_json(state)
        own_hash = chain_hash_canonical(
            originator_id=str(originator_id),
            originator_version=event.originator_version,
            topic=event.topic,
            canonical_state=canonical,
            previous_hash=previous_hash,
        )
        integrity = canonical_json({"previous_hash": previous_hash, "hash": own_hash})
        plain = b"".join((CANONICAL_HEAD[:-1], integrity, b",", canonical[1:]))
        stored = StoredEvent(
            originator_id, event.originator_version, event.topic, self._sealed(plain)
        )
        return stored, own_hash

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        raise TypeError("events of a ChainedApplication are stored through ChainedEventStore")

    def to_link(self, stored: StoredEvent, notification_id: int | None = None) -> ChainLink:
        """The chain's view of a stored event (JSON values, no Python classes needed)."""
        try:
            plain = self._plain(stored.state)
            if plain.startswith(CANONICAL_HEAD):
                return self._canonical_link(stored, plain, notification_id)
            state = json.loads(plain)
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

    def _id_text(self, originator_id: UUID | str) -> str:
        """``str`` of an id, remembered for the last one: a replay or a verify reads one
        aggregate's rows, which share one id object (``UUID.__str__`` was 7% of a verify)."""
        last = self._last_id
        if last[0] is originator_id:
            return last[1]
        text = str(originator_id)
        self._last_id = (originator_id, text)
        return text

    def _canonical_link(
        self, stored: StoredEvent, plain: bytes, notification_id: int | None
    ) -> ChainLink:
        """The link of a row in canonical form: the chain fields are decoded, the state is
        left as its bytes (``ChainLink.content_hash`` decodes them only if they do not hash
        right as they are)."""
        fields = _CANONICAL_FIELDS.match(plain)
        if fields is not None:  # as written: two hex hashes, read without a JSON decoder
            own, previous, end = fields[1].decode(), fields[2].decode(), fields.end()
        else:
            end = plain.index(b"}", len(CANONICAL_HEAD)) + 1
            integrity = json.loads(plain[len(CANONICAL_HEAD) - 1 : end])
            own, previous, end = integrity["hash"], integrity["previous_hash"], end + 1
            if plain[end - 1 : end] != b",":
                raise ValueError("no state after the chain fields")
        # The frozen dataclass's __init__ sets each field through object.__setattr__: a link
        # is made per event of every load, so its fields are given in one assignment.
        link = _new(ChainLink)
        _set(link, "__dict__", {
            "originator_id": self._id_text(stored.originator_id),
            "originator_version": stored.originator_version, "topic": stored.topic,
            "state": _NO_STATE, "previous_hash": previous, "integrity_hash": own,
            "notification_id": notification_id, "canonical_state": b"{" + plain[end:],
        })  # fmt: skip
        return link

    def _decode(self, plain: bytes) -> Any:
        """The transcoder's decoding, by orjson's parse (about half the standard parser's
        time on an event, with its per-object hook) and then a walk that revives the
        transcoded values as that hook does. What orjson refuses (NaN) or may read otherwise
        (an integer beyond 64 bits, which it makes a float) goes to the transcoder itself."""
        transcoder = self.transcoder
        if not isinstance(transcoder, JSONTranscoder):
            return transcoder.decode(plain)
        try:
            return _revive(orjson.loads(plain), transcoder.names)
        except (orjson.JSONDecodeError, _NotExactError):
            return transcoder.decode(plain)

    def to_recorded_event(self, stored: StoredEvent) -> RecordedEvent:
        """Decode a stored event with its chain fields and metadata."""
        domain_event, integrity, meta, erasure, seals = self._decoded(stored, keep_seals=True)
        originator_id = stored.originator_id
        return RecordedEvent(
            event=domain_event,
            originator_id=originator_id if isinstance(originator_id, UUID) else UUID(originator_id),
            originator_version=stored.originator_version,
            topic=stored.topic,
            integrity_hash=integrity["hash"],
            previous_hash=integrity["previous_hash"],
            meta=meta,
            notification_id=stored.id if isinstance(stored, Notification) else None,
            erasure=erasure,
            seals=seals,
        )

    def _decoded(
        self, stored: StoredEvent, *, keep_seals: bool = False
    ) -> tuple[
        DomainEventProtocol[UUID], dict[str, str], dict[str, Any], Erasure | None, Seals | None
    ]:
        """The domain event, its chain fields, its metadata, for a learner whose personal
        data was erased the erasure (the sealed fields then read ``None``) and, if asked, the
        seals as stored."""
        cls = resolve_topic(stored.topic)
        erasure = seals = None
        try:
            plain = self._plain(stored.state)
            personal = personal_fields(cls)
            if personal is not None and self.sealer is not None:
                # Opened before the transcoder revives values: a sealed value is its JSON form.
                raw = json.loads(plain)
                if keep_seals:
                    seals = seals_in(raw, personal, str(stored.originator_id))
                erasure = open_state(raw, personal, str(stored.originator_id), self.sealer)
                plain = json.dumps(raw).encode()
            event_state: dict[str, Any] = self._decode(plain)
            integrity = event_state.pop(INTEGRITY_KEY)
            meta = event_state.pop(META_KEY)
        except Exception as error:
            raise MapperDeserialisationError(
                f"cannot read stored event {stored.originator_id} "
                f"v{stored.originator_version}: {error}"
            ) from error
        originator_id = stored.originator_id
        is_uuid = isinstance(originator_id, UUID)
        convert = self._convertors.get((cls, is_uuid))
        if convert is None:
            # The library's lookup tests a runtime Protocol: once per class, not per event.
            convert = find_id_convertor(cls, UUID if is_uuid else str)
            self._convertors[(cls, is_uuid)] = convert
        event_state["originator_id"] = convert(originator_id)
        event_state["originator_version"] = stored.originator_version
        class_version = getattr(cls, "class_version", 1)
        from_version = event_state.pop("class_version", 1)
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(event_state)
            from_version += 1
        domain_event = object.__new__(cls)
        object.__setattr__(domain_event, "__dict__", event_state)
        return domain_event, integrity, meta, erasure, seals

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        """The domain event alone (an aggregate's load: no ``RecordedEvent`` made per event)."""
        return self._decoded(stored_event)[0]


def _revive(value: Any, names: dict[str, Transcoding]) -> Any:
    """``value`` with every object decoded as ``JSONTranscoder``'s object hook decodes it:
    innermost first, and an object of exactly the keys ``_type_`` and ``_data_`` replaced
    by its transcoding's value (an unknown name fails, as there). ``_NotExactError`` for a float
    that may have been a larger integer than orjson reads as one."""
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(item) is dict and _is_plain_transcoded(item):
                value[key] = _transcoded(item, names)  # most are: a time, an id (no call down)
            elif type(item) in _WALKED:
                value[key] = _revive(item, names)
        if len(value) == 2 and "_type_" in value and "_data_" in value:
            return _transcoded(value, names)
        return value
    if kind is list:
        return [_revive(item, names) if type(item) in _WALKED else item for item in value]
    if kind is float and not -_EXACT_FLOATS < value < _EXACT_FLOATS:
        raise _NotExactError
    return value


_WALKED = frozenset((dict, list, float))


def _is_plain_transcoded(value: dict[str, Any]) -> bool:
    """A transcoded value with nothing inside it to revive first."""
    return len(value) == 2 and type(value.get("_data_")) is str and type(value.get("_type_")) is str


def _transcoded(value: dict[str, Any], names: dict[str, Transcoding]) -> Any:
    try:
        transcoding = names[value["_type_"]]
    except (KeyError, TypeError) as error:
        raise TranscodingNotRegisteredError(
            f"Data serialized with name {value['_type_']!r} is not deserializable"
        ) from error
    return transcoding.decode(value["_data_"])
