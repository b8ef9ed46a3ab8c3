"""End-to-end commands through the gateway, publish lag, and what each layer costs.

1. The whole system runs as real processes (``tests/stack.py``: gateway and four services,
   stack mode, on the PostgreSQL that ``make test`` uses, in a database of its own, and on a
   Kafka broker of its own). This process is the load
   generator: async httpx clients on loopback acting as a school's MIS (``tests/workload.py``:
   raise a concern, record the graduated response, decide, amend the IDP that an ALN decision
   opened), for a fixed time at several concurrency levels. Throughput, p50/p95/p99 latency
   and errors per level.
2. Publish lag, under that load: a Kafka consumer in a separate process receives the public
   events of this run's learners; lag = receipt time - the event's recorded time (taken when
   the command created it, just before its commit, so the figure slightly overstates).
3. The same commands without HTTP (``bench/layers.py``): the bare eventsourcing library, and
   our service layer in-process, on the same PostgreSQL; the ratios ours / bare.
4. Where the time goes: py-spy samples the gateway and the services under load (a separate
   run, since sampling costs CPU); the top frames go to ``bench/results/profile.json``.

Run: ``make bench`` or ``python -m bench.commands [--levels 1,4,16] [--duration 20]
[--no-profile]`` (also ``BENCH_LEVELS``, ``BENCH_DURATION``). Writes
``bench/results/commands.json``.
"""

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer

from bench.layers import BareCases, Timing, bare_step, run_threads, service_step
from bench.report import RESULTS, ms, percentile, table, write
from contracts import topics
from contracts.envelope import Envelope
from contracts.topics import DETERMINATION, IDP
from determination.application import DeterminationService
from gateway.registry import NAMES
from idp.application import IdpService
from llwybr.db import create_engine
from llwybr.kafka import ensure_topics
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import base_runtime, create_database, drop_database
from tests.servers import own_kafka
from tests.stack import Stack, running_stack
from tests.workload import COMMANDS, SCHOOL, CaseLoad, Outcome

LIMITS = {"GATEWAY_RATE_LIMIT_PER_MINUTE": "1000000", "GATEWAY_RATE_LIMIT_BURST": "100000"}


@contextlib.contextmanager
def own_broker(directory: Path) -> Iterator[str]:
    """A Kafka broker of the benchmark's own, with the public topics: tens of thousands of
    events must not land in the shared broker's topics, which every test's new consumer
    group reads from the start."""
    with own_kafka(directory) as (_, bootstrap):
        for topic in topics.ALL:
            asyncio.run(ensure_topics(bootstrap, [topic.name], partitions=topic.partitions))
        yield bootstrap


# -- publish lag (a process of its own) ------------------------------------------------------


def _receive(bootstrap: str, since: float, pipe: Connection) -> None:
    asyncio.run(_receive_async(bootstrap, since, pipe))


async def _receive_async(bootstrap: str, since: float, pipe: Connection) -> None:
    """Lags of the events recorded at or after ``since`` (a POSIX time): the broker is the
    benchmark's own, and a public event's subject is the registry's learner id, which the
    load learns only from its answers."""
    consumer = AIOKafkaConsumer(
        DETERMINATION.name, IDP.name, bootstrap_servers=bootstrap, enable_auto_commit=False
    )  # no group: every partition, from the end
    await consumer.start()
    await consumer.seek_to_end()
    for partition in consumer.assignment():
        await consumer.position(partition)  # resolve "the end" now, before the load starts
    pipe.send("ready")
    lags: list[float] = []
    expected, deadline = 0, float("inf")
    try:
        while time.monotonic() < deadline:
            if deadline == float("inf") and pipe.poll():
                expected, wait = pipe.recv()  # stop once this many arrived, or after wait
                deadline = time.monotonic() + wait
            for records in (await consumer.getmany(timeout_ms=200)).values():
                received = time.time()
                for r in records:
                    envelope = Envelope.from_kafka(r.topic, r.key, r.value or b"", list(r.headers))
                    if envelope.time.timestamp() >= since:
                        lags.append(received - envelope.time.timestamp())
            if expected and len(lags) >= expected:
                break
    finally:
        await consumer.stop()
    pipe.send(lags)


