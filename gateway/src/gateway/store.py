"""The gateway's own tables: the access audit log (append-only) and idempotency records.

Their shape is migrated by Alembic (``gateway/migrations``, ADR 0009), at start-up.

An idempotency record keeps the first answer to a POST so that a repeat gets it again, except
the body of an answer marked ``Cache-Control: no-store``: the services mark that way the
answers that carry a secret shown once (a webhook signing secret), and a plain copy here would
outlive the service's own sealed one. Such a record keeps only the status and safe headers.
"""

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from llwybr import migrations

#: The gateway's Alembic script directory.
MIGRATIONS = Path(__file__).parent / "migrations"

metadata = sa.MetaData()

access_audit = sa.Table(
    "access_audit",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("request_id", sa.String(64), nullable=False),
    sa.Column("client_id", sa.String(128), nullable=True),
    sa.Column("organisation", sa.String(64), nullable=True, index=True),
    sa.Column("method", sa.String(8), nullable=False),
    sa.Column("path", sa.String(512), nullable=False),
    sa.Column("resource_id", sa.String(64), nullable=True, index=True),
    sa.Column("outcome", sa.String(16), nullable=False),  # granted / denied / failed
    sa.Column("status", sa.Integer, nullable=False),
    # Why it was refused (outcome denied): the service's or the gateway's reason.
    sa.Column("reason", sa.String(64), nullable=True),
    # The LA numbers of the learners' records the request touched, as ",665,667," (so that
    # an auditor's rows are a LIKE on its LA); NULL when it touched none.
    sa.Column("jurisdiction", sa.String(256), nullable=True),
    # A console page view's signed-in person: the subject (``sub``) their identity provider
    # names them by, never their name (issue 22); NULL for API clients and the dev sign-in.
    sa.Column("person", sa.String(255), nullable=True),
)

