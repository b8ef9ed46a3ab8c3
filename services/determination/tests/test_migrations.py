"""The read model's tables come from Alembic revisions that match the declared models (ADR
0009), on SQLite and on PostgreSQL, whether the tables were made before the revisions or not."""

from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from determination.main import SPEC
from determination.projections import cases, metadata
from llwybr import db, migrations
from llwybr.settings import ServiceSettings

assert SPEC.migrations is not None
SCRIPTS: Path = SPEC.migrations
ADDED = ("decision_given_on", "decision_cancelled_on")


def test_the_migrations_create_exactly_the_declared_tables(
    store_settings: ServiceSettings,
) -> None:
    engine = db.create_engine(store_settings)
    try:
        migrations.upgrade(engine, SCRIPTS)
        assert migrations.pending_differences(engine, metadata) == []
    finally:
        engine.dispose()


def test_tables_made_before_the_revisions_gain_the_decision_given_day(
    store_settings: ServiceSettings,
) -> None:
    """A deployed read model (made by ``create(checkfirst=True)``, with rows) is moved forward
    in place: its rows are kept, the new columns empty until the read model is rebuilt."""
    engine = db.create_engine(store_settings)
    try:
        metadata.create_all(engine)
        with engine.begin() as conn:  # the shape before this revision
            for name in ADDED:
                conn.execute(sa.text(f"ALTER TABLE {cases.name} DROP COLUMN {name}"))
        old_cases = sa.Table(cases.name, sa.MetaData(), autoload_with=engine)
        row = {
            "determination_id": "d-1", "learner_id": "l-1", "local_authority": "665",
            "organisation": "school:6652001", "body_kind": "school", "status": "decided_aln",
            "came_to_attention_on": sa.func.current_date(), "provisional": False, "version": 3,
            "changed_at_position": 3,
        }  # fmt: skip
        with engine.begin() as conn:
            conn.execute(old_cases.insert().values(**row))
        migrations.upgrade(engine, SCRIPTS)
        assert migrations.pending_differences(engine, metadata) == []
        with engine.connect() as conn:
            kept = conn.execute(sa.select(cases)).mappings().one()
        assert kept["determination_id"] == "d-1"
        assert [kept[name] for name in ADDED] == [None, None]
    finally:
        engine.dispose()


def test_the_revisions_have_one_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    assert ScriptDirectory.from_config(config).get_heads() == ["0002_decision_given_on"]