class LagMeter:
    """Starts the receiving process, ready before the load; ``stop`` returns the lags."""

    def __init__(self, bootstrap: str, since: float | None = None) -> None:
        since = time.time() if since is None else since
        self._pipe, child = mp.Pipe()
        self._process = mp.get_context("spawn").Process(
            target=_receive, args=(bootstrap, since, child), daemon=True
        )
        self._process.start()
        if not self._pipe.poll(60) or self._pipe.recv() != "ready":
            raise RuntimeError("the lag consumer did not start")

    def stop(self, expected: int = 0, wait: float = 3.0) -> list[float]:
        """The lags of what arrived: once ``expected`` events did, or after ``wait`` seconds."""
        self._pipe.send((expected, wait))
        lags: list[float] = self._pipe.recv() if self._pipe.poll(wait + 30) else []
        self._process.join(10)
        return lags


def lag_meter(bootstrap: str) -> LagMeter | None:
    """A lag meter, or None (and a note) when its consumer cannot start: on a loaded machine
    the broker is sometimes slow to answer a new client, and the commands' figures are still
    worth having."""
    try:
        return LagMeter(bootstrap)
    except RuntimeError as error:
        print(f"  publish lag not measured: {error}", flush=True)
        return None


# -- summaries ---------------------------------------------------------------------------------


def summary(seconds: Sequence[float], duration: float, errors: int) -> dict[str, Any]:
    return {
        "commands": len(seconds),
        "per_s": round(len(seconds) / duration, 1),
        "p50_ms": ms(percentile(seconds, 50)),
        "p95_ms": ms(percentile(seconds, 95)),
        "p99_ms": ms(percentile(seconds, 99)),
        "errors": errors,
    }


def http_summary(outcomes: list[Outcome], duration: float, lags: list[float]) -> dict[str, Any]:
    commands = [o for o in outcomes if o.kind in COMMANDS]
    done = [o.seconds for o in commands if o.acknowledged]
    result = summary(done, duration, len(commands) - len(done))
    result["errors_by_status"] = dict(
        Counter(str(o.status) for o in commands if not o.acknowledged)
    )
    reads = [o for o in outcomes if o.kind not in COMMANDS]
    result["reads_per_s"] = round(len(reads) / duration, 1)
    result["by_command_p50_ms"] = {
        k: ms(percentile([o.seconds for o in commands if o.kind == k and o.acknowledged], 50))
        for k in COMMANDS
    }
    result["publish_lag"] = {
        "events": len(lags),
        "p50_ms": ms(percentile(lags, 50)),
        "p99_ms": ms(percentile(lags, 99)),
        "max_ms": ms(max(lags, default=0.0)),
    }
    return result


# -- the runs ---------------------------------------------------------------------------------


def run_http(stack: Stack, bootstrap: str, levels: Sequence[int], duration: float) -> Any:
    results = {}
    token = stack.token(SCHOOL)
    warm = CaseLoad(stack.gateway_url, token, f"warm-{uuid.uuid4().hex[:6]}")
    asyncio.run(warm.run(2, 3.0))
    for level in levels:
        prefix = f"bench-{uuid.uuid4().hex[:6]}"
        meter = lag_meter(bootstrap)
        load = CaseLoad(stack.gateway_url, stack.token(SCHOOL), prefix)
        started = time.monotonic()
        outcomes = asyncio.run(load.run(level, duration))
        elapsed = time.monotonic() - started
        lags = meter.stop(wait=3.0) if meter is not None else []
        results[level] = http_summary(outcomes, elapsed, lags)
        print(f"  http, {level} clients: {results[level]['per_s']} commands/s", flush=True)
    return results


