"""How ``llwybr-audit`` shows what it read: progress bars and tables."""

import os
import sys
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

#: The width when stdout is not a terminal: rich would fold every table to 80 columns for a
#: file or a pipe, cutting ids and reasons an auditor greps for.
REDIRECTED_WIDTH = 1000


def terminal(*, stderr: bool = False) -> Console:
    """The one Console every ``llwybr-audit`` command prints with: a terminal's own width, or
    full width when redirected (``COLUMNS`` still wins, as rich reads it)."""
    stream = sys.stderr if stderr else sys.stdout
    given = (os.environ.get("COLUMNS") or "").isdigit()
    wide = None if stream.isatty() or given else REDIRECTED_WIDTH
    return Console(stderr=stderr, highlight=False, width=wide)


def progress(console: Console, *, download: bool = False) -> Progress:
    counter = DownloadColumn() if download else MofNCompleteColumn()
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        counter,
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # nothing (not even a blank line) in a file or a pipe
    )


def when(recorded_at: str) -> datetime:
    """A recorded moment as an aware datetime (UTC when it has no offset)."""
    moment = datetime.fromisoformat(recorded_at)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def aggregates(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The (service, aggregate id) pairs the events are about, in first-seen order."""
    return list(dict.fromkeys((e["service"], e["aggregate_id"]) for e in events))


def timeline_table(events: list[dict[str, Any]]) -> Table:
    table = Table("Recorded (UTC)", "Service", "Event", "Aggregate", "Version", "Actor")
    for column in table.columns:
        column.overflow = "fold"  # long names wrap; nothing is cut short
    table.columns[2].no_wrap = True
    for e in events:
        recorded = when(e["recorded_at"]).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        table.add_row(
            recorded, e["service"], e["event"], e["aggregate_id"][:8], str(e["version"]),
            e.get("actor") or "-",
        )  # fmt: skip
    return table


def breaks_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every break a service's report names (``broken`` alone from a service before they
    were all listed)."""
    if report.get("ok"):
        return []
    return list(report.get("breaks") or ([report["broken"]] if report.get("broken") else []))


def case_table(learner_id: str, events: list[dict[str, Any]], result: dict[str, Any]) -> Table:
    """One row per aggregate of the case: verified, or every event where its chain breaks."""
    broken: dict[str, list[dict[str, Any]]] = {}
    for report in result.get("checked") or []:
        for b in breaks_of(report):
            broken.setdefault(str(b["originator_id"]), []).append(b)
    table = Table("Service", "Aggregate", "Events", "Result", title=f"Learner {learner_id}")
    table.columns[1].no_wrap = True
    table.columns[1].min_width = 36
    for service, aggregate_id in aggregates(events):
        count = sum(1 for e in events if e["aggregate_id"] == aggregate_id)
        if aggregate_id in broken:
            outcome = "\n".join(
                f"[red]BROKEN at version {b['originator_version']}: {b['reason']}[/]"
                for b in broken[aggregate_id]
            )
        else:
            outcome = "[green]verified[/]"
        table.add_row(service, aggregate_id, str(count), outcome)
    return table


def service_table(result: dict[str, Any]) -> Table:
    table = Table("Service", "Aggregates", "Events", "Result")
    for r in result.get("checked") or []:
        breaks = breaks_of(r)
        outcome = (
            "[green]verified[/]"
            if not breaks
            else "\n".join(f"[red]BROKEN: {describe_break(b)}[/]" for b in breaks)
        )
        table.add_row(r["service"], str(r["aggregates_checked"]), str(r["events_checked"]), outcome)
    return table


def broken_count(result: dict[str, Any]) -> int:
    """How many broken events the reports name, across services."""
    return sum(len(breaks_of(r)) for r in result.get("checked") or [])


def first_broken(result: dict[str, Any]) -> str:
    first = result.get("first_broken") or {}
    return f"{first.get('service', '?')} {broken_event(first)}"


def broken_event(report: dict[str, Any]) -> str:
    return describe_break(report.get("broken") or {})


def describe_break(b: dict[str, Any]) -> str:
    return (
        f"{b.get('originator_id', '?')} version {b.get('originator_version', '?')}: "
        f"{b.get('reason', 'unknown')}"
    )
