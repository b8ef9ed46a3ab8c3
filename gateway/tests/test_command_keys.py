"""Idempotency-Key through the gateway when its own record is lost or stuck, and the access-
audit row written ahead of each change (embedded mode, every service in process)."""

import contextlib
import sqlite3
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from gateway import store
from gateway.main import create_app
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings

from .test_api import CONCERN, HOOK, SCHOOL, Gateway


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[Gateway]:
    """A started embedded gateway (as test_api's)."""
    app = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield Gateway(client, tmp_path, app)


def engine_of(gateway: Gateway) -> sa.Engine:
    assert gateway.app is not None
    engine: sa.Engine = gateway.app.state.engine
    return engine


def concern() -> dict[str, Any]:
    """A concern about a learner of its own."""
    learner: dict[str, Any] = dict(CONCERN["learner"])  # type: ignore[arg-type]
    learner["given_name"] = f"Cerys-{uuid.uuid4().hex[:6]}"
    return {**CONCERN, "learner": learner}


def forget(gateway: Gateway, key: str) -> None:
    """Lose the gateway's record of ``key``, as a 5xx answer (a timeout) frees it."""
    with engine_of(gateway).begin() as conn:
        conn.execute(store.idempotency.delete().where(store.idempotency.c.key == key))


def claim(gateway: Gateway, key: str, body: dict[str, Any], path: str, age: timedelta) -> None:
    """A claim of ``key`` left by a gateway that died before storing the answer."""
    client_id = gateway.credentials[SCHOOL]["client_id"]
    fingerprint = store.request_hash("POST", path, httpx.Request("POST", "/", json=body).content)
    with engine_of(gateway).begin() as conn:
        conn.execute(
            store.idempotency.insert().values(
                client_id=client_id, key=key, request_hash=fingerprint,
                created_at=datetime.now(UTC) - age,
            )
        )  # fmt: skip


async def determinations(gateway: Gateway) -> list[str]:
    """The ids of the determinations stored (read from the service's event store)."""
    path = gateway.var_dir / "determination" / "events.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT originator_id FROM stored_events WHERE originator_version = 1 "
            "AND topic LIKE '%:Determination.%'"  # not the learner registry's records
        ).fetchall()
    return [str(uuid.UUID(r[0])) for r in rows]


async def test_a_repeat_after_the_gateway_lost_its_record_gets_the_first_answer(
    gateway: Gateway,
) -> None:
    body, headers = concern(), {"Idempotency-Key": "lost-0001"}
    first = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=body, headers=headers)
    assert first.status_code == 201, first.text
    forget(gateway, "lost-0001")
    again = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=body, headers=headers)
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert (await determinations(gateway)).count(first.json()["id"]) == 1
    assert len(await determinations(gateway)) == 1


async def test_a_key_held_by_a_gateway_that_died_is_taken_over_once_its_claim_ends(
    gateway: Gateway,
) -> None:
    body, path = concern(), "/v1/determinations"
    claim(gateway, "held-0001", body, path, age=timedelta(seconds=1))
    held = await gateway.as_(
        SCHOOL, "POST", path, json=body, headers={"Idempotency-Key": "held-0001"}
    )
    assert held.status_code == 409
    assert 1 <= int(held.headers["retry-after"]) <= 15
    claim(gateway, "held-0002", body, path, age=timedelta(minutes=5))
    taken = await gateway.as_(
        SCHOOL, "POST", path, json=body, headers={"Idempotency-Key": "held-0002"}
    )
    assert taken.status_code == 201, taken.text
    again = await gateway.as_(
        SCHOOL, "POST", path, json=body, headers={"Idempotency-Key": "held-0002"}
    )
    assert again.json() == taken.json()
    assert await determinations(gateway) == [taken.json()["id"]]


