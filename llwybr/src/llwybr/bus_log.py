"""The embedded bus's storage: topics as an append-only table in one SQLite file.

Blocking code (call it through ``llwybr.blocking.run_blocking``). Each envelope is kept as the
record Kafka would hold (key, value and ``ce_*`` headers in binary content mode), so both
modes read events through the same codec. Offsets count from 0 in each topic, one partition
per topic; a consumer group's committed offset is the next position it will read.

Every method commits before it returns: in WAL mode with ``synchronous=FULL``, a published
envelope or a committed offset survives the process being killed, and a power cut.
"""

import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from contracts.envelope import Envelope

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS messages (
        topic TEXT NOT NULL,
        position INTEGER NOT NULL,
        key BLOB,
        value BLOB NOT NULL,
        headers TEXT NOT NULL,
        PRIMARY KEY (topic, position)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS committed (
        consumer_group TEXT NOT NULL,
        topic TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (consumer_group, topic)
    ) WITHOUT ROWID""",
)


@dataclass(frozen=True)
class Record:
    """One stored message, as Kafka would hand it to a consumer."""

    topic: str
    position: int
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]


class BusLog:
    """The topics and the consumer groups' committed offsets in ``path`` (``None``: in memory,
    gone with this object; for tests). Thread-safe: one connection, used by one thread at a
    time. The file is opened on first use and can be closed and opened again."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._ends: dict[str, int] = {}

    def _connection(self) -> sqlite3.Connection:
        """The open connection (caller holds the lock)."""
        if self._conn is None:
            if self.path is None:
                conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(
                    self.path, timeout=30, check_same_thread=False, isolation_level=None
                )
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            for statement in SCHEMA:
                conn.execute(statement)
            rows = conn.execute("SELECT topic, MAX(position) + 1 FROM messages GROUP BY topic")
            self._ends = {topic: int(end) for topic, end in rows}
            self._conn = conn
        return self._conn

    def open(self) -> None:
        with self._lock:
            self._connection()

    def close(self) -> None:
        """Close the file (a bus in memory stays open: closing would empty it)."""
        with self._lock:
            if self._conn is not None and self.path is not None:
                self._conn.close()
                self._conn = None

    def end(self, topic: str) -> int:
        """The position the next message in ``topic`` will take (as last seen here)."""
        return self._ends.get(topic, 0)

    def append(self, envelopes: Sequence[Envelope]) -> None:
        """Store ``envelopes`` at the end of their topics, in order, in one transaction."""
        records = [(e.topic, *e.to_kafka()) for e in envelopes]
        with self._lock:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                ends: dict[str, int] = {}
                for topic, key, value, headers in records:
                    if topic not in ends:
                        (end,) = conn.execute(
                            "SELECT COALESCE(MAX(position) + 1, 0) FROM messages WHERE topic = ?",
                            (topic,),
                        ).fetchone()
                        ends[topic] = int(end)
                    conn.execute(
                        "INSERT INTO messages (topic, position, key, value, headers) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (topic, ends[topic], key, value, _encode(headers)),
                    )
                    ends[topic] += 1
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            self._ends.update(ends)

    def read(self, positions: Mapping[str, int], limit: int) -> list[Record]:
        """Up to ``limit`` messages of each topic from its position, in order."""
        records: list[Record] = []
        with self._lock:
            conn = self._connection()
            for topic, start in positions.items():
                rows = conn.execute(
                    "SELECT position, key, value, headers FROM messages "
                    "WHERE topic = ? AND position >= ? ORDER BY position LIMIT ?",
                    (topic, start, limit),
                ).fetchall()
                records += [Record(topic, p, k, v, _decode(h)) for p, k, v, h in rows]
                if rows:
                    self._ends[topic] = max(self.end(topic), rows[-1][0] + 1)
        return records

    def committed(self, group: str, topics: Iterable[str]) -> dict[str, int]:
        """Where ``group`` goes on in each topic: its committed offset, or 0 (the earliest)."""
        with self._lock:
            conn = self._connection()
            rows = conn.execute(
                "SELECT topic, position FROM committed WHERE consumer_group = ?", (group,)
            ).fetchall()
        stored = {topic: int(position) for topic, position in rows}
        return {topic: stored.get(topic, 0) for topic in topics}

    def commit(self, group: str, offsets: Mapping[str, int]) -> None:
        """Record ``group``'s offsets (never moving one back), durably, in one transaction."""
        with self._lock:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany(
                    "INSERT INTO committed (consumer_group, topic, position) VALUES (?, ?, ?) "
                    "ON CONFLICT (consumer_group, topic) "
                    "DO UPDATE SET position = MAX(position, excluded.position)",
                    [(group, topic, position) for topic, position in offsets.items()],
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise


def _encode(headers: list[tuple[str, bytes]]) -> str:
    # surrogateescape keeps any byte that is not UTF-8, so the headers come back unchanged
    return json.dumps([[name, value.decode("utf-8", "surrogateescape")] for name, value in headers])


def _decode(text: str) -> list[tuple[str, bytes]]:
    return [(name, value.encode("utf-8", "surrogateescape")) for name, value in json.loads(text)]
