"""Rebuilding a read model in batches: the projection's own handlers, applied to in-memory rows.

A rebuild applied each event's statements to the store, one database round trip per statement
(1.4 a determination event): it ran 20 to 60 times slower than a raw read of the same rows
(issue 19). Here the same handlers (one projection definition) run against a private
in-memory SQLite database holding only the projection's tables; the log is read in large
pages; then the store's tables are emptied and written from those rows (``COPY`` on
PostgreSQL, ``executemany`` on SQLite) with the projection's position, in ONE transaction.
A crash before that commit leaves the read model as it was (the rebuild restarts from the
beginning), never half applied; the live runner, blocked on the position row meanwhile,
carries on from the rebuilt position.
"""

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, cast

import sqlalchemy as sa
from eventsourcing.persistence import Notification
from psycopg import sql

from llwybr.eventstore import RecordedEvent

#: Notifications read at a time: one round trip per page instead of per batch of 500.
PAGE = 5000

Select = Callable[[int, int], Sequence[Notification]]
Decode = Callable[[Notification], RecordedEvent]
Handler = Callable[[sa.Connection, RecordedEvent], None]


def scratch_engine(tables: Sequence[sa.Table]) -> sa.Engine:
    """A private in-memory SQLite database with the projection's tables (keys, no other
    indexes: they would slow the inserts and the handlers look rows up by key)."""
    engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool)
    with engine.begin() as conn:
        for table in tables:
            conn.execute(sa.schema.CreateTable(table))
    return engine


def pages(select: Select, after: int, page: int = PAGE) -> Iterator[Sequence[Notification]]:
    """The log after ``after``, ``page`` notifications at a time, to its end."""
    while notifications := select(after, page):
        yield notifications
        after = notifications[-1].id


class DirectWrites:
    """The scratch connection as the handlers see it: a write of a statement built once
    (module level, its values given as parameters) goes straight to ``sqlite3``, compiled
    once per statement and set of parameter names; anything else (reads, statements built
    per event) goes through SQLAlchemy as before.

    SQLAlchemy's execution of each statement (execution context, result set-up, events) was
    about half of a rebuild once the round trips were gone (py-spy, issue 19); here a write
    costs its parameters' conversion (the dialect's own bind processors, so the rows hold
    what SQLAlchemy would have written) and the ``sqlite3`` call. Statements whose values
    SQLAlchemy would compute at execution (Python-side defaults, RETURNING, expanding IN) are
    left to it.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self._conn = conn
        self.dialect = conn.dialect
        self._cursor: Any = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        #: (id of the statement, parameter names) -> (the statement, kept so its id is not
        #: reused; its SQL; its compiled form; the processors in parameter order) or None.
        self._plans: dict[tuple[int, tuple[str, ...]], _Plan | None] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, statement: Any, parameters: Any = None, **kwargs: Any) -> Any:
        if kwargs or not isinstance(parameters, dict | list) or not parameters:
            return self._conn.execute(statement, parameters, **kwargs)
        rows: list[dict[str, Any]] = parameters if isinstance(parameters, list) else [parameters]
        key = (id(statement), tuple(rows[0]))
        plan = self._plans[key] if key in self._plans else self._plan(key, statement)
        if plan is None or any(len(row) != len(key[1]) for row in rows):
            return self._conn.execute(statement, parameters)
        compiled, names = plan[2], plan[3]
        values = []
        for row in rows:
            bound = compiled.construct_params(row, escape_names=False)
            values.append(
                tuple(
                    bound[name] if process is None else process(bound[name])
                    for name, process in names
                )
            )
        if len(values) == 1:
            self._cursor.execute(plan[1], values[0])
        else:
            self._cursor.executemany(plan[1], values)
        return None

    def _plan(self, key: tuple[int, tuple[str, ...]], statement: Any) -> "_Plan | None":
        plan: _Plan | None = None
        if isinstance(statement, sa.Insert | sa.Update | sa.Delete):
            compiled: Any = statement.compile(dialect=self.dialect, column_keys=list(key[1]))
            direct = (
                compiled.positional
                and not compiled.insert_prefetch
                and not compiled.update_prefetch
                and not compiled.effective_returning
                and not compiled.post_compile_params
                and not compiled.literal_execute_params
                and not compiled.escaped_bind_names
            )
            if direct:
                processors = compiled._bind_processors
                names = [(name, processors.get(name)) for name in compiled.positiontup]
                plan = (statement, compiled.string, compiled, names)
        self._plans[key] = plan
        return plan


_Plan = tuple[Any, str, Any, list[tuple[str, Callable[[Any], Any] | None]]]


def apply_all(
    scratch: sa.Connection, handle: Handler, select: Select, decode: Decode
) -> tuple[int, int]:
    """Apply the whole log to ``scratch``; return (events applied, last notification id)."""
    total, last = 0, 0
    direct = cast(sa.Connection, DirectWrites(scratch))
    for notifications in pages(select, 0):
        for notification in notifications:
            handle(direct, decode(notification))
        total += len(notifications)
        last = notifications[-1].id
    return total, last


def copy_rows(source: sa.Connection, target: sa.Connection, tables: Sequence[sa.Table]) -> None:
    """Write every row of ``tables`` from ``source`` into the (emptied) same tables of
    ``target``, in its transaction: ``COPY`` on PostgreSQL, one ``executemany`` otherwise."""
    for table in tables:
        names = [c.name for c in table.columns]
        rows = source.execute(sa.select(table)).all()
        if not rows:
            continue
        if target.dialect.name == "postgresql":
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
            )
            driver: Any = target.connection.driver_connection
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(tuple(row))
        else:
            target.execute(table.insert(), [dict(zip(names, row, strict=True)) for row in rows])


def replace(
    target: sa.Connection,
    scratch: sa.Connection,
    tables: Sequence[sa.Table],
    positions: sa.Table,
    name: str,
    last: int,
) -> None:
    """In ``target``'s transaction: the projection's tables emptied and written from
    ``scratch``, and its position set to ``last`` (the row taken FOR UPDATE first, so a live
    runner or a replica waits and then carries on from here)."""
    mine = positions.c.projection == name
    held = target.execute(sa.select(positions.c.position).where(mine).with_for_update())
    now = datetime.now(UTC)
    if held.first() is None:
        target.execute(positions.insert().values(projection=name, position=last, updated_at=now))
    else:
        target.execute(positions.update().where(mine).values(position=last, updated_at=now))
    for table in reversed(tables):
        target.execute(table.delete())
    copy_rows(scratch, target, tables)
