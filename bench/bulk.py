"""Bulk MIS sync through the gateway: a school's nightly 1,000 learners, an LA's 30,000.

The whole system runs as real processes (``tests/stack.py``), on a Kafka broker of its own.
A school's MIS sends its 1,000 learners of concern in one ``POST /v1/determinations/bulk``
(the endpoint takes up to 1,000 items); an LA's sends 30,000 as 30 such requests, one after
another. Reported: the time of each request and in all, learners per second, the per-item
outcomes, and how long until the learners' "concern raised" events were on Kafka (a consumer
in its own process; lag = receipt time - the event's recorded time).

Run: ``make bench`` or ``python -m bench.bulk [--school 1000] [--la 30000]`` (also
``BENCH_BULK_SCHOOL``, ``BENCH_BULK_LA``). Writes ``bench/results/bulk.json``.
"""

import argparse
import os
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.commands import LIMITS, LagMeter, own_broker
from bench.report import ms, percentile, table, write
from llwybr_testkit import base_runtime, create_database, drop_database
from tests.stack import Stack, running_stack
from tests.workload import SCHOOL, concern

LA = "la:665"
BATCH = 1000  # the bulk endpoint's maximum


def sync(stack: Stack, organisation: str, learners: int, bootstrap: str) -> dict[str, Any]:
    """One MIS's sync: ``learners`` concerns in batches; timings, outcomes, publication."""
    prefix = f"bulk-{organisation.split(':')[0]}-{uuid.uuid4().hex[:6]}"
    meter = LagMeter(bootstrap)
    headers = {"Authorization": f"Bearer {stack.token(organisation)}"}
    requests: list[float] = []
    statuses: Counter[str] = Counter()
    started = time.monotonic()
    with httpx.Client(base_url=stack.gateway_url, headers=headers, timeout=300) as client:
        for first in range(0, learners, BATCH):
            items = []
            for n in range(first, min(first + BATCH, learners)):
                body = concern(f"{prefix}-{n}")
                body.update(raised_by=organisation, raised_with=organisation)
                items.append(body)
            sent = time.monotonic()
            response = client.post("/v1/determinations/bulk", json={"items": items})
            requests.append(time.monotonic() - sent)
            if response.status_code != 200:
                statuses[f"request {response.status_code}"] += len(items)
                continue
            statuses.update(str(r["status"]) for r in response.json()["results"])
    elapsed = time.monotonic() - started
    created = statuses["201"]
    lags = meter.stop(expected=created, wait=120.0)
    return {
        "learners": learners,
        "requests": len(requests),
        "seconds": round(elapsed, 2),
        "learners_per_s": round(created / elapsed, 1) if elapsed else None,
        "request_p50_s": round(percentile(requests, 50), 2),
        "request_max_s": round(max(requests, default=0.0), 2),
        "outcomes": dict(statuses),
        "published": len(lags),
        "publish_lag_p50_ms": ms(percentile(lags, 50)),
        "publish_lag_max_ms": ms(max(lags, default=0.0)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--school", type=int, default=int(os.environ.get("BENCH_BULK_SCHOOL", 1000))
    )
    parser.add_argument("--la", type=int, default=int(os.environ.get("BENCH_BULK_LA", 30000)))
    args = parser.parse_args()
    base = base_runtime()
    database = create_database(base, "llwybr_bench")
    runtime = base.model_copy(update={"postgres_dbname": database})
    results: dict[str, Any] = {}
    try:
        with (
            tempfile.TemporaryDirectory() as directory,
            own_broker(Path(directory) / "kafka") as bootstrap,
            running_stack(
                runtime.model_copy(update={"kafka_bootstrap_servers": bootstrap}),
                Path(directory) / "stack",
                LIMITS,
            ) as stack,
        ):
            print(f"a school's nightly sync: {args.school} learners", flush=True)
            results["school"] = sync(stack, SCHOOL, args.school, bootstrap)
            print(f"  {results['school']}", flush=True)  # kept if the next sync fails
            print(f"an LA's sync: {args.la} learners", flush=True)
            results["la"] = sync(stack, LA, args.la, bootstrap)
    finally:
        drop_database(base, database)
    columns = ["sync", "learners", "requests", "s", "learners/s", "request p50 s",
               "request max s", "created", "published", "lag max ms"]  # fmt: skip
    rows = [[name, r["learners"], r["requests"], r["seconds"], r["learners_per_s"],
             r["request_p50_s"], r["request_max_s"], r["outcomes"].get("201", 0), r["published"],
             r["publish_lag_max_ms"]] for name, r in results.items()]  # fmt: skip
    print(table(columns, rows))
    write("bulk", results)


if __name__ == "__main__":
    main()
