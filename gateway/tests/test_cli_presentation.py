"""What llwybr-audit prints of a verification: every broken event, not only the first."""

import io
from typing import Any

from rich.console import Console

from gateway.cli.presentation import (
    REDIRECTED_WIDTH,
    broken_count,
    case_table,
    progress,
    service_table,
    terminal,
)

A, B = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"


def _break(aggregate: str, version: int, reason: str) -> dict[str, Any]:
    return {"originator_id": aggregate, "originator_version": version, "reason": reason}


RESULT: dict[str, Any] = {
    "ok": False,
    "checked": [
        {
            "service": "determination",
            "ok": False,
            "aggregates_checked": 2,
            "events_checked": 7,
            "broken": _break(A, 2, "altered state"),
            "breaks": [_break(A, 2, "altered state"), _break(B, 3, "missing event")],
        },
        {"service": "idp", "ok": True, "aggregates_checked": 1, "events_checked": 4},
    ],
}


def _text(table: Any) -> str:
    console = Console(width=200, record=True)
    console.print(table)
    return console.export_text()


def test_a_service_table_names_every_broken_event() -> None:
    text = _text(service_table(RESULT))
    assert f"{A} version 2: altered state" in text
    assert f"{B} version 3: missing event" in text
    assert "verified" in text  # the IDP service
    assert broken_count(RESULT) == 2


def test_a_case_table_names_each_aggregates_breaks() -> None:
    events = [
        {"service": "determination", "aggregate_id": A, "recorded_at": "2026-03-02T09:00:00Z"},
        {"service": "determination", "aggregate_id": B, "recorded_at": "2026-03-03T09:00:00Z"},
    ]
    text = _text(case_table("L1", events, RESULT))
    assert "BROKEN at version 2: altered state" in text
    assert "BROKEN at version 3: missing event" in text


def test_a_report_from_before_breaks_were_listed_still_names_its_first() -> None:
    older = {"ok": False, "checked": [{**RESULT["checked"][0], "breaks": None}]}
    assert broken_count(older) == 1


def test_every_command_prints_full_width_when_redirected(monkeypatch: Any) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("sys.stdout", io.StringIO())  # a file or a pipe: not a terminal
    assert terminal().width == REDIRECTED_WIDTH
    monkeypatch.setenv("COLUMNS", "132")  # said in so many words: as said
    assert terminal().width == 132


def test_a_long_row_is_one_line_when_redirected(monkeypatch: Any) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    result = {"ok": False, "checked": [{
        "service": "determination", "ok": False, "aggregates_checked": 1, "events_checked": 9,
        "breaks": [_break(A, 3, "the hash of version 3 does not match its content, recorded")],
    }]}  # fmt: skip
    terminal().print(service_table(result))
    (row,) = (line for line in out.getvalue().splitlines() if "determination" in line)
    assert f"{A} version 3: the hash of version 3 does not match its content, recorded" in row


def test_progress_writes_nothing_to_a_file_or_a_pipe(monkeypatch: Any) -> None:
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    with progress(terminal()) as bars:
        bars.add_task("Reading the timeline", total=None)
    assert out.getvalue() == ""
