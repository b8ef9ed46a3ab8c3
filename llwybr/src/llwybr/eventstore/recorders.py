"""The event store's recorders that also record a keyed command's key in the transaction of
its events (``llwybr.command_keys``). ``ChainedApplication`` names them by topic, so the
event store's modules import no database driver."""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, Notification, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresDatastore, PostgresProcessRecorder
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore, SQLiteProcessRecorder
from eventsourcing.utils import retry
from psycopg import Cursor
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Composed, Identifier

from llwybr import access_record
from llwybr.command_keys import COLUMNS, CREATE, TABLE, RecordedCommand
from llwybr.commit_listener import commit_channel
from llwybr.eventstore.rows import notifications, stored_events
from llwybr.eventstore.store import CommandSave

#: How many aggregates one statement of ``select_events_of`` names on SQLite (its limit of
#: host parameters is far above; the statement stays a reasonable size).
SQLITE_CHUNK = 900


def _now() -> str:
    return datetime.now(UTC).isoformat()


class PostgresCommandKeyRecorder(PostgresProcessRecorder):
    """The process recorder that also records a command's key with its events."""

    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        events_table_name: str = "stored_events",
        tracking_table_name: str = "notification_tracking",
    ) -> None:
        super().__init__(
            datastore, events_table_name=events_table_name, tracking_table_name=tracking_table_name
        )
        self.command_keys_table = (
            Identifier(datastore.schema, TABLE) if datastore.schema else Identifier(TABLE)
        )
        create = CREATE.replace("{timestamp}", "TIMESTAMPTZ")
        self.sql_create_statements.append(SQL(create).format(table=self.command_keys_table))
        #: Told at each commit of events, so a relay in another process wakes at once
        #: (``llwybr.commit_listener``); delivered by PostgreSQL only if the commit succeeds.
        self.notify_channel = commit_channel(datastore.schema, events_table_name)
        table = Identifier(datastore.schema, events_table_name)
        self._select_versions = SQL(
            "SELECT originator_version, topic, state FROM {} WHERE originator_id = %s"
        ).format(table)
        self._select_after = SQL(
            "SELECT notification_id, originator_id, originator_version, topic, state FROM {} "
            "WHERE notification_id > %s ORDER BY notification_id LIMIT %s"
        ).format(table)

    def insert_events(self, stored_events: Any, **kwargs: Any) -> Any:
        # The request's access-audit row, if still unwritten (llwybr.access_record), goes in
        # the events' transaction; it is written once the transaction has committed.
        access = access_record.pending()
        if access is not None:
            kwargs["access"] = access
        notification_ids = super().insert_events(stored_events, **kwargs)
        if access is not None:
            access.committed()
        return notification_ids

    def _insert_events(self, curs: Cursor[DictRow], stored_events: Any, **kwargs: Any) -> None:
        save: CommandSave | None = kwargs.get("command_key")
        if save is not None:
            holder, aggregates = save.holder, json.dumps(save.aggregates)
            if save.first:
                curs.execute(
                    SQL("INSERT INTO {} (key, request_id, path, aggregates, created_at) "
                        "VALUES (%s, %s, %s, %s, now())").format(self.command_keys_table),
                    (holder.key, holder.request_id, holder.path, aggregates),
                )  # fmt: skip
            else:
                curs.execute(
                    SQL("UPDATE {} SET aggregates = %s WHERE key = %s").format(
                        self.command_keys_table
                    ),
                    (aggregates, holder.key),
                )
        # A change's access-audit row, in the transaction of its events (ADR 0025).
        access: access_record.PendingAccess | None = kwargs.get("access")
        if access is not None:
            access_record.insert(curs, access)
        curs.execute("SELECT pg_notify(%s, '')", (self.notify_channel,))
        super()._insert_events(curs, stored_events, **kwargs)

    # The library's reads, with tuple rows and no dataclass __init__ per row (``rows``).
    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def select_events(
        self,
        originator_id: UUID | str,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Sequence[StoredEvent]:
        statement: Composed = self._select_versions
        params: list[Any] = [originator_id]
        if gt is not None:
            params.append(gt)
            statement += SQL(" AND originator_version > %s")
        if lte is not None:
            params.append(lte)
            statement += SQL(" AND originator_version <= %s")
        statement += SQL(
            " ORDER BY originator_version DESC" if desc else " ORDER BY originator_version"
        )
        if limit is not None:
            params.append(limit)
            statement += SQL(" LIMIT %s")
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as curs:
            curs.execute(statement, params, prepare=True)
            rows = curs.fetchall()
        own = originator_id if isinstance(originator_id, UUID) else UUID(originator_id)
        return stored_events(own, rows)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        if start is None or inclusive_of_start or stop is not None or topics:
            found: Sequence[Notification] = super().select_notifications(
                start, limit, stop, topics, inclusive_of_start=inclusive_of_start
            )
            return found
        # The relay's, the projections' and the rebuilds' read: after a position.
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as curs:
            curs.execute(self._select_after, (start, limit), prepare=True)
            return notifications(curs.fetchall())

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def select_events_of(self, originator_ids: Sequence[UUID]) -> dict[UUID, list[StoredEvent]]:
        """Every event of many aggregates, in one round trip (a bulk sync's reads): by
        aggregate, each in version order; an aggregate with no events is absent."""
        statement = SQL(
            "SELECT originator_id, originator_version, topic, state FROM {}.{} "
            "WHERE originator_id = ANY(%s) ORDER BY originator_id, originator_version"
        ).format(Identifier(self.datastore.schema), Identifier(self.events_table_name))
        found: dict[UUID, list[StoredEvent]] = {}
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, (list(originator_ids),))
            for row in curs.fetchall():
                originator_id = row["originator_id"]
                state = bytes(row["state"])
                found.setdefault(originator_id, []).append(
                    StoredEvent(originator_id, row["originator_version"], row["topic"], state)
                )
        return found

    # Retried as the library's own reads are: without a ping before each use of a pooled
    # connection, the first use of one that PostgreSQL's restart left dead fails.
    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def select_command(self, key: str) -> RecordedCommand | None:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL(f"SELECT {COLUMNS} FROM {{}} WHERE key = %s").format(self.command_keys_table),  # noqa: S608
                (key,),
            )
            row = curs.fetchone()
        return None if row is None else RecordedCommand.of(row)


