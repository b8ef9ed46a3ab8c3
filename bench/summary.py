"""The table of issue #19, from the results the benchmarks wrote (``bench/results/*.json``).

``make bench`` runs every benchmark and then this; ``python -m bench.summary`` prints it again
from the last results. A benchmark not run gives "-" in its rows. Each row's figures come
from one run of one benchmark, so the ratios compare layers measured side by side.
"""

import json
from pathlib import Path
from typing import Any

from bench.report import RESULTS, table

TARGETS = {
    "end to end / bare, per client level": ">= 0.5 at every level",
    "service layer in-process / bare": ">= 0.9",
    "latency at 1 client, p50 / p99": "<= 10 / 50 ms",
    "publish lag p99, per client level": "<= 100 ms at every level",
    "rebuild / raw read": ">= 0.5",
    "replay of a 10,000-event aggregate, PostgreSQL": "<= 0.2 s (verify <= 0.1 s)",
    "an LA's 30,000-learner bulk sync": "<= 60 s",
}


def load(name: str, directory: Path = RESULTS) -> dict[str, Any] | None:
    path = directory / f"{name}.json"
    if not path.exists():
        return None
    found: dict[str, Any] = json.loads(path.read_text())
    return found


def _ratio(part: float, whole: float) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def commands_rows(commands: dict[str, Any] | None) -> list[list[str]]:
    names = list(TARGETS)[:4]
    if commands is None:
        return [[n, "-", TARGETS[n]] for n in names]
    http, bare, service = commands["http"], commands["bare"], commands["service"]
    levels = [str(level) for level in commands["levels"]]
    clients = " · ".join(levels)
    http_bare = " · ".join(_ratio(http[n]["per_s"], bare[n]["per_s"]) for n in levels)
    per_s = " · ".join(f"{http[n]['per_s']} vs {bare[n]['per_s']}" for n in levels)
    service_bare = " · ".join(_ratio(service[n]["per_s"], bare[n]["per_s"]) for n in levels)
    first = http[levels[0]]
    latency = f"{first['p50_ms']} / {first['p99_ms']} ms"
    lag = " · ".join(str(http[n]["publish_lag"]["p99_ms"]) for n in levels)
    return [
        [f"{names[0]} ({clients})", f"{http_bare} ({per_s} cmd/s)", TARGETS[names[0]]],
        [names[1], service_bare, TARGETS[names[1]]],
        [f"latency at {levels[0]} client(s), p50 / p99", latency, TARGETS[names[2]]],
        [f"{names[3]} ({clients})", f"{lag} ms", TARGETS[names[3]]],
    ]


def rebuild_row(rebuild: dict[str, Any] | None) -> list[str]:
    name = "rebuild / raw read"
    if rebuild is None:
        return [name, "-", TARGETS[name]]
    raw = {r["store"]: r["events_per_s"] for r in rebuild["rows"] if r["what"].startswith("raw")}
    parts = [
        f"{r['store']} {r['events_per_s']} vs {raw[r['store']]} events/s "
        f"({_ratio(r['events_per_s'], raw[r['store']])})"
        for r in rebuild["rows"]
        if r["what"].startswith("rebuild") and r["events_per_s"] and raw.get(r["store"])
    ]
    return [f"{name} ({rebuild['events']} events)", "; ".join(parts) or "-", TARGETS[name]]


def replay_row(replay: dict[str, Any] | None) -> list[str]:
    name = "replay of a 10,000-event aggregate, PostgreSQL"
    if replay is None:
        return [name, "-", TARGETS[name]]
    pg = replay["postgres"]
    now = f"{pg['replay_s']} s (in force {pg['in_force_s']} s, verify {pg['verify_s']} s)"
    return [name.replace("10,000", f"{pg['events']:,}"), now, TARGETS[name]]


def bulk_row(bulk: dict[str, Any] | None) -> list[str]:
    name = "an LA's 30,000-learner bulk sync"
    if bulk is None or "la" not in bulk:
        return [name, "-", TARGETS[name]]
    la = bulk["la"]
    return [name.replace("30,000", f"{la['learners']:,}"), f"{la['seconds']} s", TARGETS[name]]


def issue_table(directory: Path = RESULTS) -> str:
    rows = [
        *commands_rows(load("commands", directory)),
        rebuild_row(load("rebuild", directory)),
        replay_row(load("replay", directory)),
        bulk_row(load("bulk", directory)),
    ]
    loads = sorted(
        {str(r["machine"]["load_average"]) for n in ("commands", "rebuild", "replay", "bulk")
         if (r := load(n, directory)) is not None}
    )  # fmt: skip
    note = f"\nload average at the end of each run: {', '.join(loads)}" if loads else ""
    return table(["measure", "now", "target"], rows) + note


def main() -> None:
    print("\nIssue #19: where it stands")
    print(issue_table())


if __name__ == "__main__":
    main()
