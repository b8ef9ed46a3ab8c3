"""The example service's stored rows, read and changed behind its back with SQL (the
integrity tests)."""

import json
import sqlite3
import uuid
from typing import Any

import psycopg

from llwybr.settings import ServiceSettings
from llwybr_testkit import postgres_conninfo


class StoredRows:
    """The example service's stored events, changed behind the application's back with SQL."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.postgres = settings.runtime.mode == "stack"

    def _run(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if self.postgres:
            table = f'"{self.settings.schema_name}".example_events'
            statement = sql.format(table=table).replace("?", "%s")
            conninfo = postgres_conninfo(self.settings.runtime)
            with psycopg.connect(conninfo, autocommit=True) as conn:
                cursor = conn.execute(statement, params)
                return cursor.fetchall() if cursor.description else []
        path = self.settings.data_dir / "events.sqlite"
        converted = tuple(p.hex if isinstance(p, uuid.UUID) else p for p in params)
        with sqlite3.connect(path) as conn:
            return conn.execute(sql.format(table="stored_events"), converted).fetchall()

    def state(self, case_id: uuid.UUID, version: int) -> dict[str, Any]:
        where = "WHERE originator_id = ? AND originator_version = ?"
        [(raw,)] = self._run(f"SELECT state FROM {{table}} {where}", case_id, version)
        state: dict[str, Any] = json.loads(bytes(raw))
        return state

    def rewrite(self, case_id: uuid.UUID, version: int, state: dict[str, Any]) -> None:
        raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()
        where = "WHERE originator_id = ? AND originator_version = ?"
        self._run(f"UPDATE {{table}} SET state = ? {where}", raw, case_id, version)

    def delete(self, case_id: uuid.UUID, version: int) -> None:
        where = "WHERE originator_id = ? AND originator_version = ?"
        self._run(f"DELETE FROM {{table}} {where}", case_id, version)

    def swap(self, case_id: uuid.UUID, first: int, second: int) -> None:
        """Exchange two events' places in the aggregate's order."""
        where = "WHERE originator_id = ? AND originator_version = ?"
        sql = f"UPDATE {{table}} SET originator_version = ? {where}"
        for old, new in ((first, 0), (second, first), (0, second)):
            self._run(sql, new, case_id, old)

    def raw(self, case_id: uuid.UUID, version: int) -> bytes:
        """A row's stored bytes, as they are."""
        where = "WHERE originator_id = ? AND originator_version = ?"
        [(raw,)] = self._run(f"SELECT state FROM {{table}} {where}", case_id, version)
        return bytes(raw)

    def rewrite_raw(self, case_id: uuid.UUID, version: int, raw: bytes) -> None:
        """Replace a row's stored bytes, byte for byte."""
        where = "WHERE originator_id = ? AND originator_version = ?"
        self._run(f"UPDATE {{table}} SET state = ? {where}", raw, case_id, version)
