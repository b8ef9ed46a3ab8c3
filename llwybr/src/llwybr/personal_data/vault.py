"""The vault: each learner's data key, made on first use, read through a short cache, and
destroyed for good by ``shred`` (crypto-shredding, ADR 0023).

A data key is kept only wrapped (``kek``). ``shred`` deletes the wrapped key and leaves the
row as the record of the erasure (when, by whom, under which retention schedule): every
sealed copy of the learner's personal fields (event store, Kafka, backups) is then noise.
Unwrapped keys are cached for ``cache_seconds`` at most, so a shred made by another process
is honoured everywhere within that time; a shred made here is honoured at once.
"""

import threading
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

from llwybr import migrations
from llwybr.personal_data.cipher import new_data_key, open_sealed, seal
from llwybr.personal_data.fields import Erasure, LearnerErasedError
from llwybr.personal_data.kek import KeyEncryptionKey
from llwybr.personal_data.tables import learner_data_keys as keys

MIGRATIONS = Path(__file__).parent / "migrations"
#: How many learners' keys one statement of ``prepare`` reads or writes (SQLite allows 32,766
#: parameters; four a row).
PREPARE_CHUNK = 1000


class Vault:
    """Seals and opens learners' personal fields with their data keys."""

    def __init__(
        self, engine: sa.Engine, kek: KeyEncryptionKey, *, cache_seconds: float = 30.0
    ) -> None:
        self.engine, self.kek, self.cache_seconds = engine, kek, cache_seconds
        self._cache: dict[str, tuple[float, bytes]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.engine.dispose()

    def migrate(self) -> None:
        """Create or move forward the key table (each process at start-up; idempotent)."""
        migrations.upgrade(self.engine, MIGRATIONS)

    # -- sealing --------------------------------------------------------------------------

    def seal(self, learner_id: str, plaintext: bytes, field: str) -> str:
        """The value sealed with the learner's data key (made now if they have none)."""
        return seal(self._data_key(learner_id, create=True), plaintext, f"{learner_id}/{field}")

    def open(self, learner_id: str, token: str, field: str) -> bytes:
        """The value a seal holds; ``LearnerErasedError`` once the learner's key is shredded."""
        return open_sealed(self._data_key(learner_id, create=False), token, f"{learner_id}/{field}")

    def prepare(self, learner_ids: Iterable[str]) -> None:
        """Have the data keys of many learners at hand before their fields are sealed: the
        keys not cached are read, and those missing made, in ONE transaction (a bulk sync of
        a thousand new learners: one commit, not a thousand). A learner whose key was shredded
        is left out of the cache, so sealing for them is refused as it always was."""
        now = time.monotonic()
        with self._lock:
            wanted = sorted(
                {i for i in learner_ids
                 if (c := self._cache.get(i)) is None or now - c[0] >= self.cache_seconds}
            )  # fmt: skip
        for first in range(0, len(wanted), PREPARE_CHUNK):
            self._prepare(wanted[first : first + PREPARE_CHUNK])

    def _prepare(self, learner_ids: list[str]) -> None:
        made: dict[str, bytes] = {}
        with self.engine.begin() as connection:
            rows = connection.execute(sa.select(keys).where(keys.c.learner_id.in_(learner_ids)))
            found = {row.learner_id: row for row in rows}
            for learner_id in learner_ids:
                if learner_id not in found:
                    made[learner_id] = new_data_key()
            if made:
                created = datetime.now(UTC)
                values = []
                for learner_id, data_key in made.items():
                    kek_id, wrapped = self.kek.wrap(data_key, learner_id)
                    values.append({"learner_id": learner_id, "kek_id": kek_id,
                                   "wrapped_key": wrapped, "created_at": created})  # fmt: skip
                inserted = connection.execute(
                    _insert_new(connection.dialect.name).returning(keys.c.learner_id), values
                )
                taken = {row.learner_id for row in inserted}
                # Another writer made some learners' keys first: theirs are read when used.
                made = {i: k for i, k in made.items() if i in taken}
        for learner_id, data_key in made.items():
            self._remember(learner_id, data_key)
        for row in found.values():
            if row.wrapped_key is not None:
                self._remember(
                    row.learner_id, self.kek.unwrap(row.kek_id, row.wrapped_key, row.learner_id)
                )

    # -- the key's life -------------------------------------------------------------------

    def erasure(self, learner_id: str) -> Erasure | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(keys).where(keys.c.learner_id == learner_id)).first()
        return _erasure(row) if row is not None and row.wrapped_key is None else None

    def shred(self, learner_id: str, *, erased_on: date, erased_by: str, schedule: str) -> Erasure:
        """Destroy the learner's data key for good; idempotent (the first erasure stands)."""
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            row = connection.execute(
                sa.select(keys).where(keys.c.learner_id == learner_id).with_for_update()
            ).first()
            values = {
                "kek_id": None,
                "wrapped_key": None,
                "erased_on": erased_on,
                "erased_by": erased_by,
                "schedule": schedule,
            }
            if row is None:
                # Nothing sealed yet: the tombstone still stops any later seal for them.
                connection.execute(
                    sa.insert(keys).values(learner_id=learner_id, created_at=now, **values)
                )
            elif row.wrapped_key is not None:
                connection.execute(
                    sa.update(keys).where(keys.c.learner_id == learner_id).values(**values)
                )
            else:
                return _erasure(row)
        with self._lock:
            self._cache.pop(learner_id, None)
        return Erasure(learner_id, erased_on, erased_by, schedule)

    def rewrap(self, batch_size: int = 500) -> int:
        """Wrap every data key not yet under the current KEK with it; how many were moved.
        Events are untouched: only the wrapped keys change (KEK rotation)."""
        moved, current = 0, self.kek.current_id
        while True:
            with self.engine.begin() as connection:
                rows = connection.execute(
                    sa.select(keys.c.learner_id, keys.c.kek_id, keys.c.wrapped_key)
                    .where(keys.c.wrapped_key.is_not(None), keys.c.kek_id != current)
                    .limit(batch_size)
                    .with_for_update(skip_locked=True)
                ).all()
                for learner_id, kek_id, wrapped in rows:
                    data_key = self.kek.unwrap(kek_id, wrapped, learner_id)
                    new_id, rewrapped = self.kek.wrap(data_key, learner_id)
                    connection.execute(
                        sa.update(keys)
                        .where(keys.c.learner_id == learner_id)
                        .values(kek_id=new_id, wrapped_key=rewrapped)
                    )
            moved += len(rows)
            if len(rows) < batch_size:
                return moved

    def _data_key(self, learner_id: str, *, create: bool) -> bytes:
        with self._lock:
            cached = self._cache.get(learner_id)
        if cached is not None and time.monotonic() - cached[0] < self.cache_seconds:
            return cached[1]
        with self.engine.begin() as connection:
            row = connection.execute(sa.select(keys).where(keys.c.learner_id == learner_id)).first()
            if row is None and create:
                data_key = new_data_key()
                kek_id, wrapped = self.kek.wrap(data_key, learner_id)
                inserted = connection.execute(
                    _insert_new(connection.dialect.name).values(
                        learner_id=learner_id,
                        kek_id=kek_id,
                        wrapped_key=wrapped,
                        created_at=datetime.now(UTC),
                    )
                )
                if inserted.rowcount == 1:
                    self._remember(learner_id, data_key)
                    return data_key
                # Another writer made the learner's key first: use theirs.
                row = connection.execute(
                    sa.select(keys).where(keys.c.learner_id == learner_id)
                ).first()
        if row is None:
            raise KeyError(f"no data key for learner {learner_id}")
        if row.wrapped_key is None:
            raise LearnerErasedError(_erasure(row))
        data_key = self.kek.unwrap(row.kek_id, row.wrapped_key, learner_id)
        self._remember(learner_id, data_key)
        return data_key

    def _remember(self, learner_id: str, data_key: bytes) -> None:
        with self._lock:
            self._cache[learner_id] = (time.monotonic(), data_key)


def _insert_new(dialect: str) -> sa.Insert:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(keys).on_conflict_do_nothing(index_elements=["learner_id"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(keys).on_conflict_do_nothing(index_elements=["learner_id"])


def _erasure(row: sa.Row[tuple[object, ...]]) -> Erasure:
    return Erasure(row.learner_id, row.erased_on, row.erased_by, row.schedule)
