"""The notifications tables come from Alembic revisions that match the declared models."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from llwybr import db, migrations
from llwybr.settings import ServiceSettings
from notifications.main import SPEC
from notifications.tables import metadata
from notifications.webhooks import tables as _webhook_tables  # noqa: F401 (declares its tables)

assert SPEC.migrations is not None
SCRIPTS: Path = SPEC.migrations


def test_the_migrations_create_exactly_the_declared_tables(
    store_settings: ServiceSettings,
) -> None:
    engine = db.create_engine(store_settings)
    try:
        migrations.upgrade(engine, SCRIPTS)
        assert migrations.pending_differences(engine, metadata) == []
        with engine.connect() as connection:
            version = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
            assert version.scalars().all()  # a head is recorded
    finally:
        engine.dispose()


def test_replicas_starting_together_migrate_once(store_settings: ServiceSettings) -> None:
    engine = db.create_engine(store_settings)
    try:
        with ThreadPoolExecutor(3) as pool:
            list(pool.map(lambda _: migrations.upgrade(engine, SCRIPTS), range(3)))
        migrations.upgrade(engine, SCRIPTS)  # and again later: nothing to do
        assert migrations.pending_differences(engine, metadata) == []
    finally:
        engine.dispose()


def test_a_missing_table_is_reported_as_a_difference(store_settings: ServiceSettings) -> None:
    engine = db.create_engine(store_settings)
    extra = sa.MetaData()
    for table in metadata.tables.values():
        table.to_metadata(extra)
    sa.Table("not_migrated", extra, sa.Column("id", sa.Integer, primary_key=True))
    try:
        migrations.upgrade(engine, SCRIPTS)
        differences = migrations.pending_differences(engine, extra)
        added = [d[1].name for d in differences if d[0] == "add_table"]  # type: ignore[index]
        assert added == ["not_migrated"]
    finally:
        engine.dispose()


def test_the_revisions_have_one_head() -> None:
    """Branches started in parallel are joined, so a deployment never has two heads."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    assert ScriptDirectory.from_config(config).get_heads() == ["0010_erased_notices"]
