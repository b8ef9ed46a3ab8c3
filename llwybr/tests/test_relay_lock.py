"""The relay's advisory lock on PostgreSQL: a held lock is checked at most every
``recheck_seconds``, and a lock whose connection died is found lost at the next check."""

import time

import pytest
import sqlalchemy as sa

from llwybr.db import create_engine
from llwybr.outbox import AdvisoryLock
from llwybr.settings import ServiceSettings

pytestmark = pytest.mark.integration


def test_a_lost_lock_is_found_at_the_next_check_and_another_relay_holds_it(
    postgres_settings: ServiceSettings,
) -> None:
    engine = create_engine(postgres_settings)
    first = AdvisoryLock(engine, "example.outbox", recheck_seconds=0.3)
    other = AdvisoryLock(engine, "example.outbox", recheck_seconds=0.3)
    try:
        assert first.try_acquire()
        assert not other.try_acquire()
        with engine.connect() as conn:  # the first relay's session dies (a failover)
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND granted AND objid = (:k & 4294967295)"
                ),
                {"k": first.key},
            )
            conn.commit()
        deadline = time.monotonic() + 10
        while not other.try_acquire():  # the dead session's lock is freed
            assert time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.35)  # past the recheck: the first relay checks its connection
        assert not first.try_acquire()
    finally:
        first.release()
        other.release()
        engine.dispose()
