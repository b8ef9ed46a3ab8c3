"""``llwybr-audit``: the auditors' command line, on the public API with a client's token.

Replay a learner's case (as of a moment), verify integrity chains, and export a Tribunal bundle
whose manifest is checked here, on the auditor's machine, before it is called good.

The HTTP calls are small functions taking an ``httpx.Client`` (``fetch_timeline``,
``fetch_state``, ``fetch_verification``, ``download_bundle``); ``check_bundle`` needs no API.
"""

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import httpx
import typer
from rich.console import Console
from rich.json import JSON
from rich.panel import Panel
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

DEFAULT_URL = "http://127.0.0.1:8000"
SERVICES = ("determination", "idp", "disputes", "notifications")
TIMEOUT = httpx.Timeout(60.0, connect=5.0)
PAGE = 1000
MANIFEST = "manifest.json"

#: Exit codes.
OK, BROKEN, UNAVAILABLE, API_FAILED = 0, 1, 2, 3

app = typer.Typer(
    name="llwybr-audit",
    help=(
        "Audit Llwybr case histories through the public API (scope audit:read). "
        "Exit codes: 0 good; 1 an integrity chain is broken or a bundle does not match its "
        "manifest; 2 wrong usage, or a command the API does not offer yet; 3 the API could "
        "not be reached or refused the request."
    ),
    no_args_is_help=True,
    add_completion=False,
)


class ApiError(Exception):
    """The API answered with a problem, or could not be reached."""


@dataclass(frozen=True)
class Connection:
    url: str
    client_id: str | None
    client_secret: str | None


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[
        str, typer.Option(envvar="LLWYBR_API_URL", help="The public API's base URL")
    ] = DEFAULT_URL,
    client_id: Annotated[
        str | None, typer.Option(envvar="LLWYBR_CLIENT_ID", help="An auditor's OAuth client id")
    ] = None,
    client_secret: Annotated[
        str | None,
        typer.Option(envvar="LLWYBR_CLIENT_SECRET", help="Its secret", show_default=False),
    ] = None,
) -> None:
    ctx.obj = Connection(url.rstrip("/"), client_id, client_secret)


# -- the API, one small function per call ---------------------------------------------------


def _answer(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        try:
            problem = response.json()
            reason = f"{problem.get('title', '')}: {problem.get('detail', '')}".strip(": ")
        except ValueError:
            reason = response.text[:300]
        method, path = response.request.method, response.request.url.path
        raise ApiError(f"{method} {path} answered {response.status_code} {reason}")
    return response.json()


def _segment(value: str) -> str:
    """``value`` as one path segment (a "/" in it cannot reach another route)."""
    return quote(value, safe="")


def fetch_token(client: httpx.Client, client_id: str, client_secret: str) -> str:
    """An access token for the client (OAuth 2.0 client credentials)."""
    response = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, client_secret),
    )
    token: str = _answer(response)["access_token"]
    return token


def fetch_timeline(
    client: httpx.Client, learner_id: str, on_page: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Every event about the learner, in recorded order (all pages); ``on_page`` is told how
    many events each page brought."""
    events: list[dict[str, Any]] = []
    after: int | None = 0
    while after is not None:
        page = _answer(
            client.get(
                f"/v1/audit/learners/{_segment(learner_id)}/timeline",
                params={"after": after, "limit": PAGE},
            )
        )
        events.extend(page["items"])
        if on_page is not None:
            on_page(len(page["items"]))
        after = page["next_after"]
    return events


def fetch_state(
    client: httpx.Client,
    service: str,
    aggregate_id: str,
    as_of: datetime | None = None,
    in_force_on: date | None = None,
) -> dict[str, Any]:
    """An aggregate's events, version and state, as recorded by ``as_of`` (else now) and, with
    ``in_force_on``, as in force on that day."""
    params: dict[str, str] = {}
    if as_of is not None:
        params["as_of_recorded"] = as_of.isoformat()
    if in_force_on is not None:
        params["in_force_on"] = in_force_on.isoformat()
    found: dict[str, Any] = _answer(
        client.get(
            f"/v1/audit/{_segment(service)}/aggregates/{_segment(aggregate_id)}", params=params
        )
    )
    return found


def fetch_verification(
    client: httpx.Client, *, learner_id: str | None = None, service: str | None = None
) -> dict[str, Any]:
    """The integrity check of a learner's case, of one service, or (neither) of everything."""
    params = {k: v for k, v in {"learner_id": learner_id, "service": service}.items() if v}
    result: dict[str, Any] = _answer(client.get("/v1/audit/verify", params=params))
    return result


def download_bundle(
    client: httpx.Client,
    learner_id: str,
    out: Path,
    on_bytes: Callable[[int, int | None], None] | None = None,
) -> int:
    """Write the learner's bundle to ``out`` (whole or not at all); returns its size.
    ``on_bytes`` is told each chunk's size and the expected total, when known."""
    partial = out.with_name(out.name + ".part")
    size = 0
    with client.stream("GET", f"/v1/audit/learners/{_segment(learner_id)}/bundle") as response:
        if response.status_code >= 400:
            response.read()
            _answer(response)
        length = response.headers.get("content-length")
        total = int(length) if length and length.isdigit() else None
        try:
            with partial.open("wb") as file:
                for chunk in response.iter_bytes():
                    file.write(chunk)
                    size += len(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk), total)
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    return size