class SQLiteCommandKeyRecorder(SQLiteProcessRecorder):
    """The process recorder that also records a command's key with its events (embedded)."""

    def __init__(
        self, datastore: SQLiteDatastore, *, events_table_name: str = "stored_events"
    ) -> None:
        super().__init__(datastore, events_table_name=events_table_name)

    def construct_create_table_statements(self) -> list[str]:
        statements = super().construct_create_table_statements()
        return [*statements, CREATE.format(table=TABLE, timestamp="TEXT")]

    def select_events(
        self,
        originator_id: UUID | str,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Sequence[StoredEvent]:
        if gt is not None or desc or limit is not None:
            found: Sequence[StoredEvent] = super().select_events(
                originator_id, gt=gt, lte=lte, desc=desc, limit=limit
            )
            return found
        # A whole aggregate (up to ``lte``), as a load and a verify read it: no dataclass
        # __init__ and no id parsed per row (``rows``).
        statement = (
            f"SELECT originator_version, topic, state FROM {self.events_table_name} "  # noqa: S608
            "WHERE originator_id=? "
        )
        params: list[Any] = [
            originator_id.hex if isinstance(originator_id, UUID) else originator_id
        ]
        if lte is not None:
            statement += "AND originator_version<=? "
            params.append(lte)
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement + "ORDER BY originator_version ASC", params)
            rows = c.fetchall()
        own = originator_id
        if isinstance(own, str):
            own = self.convert_originator_id(own)  # as the library gives it back
        return stored_events(own, rows)

    def _insert_events(self, c: SQLiteCursor, stored_events: Any, **kwargs: Any) -> Any:
        save: CommandSave | None = kwargs.get("command_key")
        if save is not None:
            holder, aggregates = save.holder, json.dumps(save.aggregates)
            if save.first:
                c.execute(
                    f"INSERT INTO {TABLE} (key, request_id, path, aggregates, created_at) "  # noqa: S608
                    "VALUES (?, ?, ?, ?, ?)",
                    (holder.key, holder.request_id, holder.path, aggregates, _now()),
                )
            else:
                update = f"UPDATE {TABLE} SET aggregates = ? WHERE key = ?"  # noqa: S608
                c.execute(update, (aggregates, holder.key))
        return super()._insert_events(c, stored_events, **kwargs)

    def select_events_of(self, originator_ids: Sequence[UUID]) -> dict[UUID, list[StoredEvent]]:
        """Every event of many aggregates, a statement per ``SQLITE_CHUNK`` of them (as the
        PostgreSQL recorder's)."""
        found: dict[UUID, list[StoredEvent]] = {}
        ids = [i.hex for i in originator_ids]
        with self.datastore.transaction(commit=False) as c:
            for first in range(0, len(ids), SQLITE_CHUNK):
                chunk = ids[first : first + SQLITE_CHUNK]
                c.execute(
                    f"SELECT originator_id, originator_version, topic, state FROM "  # noqa: S608
                    f"{self.events_table_name} WHERE originator_id IN "
                    f"({', '.join('?' * len(chunk))}) ORDER BY originator_id, originator_version",
                    chunk,
                )
                for row in c.fetchall():
                    originator_id = UUID(row["originator_id"])
                    found.setdefault(originator_id, []).append(
                        StoredEvent(
                            originator_id, row["originator_version"], row["topic"], row["state"]
                        )
                    )
        return found

    def select_command(self, key: str) -> RecordedCommand | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT {COLUMNS} FROM {TABLE} WHERE key = ?", (key,))  # noqa: S608
            row = c.fetchone()
        return None if row is None else RecordedCommand.of(tuple(row))

    def complete_command(self, key: str, values: dict[str, Any]) -> None:
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"UPDATE {TABLE} SET {assignments} WHERE key = ?", (*values.values(), key))  # noqa: S608
