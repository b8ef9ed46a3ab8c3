"""The gateway's own tables: the access audit log (append-only) and idempotency records."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

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
)

idempotency = sa.Table(
    "idempotency_records",
    metadata,
    sa.Column("client_id", sa.String(128), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("request_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.Integer, nullable=True),  # NULL while the first request runs
    sa.Column("headers", sa.Text, nullable=True),
    sa.Column("body", sa.LargeBinary, nullable=True),
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
    metadata.create_all(engine)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql(_APPEND_ONLY)


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


def record_access(engine: sa.Engine, record: AccessRecord) -> None:
    with engine.begin() as conn:
        conn.execute(access_audit.insert().values(at=datetime.now(UTC), **vars(record)))


def find_access(
    engine: sa.Engine,
    *,
    organisation: str | None,
    resource_id: str | None,
    since: datetime | None,
    after: int | None,
    limit: int,
) -> list[dict[str, Any]]:
    statement = sa.select(access_audit).order_by(access_audit.c.id).limit(limit)
    if organisation:
        statement = statement.where(access_audit.c.organisation == organisation)
    if resource_id:
        statement = statement.where(access_audit.c.resource_id == resource_id)
    if since:
        statement = statement.where(access_audit.c.at >= since)
    if after:
        statement = statement.where(access_audit.c.id > after)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(statement)]


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: dict[str, str]
    body: bytes


class IdempotencyConflictError(Exception):
    """The same key was used with a different request (422) or is still running (409)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status


def begin(engine: sa.Engine, client_id: str, key: str, fingerprint: str) -> StoredResponse | None:
    """Claim a key for a new request (None), or return the response stored for it."""
    with engine.begin() as conn:
        row = conn.execute(
            sa.select(idempotency).where(
                idempotency.c.client_id == client_id, idempotency.c.key == key
            )
        ).first()
        if row is None:
            try:
                with conn.begin_nested():
                    conn.execute(
                        idempotency.insert().values(
                            client_id=client_id,
                            key=key,
                            request_hash=fingerprint,
                            created_at=datetime.now(UTC),
                        )
                    )
                return None
            except sa.exc.IntegrityError:
                raise IdempotencyConflictError(
                    409, "a request with this Idempotency-Key is in progress"
                ) from None
    if row.request_hash != fingerprint:
        raise IdempotencyConflictError(
            422, "this Idempotency-Key was used with a different request"
        )
    if row.status is None:
        raise IdempotencyConflictError(409, "a request with this Idempotency-Key is in progress")
    return StoredResponse(row.status, json.loads(row.headers or "{}"), bytes(row.body or b""))


def finish(engine: sa.Engine, client_id: str, key: str, response: StoredResponse | None) -> None:
    """Store the response for replay; a failed (5xx) or absent response frees the key."""
    with engine.begin() as conn:
        where = (idempotency.c.client_id == client_id) & (idempotency.c.key == key)
        if response is None or response.status >= 500:
            conn.execute(idempotency.delete().where(where))
        else:
            conn.execute(
                idempotency.update()
                .where(where)
                .values(
                    status=response.status,
                    headers=json.dumps(response.headers),
                    body=response.body,
                )
            )
