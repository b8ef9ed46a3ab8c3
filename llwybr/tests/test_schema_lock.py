"""Replicas starting together on a fresh database make their schema and tables in turn."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from llwybr import db
from llwybr.service import ServiceSpec, prepare_storage
from llwybr.settings import ServiceSettings
from llwybr_testkit import ExampleService, translate_example

pytestmark = pytest.mark.integration

SPEC = ServiceSpec(
    name="example",
    title="Example",
    application=ExampleService,
    translator=lambda _app: translate_example,
)


def enters_while_held(held: ServiceSettings, other: ServiceSettings) -> bool:
    """Whether a replica configured as ``other`` gets the lock while ``held``'s is held (it
    always gets it once that is released)."""
    entered = threading.Event()

    def replica() -> None:
        with db.schema_lock(other):
            entered.set()

    with db.schema_lock(held):
        thread = threading.Thread(target=replica)
        thread.start()
        went_in = entered.wait(1.0)
    thread.join(timeout=10)
    assert entered.is_set()
    return went_in


def test_a_replica_waits_while_another_makes_the_schema(
    postgres_settings: ServiceSettings,
) -> None:
    assert not enters_while_held(postgres_settings, postgres_settings)


def test_another_service_is_not_held_up(postgres_settings: ServiceSettings) -> None:
    other = postgres_settings.model_copy(update={"postgres_schema": "another_service"})

    assert enters_while_held(postgres_settings, other)


def test_replicas_starting_together_on_a_fresh_schema_all_start(
    postgres_settings: ServiceSettings,
) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        prepared = list(pool.map(lambda _: prepare_storage(postgres_settings, SPEC), range(4)))

    for engine, application in prepared:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM relay_positions")).scalar() == 0
        application.close()
        engine.dispose()
