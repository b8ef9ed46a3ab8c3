"""The idempotency records on SQLite and PostgreSQL: what is kept of a no-store answer."""

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from gateway import store
from llwybr.db import create_engine
from llwybr.settings import RuntimeSettings, ServiceSettings

SECRET = b'{"id": "1", "secret": "whsec-never-kept"}'
NO_STORE = {"cache-control": "no-store", "content-type": "application/json",
            "etag": '"1"', "location": "/v1/webhooks/1"}  # fmt: skip


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    else:
        runtime = request.getfixturevalue("postgres_runtime")
    schema = f"gw_{uuid.uuid4().hex[:8]}"
    engine = create_engine(ServiceSettings(service="gateway", runtime=runtime,
                                           postgres_schema=schema))  # fmt: skip
    store.create_tables(engine)
    yield engine
    engine.dispose()


def record(engine: sa.Engine, key: str) -> dict[str, object]:
    with engine.connect() as conn:
        row = conn.execute(sa.select(store.idempotency).where(store.idempotency.c.key == key))
        return dict(row.one()._mapping)


def test_a_no_store_answer_is_recorded_without_its_body(engine: sa.Engine) -> None:
    assert store.begin(engine, "mis", "k-1", "hash") is None
    store.finish(engine, "mis", "k-1", store.StoredResponse(201, NO_STORE, SECRET))
    kept = record(engine, "k-1")
    assert (kept["status"], kept["body"]) == (201, None)
    assert json.loads(str(kept["headers"])) == {
        "cache-control": "no-store", "location": "/v1/webhooks/1"
    }  # fmt: skip
    again = store.begin(engine, "mis", "k-1", "hash")
    assert again == store.StoredResponse(201, json.loads(str(kept["headers"])), None)


def test_an_ordinary_answer_is_recorded_whole(engine: sa.Engine) -> None:
    headers = {"content-type": "application/json", "cache-control": "private, max-age=0"}
    store.begin(engine, "mis", "k-2", "hash")
    store.finish(engine, "mis", "k-2", store.StoredResponse(201, headers, b'{"id": "2"}'))
    assert store.begin(engine, "mis", "k-2", "hash") == store.StoredResponse(
        201, headers, b'{"id": "2"}'
    )


def test_an_empty_ordinary_body_is_kept_as_empty_not_as_withheld(engine: sa.Engine) -> None:
    store.begin(engine, "mis", "k-3", "hash")
    store.finish(engine, "mis", "k-3", store.StoredResponse(204, {}, b""))
    assert store.begin(engine, "mis", "k-3", "hash") == store.StoredResponse(204, {}, b"")


def test_secrets_an_older_gateway_kept_are_forgotten_at_start_up(engine: sa.Engine) -> None:
    old = {"client_id": "mis", "request_hash": "hash", "status": 201}
    with engine.begin() as conn:
        conn.execute(store.idempotency.insert().values(
            key="old-secret", headers=json.dumps({**NO_STORE, "cache-control": "No-Store"}),
            body=SECRET, created_at=sa.func.now(), **old,
        ))  # fmt: skip
        conn.execute(store.idempotency.insert().values(
            key="old-plain", headers=json.dumps({"etag": '"no-store"'}), body=b"{}",
            created_at=sa.func.now(), **old,
        ))  # fmt: skip
    store.create_tables(engine)  # as a restarted gateway does
    assert record(engine, "old-secret")["body"] is None
    assert SECRET.decode() not in repr(record(engine, "old-secret"))
    assert record(engine, "old-plain")["body"] == b"{}"
    assert store.forget_no_store_bodies(engine) == 0