@dataclass
class BundleCheck:
    """What a bundle's manifest says, and every way the files differ from it."""

    manifest: dict[str, Any] = field(default_factory=dict)
    files: list[tuple[str, int, str, bool]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    verification: dict[str, Any] | None = None


def check_bundle(path: Path) -> BundleCheck:
    """Recompute every file's SHA-256 and size and compare them with ``manifest.json``."""
    check = BundleCheck()
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if MANIFEST not in names:
                check.problems.append("no manifest.json")
                return check
            check.manifest = json.loads(archive.read(MANIFEST))
            listed = {entry["name"] for entry in check.manifest["files"]} | {MANIFEST}
            check.problems += [f"{n}: not in the manifest" for n in names if n not in listed]
            for entry in check.manifest["files"]:
                name = entry["name"]
                if name not in names:
                    check.problems.append(f"{name}: missing")
                    continue
                content = archive.read(name)
                digest = hashlib.sha256(content).hexdigest()
                good = digest == entry["sha256"] and len(content) == entry["size"]
                check.files.append((name, len(content), digest, good))
                if not good:
                    check.problems.append(f"{name}: SHA-256 or size differs from the manifest")
                if name == "verification.json" and good:
                    check.verification = json.loads(content)
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, TypeError) as error:
        check.problems.append(f"not a readable bundle ({type(error).__name__}: {error})")
    return check


# -- commands ---------------------------------------------------------------------------------


@app.command()
def replay(
    ctx: typer.Context,
    learner_id: Annotated[str, typer.Argument(help="The learner's id")],
    as_of: Annotated[
        str | None,
        typer.Option(
            help="An ISO 8601 moment (UTC when it has no offset): list the events recorded by "
            "then, and each aggregate's state as recorded by then"
        ),
    ] = None,
    in_force_on: Annotated[
        str | None,
        typer.Option(
            help="An ISO date: each aggregate's state as in force on that day (the events dated "
            "by then: a decision entered late but dated earlier counts from its date); with "
            "--as-of, as known at that moment"
        ),
    ] = None,
) -> None:
    """Print a learner's case across services, in recorded order, and each aggregate's state
    as recorded by a moment and/or as in force on a day."""
    moment = _moment(as_of) if as_of is not None else None
    day = _day(in_force_on) if in_force_on is not None else None
    console = Console(highlight=False)
    with _api(ctx) as client, _progress(console) as progress:
        task = progress.add_task("Reading the timeline", total=None)
        events = fetch_timeline(client, learner_id, lambda n: progress.advance(task, n))
        if moment is not None:
            events = [e for e in events if _when(e["recorded_at"]) <= moment]
        aggregates = _aggregates(events)
        states = {}
        if moment is not None or day is not None:
            task = progress.add_task("Replaying each aggregate", total=len(aggregates))
            for service, aggregate_id in aggregates:
                states[service, aggregate_id] = fetch_state(
                    client, service, aggregate_id, moment, day
                )
                progress.advance(task)
    when = f" as recorded by {moment.isoformat()}" if moment else ""
    when += f", in force on {day.isoformat()}" if day else ""
    console.print(
        f"[bold]Learner {learner_id}[/]: {len(events)} events in {len(aggregates)} aggregates{when}"
    )
    console.print(_timeline_table(events))
    for (service, aggregate_id), found in states.items():
        title = f"{service} {aggregate_id}, version {found['version']}"
        if found.get("not_in_force"):
            title += f" (not yet in force: versions {found['not_in_force']})"
        state = JSON.from_data(found["state"], sort_keys=True)
        state.text.no_wrap, state.text.overflow = False, "fold"  # long values wrap, uncut
        console.print(Panel(state, title=title))


