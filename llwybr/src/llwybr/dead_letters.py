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
)

_ADDED = ("event_id", "attempts", "replayed_at", "replay_outcome")


def add_missing_columns(engine: sa.Engine) -> None:
    """Add the columns of issue #21 to a table made before them (nullable: old rows keep)."""
    present = {c["name"] for c in sa.inspect(engine).get_columns(dead_letters.name)}
    missing = [dead_letters.c[name] for name in _ADDED if name not in present]
    if not missing:
        return
    with engine.begin() as conn:
        for column in missing:
            kind = column.type.compile(dialect=engine.dialect)
            alter = f'ALTER TABLE {dead_letters.name} ADD COLUMN "{column.name}" {kind}'
            conn.execute(sa.text(alter))


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
    """Keep a dead letter; returns its id."""
    raw = envelope_json(letter.envelope) if letter.envelope is not None else letter.raw
    with engine.begin() as conn:
        return int(
            conn.execute(
                dead_letters.insert()
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
                .returning(dead_letters.c.id)
            ).scalar_one()
        )


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