def run_layer(name: str, step: Any, levels: Sequence[int], duration: float) -> Any:
    # Warmed up first, as the HTTP run is: the first command of a process imports the
    # calendars' ``holidays`` package (seconds, without bytecode), which the first level paid.
    run_threads(step, 1, 2.0)
    results = {}
    for level in levels:
        started = time.monotonic()
        timings: list[Timing] = run_threads(step, level, duration)
        elapsed = time.monotonic() - started
        results[level] = summary([t.seconds for t in timings], elapsed, 0)
        print(f"  {name}, {level} threads: {results[level]['per_s']} commands/s", flush=True)
    return results


def profile(stack: Stack, level: int, seconds: float, directory: Path) -> dict[str, Any]:
    """py-spy on the gateway, determination and idp processes while the load runs."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    outputs, samplers = {}, []
    directory.mkdir(exist_ok=True)
    for name in ("gateway", "determination", "idp"):
        outputs[name] = directory / f"profile-{name}.txt"
        samplers.append(subprocess.Popen(  # noqa: S603 (our own tool, our own pids)
            [py_spy, "record", "--pid", str(stack.processes[name].pid), "--duration",
             str(int(seconds)), "--rate", "100", "--format", "raw", "--nonblocking",
             "--output", str(outputs[name])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
    time.sleep(1.0)  # the samplers attach
    load = CaseLoad(stack.gateway_url, stack.token(SCHOOL), f"prof-{uuid.uuid4().hex[:6]}")
    asyncio.run(load.run(level, seconds - 1.0))
    for sampler in samplers:
        sampler.wait(timeout=seconds + 30)
    return {name: top_frames(path) for name, path in outputs.items() if path.exists()}


#: Where a sampled thread waits for work (an idle event loop or thread pool), not for us.
IDLE = ("EpollSelector.select", "Condition.wait", "_worker", "Event.wait", "Queue.get")
OUR_PACKAGES = {"llwybr", "gateway", *NAMES}
#: Library functions worth seeing inclusively beside ours.
LANDMARKS = {"Application.save", "Repository.get", "PostgresApplicationRecorder.insert_events",
             "PostgresAggregateRecorder.select_events", "Connection.wait"}  # fmt: skip


def _where(frame: str) -> tuple[str, str]:
    """(function, package) of a py-spy frame ``function (path:line)``; our packages by module."""
    function, _, location = frame.rpartition(" (")
    path = location.rsplit(":", 1)[0]
    top, _, rest = path.partition("/")
    if not rest:
        return function, f"stdlib:{Path(path).stem}"
    if top in OUR_PACKAGES:
        return function, path.removesuffix(".py").replace("/", ".")
    return function, top


def top_frames(path: Path, limit: int = 15) -> dict[str, Any]:
    """From py-spy's collapsed stacks, leaving out idle waits: where samples end (self) by
    package and by function, and our functions (and a few of the library's) by the share of
    busy samples they appear in (inclusive; waiting for PostgreSQL counts as busy)."""
    by_package: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    busy = idle = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_where(f) for f in stack.split(";") if " (" in f]
        if not frames:
            continue
        function, package = frames[-1]
        if function.startswith(IDLE):
            idle += count
            continue
        busy += count
        by_package[package] += count
        by_function[f"{package}:{function}"] += count
        named = {f"{p}:{f}" for f, p in frames if p.split(".")[0] in OUR_PACKAGES or f in LANDMARKS}
        for name in named - {n for n in named if n.endswith((":<module>", ":main", ":serve"))}:
            inclusive[name] += count

    def share(counter: Counter[str]) -> list[tuple[str, float]]:
        return [(k, round(100 * v / busy, 1)) for k, v in counter.most_common(limit)]

    return {
        "busy_samples": busy,
        "idle_samples": idle,
        "self_by_package_pct": share(by_package),
        "self_by_function_pct": share(by_function),
        "inclusive_pct": share(inclusive),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", default=os.environ.get("BENCH_LEVELS", "1,4,16"))
    parser.add_argument(
        "--duration", type=float, default=float(os.environ.get("BENCH_DURATION", 20))
    )
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--profile-clients", type=int, default=int(os.environ.get("BENCH_PROFILE_CLIENTS", 1)),
        help="the load under py-spy (1: where one command's time goes)",
    )  # fmt: skip
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    base = base_runtime()
    database = create_database(base, "llwybr_bench")
    runtime: RuntimeSettings = base.model_copy(update={"postgres_dbname": database})
    results: dict[str, Any] = {"levels": levels, "duration_s": args.duration}
    try:
        with (
            tempfile.TemporaryDirectory() as directory,
            own_broker(Path(directory) / "kafka") as bootstrap,
        ):
            print("end to end through the gateway (starting the stack)", flush=True)
            stacked = runtime.model_copy(update={"kafka_bootstrap_servers": bootstrap})
            with running_stack(stacked, Path(directory) / "stack", LIMITS) as stack:
                results["http"] = run_http(stack, bootstrap, levels, args.duration)
                if not args.no_profile:
                    print("  profiling (py-spy)", flush=True)
                    results["profile"] = profile(stack, args.profile_clients, 15.0, RESULTS)
        settings = {
            n: ServiceSettings(service=n, runtime=runtime) for n in ("bare", "determination", "idp")
        }
        for s in settings.values():
            create_engine(s).dispose()  # the schema
        bare = BareCases(settings["bare"].eventsourcing_env())
        determinations = DeterminationService(settings["determination"].eventsourcing_env())
        plans = IdpService(settings["idp"].eventsourcing_env())
        print("the bare eventsourcing library, no HTTP", flush=True)
        results["bare"] = run_layer("bare", bare_step(bare), levels, args.duration)
        print("our service layer in-process, no HTTP", flush=True)
        results["service"] = run_layer(
            "service", service_step(determinations, plans), levels, args.duration
        )
        for app in (bare, determinations, plans):
            app.close()
    finally:
        drop_database(base, database)
    print_tables(results)
    write("commands", results)


def print_tables(results: dict[str, Any]) -> None:
    http, bare, service = results["http"], results["bare"], results["service"]
    print("\nEnd-to-end commands through the gateway (a school's MIS; commands/s, latency ms)")
    rows = []
    for level, r in http.items():
        lag = r["publish_lag"]
        rows.append([level, r["per_s"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["errors"],
                     r["reads_per_s"], lag["p50_ms"], lag["p99_ms"]])  # fmt: skip
    columns = ["clients", "cmd/s", "p50", "p95", "p99", "errors", "reads/s", "lag p50",
               "lag p99"]  # fmt: skip
    print(table(columns, rows))
    print("\nThe same commands by layer (commands/s; p50 ms) and the ratios ours / bare")
    rows = []
    for level in results["levels"]:
        b, s, h = bare[level], service[level], http[level]
        rows.append([level, b["per_s"], s["per_s"], h["per_s"],
                     round(s["per_s"] / b["per_s"], 2) if b["per_s"] else "-",
                     round(h["per_s"] / b["per_s"], 2) if b["per_s"] else "-",
                     b["p50_ms"], s["p50_ms"], h["p50_ms"]])  # fmt: skip
    columns = ["clients", "bare/s", "service/s", "http/s", "service/bare", "http/bare",
               "bare p50", "service p50", "http p50"]  # fmt: skip
    print(table(columns, rows))
    for name, found in results.get("profile", {}).items():
        print(f"\nWhere {name}'s time goes ({found['busy_samples']} busy samples; % inclusive)")
        print(table(["function", "%"], found["inclusive_pct"][:12]))


if __name__ == "__main__":
    main()