@app.command()
def verify(
    ctx: typer.Context,
    learner: Annotated[
        str | None, typer.Option(help="Verify the aggregates of this learner's case")
    ] = None,
    service: Annotated[
        str | None, typer.Option(help=f"Verify every chain of one service ({', '.join(SERVICES)})")
    ] = None,
) -> None:
    """Recompute integrity chains: a learner's case, one service, or every service.

    Exits 1 naming the first broken event when a chain does not hold.
    """
    if learner and service:
        raise typer.BadParameter("give --learner or --service, not both")
    if service is not None and service not in SERVICES:
        raise typer.BadParameter(f"not a service: {service}", param_hint="--service")
    console = Console(highlight=False)
    events: list[dict[str, Any]] = []
    with _api(ctx) as client, _progress(console) as progress:
        if learner is not None:
            task = progress.add_task("Reading the timeline", total=None)
            events = fetch_timeline(client, learner, lambda n: progress.advance(task, n))
        progress.add_task("Recomputing the chains", total=None)
        result = fetch_verification(client, learner_id=learner, service=service)
    if learner is not None and not events:
        console.print(f"No events are recorded about learner {learner}.")
    elif learner is not None:
        console.print(_case_table(learner, events, result))
    else:
        console.print(_service_table(result))
    checked = result.get("checked") or []
    count = sum(r.get("events_checked") or 0 for r in checked)
    if result["ok"]:
        console.print(f"[green]Verified[/]: {count} events recomputed; every chain holds.")
        return
    console.print(f"[bold red]BROKEN[/]: first broken event {_first_broken(result)}")
    raise typer.Exit(BROKEN)


@app.command("export-bundle")
def export_bundle(
    ctx: typer.Context,
    learner_id: Annotated[str, typer.Argument(help="The learner's id")],
    out: Annotated[Path, typer.Option(help="Where to write the ZIP", dir_okay=False)],
) -> None:
    """Download a learner's Tribunal bundle and check it against its manifest.

    Every file's SHA-256 and size are recomputed here, on this machine; exits 1 if any file
    does not match (or is missing, or is not listed).
    """
    console = Console(highlight=False)
    with _api(ctx) as client, _progress(console, download=True) as progress:
        task = progress.add_task("Downloading the bundle", total=None)

        def advance(size: int, total: int | None) -> None:
            progress.update(task, advance=size, total=total)

        download_bundle(client, learner_id, out, advance)
    check = check_bundle(out)
    table = Table("File", "Size", "SHA-256", "Matches the manifest", title=str(out))
    table.columns[0].overflow = "fold"
    for name, size, digest, good in check.files:
        table.add_row(name, str(size), digest[:16], "yes" if good else "[red]NO[/]")
    console.print(table)
    if check.problems:
        for problem in check.problems:
            console.print(f"[red]{problem}[/]")
        console.print(f"[bold red]The bundle does not match its manifest[/]: {out}")
        raise typer.Exit(BROKEN)
    console.print(
        f"[green]Bundle good[/]: {len(check.files)} files match manifest.json "
        f"(learner {check.manifest.get('learner_id')}, generated "
        f"{check.manifest.get('generated_at')}), written to {out}"
    )
    if check.verification is not None and not check.verification.get("ok"):
        console.print(
            "[bold yellow]Note[/]: the case's integrity check in this bundle FAILED: "
            f"first broken event {_first_broken(check.verification)}"
        )