idempotency = sa.Table(
    "idempotency_records",
    metadata,
    sa.Column("client_id", sa.String(128), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("request_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.Integer, nullable=True),  # NULL while the first request runs
    sa.Column("headers", sa.Text, nullable=True),
    sa.Column("body", sa.LargeBinary, nullable=True),  # NULL when not kept (no-store)
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

#: PostgreSQL refuses to change or delete audit rows, whoever asks (append-only).
_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION access_audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'access_audit is append-only'; END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS access_audit_append_only ON access_audit;
CREATE TRIGGER access_audit_append_only BEFORE UPDATE OR DELETE ON access_audit
FOR EACH ROW EXECUTE FUNCTION access_audit_append_only();
"""


def create_tables(engine: sa.Engine) -> None:
    migrations.upgrade(engine, MIGRATIONS)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql(_APPEND_ONLY)
    forget_no_store_bodies(engine)


def forget_no_store_bodies(engine: sa.Engine) -> int:
    """Drop the bodies of no-store answers that an older gateway kept (secrets among them);
    the number of records changed. Run at start-up: it reads through the records' headers,
    and changes each such record once."""
    mentioned = sa.func.lower(idempotency.c.headers).contains("no-store")
    where = idempotency.c.body.is_not(None) & mentioned
    with engine.begin() as conn:
        rows = conn.execute(
            sa.select(idempotency.c.client_id, idempotency.c.key, idempotency.c.headers).where(
                where
            )
        ).all()
        found = [r for r in rows if is_no_store(json.loads(r.headers or "{}"))]
        for row in found:
            conn.execute(
                idempotency.update()
                .where(idempotency.c.client_id == row.client_id, idempotency.c.key == row.key)
                .values(body=None, headers=json.dumps(_safe_headers(json.loads(row.headers))))
            )
    return len(found)


@dataclass(frozen=True)
class AccessRecord:
    request_id: str
    client_id: str | None
    organisation: str | None
    method: str
    path: str
    resource_id: str | None
    outcome: str
    status: int
    reason: str | None = None
    jurisdiction: frozenset[str] = frozenset()
    person: str | None = None


def record_access(engine: sa.Engine, record: AccessRecord) -> None:
    record_accesses(engine, [record])


def record_accesses(engine: sa.Engine, records: Sequence[AccessRecord]) -> None:
    """Write ``records`` in one transaction (the access log's group commit)."""
    at = datetime.now(UTC)
    rows = [{**vars(r), "at": at, "jurisdiction": _stored(r.jurisdiction)} for r in records]
    with engine.begin() as conn:
        conn.execute(access_audit.insert(), rows)


def _stored(jurisdiction: Iterable[str]) -> str | None:
    return f",{','.join(sorted(jurisdiction))}," if jurisdiction else None


def jurisdiction_of(header: str | None) -> frozenset[str]:
    """The LA numbers a service's jurisdiction header names (digits only: anything else in
    it is not an LA number and is dropped)."""
    return frozenset(la for la in (v.strip() for v in (header or "").split(",")) if la.isdigit())


def find_access(
    engine: sa.Engine,
    *,
    organisation: str | None,
    resource_id: str | None,
    since: datetime | None,
    after: int | None,
    limit: int,
    jurisdiction: str | None = None,
) -> list[dict[str, Any]]:
    """Rows in order; ``jurisdiction`` (an LA number) keeps only the rows of requests that
    touched a record of that LA (an LA's auditor), None every row."""
    statement = sa.select(access_audit).order_by(access_audit.c.id).limit(limit)
    if jurisdiction is not None:
        statement = statement.where(access_audit.c.jurisdiction.contains(f",{jurisdiction},"))
    if organisation:
        statement = statement.where(access_audit.c.organisation == organisation)
    if resource_id:
        statement = statement.where(access_audit.c.resource_id == resource_id)
    if since:
        statement = statement.where(access_audit.c.at >= since)
    if after:
        statement = statement.where(access_audit.c.id > after)
    with engine.connect() as conn:
        return [_shown(dict(r._mapping)) for r in conn.execute(statement)]


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    row["jurisdiction"] = [la for la in (row["jurisdiction"] or "").split(",") if la]
    return row


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


#: What a record keeps of a no-store answer: where the resource is, and the mark itself.
_KEPT_WITHOUT_BODY = ("cache-control", "location")


def is_no_store(headers: dict[str, str]) -> bool:
    """Whether ``headers`` (lower-case names) forbid storing the answer (RFC 9111 5.2.2.5)."""
    directives = headers.get("cache-control", "").split(",")
    return any(d.split("=")[0].strip().lower() == "no-store" for d in directives)


def _safe_headers(headers: dict[str, str]) -> dict[str, str]:
    return {h: v for h, v in headers.items() if h in _KEPT_WITHOUT_BODY}


@dataclass(frozen=True)
class StoredResponse:
    """An answer to keep or kept; ``body`` is None when it was not kept (no-store)."""

    status: int
    headers: dict[str, str]
    body: bytes | None


def command_key(client_id: str, key: str, fingerprint: str) -> str:
    """The key a service records a command under (``llwybr.command_keys``): the same for a
    repeat of the same request with the same Idempotency-Key by the same client."""
    material = json.dumps([client_id, key, fingerprint], separators=(",", ":"))
    return hashlib.sha256(material.encode()).hexdigest()


class IdempotencyConflictError(Exception):
    """The same key was used with a different request (422) or is still running (409, with
    the seconds after which a repeat may take the key over)."""

    def __init__(self, status: int, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.retry_after = retry_after


_IN_PROGRESS = "a request with this Idempotency-Key is in progress"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def begin(
    engine: sa.Engine, client_id: str, key: str, fingerprint: str, claim_seconds: float = 15.0
) -> StoredResponse | None:
    """Claim a key for a new request (None), or return the response stored for it.

    A claim lasts ``claim_seconds`` (longer than any forwarding): a claim older than that
    belongs to a gateway that died or lost its database before storing the answer, and a
    repeat takes it over (the service's record of the command key makes that safe: a command
    that ran is answered from it, not run again). A younger one gives 409 with the seconds
    it has left."""
    now = datetime.now(UTC)
    where = (idempotency.c.client_id == client_id) & (idempotency.c.key == key)
    with engine.begin() as conn:
        row = conn.execute(sa.select(idempotency).where(where)).first()
        if row is None:
            try:
                with conn.begin_nested():
                    conn.execute(
                        idempotency.insert().values(
                            client_id=client_id, key=key, request_hash=fingerprint, created_at=now
                        )
                    )
                return None
            except sa.exc.IntegrityError:
                raise IdempotencyConflictError(409, _IN_PROGRESS, int(claim_seconds)) from None
        if row.request_hash != fingerprint:
            raise IdempotencyConflictError(
                422, "this Idempotency-Key was used with a different request"
            )
        if row.status is None:
            left = claim_seconds - (now - _aware(row.created_at)).total_seconds()
            if left > 0:
                raise IdempotencyConflictError(409, _IN_PROGRESS, max(1, math.ceil(left)))
            # Taken over only if no other repeat took it first (compare and set).
            taken = conn.execute(
                idempotency.update()
                .where(where, idempotency.c.status.is_(None))
                .where(idempotency.c.created_at == row.created_at)
                .values(created_at=now)
            )
            if taken.rowcount != 1:
                raise IdempotencyConflictError(409, _IN_PROGRESS, int(claim_seconds))
            return None
    body = None if row.body is None else bytes(row.body)
    return StoredResponse(row.status, json.loads(row.headers or "{}"), body)


def finish(engine: sa.Engine, client_id: str, key: str, response: StoredResponse | None) -> None:
    """Store the response for replay; a failed (5xx) or absent response frees the key. A
    no-store response is recorded without its body, so the key stays used but nothing secret
    is kept."""
    with engine.begin() as conn:
        where = (idempotency.c.client_id == client_id) & (idempotency.c.key == key)
        if response is None or response.status >= 500:
            conn.execute(idempotency.delete().where(where))
            return
        headers, body = response.headers, response.body
        if is_no_store(headers):
            headers, body = _safe_headers(headers), None
        conn.execute(
            idempotency.update()
            .where(where)
            .values(status=response.status, headers=json.dumps(headers), body=body)
        )
