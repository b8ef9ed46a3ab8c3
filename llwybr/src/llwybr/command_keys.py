"""Command keys: a repeated command is answered from what its first run recorded.

The gateway derives a command key from the client, its ``Idempotency-Key`` and the request
(``sha256``), and forwards it signed with the principal (``llwybr.principal``). The service
records the key in the transaction that commits the command's effect: with the events (the
event store's recorder inserts it, ``put`` passes it on), or, for a plain-table command, in the
route's own transaction (``record``). A second commit under the same key fails on the primary
key and rolls back. So whatever happened to the first answer (the service crashed or was
paused past the gateway's timeout, the connection dropped, the gateway died), the effect is
either recorded with its key or not there at all.

``CommandKeys``, an ASGI middleware inside the request context, looks the key up first: a
command whose key is recorded is not run again but answered from the record (``201`` and
``Location`` for a create, ``{"id", "version"}`` as ``Accepted`` has it, ``ETag``,
``Idempotent-Replayed: true``); a first answer that held a secret (``Cache-Control:
no-store``) is answered with that mark and no body, and the gateway refuses to replay it.
A run that lost the race to a first one still running (its save failed on the key) is
answered the same way. After a run, the record is completed with the status, ``Location``
and ``ETag`` the client was given; a record never holds a body.
"""

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import anyio
import sqlalchemy as sa

from llwybr import context, db
from llwybr.principal import COMMAND_KEY_HEADER

log = logging.getLogger(__name__)

TABLE = "command_keys"
REPLAYED_HEADER = "Idempotent-Replayed"

#: The answers a record can replay: the first answer's JSON body itself (small, and no
#: secret), ``no-store`` (a secret shown once: only the mark), ``other`` (a body too large to
#: keep, not rebuilt from the record). None until the answer is known: a lost answer is then
#: rebuilt as ``{"id", "version"}`` of the aggregate the command recorded first.
NO_STORE, OTHER = "no-store", "other"
#: The largest first answer kept to replay (create and command answers are a few ids).
MAX_KEPT_ANSWER = 4096

