"""A message delivered again is set aside once (issue #21): one dead letter per (consumer,
topic, partition, offset), on SQLite and PostgreSQL, and an older table's repeats are removed
when the unique index is added."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from llwybr import dead_letters
from llwybr.db import create_engine, create_tables
from llwybr.settings import ServiceSettings

from .test_dead_letters import CONSUMER, noted


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(store_settings)
    yield engine
    engine.dispose()


def letter(offset: int, text: str = "a note") -> dead_letters.Letter:
    return dead_letters.Letter(
        CONSUMER, "example.v1", 0, offset, "KeyError: x", envelope=noted(text), attempts=8
    )


def test_a_message_delivered_again_is_one_dead_letter(engine: sa.Engine) -> None:
    create_tables(engine)
    first = dead_letters.set_aside(engine, letter(7))
    again = dead_letters.set_aside(engine, letter(7, "delivered again"))
    other = dead_letters.set_aside(engine, letter(8))

    assert (first[1], again[1], other[1]) == (True, False, True)
    assert again[0] == first[0] != other[0]
    assert dead_letters.store(engine, letter(7)) == first[0]
    assert sorted(row["offset"] for row in dead_letters.page(engine)) == [7, 8]
    assert dead_letters.waiting(engine, CONSUMER) == 2


def test_an_older_tables_repeats_are_removed_keeping_the_replayed_one(engine: sa.Engine) -> None:
    old = sa.MetaData()
    table = sa.Table(
        dead_letters.dead_letters.name, old, *(c._copy() for c in dead_letters.dead_letters.c)
    )  # the columns without the unique index
    old.create_all(engine)
    now = datetime.now(UTC)
    row = {"consumer": CONSUMER, "topic": "example.v1", "partition": 0, "error": "e"}
    row |= {"received_at": now, "replayed_at": None}  # every row names every column
    with engine.begin() as conn:
        conn.execute(
            table.insert(),
            [
                {**row, "offset": 7},
                {**row, "offset": 7, "replayed_at": now},
                {**row, "offset": 7},
                {**row, "offset": 9},
                {**row, "offset": 9},
            ],
        )

    dead_letters.add_missing_columns(engine)
    dead_letters.add_missing_columns(engine)  # twice: nothing left to do

    kept = {(r["offset"], r["id"], r["replayed_at"] is not None) for r in dead_letters.page(engine)}
    assert kept == {(7, 2, True), (9, 4, False)}
    assert dead_letters.set_aside(engine, letter(9)) == (4, False)
