"""``llwybr-audit retention run --la la:665``: the automatic shred (issue 23, ADR 0028), an
operator's command (or a daily Kubernetes CronJob's), not an auditor's.

Like ``rebuild-projections`` it runs where the determination service's settings are
(``LLWYBR_*`` and ``DETERMINATION_*``), on the service's own store, through the service's own
erasure (``determination.shred``): the learners of the LA whose personal data has fallen due
on the day and is not on legal hold are erased, each as the LA's manual erasure would be.
"""

import json
import re
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import typer
from rich.table import Table

from gateway import registry, store
from gateway.cli.audit import API_FAILED
from gateway.cli.presentation import terminal
from llwybr.db import create_engine, schema_lock
from llwybr.edge import today_in_wales
from llwybr.organisation_ids import LA_ID, la_number
from llwybr.settings import RuntimeSettings, ServiceSettings

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
        typer.Option(formats=["%Y-%m-%d"], help="The day to judge (default: today in Wales)"),
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
    day = on.date() if on is not None else today_in_wales()
    descriptor = registry.service("determination")
    settings = descriptor.service_settings()
    stack = settings.runtime.mode == "stack"
    try:
        engine, application = prepare_storage(settings, registry.spec(descriptor))
        rows = None if stack or dry_run else EmbeddedAudit(settings.runtime, number)
        try:
            done = shred.run(
                engine, cast("Eraser", application), number, day, dry_run=dry_run,
                audit_schema=audit_schema if stack else None, only=learners,
                ahead=rows.ahead if rows else None,
            )  # fmt: skip
            if rows is not None:
                rows.outcomes(done)
        finally:
            application.close()
            engine.dispose()
            if rows is not None:
                rows.close()
    except (SQLAlchemyError, PersistenceError, OSError) as error:
        terminal(stderr=True).print(
            f"[red]Could not reach the determination store[/]: {type(error).__name__}: {error}"
        )
        raise typer.Exit(API_FAILED) from error
    if as_json:
        typer.echo(json.dumps(done.as_dict(), indent=2))
        return
    _report(done, day)


class EmbeddedAudit:
    """Embedded mode's access-audit rows of a run, in the gateway's own store (its services'
    SQLite files cannot hold the gateway's row in their transaction, ADR 0025): each erasure's
    row written ahead (``forwarded``, 102), then how it ended, as the gateway writes them for
    a manual erasure."""

    def __init__(self, runtime: RuntimeSettings, local_authority: str) -> None:
        own = ServiceSettings(service="gateway", runtime=runtime)
        with schema_lock(own):
            self.engine = create_engine(own)
            store.create_tables(self.engine)
        self.local_authority = local_authority
        self.requests: dict[str, str] = {}

    def _record(self, learner_id: str, outcome: str, status: int, reason: str | None = None) -> (
        store.AccessRecord
    ):  # fmt: skip
        from determination.shred import SYSTEM_CLIENT

        request_id = self.requests.setdefault(learner_id, f"retention-{uuid.uuid4()}")
        la = self.local_authority
        return store.AccessRecord(
            request_id=request_id, client_id=SYSTEM_CLIENT, organisation=f"la:{la}",
            method="POST", path=f"/v1/learners/{learner_id}/erasure", resource_id=learner_id,
            outcome=outcome, status=status, reason=reason,
            jurisdiction=frozenset({la}),
        )  # fmt: skip

    def ahead(self, learner_id: str) -> None:
        from gateway.routing import FORWARDED  # the gateway's word for a row written ahead

        store.record_access(self.engine, self._record(learner_id, FORWARDED, 102))

    def outcomes(self, done: "ShredRun") -> None:
        erased = [self._record(line.learner_id, "granted", 200) for line in done.erased]
        refused = [self._record(line.learner_id, "denied", 409, "legal-hold")
                   for line in done.held if line.learner_id in self.requests]  # fmt: skip
        if erased or refused:
            store.record_accesses(self.engine, [*erased, *refused])

    def close(self) -> None:
        self.engine.dispose()


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
