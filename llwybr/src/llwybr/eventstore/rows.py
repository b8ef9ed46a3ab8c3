"""Stored events made from database rows without the per-row costs we do not need.

The library reads each row as a dict (psycopg's ``dict_row``) and builds each ``StoredEvent``
through a frozen dataclass's ``__init__`` (an ``object.__setattr__`` per field): on a replay
of a long aggregate those two were about a sixth of the time, and on a verify (which does
not decode the events) about a third (issue 19, ``bench/FINDINGS.md``). Here the rows are
tuples and each event gets its fields in one assignment; the classes are the library's own.
"""

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent

_new = object.__new__
_set = object.__setattr__


def stored_events(originator_id: UUID | str, rows: Iterable[Sequence[Any]]) -> list[StoredEvent]:
    """Events of one aggregate from rows of (version, topic, state)."""
    found = []
    for version, topic, state in rows:
        event = _new(StoredEvent)
        _set(event, "__dict__", {
            "originator_id": originator_id, "originator_version": version,
            "topic": topic, "state": bytes(state),
        })  # fmt: skip
        found.append(event)
    return found


def notifications(rows: Iterable[Sequence[Any]]) -> list[Notification]:
    """Notifications from rows of (id, originator id, version, topic, state)."""
    found = []
    for notification_id, originator_id, version, topic, state in rows:
        notification = _new(Notification)
        _set(notification, "__dict__", {
            "originator_id": originator_id, "originator_version": version,
            "topic": topic, "state": bytes(state), "id": notification_id,
        })  # fmt: skip
        found.append(notification)
    return found
