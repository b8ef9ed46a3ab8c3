"""Fixtures shared by every test suite: the real PostgreSQL and Kafka that ``make test`` starts.

Integration tests never fall back to fakes: if a server is missing they fail with a message
saying how to start it.
"""

import asyncio
import importlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from llwybr.kafka import ensure_topics
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import (
    EXAMPLE_TOPIC,
    TEST_SECRET,
    InfrastructureMissingError,
    base_runtime,
    create_database,
    drop_database,
    skip_history,
)

REPO = Path(__file__).resolve().parent

# Speed is measured by bench/, never asserted: hypothesis's per-example deadline failed a
# property on a loaded machine (a first call that paid for an import).
settings.register_profile("llwybr", deadline=None)
settings.load_profile("llwybr")

# pytest's importlib mode names a test module after its path (gateway/tests/test_api.py is
# "gateway.tests.test_api"); importing the real packages first keeps them from being shadowed.
for package in ("contracts", "llwybr", "gateway"):
    importlib.import_module(package)
for package in importlib.import_module("gateway.registry").NAMES:  # every service's package
    importlib.import_module(package)


@pytest.fixture(scope="session")
def postgres_runtime() -> Iterator[RuntimeSettings]:
    """Stack-mode runtime settings on a database made for this test session."""
    runtime = base_runtime()
    try:
        name = create_database(runtime)
    except InfrastructureMissingError as error:
        pytest.fail(str(error), pytrace=False)
    yield runtime.model_copy(update={"postgres_dbname": name})
    drop_database(runtime, name)


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    """The broker's address, with the example topic created, and the services' consumer groups
    of this session starting at the topics' end (not replaying every earlier run's events)."""
    runtime = base_runtime()
    try:
        asyncio.run(
            ensure_topics(
                runtime.kafka_bootstrap_servers,
                [EXAMPLE_TOPIC.name],
                partitions=EXAMPLE_TOPIC.partitions,
                timeout=20,
            )
        )
        from gateway.stack import consumer_groups  # the services' consumers, from their specs

        groups = consumer_groups(runtime.consumer_group_prefix)
        asyncio.run(skip_history(runtime.kafka_bootstrap_servers, groups))
    except Exception as error:
        pytest.fail(
            f"Kafka is not answering on {runtime.kafka_bootstrap_servers} ({error!r}). "
            "`make test` starts it (scripts/kafka.sh start).",
            pytrace=False,
        )
    return runtime.kafka_bootstrap_servers


def _fresh_schema() -> str:
    return f"t_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def postgres_settings(postgres_runtime: RuntimeSettings) -> ServiceSettings:
    """An example service on PostgreSQL, in a schema of its own."""
    return ServiceSettings(
        service="example", runtime=postgres_runtime, postgres_schema=_fresh_schema()
    )


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> ServiceSettings:
    """An example service on SQLite under a temporary var/."""
    runtime = RuntimeSettings(
        mode="embedded", var_dir=tmp_path / "var", internal_secret=TEST_SECRET
    )
    return ServiceSettings(service="example", runtime=runtime)


@pytest.fixture(params=["sqlite", "postgres"])
def store_settings(request: pytest.FixtureRequest) -> ServiceSettings:
    """The same test on SQLite and on PostgreSQL."""
    settings: ServiceSettings = request.getfixturevalue(f"{request.param}_settings")
    return settings
