"""Webhook throughput on PostgreSQL (``make test``'s server) to a receiver on loopback (its own
process): events fanned out to deliveries per second (the consumer's effect, one transaction per
event), and deliveries sent per second by one dispatcher claiming 20 (the default) or 100 at a
time.

Prints a table and writes ``bench/results/webhooks.json``. Run: ``make bench``.
"""

import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from contracts import determination
from contracts.envelope import Envelope
from llwybr import db, migrations
from llwybr_testkit import base_runtime, create_database, drop_database
from notifications.main import SPEC
from notifications.settings import Settings
from notifications.webhooks import store
from notifications.webhooks.consumer import fan_out
from notifications.webhooks.dispatcher import Dispatcher
from notifications.webhooks.sealing import Sealer
from notifications.webhooks.settings import WebhookSettings
from notifications.webhooks.tables import webhook_deliveries

EVENTS = int(os.environ.get("BENCH_WEBHOOK_EVENTS", "2000"))
SUBSCRIBERS = 3  # the school, its LA and a health board, each with a subscription
SCHOOL, LA, BOARD = "school:6652001", "la:665", "lhb:7A1"
TYPE = "wales.aln.determination.concern-raised.v1"


RECEIVER = """
import sys, uvicorn

async def app(scope, receive, send):
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), lifespan="off", ws="none",
            log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_listening(port: int) -> None:
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the receiver did not start")


def concern(n: int) -> Envelope:
    case_id = uuid.uuid4()
    event = determination.ConcernRaised(
        determination_id=case_id, learner_id=f"learner-{n}", deciding_body="school",
        deciding_organisation=SCHOOL, local_authority="665", status="gathering_information",
        no_decision_reason=None, came_to_attention_on=date(2026, 3, 2), decision_deadline=None,
    )  # fmt: skip
    return Envelope.wrap(
        event, learner_id=f"learner-{n}", aggregate_id=case_id, aggregate_version=1,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def subscribe(engine: sa.Engine, url: str) -> None:
    sealer = Sealer(None)
    with engine.begin() as conn:
        for organisation in (SCHOOL, LA, BOARD):
            store.create_subscription(
                conn, organisation=organisation, url=url, event_types=[TYPE], description=None,
                sealed_secret=sealer.seal("bench-secret"), actor="bench", now=datetime.now(UTC),
            )  # fmt: skip


def fan_out_all(engine: sa.Engine) -> float:
    """Seconds to turn EVENTS events into deliveries, one transaction per event."""
    envelopes = [concern(n) for n in range(EVENTS)]
    started = time.perf_counter()
    for envelope in envelopes:
        with engine.begin() as conn:
            fan_out(conn, envelope)
    return time.perf_counter() - started


def delivered(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        count = sa.select(sa.func.count()).where(webhook_deliveries.c.status == "delivered")
        return conn.execute(count).scalar() or 0


async def dispatch_all(engine: sa.Engine, batch_size: int) -> float:
    """Seconds for one dispatcher to send every delivery (all made pending again)."""
    with engine.begin() as conn:
        conn.execute(
            webhook_deliveries.update().values(status="pending", attempts=0, claim_token=None,
                                               next_attempt_at=datetime.now(UTC))
        )  # fmt: skip
        total = conn.execute(sa.select(sa.func.count()).select_from(webhook_deliveries)).scalar()
    settings = WebhookSettings(
        poll_seconds=0.01, batch_size=batch_size, allowed_networks=["127.0.0.0/8"]
    )
    limits = httpx.Limits(max_connections=batch_size)
    async with httpx.AsyncClient(timeout=10, limits=limits) as client:
        started = time.perf_counter()
        task = asyncio.create_task(Dispatcher(engine, settings, client).run())
        while True:  # until every attempt is recorded, not only received
            if await asyncio.to_thread(delivered, engine) >= (total or 0):
                break
            await asyncio.sleep(0.02)
        elapsed = time.perf_counter() - started
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return elapsed


async def measure(engine: sa.Engine, url: str) -> dict[str, Any]:
    subscribe(engine, url)
    fan_out_s = await asyncio.to_thread(fan_out_all, engine)
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "events": EVENTS,
        "deliveries": EVENTS * SUBSCRIBERS,
        "fan_out_events_per_s": round(EVENTS / fan_out_s),
    }
    for batch_size in (20, 100):
        seconds = await dispatch_all(engine, batch_size)
        results[f"sent_per_s_batch_{batch_size}"] = round(EVENTS * SUBSCRIBERS / seconds)
    return results


def main() -> None:
    runtime = base_runtime()
    name = create_database(runtime, "llwybr_bench")
    port = free_port()
    # The receiver runs in its own process, so it does not share the dispatcher's event loop.
    receiver = subprocess.Popen([sys.executable, "-c", RECEIVER, str(port)])  # noqa: S603
    try:
        wait_listening(port)
        settings = Settings(runtime=runtime.model_copy(update={"postgres_dbname": name}))
        engine = db.create_engine(settings)
        db.create_tables(engine)
        assert SPEC.migrations is not None
        migrations.upgrade(engine, SPEC.migrations)
        results = asyncio.run(measure(engine, f"http://127.0.0.1:{port}/hooks"))
        engine.dispose()
    finally:
        receiver.terminate()
        receiver.wait()
        drop_database(runtime, name)
    r = results
    print(f"{'events':>7} {'deliveries':>10} {'fan-out events/s':>17} "
          f"{'sent/s (batch 20)':>18} {'sent/s (batch 100)':>19}")  # fmt: skip
    print(f"{r['events']:>7} {r['deliveries']:>10} {r['fan_out_events_per_s']:>17} "
          f"{r['sent_per_s_batch_20']:>18} {r['sent_per_s_batch_100']:>19}")  # fmt: skip
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "webhooks.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
