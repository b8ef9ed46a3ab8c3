"""What every benchmark shares: the machine it ran on, percentiles, a printed table, the JSON.

Results go to ``bench/results/<name>.json`` with the machine (cores, memory, CPU model,
Python, git commit), so runs on different machines or commits can be compared.
"""

import json
import os
import platform
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
REPO = Path(__file__).resolve().parent.parent


def _first(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> dict[str, Any]:
    """The machine and the code the figures belong to."""
    memory_kb = _first("/proc/meminfo", "MemTotal")
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory_kb.split()[0]) / 2**20, 1) if memory_kb else None,
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor(),
        "python": platform.python_version(),
        "commit": commit(),
        # Others' work on the machine moves every figure: the 1, 5 and 15 minute averages.
        "load_average": [round(n, 2) for n in os.getloadavg()],
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def commit() -> str:
    """The short commit, marked when tracked files have changed since; "unknown" without git."""
    git = shutil.which("git")
    if git is None:
        return "unknown"

    def run(*args: str) -> str:
        found = subprocess.run([git, *args], cwd=REPO, capture_output=True, text=True)  # noqa: S603
        return found.stdout

    changed = run("status", "--porcelain", "--untracked-files=no").strip()
    return run("rev-parse", "--short", "HEAD").strip() + ("+changes" if changed else "")


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank) of ``values``; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain text table: the first column left-aligned, the rest right-aligned."""
    cells = [[str(c) for c in columns], *[[str(v) for v in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = []
    for row in cells:
        first = row[0].ljust(widths[0])
        rest = [v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest]))
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write(name: str, results: dict[str, Any]) -> Path:
    """``bench/results/<name>.json`` with the machine added; returns its path."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **results}, indent=2, default=str))
    return path
