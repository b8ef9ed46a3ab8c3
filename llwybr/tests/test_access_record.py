"""A change's access-audit row committed by the service with the change (``llwybr.access_record``,
ADR 0025): with the events or with a plain table's transaction, or not at all; on SQLite
(embedded mode, where the gateway writes its row ahead) the service writes none."""

import time
import uuid
from collections.abc import Generator, Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from eventsourcing.persistence import IntegrityError

from gateway import store
from llwybr import access_record
from llwybr.access_record import AUDITED_HEADER, AccessRow
from llwybr.db import create_engine
from llwybr.principal import AUDIT_HEADER, Principal, sign_principal
from llwybr.settings import ServiceSettings
from llwybr_testkit import TEST_SECRET, ExampleCase, ExampleService

from . import test_command_keys

#: The example service over ASGI, with its routes (a create, a plain-table create).
client = test_command_keys.client

PRINCIPAL = Principal("mis", "la:665", frozenset())


def row_for(settings: ServiceSettings, path: str) -> AccessRow:
    """The row the gateway would send, logging into the service's own schema for the test."""
    return AccessRow(
        request_id=f"req-{uuid.uuid4().hex[:12]}", client_id="mis", organisation="la:665",
        method="POST", path=path, resource_id=None, schema=settings.schema_name,
    )  # fmt: skip


class Audited(httpx.Auth):
    """Signs as the gateway does for a change in stack mode: the principal and the row."""

    def __init__(self, row: AccessRow, secret: str = TEST_SECRET) -> None:
        self.row, self.secret = row, secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        signed = sign_principal(
            PRINCIPAL, self.secret.encode(), int(time.time()), audit=self.row.encode()
        )
        request.headers.update(signed)
        yield request


@pytest.fixture
def log(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    """The access-audit table (the gateway's shape) where the rows are written."""
    engine = create_engine(store_settings)
    table = store.access_audit.to_metadata(sa.MetaData())
    table.create(engine, checkfirst=True)
    yield engine
    engine.dispose()


def rows(engine: sa.Engine, request_id: str) -> list[tuple[str, int, str | None]]:
    table = store.access_audit
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(table.c.outcome, table.c.status, table.c.path).where(
                table.c.request_id == request_id
            )
        )
        return [(r.outcome, r.status, r.path) for r in found]


def postgres_only(settings: ServiceSettings) -> None:
    if settings.runtime.mode != "stack":
        pytest.skip("embedded mode: the gateway writes the row ahead")


async def test_a_change_commits_its_row_with_its_events(
    client: httpx.AsyncClient,
    store_settings: ServiceSettings,
    log: sa.Engine,
) -> None:
    row = row_for(store_settings, "/v1/cases")
    answer = await client.post("/v1/cases", json={"learner_id": "l-1"}, auth=Audited(row))
    assert answer.status_code == 201, answer.text
    if store_settings.runtime.mode != "stack":
        # SQLite: the event store's file cannot hold the gateway's row; nothing is claimed.
        assert AUDITED_HEADER not in answer.headers
        assert rows(log, row.request_id) == []
        return
    assert answer.headers[AUDITED_HEADER] == "201;"
    assert rows(log, row.request_id) == [("granted", 201, "/v1/cases")]


async def test_a_plain_table_change_commits_its_row_in_its_own_transaction(
    client: httpx.AsyncClient,
    store_settings: ServiceSettings,
    log: sa.Engine,
) -> None:
    postgres_only(store_settings)
    row = row_for(store_settings, "/v1/hooks")
    answer = await client.post("/v1/hooks", auth=Audited(row))
    assert answer.status_code == 201, answer.text
    assert answer.headers[AUDITED_HEADER] == "201;"
    assert rows(log, row.request_id) == [("granted", 201, "/v1/hooks")]


async def test_a_read_commits_no_row(
    client: httpx.AsyncClient, store_settings: ServiceSettings, log: sa.Engine
) -> None:
    """A request that commits nothing leaves the row to the gateway (no header)."""
    row = row_for(store_settings, "/healthz")
    answer = await client.get("/v1/no-such-route", auth=Audited(row))
    assert answer.status_code == 404
    assert AUDITED_HEADER not in answer.headers
    assert rows(log, row.request_id) == []


async def test_a_row_the_gateway_did_not_sign_is_refused(
    client: httpx.AsyncClient, store_settings: ServiceSettings
) -> None:
    signed = sign_principal(PRINCIPAL, TEST_SECRET.encode(), int(time.time()))
    forged = row_for(store_settings, "/v1/cases").encode()
    answer = await client.post(
        "/v1/cases", json={"learner_id": "x"}, headers={**signed, AUDIT_HEADER: forged}
    )
    assert answer.status_code == 401
    assert "does not match" in answer.json()["detail"]


def test_events_that_fail_to_commit_leave_no_row(
    service: ExampleService, store_settings: ServiceSettings, log: sa.Engine
) -> None:
    """The row is inserted in the events' transaction: a save refused by the database (a
    concurrent writer took the version) rolls it back with the events."""
    postgres_only(store_settings)
    case_id = service.open_case("l-2")
    first = service.load(case_id, ExampleCase)
    second = service.load(case_id, ExampleCase)
    first.note("first")
    service.save(first)
    second.note("second: the same version")
    row = row_for(store_settings, f"/v1/cases/{case_id}/notes")
    scope: dict[str, Any] = {}
    with access_record.recording(row, scope) as pending:
        with pytest.raises(IntegrityError):
            service.save(second)
        assert pending is not None
        assert pending.written is None
    assert rows(log, row.request_id) == []


def test_a_change_whose_row_cannot_be_written_is_not_committed(
    service: ExampleService, store_settings: ServiceSettings
) -> None:
    """No table to hold the row (the gateway's log is away): the events are not committed."""
    postgres_only(store_settings)
    row = row_for(store_settings, "/v1/cases")
    missing = AccessRow(**{**vars(row), "schema": "no_such_log"})
    before = len(service.select_notifications(0, 100))
    with access_record.recording(missing, {}), pytest.raises(Exception, match="no_such_log"):
        service.open_case("l-3")
    assert len(service.select_notifications(0, 100)) == before


def test_a_row_is_written_once_however_many_saves_a_command_makes(
    service: ExampleService, store_settings: ServiceSettings, log: sa.Engine
) -> None:
    postgres_only(store_settings)
    row = row_for(store_settings, "/v1/cases")
    with access_record.recording(row, {}) as pending:
        case_id = service.open_case("l-4")
        service.note(case_id, "a second save in the same request")
    assert pending is not None
    assert pending.written == "200;"
    assert rows(log, row.request_id) == [("granted", 200, "/v1/cases")]


def test_a_row_with_a_schema_that_is_not_a_plain_name_is_refused() -> None:
    row = AccessRow("r", "c", "la:665", "POST", "/v1/x", None, 'gateway"; DROP TABLE x; --')
    with pytest.raises(ValueError, match="malformed"):
        AccessRow.decode(row.encode())
