"""Dead letters: the messages a consumer set aside, kept so an operator can see and replay them.

Two kinds (ADR 0002): a message that can never be read (not a CloudEvent, a type or schema no
contract has), set aside at once; and an event whose handler raised on every one of
``LLWYBR_CONSUMER_MAX_ATTEMPTS`` tries (a bug), set aside with its last error and an alert.
An event kept here holds its whole envelope, so once the handler is fixed it is applied again
(``TrackedConsumer.replay``), once: the effect's own tracking keeps a replay idempotent, and
the row is marked replayed.
"""

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from contracts.envelope import Envelope
from llwybr.db import metadata

dead_letters = sa.Table(
    "consumer_dead_letters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("consumer", sa.String(200), nullable=False),
    sa.Column("topic", sa.String(200), nullable=False),
    sa.Column("partition", sa.Integer, nullable=False),
    sa.Column("offset", sa.BigInteger, nullable=False),
    # The message as delivered (unreadable), or the envelope as JSON (``envelope_json``).
    sa.Column("raw", sa.LargeBinary, nullable=True),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    # Added by issue #21 (``add_missing_columns`` brings an older table forward): the
    # CloudEvent id when the message was read, how many tries failed, and the replay.
    sa.Column("event_id", sa.String(64), nullable=True),
    sa.Column("attempts", sa.Integer, nullable=True),
    sa.Column("replayed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("replay_outcome", sa.String(20), nullable=True),
    # A message delivered again (a consumer that died before committing its offset) is the
    # same dead letter, set aside once (issue #21).
    sa.Index(
        "ux_consumer_dead_letters_message", "consumer", "topic", "partition", "offset", unique=True
    ),
)

_ADDED = ("event_id", "attempts", "replayed_at", "replay_outcome")
_MESSAGE = ("consumer", "topic", "partition", "offset")
_UNIQUE = next(i for i in dead_letters.indexes if i.name == "ux_consumer_dead_letters_message")


def add_missing_columns(engine: sa.Engine) -> None:
    """Bring a table made before issue #21 forward: its columns (nullable: old rows keep) and
    its one row per message (the repeats an older consumer set aside are removed first)."""
    inspector = sa.inspect(engine)
    present = {c["name"] for c in inspector.get_columns(dead_letters.name)}
    missing = [dead_letters.c[name] for name in _ADDED if name not in present]
    indexed = any(i["name"] == _UNIQUE.name for i in inspector.get_indexes(dead_letters.name))
    with engine.begin() as conn:
        for column in missing:
            kind = column.type.compile(dialect=engine.dialect)
            alter = f'ALTER TABLE {dead_letters.name} ADD COLUMN "{column.name}" {kind}'
            conn.execute(sa.text(alter))
        if not indexed:
            conn.execute(sa.text(_REMOVE_REPEATS))
            _UNIQUE.create(conn, checkfirst=True)


#: Of a message set aside more than once, keep one row: a replayed one if any, else the first.
_REMOVE_REPEATS = f"""
DELETE FROM {dead_letters.name} WHERE EXISTS (
  SELECT 1 FROM {dead_letters.name} AS kept
  WHERE {" AND ".join(f'kept."{c}" = {dead_letters.name}."{c}"' for c in _MESSAGE)}
  AND ((kept.replayed_at IS NOT NULL AND {dead_letters.name}.replayed_at IS NULL)
       OR ((kept.replayed_at IS NULL) = ({dead_letters.name}.replayed_at IS NULL)
           AND kept.id < {dead_letters.name}.id)))
"""  # noqa: S608 (names of this module's table, no input)


def envelope_json(envelope: Envelope) -> bytes:
    """The envelope as stored with its dead letter (every field, so it replays as delivered)."""
    fields = dataclasses.asdict(envelope)
    fields["time"] = envelope.time.isoformat()
    return json.dumps(fields, sort_keys=True).encode()


def envelope_from_json(raw: bytes) -> Envelope:
    fields: dict[str, Any] = json.loads(raw)
    fields["time"] = datetime.fromisoformat(fields["time"])
    return Envelope(**fields)


@dataclass(frozen=True)
class Letter:
    """Where a message came from and what went wrong (``envelope`` None: unreadable)."""

    consumer: str
    topic: str
    partition: int
    offset: int
    error: str
    envelope: Envelope | None = None
    raw: bytes | None = None
    attempts: int = 0


def store(engine: sa.Engine, letter: Letter) -> int:
    """Keep a dead letter; returns its id (the one kept already for a message delivered
    again: ``set_aside`` also says whether it is new)."""
    return set_aside(engine, letter)[0]


def set_aside(engine: sa.Engine, letter: Letter) -> tuple[int, bool]:
    """Keep a dead letter once per message (consumer, topic, partition, offset): its id, and
    whether this call kept it (False: the message was set aside before, that row stands)."""
    raw = envelope_json(letter.envelope) if letter.envelope is not None else letter.raw
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(dead_letters)
        .values(
            consumer=letter.consumer,
            topic=letter.topic,
            partition=letter.partition,
            offset=letter.offset,
            raw=raw,
            error=letter.error,
            received_at=datetime.now(UTC),
            event_id=letter.envelope.id if letter.envelope is not None else None,
            attempts=letter.attempts,
        )
        .on_conflict_do_nothing(index_elements=[dead_letters.c[c] for c in _MESSAGE])
        .returning(dead_letters.c.id)
    )
    with engine.begin() as conn:
        new = conn.execute(statement).scalar()
        if new is not None:
            return int(new), True
        kept = conn.execute(
            sa.select(dead_letters.c.id).where(
                *(dead_letters.c[c] == getattr(letter, c) for c in _MESSAGE)
            )
        ).scalar_one()
        return int(kept), False


def waiting(engine: sa.Engine, consumer: str) -> int:
    """How many of the consumer's dead letters have not been replayed."""
    with engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).where(
                    dead_letters.c.consumer == consumer, dead_letters.c.replayed_at.is_(None)
                )
            ).scalar_one()
        )


_LISTED = [c for c in dead_letters.c if c.name != "raw"]


def page(
    engine: sa.Engine, *, consumer: str | None = None, before: int | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Dead letters, newest first: ``before`` an id continues a previous page."""
    query = sa.select(*_LISTED, dead_letters.c.raw)
    if consumer is not None:
        query = query.where(dead_letters.c.consumer == consumer)
    if before is not None:
        query = query.where(dead_letters.c.id < before)
    query = query.order_by(dead_letters.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [_listed(row) for row in rows]


def _listed(row: Any) -> dict[str, Any]:
    item = {c.name: row[c.name] for c in _LISTED}
    item["event_type"] = None
    item["replayable"] = row["event_id"] is not None
    if row["event_id"] is not None and row["raw"] is not None:
        item["event_type"] = envelope_from_json(row["raw"]).type
    return item


def get(engine: sa.Engine, letter_id: int) -> Any:
    """One dead letter's row (None if there is none with that id)."""
    with engine.connect() as conn:
        return conn.execute(sa.select(dead_letters).where(dead_letters.c.id == letter_id)).first()


def mark_replayed(engine: sa.Engine, letter_id: int, outcome: str) -> None:
    """Record the replay (the first one: a second replay finds the effect applied)."""
    with engine.begin() as conn:
        conn.execute(
            dead_letters.update()
            .where(dead_letters.c.id == letter_id, dead_letters.c.replayed_at.is_(None))
            .values(replayed_at=datetime.now(UTC), replay_outcome=outcome)
        )
