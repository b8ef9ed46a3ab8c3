"""A change's access-audit row, committed by the service in the transaction of the change
(ADR 0025): one flush per change instead of the gateway's row ahead, the change, and the
gateway's outcome row.

In stack mode the gateway sends the row it would have written (``AccessRow``) signed with the
principal (``llwybr.principal.AUDIT_HEADER``). The service keeps it for the request
(``recording``) and inserts it into the gateway's ``access_audit`` table (the same database,
the gateway's schema: the one log every reader reads) in the first transaction that commits
during the request: the event store's (``llwybr.eventstore.recorders``) or a plain table's
(``watch``, an engine hook). So a change is committed with its row or not at all. The answer
says what was recorded (``AUDITED_HEADER``: the status and the jurisdiction); the gateway
writes a row of its own only when the answer says nothing (nothing was committed: a refusal,
a failure, a replay) or differs from what was recorded (the route's status was not the
answer's). Embedded mode (SQLite files of their own) keeps the gateway's row written ahead.
"""

import base64
import json
import re
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from llwybr import access
from llwybr.principal import AUDIT_HEADER

#: The service's answer: ``<status>;<LA numbers>`` of the row it committed with the change.
AUDITED_HEADER = "x-llwybr-audited"
#: A schema name the service will write into (the gateway's; never a quoted oddity).
_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_INSERT = (
    'INSERT INTO "{schema}".access_audit (at, request_id, client_id, organisation, method, '
    "path, "
    "resource_id, outcome, status, jurisdiction) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, 'granted', %s, %s)"
)


@dataclass(frozen=True)
class AccessRow:
    """What the gateway knows of a change before it forwards it, and where its log is."""

    request_id: str
    client_id: str
    organisation: str
    method: str
    path: str
    resource_id: str | None
    schema: str

    def encode(self) -> str:
        data = json.dumps(asdict(self), separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(data).decode()

    @classmethod
    def decode(cls, value: str) -> "AccessRow":
        """The row a (verified) header carries; ValueError if it is not one."""
        try:
            data = json.loads(base64.urlsafe_b64decode(value.encode()))
            row = cls(**data)
        except (TypeError, json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ValueError("malformed access-audit row") from error
        if not _SCHEMA.match(row.schema) or not all(
            isinstance(v, str) for v in (row.request_id, row.method, row.path)
        ):
            raise ValueError("malformed access-audit row")
        return row


def signed_row(headers: Mapping[str, str]) -> AccessRow | None:
    """The row the gateway sent with a change (call after ``verify_principal``, which checked
    its signature); None when there is none."""
    value = headers.get(AUDIT_HEADER)
    return None if value is None else AccessRow.decode(value)


def audited_as(status: int, jurisdiction: frozenset[str] | set[str]) -> str:
    """The ``AUDITED_HEADER`` value of a row with ``status`` and ``jurisdiction``."""
    return f"{status};{','.join(sorted(jurisdiction))}"


@dataclass
class PendingAccess:
    """The row of the request being handled, until a transaction commits it."""

    row: AccessRow
    scope: MutableMapping[str, Any]
    #: The ``AUDITED_HEADER`` value once a transaction holding the row has committed.
    written: str | None = None
    _tentative: str | None = None

    def statement(self) -> tuple[str, tuple[Any, ...]]:
        """The statement inserting the row and its parameters (psycopg). The status is the
        route's declared one (the answer is not known yet); the jurisdiction what the access
        checks noted so far."""
        route = self.scope.get("route")
        status = int(getattr(route, "status_code", None) or 200)
        touched = access.touched()
        stored = f",{','.join(sorted(touched))}," if touched else None
        r = self.row
        params = (
            datetime.now(UTC), r.request_id, r.client_id, r.organisation, r.method, r.path,
            r.resource_id, status, stored,
        )  # fmt: skip
        self._tentative = audited_as(status, touched)
        # The schema matched ``_SCHEMA`` (decode): it needs no quoting beyond the quotes.
        return _INSERT.format(schema=r.schema), params

    def committed(self) -> None:
        """The transaction that held the row (if one did) has committed."""
        self.written = self._tentative


_pending: ContextVar[PendingAccess | None] = ContextVar("llwybr_pending_access", default=None)


@contextmanager
def recording(
    row: AccessRow | None, scope: MutableMapping[str, Any]
) -> Iterator[PendingAccess | None]:
    """Keep ``row`` for the transactions of the request within the block (None: no row)."""
    holder = None if row is None else PendingAccess(row, scope)
    token = _pending.set(holder)
    try:
        yield holder
    finally:
        _pending.reset(token)


def pending() -> PendingAccess | None:
    """The current request's row, if it is still to be written."""
    holder = _pending.get()
    return holder if holder is not None and holder.written is None else None


def insert(cursor: Any, holder: PendingAccess) -> None:
    """Insert the row with a psycopg cursor, in the transaction about to commit."""
    cursor.execute(*holder.statement())


def watch(engine: sa.Engine) -> None:
    """Write the current request's row in the first plain-table transaction it commits on
    ``engine`` (PostgreSQL), so a change made outside the events is not committed without it.
    A commit that then fails answers an error, which differs from the row's status: the
    gateway writes the outcome row of its own."""
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "commit")
    def _with_row(conn: sa.Connection) -> None:
        holder = pending()
        if holder is None:
            return
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        cursor = dbapi.cursor()
        try:
            insert(cursor, holder)
        finally:
            cursor.close()
        holder.committed()
