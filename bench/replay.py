"""Replay and verify a long case: the time to rebuild a 10,000-event aggregate (as the library
replays it, and on the auditors' "in force" axis, which replays a chosen subset of its events),
and to recompute its integrity chain, on PostgreSQL (``make test``'s server) and on SQLite.
Each read is the median of ``BENCH_REPEAT`` (5) runs.

Prints a table and writes ``bench/results/replay.json``. Run: ``make bench`` (all) or
``python -m bench.replay``; ``BENCH_EVENTS`` sets the number of events.
"""

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from bench.report import table, write
from llwybr.db import create_engine
from llwybr.in_force import in_force_dates, state_in_force
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import ExampleCase, ExampleService, base_runtime, create_database, drop_database

EVENTS = int(os.environ.get("BENCH_EVENTS", "10000"))
#: Each read is timed this many times and the median kept: on a loaded machine one run of
#: each moved by 2x.
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
T = TypeVar("T")
BATCH = 500  # events per save: the table lock makes batching the lever (ARCHITECTURE.md)


#: This process's CPU seconds of each read (median): on a loaded machine the wall clock moved
#: 2-10x while the CPU held still (issue 19).
CPU: dict[str, float] = {}


def timed(read: Callable[[], T], name: str = "") -> tuple[float, T]:
    """The median of ``REPEAT`` timings of ``read``, and what it read (its median CPU
    seconds in ``CPU[name]``)."""
    times, cpu, result = [], [], None
    for _ in range(REPEAT):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = read()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    CPU[name] = statistics.median(cpu)
    return statistics.median(times), cast(T, result)


def run(settings: ServiceSettings) -> dict[str, Any]:
    create_engine(settings).dispose()
    app = ExampleService(settings.eventsourcing_env())
    case = ExampleCase("learner-bench")
    started = time.perf_counter()
    app.save(case)
    for start in range(1, EVENTS, BATCH):
        for n in range(start, min(start + BATCH, EVENTS)):
            case.note(f"note {n}")
        app.save(case)
    append = time.perf_counter() - started
    replay, replayed = timed(lambda: cast(ExampleCase, app.repository.get(case.id)), "replay")

    def in_force_state() -> Any:
        events = list(app.recorded_events(case.id))
        days = in_force_dates(events, {})  # undated: each in force from the day it was recorded
        return state_in_force(events, days, max(days))

    in_force_s, in_force = timed(in_force_state, "in_force")
    verify, verified = timed(lambda: app.verify(case.id), "verify")
    assert replayed.version == EVENTS
    assert in_force.version == EVENTS
    assert in_force.aggregate is not None
    assert vars(in_force.aggregate)["notes"] == replayed.notes
    assert verified.ok
    app.close()
    return {
        "events": EVENTS,
        "append_s": round(append, 3),
        "append_events_per_s": round(EVENTS / append),
        "replay_s": round(replay, 3),
        "replay_events_per_s": round(EVENTS / replay),
        "in_force_s": round(in_force_s, 3),
        "in_force_events_per_s": round(EVENTS / in_force_s),
        "verify_s": round(verify, 3),
        "verify_events_per_s": round(EVENTS / verify),
        **{f"{name}_cpu_s": round(seconds, 3) for name, seconds in CPU.items()},
    }


def main() -> None:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as var_dir:
        runtime = RuntimeSettings(mode="embedded", var_dir=Path(var_dir))
        results["sqlite"] = run(ServiceSettings(service="bench", runtime=runtime))
    runtime = base_runtime()
    name = create_database(runtime, "llwybr_bench")
    try:
        pg = runtime.model_copy(update={"postgres_dbname": name})
        results["postgres"] = run(ServiceSettings(service="bench", runtime=pg))
    finally:
        drop_database(runtime, name)
    columns = ("store", "events", "append/s", "replay s", "replay/s", "in force s", "verify s",
               "verify/s", "replay cpu s", "in force cpu s", "verify cpu s")  # fmt: skip
    keys = ("events", "append_events_per_s", "replay_s", "replay_events_per_s", "in_force_s",
            "verify_s", "verify_events_per_s", "replay_cpu_s", "in_force_cpu_s",
            "verify_cpu_s")  # fmt: skip
    rows = [[store, *(results[store][k] for k in keys)] for store in ("sqlite", "postgres")]
    print(table(columns, rows))
    write("replay", results)


if __name__ == "__main__":
    main()
