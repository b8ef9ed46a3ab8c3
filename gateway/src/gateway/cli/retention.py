"""``llwybr-audit retention run --la la:665``: the automatic shred (issue 23, ADR 0028), an
operator's command (or a daily Kubernetes CronJob's), not an auditor's.

Like ``rebuild-projections`` it runs where the determination service's settings are
(``LLWYBR_*`` and ``DETERMINATION_*``), on the service's own store, through the service's own
erasure (``determination.shred``): the learners of the LA whose personal data has fallen due
on the day and is not on legal hold are erased, each as the LA's manual erasure would be.
"""

import json
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import typer
from rich.table import Table

from gateway import registry
from gateway.cli.audit import API_FAILED
from gateway.cli.presentation import terminal
from llwybr.organisation_ids import LA_ID, la_number

if TYPE_CHECKING:
    from determination.shred import Eraser, ShredRun

app = typer.Typer(
    name="retention",
    help=(
        "The retention schedule applied: erase the personal data of an LA's learners that has "
        "fallen due and is not on legal hold; exit 3 if the store cannot be reached."
    ),
    no_args_is_help=True,
)


@app.command("run")
def run(
    la: Annotated[str, typer.Option("--la", help="The LA, e.g. la:665", show_default=False)],
    on: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="The day to judge (default: today, UTC)"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report only; erase nothing")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The account as JSON")] = False,
    learners: Annotated[
        list[str] | None,
        typer.Option("--learner", help="Only this learner (repeat for more; default: all)"),
    ] = None,
    audit_schema: Annotated[
        str,
        typer.Option(
            envvar="GATEWAY_POSTGRES_SCHEMA",
            help="The gateway's schema, where the access audit is (stack mode)",
        ),
    ] = "gateway",
) -> None:
    """Erase the personal data of the LA's learners due on the day and not on legal hold.

    Each erasure is the manual erasure's (the same event and publication, the learner's key
    destroyed), made by the system for the LA and named so in the access audit (stack mode).
    A learner on legal hold is listed, never erased. Run it again the same day: it erases
    nothing more. Run daily (deploy/k8s/base/retention-cronjob.yaml)."""
    from eventsourcing.persistence import PersistenceError
    from sqlalchemy.exc import SQLAlchemyError

    from determination import shred
    from llwybr.service import prepare_storage

    if not re.match(LA_ID, la):
        raise typer.BadParameter(f"not an LA: {la} (e.g. la:665)", param_hint="--la")
    number = la_number(la)
    day = on.date() if on is not None else datetime.now(UTC).date()
    descriptor = registry.service("determination")
    settings = descriptor.service_settings()
    stack = settings.runtime.mode == "stack"
    try:
        engine, application = prepare_storage(settings, registry.spec(descriptor))
        try:
            done = shred.run(
                engine, cast("Eraser", application), number, day, dry_run=dry_run,
                audit_schema=audit_schema if stack else None, only=learners,
            )  # fmt: skip
        finally:
            application.close()
            engine.dispose()
    except (SQLAlchemyError, PersistenceError, OSError) as error:
        terminal(stderr=True).print(
            f"[red]Could not reach the determination store[/]: {type(error).__name__}: {error}"
        )
        raise typer.Exit(API_FAILED) from error
    if as_json:
        typer.echo(json.dumps(done.as_dict(), indent=2))
        return
    _report(done, day)


def _report(done: "ShredRun", day: date) -> None:
    console = terminal()
    verb = "Would erase" if done.dry_run else "Erased"
    table = Table(title=f"Retention run for la:{done.local_authority} on {day.isoformat()}")
    for heading in ("learner", "schedule", "due on", "outcome"):
        table.add_column(heading, overflow="fold")
    for line in done.erased:
        table.add_row(line.learner_id, line.schedule, str(line.due_on), verb.lower())
    for line in done.held:
        held = f"held ({', '.join(line.legal_holds)})"
        table.add_row(line.learner_id, line.schedule, str(line.due_on), held)
    console.print(table)
    console.print(f"{verb} {len(done.erased)}; on legal hold {len(done.held)}.")
