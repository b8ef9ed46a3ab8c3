"""The integrity chain: each stored event's SHA-256 covers its content and its predecessor's hash.

Pure functions over plain JSON values, so the same rules serve the store (when recording, and
when loading an aggregate), ``verify`` (when an auditor recomputes a stream) and any outside
tool that reads the rows.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The "previous hash" of an aggregate's first event.
GENESIS = "0" * 64

# One encoder, made once: every aggregate load hashes each of its events (ADR 0005).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# How that encoder writes a string (``ensure_ascii=False``): the same function, called directly.
_string: Callable[[str], str] = json.encoder.encode_basestring


def canonical_json(value: Any) -> bytes:
    """One byte string per JSON value: sorted keys, no spaces, UTF-8."""
    return _CANONICAL.encode(value).encode()


def chain_hash(
    *,
    originator_id: str,
    originator_version: int,
    topic: str,
    state: Mapping[str, Any],
    previous_hash: str,
) -> str:
    """The hash of one stored event, given the JSON form of its state (metadata included)."""
    content = {
        "originator_id": originator_id,
        "originator_version": originator_version,
        "topic": topic,
        "state": state,
        "previous_hash": previous_hash,
    }
    return hashlib.sha256(canonical_json(content)).hexdigest()


def chain_hash_canonical(
    *,
    originator_id: str,
    originator_version: int,
    topic: str,
    canonical_state: bytes,
    previous_hash: str,
) -> str:
    """``chain_hash`` of a state already in canonical form: the same bytes, assembled around
    it instead of decoding and re-encoding it (a tenth of the cost). The keys are written in
    the order ``canonical_json`` sorts them; ``test_integrity`` checks the two agree."""
    content = b"".join(
        (
            b'{"originator_id":',
            _string(originator_id).encode(),
            b',"originator_version":',
            int.__repr__(originator_version).encode(),
            b',"previous_hash":',
            _string(previous_hash).encode(),
            b',"state":',
            canonical_state,
            b',"topic":',
            _string(topic).encode(),
            b"}",
        )
    )
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    """One stored event as the chain sees it.

    ``canonical_state``: the state's bytes as stored, when the row was written in canonical
    form (ADR 0005's addendum); ``state`` is then left empty, and decoded from those bytes only
    if they do not hash to ``integrity_hash`` as they are.
    """

    originator_id: str
    originator_version: int
    topic: str
    state: Mapping[str, Any]
    previous_hash: str
    integrity_hash: str
    notification_id: int | None = None
    canonical_state: bytes | None = None

    def content_hash(self) -> str:
        """The hash the link's content and previous hash make: what ``integrity_hash`` must be."""
        if self.canonical_state is not None:
            fast = chain_hash_canonical(
                originator_id=self.originator_id,
                originator_version=self.originator_version,
                topic=self.topic,
                canonical_state=self.canonical_state,
                previous_hash=self.previous_hash,
            )
            if fast == self.integrity_hash:
                return fast
            # Not canonical as stored (re-encoded, or altered): its values decide, as for a
            # row in the first format.
            try:
                state = json.loads(self.canonical_state)
            except ValueError:
                return "?unreadable"
        else:
            state = self.state
        return chain_hash(
            originator_id=self.originator_id,
            originator_version=self.originator_version,
            topic=self.topic,
            state=state,
            previous_hash=self.previous_hash,
        )


@dataclass(frozen=True)
class BrokenLink:
    """An event whose stored hash or link does not hold, and why."""

    originator_id: str
    originator_version: int
    notification_id: int | None
    reason: str


@dataclass(frozen=True)
class Verification:
    """The result of recomputing one or more chains: every break found, in the order read."""

    events_checked: int
    aggregates_checked: int
    breaks: tuple[BrokenLink, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def broken(self) -> BrokenLink | None:
        """The first break, if any."""
        return self.breaks[0] if self.breaks else None


class ChainBrokenError(Exception):
    """An aggregate's stored events fail the integrity chain, so it is neither served nor
    written on (ADR 0005). The message is for the client: it names the record and the event."""

    def __init__(self, broken: BrokenLink) -> None:
        self.broken = broken
        super().__init__(
            f"Record {broken.originator_id} cannot be served or changed: its stored event "
            f"version {broken.originator_version} fails the integrity check ({broken.reason}). "
            "The failure is reported to the operators."
        )

    @property
    def aggregate_id(self) -> str:
        return self.broken.originator_id

    @property
    def version(self) -> int:
        return self.broken.originator_version

    def problem_fields(self) -> dict[str, Any]:
        """What a problem+json answer names besides the message."""
        return {"aggregate_id": self.aggregate_id, "event_version": self.version}


class ChainCheck:
    """The chain's rules applied one link at a time.

    Links of several aggregates may be interleaved (as in a notification log); each
    aggregate's links must come in version order. After a break, an aggregate's chain goes on
    from the link as stored, so one altered event is one break and a later, separate break in
    the same chain is still found.
    """

    def __init__(self) -> None:
        self._heads: dict[str, tuple[int, str]] = {}
        self.checked = 0

    @property
    def aggregates(self) -> int:
        return len(self._heads)

    def check(self, link: ChainLink) -> BrokenLink | None:
        """The break at ``link``, or None when it holds."""
        expected_version, expected_previous = self._heads.get(link.originator_id, (1, GENESIS))
        self._heads[link.originator_id] = (link.originator_version + 1, link.integrity_hash)
        self.checked += 1
        if link.originator_version != expected_version:
            what = "missing" if link.originator_version > expected_version else "out of order"
            reason = f"events {what}: expected version {expected_version}"
        elif link.previous_hash != expected_previous:
            reason = "previous hash does not match the hash of the event before it"
        elif link.integrity_hash != link.content_hash():
            reason = "content does not match its stored hash: the event was altered"
        else:
            return None
        return BrokenLink(link.originator_id, link.originator_version, link.notification_id, reason)


def verify_links(links: Iterable[ChainLink]) -> Verification:
    """Recompute every link in order (per aggregate, by version) and list every break."""
    check = ChainCheck()
    breaks = [broken for link in links if (broken := check.check(link)) is not None]
    return Verification(check.checked, check.aggregates, tuple(breaks))