#: The keys of plain-table commands (on PostgreSQL the same table as the event store's; in
#: embedded mode one in each database file).
command_keys = sa.Table(
    TABLE,
    db.metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("request_id", sa.String(128), nullable=False),
    sa.Column("path", sa.String(512), nullable=False),
    sa.Column("aggregates", sa.Text, nullable=False),  # JSON [[id, version], ...]
    sa.Column("status", sa.Integer, nullable=True),  # NULL until the answer is known
    sa.Column("location", sa.String(512), nullable=True),
    sa.Column("etag", sa.String(64), nullable=True),
    sa.Column("answer", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

COLUMNS = "key, request_id, path, aggregates, status, location, etag, answer"
CREATE = (
    "CREATE TABLE IF NOT EXISTS {table} (key VARCHAR(64) PRIMARY KEY, "
    "request_id VARCHAR(128) NOT NULL, path VARCHAR(512) NOT NULL, aggregates TEXT NOT NULL, "
    "status INTEGER, location VARCHAR(512), etag VARCHAR(64), answer TEXT, "
    "created_at {timestamp} NOT NULL)"
)


@dataclass(frozen=True)
class RecordedCommand:
    """What the first run of a command recorded under its key."""

    key: str
    request_id: str
    path: str
    aggregates: list[tuple[str, int | None]]
    status: int | None
    location: str | None
    etag: str | None
    answer: str | None

    @classmethod
    def of(cls, row: Any) -> "RecordedCommand":
        values = (
            dict(row)
            if not isinstance(row, tuple)
            else dict(zip(COLUMNS.split(", "), row, strict=True))
        )
        aggregates = [(str(a), v) for a, v in json.loads(values["aggregates"])]
        return cls(**{**values, "aggregates": aggregates})

    def replay(self) -> tuple[int, dict[str, str], bytes]:
        """The answer to a repeat: status, headers and body, rebuilt from the record. Before
        the record was completed (the first run's answer was lost), a command that made an
        aggregate (its version 1) is taken for a create at ``<path>/<id>``."""
        first_id, first_version = self.aggregates[0] if self.aggregates else ("", None)
        location = self.location
        status = self.status
        if status is None:
            created = first_version == 1
            status = 201 if created else 200
            location = location or (f"{self.path}/{first_id}" if created else None)
        headers = {REPLAYED_HEADER: "true"}
        if location:
            headers["Location"] = location
        if self.answer == NO_STORE:
            return status, headers | {"Cache-Control": "no-store"}, b""
        if self.answer == OTHER:
            return 409, headers | {"Content-Type": "application/problem+json"}, _not_rebuilt(self)
        if self.etag or first_version is not None:
            headers["ETag"] = self.etag or f'"{first_version}"'
        if self.answer is not None:
            return status, headers | {"Content-Type": "application/json"}, self.answer.encode()
        body = json.dumps({"id": first_id, "version": first_version}).encode()
        return status, headers | {"Content-Type": "application/json"}, body


def _not_rebuilt(recorded: RecordedCommand) -> bytes:
    detail = "this command was run already under this Idempotency-Key and is not run again"
    if recorded.location:
        detail += f"; the resource is at {recorded.location}"
    return json.dumps({
        "type": "https://llwybr.wales/problems/command-already-run", "title": "Conflict",
        "status": 409, "detail": detail, "original_status": recorded.status,
    }).encode()  # fmt: skip


# -- plain-table commands -------------------------------------------------------------------


def record(conn: sa.Connection, resource_id: str, location: str | None = None) -> None:
    """Record the current command's key in a plain-table command's own transaction (do
    nothing when the request carries no key). A key already recorded raises
    ``sqlalchemy.exc.IntegrityError``, which rolls the transaction back; the middleware then
    answers from the first run's record."""
    holder = context.current().command
    if holder is None:
        return
    conn.execute(
        command_keys.insert().values(
            key=holder.key, request_id=holder.request_id, path=holder.path,
            aggregates=json.dumps([[resource_id, None]]), location=location,
            created_at=datetime.now(UTC),
        )
    )  # fmt: skip
    holder.aggregates = [(resource_id, 0)]


def _select_plain(engine: sa.Engine, key: str) -> RecordedCommand | None:
    columns = [command_keys.c[name] for name in COLUMNS.split(", ")]
    with engine.connect() as conn:
        row = conn.execute(sa.select(*columns).where(command_keys.c.key == key)).first()
    return None if row is None else RecordedCommand.of(tuple(row))


def _complete_plain(engine: sa.Engine, key: str, values: dict[str, Any]) -> None:
    with engine.begin() as conn:
        conn.execute(command_keys.update().where(command_keys.c.key == key).values(**values))


# -- the middleware -------------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class CommandKeys:
    """Answers a keyed command that was run already from its record; runs any other with its
    key in the command context, and completes the record with the answer given."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.get("state") or {}
        key = _header(scope, COMMAND_KEY_HEADER)
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or key is None
            or "principal" not in state
        ):
            await self.app(scope, receive, send)
            return
        service = scope["app"].state
        request_id = str(state.get("request_id", ""))
        found = await anyio.to_thread.run_sync(_lookup, service, key)
        if found is not None:
            log.info(
                "command %s answered from its record (first run %s)", key[:12], found.request_id
            )
            await _send_replay(send, found)
            return
        holder = context.CommandKey(key, request_id, scope["path"])
        messages: list[Message] = []

        async def keep(message: Message) -> None:
            messages.append(message)

        with context.acting(replace(context.current(), command=holder)):
            try:
                await self.app(scope, receive, keep)
            except Exception:
                found = await anyio.to_thread.run_sync(_lookup, service, key)
                if found is None:
                    raise
                await _send_replay(send, found)
                return
        start = next(m for m in messages if m["type"] == "http.response.start")
        status = int(start["status"])
        if status >= 400:
            # Lost the race to a first run still going (its save failed on the key), or this
            # run's own commit went through but its answer did not (a retried insert).
            found = await anyio.to_thread.run_sync(_lookup, service, key)
            if found is not None:
                await _send_replay(send, found)
                return
        elif holder.aggregates:
            values = _completion(status, start, messages)
            try:
                await anyio.to_thread.run_sync(_complete, service, key, values)
            except Exception:
                log.warning(
                    "command %s: the record keeps no answer (it is rebuilt)",
                    key[:12],
                    exc_info=True,
                )
        for message in messages:
            await send(message)


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.encode()
    for header, value in scope.get("headers", ()):
        if header.lower() == wanted:
            return bytes(value).decode("latin-1")
    return None


def _completion(status: int, start: Message, messages: list[Message]) -> dict[str, Any]:
    headers = {
        bytes(k).decode("latin-1").lower(): bytes(v).decode("latin-1")
        for k, v in start.get("headers", ())
    }
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    if "no-store" in headers.get("cache-control", "").lower():
        answer = NO_STORE
    else:
        try:
            kept = len(body) <= MAX_KEPT_ANSWER and isinstance(json.loads(body), dict)
        except ValueError:
            kept = False
        answer = body.decode() if kept else OTHER
    values: dict[str, Any] = {"status": status, "answer": answer}
    # A Location recorded by a plain-table command stays when the answer has none.
    values |= {name: headers[name] for name in ("location", "etag") if name in headers}
    return values


def _lookup(service: Any, key: str) -> RecordedCommand | None:
    # The event store's recorder (llwybr.eventstore.recorders), then the plain tables.
    select = getattr(getattr(service.application, "recorder", None), "select_command", None)
    found: RecordedCommand | None = select(key) if select is not None else None
    return found or _select_plain(service.engine, key)


def _complete(service: Any, key: str, values: dict[str, Any]) -> None:
    # Embedded mode: the event store's table is in a database file of its own.
    complete = getattr(getattr(service.application, "recorder", None), "complete_command", None)
    if complete is not None:
        complete(key, values)
    _complete_plain(service.engine, key, values)


async def _send_replay(send: Send, recorded: RecordedCommand) -> None:
    status, headers, body = recorded.replay()
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
