"""The relay woken by a commit in another process: PostgreSQL ``LISTEN``/``NOTIFY``.

A save wakes the relay of its own process at once (``ChainedApplication.add_listener``). A
relay in another process (a replica holding the relay's lock while another replica takes
the commands) would wait for its poll; so the PostgreSQL recorder sends ``pg_notify`` on
its channel in each transaction of events (delivered only if that transaction commits),
and ``listen`` wakes the relay on each. Polling stays: a notification is lost while the
listening connection is down (PostgreSQL restarted, network), and the relay still finds
the events at its next poll.
"""

import asyncio
import hashlib
import logging
from collections.abc import Callable

import psycopg
import sqlalchemy as sa

log = logging.getLogger(__name__)

#: How long a listener whose connection failed waits before connecting again.
RECONNECT_SECONDS = 1.0


def commit_channel(schema: str | None, table: str) -> str:
    """The channel a store's commits are told on: short and plain whatever the names."""
    digest = hashlib.sha256(f"{schema or ''}.{table}".encode()).hexdigest()[:24]
    return f"llwybr_events_{digest}"


def conninfo(engine: sa.Engine) -> str:
    """The libpq connection string of ``engine``'s database (SQLAlchemy's URL, less the
    driver's name)."""
    url = engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def listen(engine: sa.Engine, channel: str, wake: Callable[[], None]) -> None:
    """Call ``wake()`` on each notification on ``channel`` until cancelled; reconnect after a
    failure (the relay polls meanwhile)."""
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                conninfo(engine), autocommit=True, connect_timeout=5
            ) as conn:
                await conn.execute(f'LISTEN "{channel}"')
                wake()  # what was committed while not listening
                async for _ in conn.notifies():
                    wake()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # any failure: poll, and listen again later
            log.info("commit listener on %s away (%r); the relay polls meanwhile", channel, error)
        await asyncio.sleep(RECONNECT_SECONDS)
