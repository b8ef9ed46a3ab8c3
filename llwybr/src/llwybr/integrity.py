"""The integrity chain: each stored event's SHA-256 covers its content and its predecessor's hash.

Pure functions over plain JSON values, so the same rules serve the store (when recording),
``verify`` (when an auditor recomputes a stream) and any outside tool that reads the rows.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The "previous hash" of an aggregate's first event.
GENESIS = "0" * 64


def canonical_json(value: Any) -> bytes:
    """One byte string per JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


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


@dataclass(frozen=True)
class ChainLink:
    """One stored event as the chain sees it."""

    originator_id: str
    originator_version: int
    topic: str
    state: Mapping[str, Any]
    previous_hash: str
    integrity_hash: str
    notification_id: int | None = None


@dataclass(frozen=True)
class BrokenLink:
    """The first event whose stored hash or link does not hold, and why."""

    originator_id: str
    originator_version: int
    notification_id: int | None
    reason: str


@dataclass(frozen=True)
class Verification:
    """The result of recomputing one or more chains."""

    events_checked: int
    aggregates_checked: int
    broken: BrokenLink | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_links(links: Iterable[ChainLink]) -> Verification:
    """Recompute every link in order (per aggregate, by version) and stop at the first break.

    Links of several aggregates may be interleaved (as in a notification log); each
    aggregate's links must come in version order.
    """
    heads: dict[str, tuple[int, str]] = {}
    checked = 0
    for link in links:
        expected_version, expected_previous = heads.get(link.originator_id, (1, GENESIS))

        reason = None
        if link.originator_version != expected_version:
            reason = f"expected version {expected_version}: events missing or out of order"
        elif link.previous_hash != expected_previous:
            reason = "previous hash does not match the hash of the event before it"
        elif link.integrity_hash != chain_hash(
            originator_id=link.originator_id,
            originator_version=link.originator_version,
            topic=link.topic,
            state=link.state,
            previous_hash=link.previous_hash,
        ):
            reason = "content does not match its stored hash: the event was altered"
        if reason is not None:
            where = (link.originator_id, link.originator_version, link.notification_id)
            return Verification(checked, len(heads), BrokenLink(*where, reason))
        heads[link.originator_id] = (link.originator_version + 1, link.integrity_hash)
        checked += 1
    return Verification(checked, len(heads), None)
