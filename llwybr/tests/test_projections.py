"""The projection runner: exactly once per event, across replicas, and a catch-up with nothing
new writes nothing (it takes no position row FOR UPDATE, so no commit waits for a WAL flush)."""

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from llwybr.db import create_engine, create_tables
from llwybr.eventstore import RecordedEvent
from llwybr.projections import Projection, ProjectionRunner
from llwybr.settings import ServiceSettings
from llwybr_testkit import ExampleService

cases_seen = sa.Table(
    "test_cases_seen",
    sa.MetaData(),
    sa.Column("originator_id", sa.String(36), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
)


def record(conn: sa.Connection, recorded: RecordedEvent) -> None:
    conn.execute(
        cases_seen.insert().values(
            originator_id=str(recorded.originator_id), version=recorded.originator_version
        )
    )


PROJECTION = Projection("example.cases", [cases_seen], record)


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(store_settings)
    create_tables(engine)
    cases_seen.create(engine, checkfirst=True)
    yield engine
    engine.dispose()


@pytest.fixture
def service(store_settings: ServiceSettings, engine: sa.Engine) -> Iterator[ExampleService]:
    app = ExampleService(store_settings.eventsourcing_env())
    yield app
    app.close()


def rows(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(cases_seen)).scalar_one())


def test_a_catch_up_with_nothing_new_writes_nothing(
    service: ExampleService, engine: sa.Engine
) -> None:
    runner = ProjectionRunner(PROJECTION, service, engine)
    service.open_case("learner-1")
    assert runner.catch_up() == 1
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        assert runner.catch_up() == 0
        assert all(s.lstrip().upper().startswith("SELECT") for s in statements)
        assert not any("FOR UPDATE" in s.upper() for s in statements)
        service.open_case("learner-2")
        assert runner.catch_up() == 1
        assert any("FOR UPDATE" in s.upper() for s in statements) or (
            engine.dialect.name == "sqlite"  # SQLite has no FOR UPDATE: one writer at a time
        )
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)
    assert rows(engine) == 2


def test_replicas_apply_each_event_once_when_one_moved_the_position_under_the_other(
    service: ExampleService, engine: sa.Engine
) -> None:
    first = ProjectionRunner(PROJECTION, service, engine)
    other = ProjectionRunner(PROJECTION, service, engine)
    service.open_case("learner-1")
    assert first.catch_up() == 1
    service.open_case("learner-2")
    assert other.catch_up() == 1  # the stored position moved under ``first``
    service.open_case("learner-3")
    assert first.catch_up() == 1  # learner-3 only: learner-2 would break the primary key
    assert other.catch_up() == 0
    assert rows(engine) == 3


def test_a_runner_told_there_is_something_new_goes_straight_to_the_lock(
    service: ExampleService, engine: sa.Engine
) -> None:
    runner = ProjectionRunner(PROJECTION, service, engine)
    service.open_case("learner-1")
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        assert runner.catch_up(look_first=False) == 1
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)
    positions = [
        s for s in statements if "projection_positions" in s and s.lstrip().startswith("SELECT")
    ]
    assert len(positions) == 1  # the locked read only
    assert runner.catch_up(look_first=False) == 0  # nothing new: an empty transaction
    assert rows(engine) == 1
