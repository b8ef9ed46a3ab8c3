"""The auditors' commands, on the public API with an auditor's token (scope ``audit:read``):
replay a learner's case, verify integrity chains, export a Tribunal bundle and check it."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.json import JSON
from rich.panel import Panel
from rich.table import Table

from gateway.cli.api import (
    ApiError,
    download_bundle,
    fetch_jwks,
    fetch_state,
    fetch_timeline,
    fetch_token,
    fetch_verification,
    find_learner_by_upn,
)
from gateway.cli.credentials import NoCredentialsError, dev_auditor
from gateway.cli.manifest import BundleCheck, check_bundle
from gateway.cli.presentation import (
    aggregates,
    broken_count,
    case_table,
    first_broken,
    progress,
    service_table,
    terminal,
    timeline_table,
    when,
)
from gateway.registry import NAMES
from gateway.tokens.router import JWKS_PATH

DEFAULT_URL = "http://127.0.0.1:8000"
TIMEOUT = httpx.Timeout(60.0, connect=5.0)

#: Exit codes (2, wrong usage, is click's).
OK, BROKEN, USAGE, API_FAILED = 0, 1, 2, 3


Upn = Annotated[
    str | None,
    typer.Option(help="The learner's UPN instead of their id (looked up in the registry)"),
]
AsJson = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout (no tables)")
]


@dataclass(frozen=True)
class Connection:
    url: str
    client_id: str | None
    client_secret: str | None


def connection(
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


def replay(
    ctx: typer.Context,
    learner_id: Annotated[
        str | None, typer.Argument(help="The learner's id (or give --upn)", show_default=False)
    ] = None,
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
    upn: Upn = None,
    as_json: AsJson = False,
) -> None:
    """Print a learner's case across services, in recorded order, and each aggregate's state
    as recorded by a moment and/or as in force on a day."""
    _one_learner(learner_id, upn, "LEARNER_ID")
    moment = _moment(as_of) if as_of is not None else None
    day = _day(in_force_on) if in_force_on is not None else None
    console = terminal()
    with _api(ctx) as client, progress(terminal(stderr=as_json)) as bars:
        learner_id = learner_id or find_learner_by_upn(client, str(upn))
        task = bars.add_task("Reading the timeline", total=None)
        events = fetch_timeline(client, learner_id, lambda n: bars.advance(task, n))
        if moment is not None:
            events = [e for e in events if when(e["recorded_at"]) <= moment]
        found = aggregates(events)
        states = {}
        if moment is not None or day is not None:
            task = bars.add_task("Replaying each aggregate", total=len(found))
            for service, aggregate_id in found:
                states[service, aggregate_id] = fetch_state(
                    client, service, aggregate_id, moment, day
                )
                bars.advance(task)
    if as_json:
        _print_json({
            "learner_id": learner_id,
            "as_of": moment.isoformat() if moment else None,
            "in_force_on": day.isoformat() if day else None,
            "events": events,
            "aggregates": [
                {"service": s, "aggregate_id": a, **states.get((s, a), {})} for s, a in found
            ],
        })  # fmt: skip
        return
    moments = f" as recorded by {moment.isoformat()}" if moment else ""
    moments += f", in force on {day.isoformat()}" if day else ""
    console.print(
        f"[bold]Learner {learner_id}[/]: {len(events)} events in {len(found)} aggregates{moments}"
    )
    console.print(timeline_table(events))
    for (service, aggregate_id), state in states.items():
        title = f"{service} {aggregate_id}, version {state['version']}"
        if state.get("not_in_force"):
            title += f" (not yet in force: versions {state['not_in_force']})"
        shown = JSON.from_data(state["state"], sort_keys=True)
        shown.text.no_wrap, shown.text.overflow = False, "fold"  # long values wrap, uncut
        console.print(Panel(shown, title=title, expand=False))  # not 1000 wide in a file


def verify(
    ctx: typer.Context,
    learner: Annotated[
        str | None, typer.Option(help="Verify the aggregates of this learner's case")
    ] = None,
    service: Annotated[
        str | None,
        typer.Option(
            help=f"Verify every chain of one service ({', '.join(NAMES)}; auditor for Wales)"
        ),
    ] = None,
    upn: Upn = None,
    as_json: AsJson = False,
) -> None:
    """Recompute integrity chains: a learner's case, one service, or every service.

    Exits 1 naming every broken event when a chain does not hold.
    """
    if sum(1 for given in (learner, upn, service) if given) > 1:
        raise typer.BadParameter("give one of --learner, --upn and --service")
    if service is not None and service not in NAMES:
        raise typer.BadParameter(f"not a service: {service}", param_hint="--service")
    console = terminal()
    events: list[dict[str, Any]] = []
    with _api(ctx) as client, progress(terminal(stderr=as_json)) as bars:
        if upn:
            learner = find_learner_by_upn(client, upn)
        if learner is not None:
            task = bars.add_task("Reading the timeline", total=None)
            events = fetch_timeline(client, learner, lambda n: bars.advance(task, n))
        bars.add_task("Recomputing the chains", total=None)
        result = fetch_verification(client, learner_id=learner, service=service)
    if as_json:
        _print_json({"learner_id": learner, "service": service, **result})
        raise typer.Exit(OK if result["ok"] else BROKEN)
    if learner is not None and not events:
        console.print(f"No events are recorded about learner {learner}.")
    elif learner is not None:
        console.print(case_table(learner, events, result))
    else:
        console.print(service_table(result))
    checked = result.get("checked") or []
    count = sum(r.get("events_checked") or 0 for r in checked)
    if result["ok"]:
        console.print(f"[green]Verified[/]: {count} events recomputed; every chain holds.")
        return
    console.print(
        f"[bold red]BROKEN[/]: {broken_count(result)} broken event(s); "
        f"first broken event {first_broken(result)}"
    )
    raise typer.Exit(BROKEN)


def export_bundle(
    ctx: typer.Context,
    learner_id: Annotated[str, typer.Argument(help="The learner's id")],
    out: Annotated[Path, typer.Option(help="Where to write the ZIP", dir_okay=False)],
    as_json: AsJson = False,
) -> None:
    """Download a learner's Tribunal bundle and check it against its signed manifest.

    Every file's SHA-256 and size are recomputed here, on this machine, and the manifest's
    signature checked with the gateway's published keys; exits 1 if any file does not match
    (or is missing, or is not listed).
    """
    console = terminal()
    with _api(ctx) as client, progress(terminal(stderr=as_json), download=True) as bars:
        task = bars.add_task("Downloading the bundle", total=None)

        def advance(size: int, total: int | None) -> None:
            bars.update(task, advance=size, total=total)

        download_bundle(client, learner_id, out, advance)
        jwks = fetch_jwks(client)
    check = check_bundle(out, jwks)
    if as_json:
        _print_json({
            "out": str(out),
            "ok": not check.problems,
            "problems": check.problems,
            "signed_by": check.signed_by,
            "learner_id": check.manifest.get("learner_id"),
            "generated_at": check.manifest.get("generated_at"),
            "case_verified": (check.verification or {}).get("ok"),
            "files": [
                {"name": name, "size": size, "sha256": digest, "matches": good}
                for name, size, digest, good in check.files
            ],
        })  # fmt: skip
        raise typer.Exit(BROKEN if check.problems else OK)
    _report(console, check, out, "written to")


def verify_bundle(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A bundle's ZIP", exists=True, dir_okay=False, readable=True)
    ],
    jwks: Annotated[
        str | None,
        typer.Option(
            help="The gateway's published keys: a JWKS file saved beforehand (offline) or its "
            "URL; default: /.well-known/jwks.json of --url"
        ),
    ] = None,
) -> None:
    """Check a bundle with no account: every file's SHA-256 and size against manifest.json,
    and manifest.jws's signature of the manifest with the gateway's published keys.

    Exits 1 naming every file that does not match (or is missing, or is not listed).
    """
    given: Connection = ctx.obj
    source = jwks or f"{given.url}{JWKS_PATH}"
    try:
        if source.startswith(("http://", "https://")):
            with httpx.Client(timeout=TIMEOUT) as http:
                keys = fetch_jwks(http, source)
        else:
            keys = json.loads(Path(source).read_bytes())
    except (ApiError, httpx.HTTPError, OSError, ValueError) as error:
        terminal(stderr=True).print(f"[red]Could not read the keys[/]: {error}")
        raise typer.Exit(API_FAILED) from error
    _report(terminal(), check_bundle(file, keys), file, "signed by the gateway:")


def _report(console: Console, check: BundleCheck, out: Path, where: str) -> None:
    """The files and how each matched; exits 1 naming every problem."""
    table = Table("File", "Size", "SHA-256", "Matches the manifest", title=str(out))
    table.columns[0].overflow = "fold"
    for name, size, digest, good in check.files:
        table.add_row(name, str(size), digest[:16], "yes" if good else "[red]NO[/]")
    console.print(table)
    if check.problems:
        for problem in check.problems:
            console.print(f"[red]{problem}[/]")
        console.print(f"[bold red]The bundle does not match its signed manifest[/]: {out}")
        raise typer.Exit(BROKEN)
    console.print(
        f"[green]Bundle good[/]: {len(check.files)} files match manifest.json, signed in "
        f"manifest.jws by key {check.signed_by} (learner {check.manifest.get('learner_id')}, "
        f"generated {check.manifest.get('generated_at')}), {where} {out}"
    )
    if check.verification is not None and not check.verification.get("ok"):
        console.print(
            "[bold yellow]Note[/]: the case's integrity check in this bundle FAILED: "
            f"first broken event {first_broken(check.verification)}"
        )


def _one_learner(learner_id: str | None, upn: str | None, hint: str) -> None:
    if bool(learner_id) == bool(upn):
        raise typer.BadParameter("give the learner's id or --upn (one of them)", param_hint=hint)


def _print_json(document: dict[str, Any]) -> None:
    """One JSON document on stdout (plain: no colours, no folding), for scripts and ``jq``."""
    typer.echo(json.dumps(document, indent=2, default=str))


@contextmanager
def _api(ctx: typer.Context) -> Iterator[httpx.Client]:
    """A client holding an access token, for the connection options; API failures exit 3."""
    given: Connection = ctx.obj
    client_id, secret = given.client_id, given.client_secret
    if not client_id or not secret:
        try:
            client_id, secret, organisation = dev_auditor()
        except NoCredentialsError as error:
            terminal(stderr=True).print(f"[red]No auditor's client[/]: {error}")
            raise typer.Exit(USAGE) from error
        terminal(stderr=True).print(
            f"Using {client_id} ({organisation}) from the development credentials"
        )
    try:
        with httpx.Client(base_url=given.url, timeout=TIMEOUT) as client:
            token = fetch_token(client, client_id, secret)
            client.headers["Authorization"] = f"Bearer {token}"
            yield client
    except (ApiError, httpx.HTTPError) as error:
        terminal(stderr=True).print(f"[red]Could not read the API[/]: {error}")
        raise typer.Exit(API_FAILED) from error


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
