"""Event stores with an integrity chain, on the eventsourcing library.

``ChainedApplication`` is the base of every service's ``Application``. Each event it records
carries, inside its stored state, the acting principal (``__meta__``) and its place in the
aggregate's hash chain (``__integrity__``: previous hash and own hash). The chain is kept at
the storage edge, so aggregates stay plain eventsourcing aggregates with no knowledge of it.

Every read of an aggregate's events checks them against the chain before the aggregate is
built: a broken chain (an altered, re-hashed, missing or reordered event) raises
``ChainBrokenError`` and nothing is served or written on it (ADR 0005).
"""

from llwybr.eventstore.application import (
    SUPPORTED_PERSISTENCE,
    ChainedApplication,
    StaleVersionError,
)
from llwybr.eventstore.mapper import (
    INTEGRITY_KEY,
    META_KEY,
    ChainedMapper,
    DateAsISO,
    RecordedEvent,
)
from llwybr.eventstore.store import ChainedEventStore

__all__ = [
    "INTEGRITY_KEY",
    "META_KEY",
    "SUPPORTED_PERSISTENCE",
    "ChainedApplication",
    "ChainedEventStore",
    "ChainedMapper",
    "DateAsISO",
    "RecordedEvent",
    "StaleVersionError",
]