@app.command("rebuild-projections")
def rebuild_projections(
    service: Annotated[str, typer.Argument(help="The service whose read models to rebuild")],
) -> None:
    """Not available yet: says so and exits 2.

    The public API does not expose rebuilding a service's read models (projections), so this
    command changes nothing.
    """
    Console(stderr=True, highlight=False).print(
        f"Rebuilding {service}'s projections is not exposed by the public API yet; "
        "nothing was done."
    )
    raise typer.Exit(UNAVAILABLE)


# -- plumbing and presentation ----------------------------------------------------------------


@contextmanager
def _api(ctx: typer.Context) -> Iterator[httpx.Client]:
    """A client holding an access token, for the connection options; API failures exit 3."""
    connection: Connection = ctx.obj
    if not connection.client_id or not connection.client_secret:
        raise typer.BadParameter(
            "an auditor's client id and secret are needed (--client-id and --client-secret, "
            "or LLWYBR_CLIENT_ID and LLWYBR_CLIENT_SECRET)"
        )
    try:
        with httpx.Client(base_url=connection.url, timeout=TIMEOUT) as client:
            token = fetch_token(client, connection.client_id, connection.client_secret)
            client.headers["Authorization"] = f"Bearer {token}"
            yield client
    except (ApiError, httpx.HTTPError) as error:
        Console(stderr=True, highlight=False).print(f"[red]Could not read the API[/]: {error}")
        raise typer.Exit(API_FAILED) from error


def _progress(console: Console, *, download: bool = False) -> Progress:
    counter = DownloadColumn() if download else MofNCompleteColumn()
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        counter,
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise typer.BadParameter(f"not an ISO 8601 moment: {text}", param_hint="--as-of") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise typer.BadParameter(f"not an ISO date: {text}", param_hint="--in-force-on") from error


def _when(recorded_at: str) -> datetime:
    moment = datetime.fromisoformat(recorded_at)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _aggregates(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys((e["service"], e["aggregate_id"]) for e in events))


def _timeline_table(events: list[dict[str, Any]]) -> Table:
    table = Table("Recorded (UTC)", "Service", "Event", "Aggregate", "Version", "Actor")
    for column in table.columns:
        column.overflow = "fold"  # long names wrap; nothing is cut short
    table.columns[2].no_wrap = True
    for e in events:
        recorded = _when(e["recorded_at"]).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        table.add_row(
            recorded, e["service"], e["event"], e["aggregate_id"][:8], str(e["version"]),
            e.get("actor") or "-",
        )  # fmt: skip
    return table


def _case_table(learner_id: str, events: list[dict[str, Any]], result: dict[str, Any]) -> Table:
    """One row per aggregate of the case: verified, or where its chain first breaks."""
    broken = {
        str(r["broken"]["originator_id"]): r["broken"]
        for r in result.get("checked") or []
        if not r.get("ok") and r.get("broken")
    }
    table = Table("Service", "Aggregate", "Events", "Result", title=f"Learner {learner_id}")
    table.columns[1].no_wrap = True
    table.columns[1].min_width = 36
    for service, aggregate_id in _aggregates(events):
        count = sum(1 for e in events if e["aggregate_id"] == aggregate_id)
        if aggregate_id in broken:
            b = broken[aggregate_id]
            outcome = f"[red]BROKEN at version {b['originator_version']}: {b['reason']}[/]"
        else:
            outcome = "[green]verified[/]"
        table.add_row(service, aggregate_id, str(count), outcome)
    return table


def _service_table(result: dict[str, Any]) -> Table:
    table = Table("Service", "Aggregates", "Events", "Result")
    for r in result.get("checked") or []:
        outcome = "[green]verified[/]" if r["ok"] else f"[red]BROKEN: {_broken_event(r)}[/]"
        table.add_row(r["service"], str(r["aggregates_checked"]), str(r["events_checked"]), outcome)
    return table


def _first_broken(result: dict[str, Any]) -> str:
    first = result.get("first_broken") or {}
    return f"{first.get('service', '?')} {_broken_event(first)}"


def _broken_event(report: dict[str, Any]) -> str:
    b = report.get("broken") or {}
    return (
        f"{b.get('originator_id', '?')} version {b.get('originator_version', '?')}: "
        f"{b.get('reason', 'unknown')}"
    )