async def test_a_subscription_repeated_after_the_gateway_lost_its_record_is_not_made_again(
    gateway: Gateway,
) -> None:
    headers = {"Idempotency-Key": "hook-lost-1"}
    created = await gateway.as_(SCHOOL, "POST", "/v1/webhooks", json=HOOK, headers=headers)
    assert created.status_code == 201, created.text
    forget(gateway, "hook-lost-1")
    again = await gateway.as_(SCHOOL, "POST", "/v1/webhooks", json=HOOK, headers=headers)
    assert again.status_code == 409, again.text
    assert again.json()["type"].endswith("/secret-not-replayed")
    assert again.headers["location"] == created.headers["location"]
    assert created.json()["secret"] not in again.text
    listed = await gateway.as_(SCHOOL, "GET", "/v1/webhooks")
    assert [s["id"] for s in listed.json()["items"]] == [created.json()["id"]]


def audit_rows(gateway: Gateway, request_id: str) -> list[tuple[str, int]]:
    with engine_of(gateway).connect() as conn:
        rows = conn.execute(
            sa.select(store.access_audit.c.outcome, store.access_audit.c.status)
            .where(store.access_audit.c.request_id == request_id)
            .order_by(store.access_audit.c.id)
        )
        return [(r.outcome, r.status) for r in rows]


async def test_a_change_has_its_access_audit_row_before_it_is_forwarded(gateway: Gateway) -> None:
    answer = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=concern())
    assert answer.status_code == 201
    assert audit_rows(gateway, answer.headers["x-request-id"]) == [
        ("forwarded", 102),
        ("granted", 201),
    ]
    read = await gateway.as_(SCHOOL, "GET", answer.headers["location"])
    assert audit_rows(gateway, read.headers["x-request-id"]) == [("granted", 200)]


async def test_a_change_whose_access_audit_row_cannot_be_written_is_not_run(
    gateway: Gateway,
) -> None:
    await gateway.token(SCHOOL)
    engine = engine_of(gateway)

    def refuse_audit(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ACCESS_AUDIT"):
            raise RuntimeError("the audit database is away")

    sa.event.listen(engine, "before_cursor_execute", refuse_audit)
    try:
        answer = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=concern())
    finally:
        sa.event.remove(engine, "before_cursor_execute", refuse_audit)
    assert answer.status_code == 503
    assert answer.json()["type"].endswith("/audit-unavailable")
    assert answer.headers["retry-after"]
    assert await determinations(gateway) == []


async def test_a_change_committed_when_the_audit_log_fails_after_it_keeps_its_row(
    gateway: Gateway,
) -> None:
    """The database went away after the change was forwarded: the service committed, the
    outcome row cannot be written; the row written ahead records the change, and the client
    is told the service's answer, not "may not have taken effect"."""
    await gateway.token(SCHOOL)
    engine = engine_of(gateway)

    def refuse_outcomes(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ACCESS_AUDIT") and (
            "forwarded" not in repr(parameters)
        ):
            raise RuntimeError("the audit database went away")

    sa.event.listen(engine, "before_cursor_execute", refuse_outcomes)
    try:
        answer = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=concern())
    finally:
        sa.event.remove(engine, "before_cursor_execute", refuse_outcomes)
    assert answer.status_code == 201, answer.text
    assert await determinations(gateway) == [answer.json()["id"]]
    assert audit_rows(gateway, answer.headers["x-request-id"]) == [("forwarded", 102)]


async def test_an_opinion_repeated_after_the_gateway_lost_its_record_is_recorded_once(
    gateway: Gateway,
) -> None:
    """A plain-table command: not run again (the parent is not told twice); the repeat gets
    the first answer, kept with the key."""
    opinions = "/v1/notices/health-body-opinions"
    body = {
        "learner_id": str(uuid.uuid4()), "local_authority": "la:665",
        "formed_on": (datetime.now(UTC).date() - timedelta(days=2)).isoformat(),
        "officer": {"name": "Dr Angharad Rees", "email": "angharad@bcuhb.example"},
    }  # fmt: skip
    headers = {"Idempotency-Key": "opinion-lost-1"}
    first = await gateway.as_("lhb:7A1", "POST", opinions, json=body, headers=headers)
    assert first.status_code == 201, first.text
    forget(gateway, "opinion-lost-1")
    again = await gateway.as_("lhb:7A1", "POST", opinions, json=body, headers=headers)
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    state = gateway.var_dir / "notifications" / "state.sqlite"
    with contextlib.closing(sqlite3.connect(state)) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM health_body_opinions WHERE learner_id = ?", (body["learner_id"],)
        ).fetchone()
    assert count == 1
