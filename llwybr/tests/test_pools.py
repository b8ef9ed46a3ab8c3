"""The PostgreSQL pools' bounds: one owner (``RuntimeSettings``), read by both pools (#21)."""

import pytest
import sqlalchemy as sa

from llwybr.db import create_engine
from llwybr.settings import RuntimeSettings, ServiceSettings

BOUNDS = {
    "postgres_pool_size": 2,
    "postgres_max_overflow": 3,
    "postgres_pool_timeout_seconds": 1.5,
}


def test_the_bounds_reach_a_started_process_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stack passes ``pool_env()`` to each deployable, which reads it back as settings."""
    given = RuntimeSettings(mode="stack", **BOUNDS)  # type: ignore[arg-type]
    for name, value in given.pool_env().items():
        monkeypatch.setenv(name, value)
    read = RuntimeSettings()
    assert {k: getattr(read, k) for k in BOUNDS} == BOUNDS


def test_the_default_is_bounded() -> None:
    """2 x (5 + 10) per process, well under PostgreSQL's max_connections for five."""
    runtime = RuntimeSettings()
    per_pool = runtime.postgres_pool_size + runtime.postgres_max_overflow
    assert 2 * per_pool * 5 < 200


def test_both_pools_take_the_bounds(postgres_settings: ServiceSettings) -> None:
    runtime = postgres_settings.runtime.model_copy(update=BOUNDS)
    settings = postgres_settings.model_copy(update={"runtime": runtime})
    env = settings.eventsourcing_env()
    assert (env["POSTGRES_POOL_SIZE"], env["POSTGRES_MAX_OVERFLOW"]) == ("2", "3")
    engine = create_engine(settings)
    try:
        assert isinstance(engine.pool, sa.QueuePool)
        assert engine.pool.size() == 2
        assert engine.pool._max_overflow == 3  # no public reader
        assert engine.pool.timeout() == 1.5
    finally:
        engine.dispose()
