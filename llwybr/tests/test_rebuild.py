"""A rebuild (the handlers run on in-memory rows, written back in one transaction) gives the
read model kept live, for varied histories, on SQLite and PostgreSQL; one that fails before
its commit leaves the read model and its position as they were."""

import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from llwybr import rebuild
from llwybr.db import create_engine, create_tables
from llwybr.eventstore import RecordedEvent
from llwybr.projections import Projection, ProjectionRunner, projection_positions
from llwybr.settings import ServiceSettings
from llwybr_testkit import ExampleService

metadata = sa.MetaData()

#: Every column type the services' read models use, so that their round trip is checked.
cases = sa.Table(
    "test_rebuild_cases",
    metadata,
    sa.Column("case_id", sa.String(36), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("notes", sa.Integer, nullable=False),
    sa.Column("last_note", sa.String(64), nullable=True),
    sa.Column("noted_on", sa.Date, nullable=True),
    sa.Column("cleared", sa.Boolean, nullable=False),
    sa.Column("share", sa.Float, nullable=True),
    sa.Column("position", sa.BigInteger, nullable=False),
)

notes = sa.Table(
    "test_rebuild_notes",
    metadata,
    sa.Column("case_id", sa.String(36), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("text", sa.String(64), nullable=False),
)

START = date(2026, 9, 1)


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    """Inserts, a read before each update (as the IDP's handler reads its ALP), deletes."""
    key, position = str(recorded.originator_id), recorded.notification_id or 0
    event: Any = recorded.event
    if recorded.originator_version == 1:
        row = {"learner_id": event.learner_id, "notes": 0, "cleared": False}
        conn.execute(cases.insert().values(case_id=key, position=position, **row))
        return
    text = event.text
    if text == "clear":
        conn.execute(notes.delete().where(notes.c.case_id == key))
        conn.execute(cases.update().where(cases.c.case_id == key).values(
            notes=0, cleared=True, position=position))  # fmt: skip
        return
    count = conn.execute(sa.select(cases.c.notes).where(cases.c.case_id == key)).scalar_one()
    conn.execute(notes.insert().values(case_id=key, version=recorded.originator_version, text=text))
    conn.execute(cases.update().where(cases.c.case_id == key).values(
        notes=count + 1, last_note=text, noted_on=START + timedelta(days=count),
        share=(count + 1) / 3, position=position))  # fmt: skip


PROJECTION = Projection("test.rebuild", [cases, notes], handle)


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(store_settings)
    create_tables(engine)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def snapshot(engine: sa.Engine) -> list[list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        tables = [sorted(tuple(r) for r in conn.execute(sa.select(t))) for t in (cases, notes)]
        position = conn.execute(sa.select(projection_positions.c.position)).all()
    return [*tables, [tuple(p) for p in position]]


def live_history(service: ExampleService, runner: ProjectionRunner, seed: int) -> None:
    """Cases opened, noted and cleared in a random order, the live runner catching up at
    random moments (its batches end anywhere)."""
    chance = random.Random(seed)
    opened: list[uuid.UUID] = []
    for _ in range(chance.randint(5, 40)):
        if not opened or chance.random() < 0.25:
            opened.append(service.open_case(f"learner-{len(opened)}"))
        else:
            text = chance.choice(["clear", "met", "called", "emailed é ŵ"])
            service.note(chance.choice(opened), text)
        if chance.random() < 0.3:
            runner.catch_up()
    while runner.catch_up():
        pass


@pytest.mark.parametrize("seed", range(4))
def test_a_rebuild_equals_the_live_read_model(
    service: ExampleService, engine: sa.Engine, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    runner = ProjectionRunner(PROJECTION, service, engine, batch_size=7)
    live_history(service, runner, seed)
    live = snapshot(engine)
    monkeypatch.setattr(rebuild, "PAGE", 4)  # many pages, the last one short
    events = len(service.select_notifications(0, 1000))

    assert runner.rebuild() == events
    assert snapshot(engine) == live
    assert runner.rebuild() == events  # again, over the rows it wrote
    assert snapshot(engine) == live


def test_a_rebuild_over_an_empty_log_empties_the_read_model(
    service: ExampleService, engine: sa.Engine
) -> None:
    with engine.begin() as conn:
        conn.execute(cases.insert().values(
            case_id="stale", learner_id="l", notes=1, cleared=False, position=9))  # fmt: skip
    runner = ProjectionRunner(PROJECTION, service, engine)
    assert runner.rebuild() == 0
    assert snapshot(engine) == [[], [], [(0,)]]
    service.open_case("learner-1")
    assert runner.catch_up() == 1  # the live runner carries on from the rebuilt position


def test_a_rebuild_that_fails_before_its_commit_changes_nothing(
    service: ExampleService, engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = ProjectionRunner(PROJECTION, service, engine)
    live_history(service, runner, 7)
    live = snapshot(engine)

    def crash(*_args: Any) -> None:
        raise RuntimeError("the process died while writing the rows")

    # The tables were emptied and the position moved in the transaction by then.
    monkeypatch.setattr(rebuild, "copy_rows", crash)
    with pytest.raises(RuntimeError):
        runner.rebuild()
    assert snapshot(engine) == live
    monkeypatch.undo()
    assert runner.rebuild() > 0  # restarts cleanly
    assert snapshot(engine) == live
