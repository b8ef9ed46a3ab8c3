"""``llwybr-audit dead-letters list|replay SERVICE``: an operator's commands, not an auditor's.

Like ``rebuild-projections`` they run where a service's settings are (``LLWYBR_*`` and
``<SERVICE>_*``), on its own store, in embedded mode (where no service has a port of its own)
as in stack mode. The service may keep running meanwhile.
"""

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from gateway import registry
from gateway.cli.audit import API_FAILED, BROKEN
from gateway.cli.presentation import terminal
from llwybr.service import ServiceSpec
from llwybr.settings import ServiceSettings

app = typer.Typer(
    name="dead-letters",
    help=(
        "A service's dead letters (messages its consumers set aside), listed and replayed "
        "where the service's settings are; exit 1 if a replay still fails, 3 if the store "
        "cannot be reached."
    ),
    no_args_is_help=True,
)

Service = Annotated[
    str, typer.Argument(help=f"The service ({', '.join(registry.NAMES)})", show_default=False)
]


def _service(service: str) -> tuple[ServiceSettings, ServiceSpec]:
    if service not in registry.NAMES:
        raise typer.BadParameter(f"not a service: {service}", param_hint="SERVICE")
    descriptor = registry.service(service)
    return descriptor.service_settings(), registry.spec(descriptor)


def _unreachable(service: str, error: Exception) -> typer.Exit:
    terminal(stderr=True).print(
        f"[red]Could not reach the {service} service's store[/]: {type(error).__name__}: {error}"
    )
    return typer.Exit(API_FAILED)


@app.command("list")
def list_letters(
    service: Service,
    consumer: Annotated[
        str | None, typer.Option(help="Only this consumer's, e.g. idp.determinations")
    ] = None,
    before: Annotated[int | None, typer.Option(min=1, help="Older than this id (paging)")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document")] = False,
) -> None:
    """List a service's dead letters, newest first."""
    from eventsourcing.persistence import PersistenceError
    from sqlalchemy.exc import SQLAlchemyError

    from llwybr.operator import list_dead_letters

    settings, spec = _service(service)
    try:
        items = list_dead_letters(settings, spec, consumer=consumer, before=before, limit=limit)
    except (SQLAlchemyError, PersistenceError, OSError) as error:
        raise _unreachable(service, error) from error
    if as_json:
        typer.echo(json.dumps({"items": items}, default=str, indent=2))
        return
    console = terminal()
    if not items:
        console.print(f"The {service} service has no dead letters.")
        return
    console.print(_table(service, items))


def _table(service: str, items: list[dict[str, Any]]) -> Table:
    table = Table(title=f"Dead letters of the {service} service, newest first")
    for heading in ("id", "consumer", "event", "received", "attempts", "replayed", "error"):
        table.add_column(heading, overflow="fold")
    for item in items:
        replayed = item["replay_outcome"] or ("-" if item["replayable"] else "not replayable")
        table.add_row(
            str(item["id"]),
            item["consumer"],
            item["event_type"] or "(unreadable)",
            item["received_at"].isoformat(timespec="seconds"),
            str(item["attempts"] or ""),
            replayed,
            item["error"],
        )
    return table


@app.command("replay")
def replay(
    service: Service,
    letter_id: Annotated[int, typer.Argument(min=1, help="The dead letter's id (from list)")],
    operator: Annotated[
        str, typer.Option(envvar="USER", help="Who replays it (recorded with the effect)")
    ] = "operator",
) -> None:
    """Apply one dead letter again with the consumer's current code (after a fix), once."""
    from eventsourcing.persistence import PersistenceError
    from sqlalchemy.exc import SQLAlchemyError

    from llwybr.consumer import NotReplayableError
    from llwybr.operator import replay_dead_letter

    settings, spec = _service(service)
    console = terminal()
    try:
        event_id, outcome = replay_dead_letter(settings, spec, letter_id, f"operator:{operator}")
    except LookupError as error:
        raise typer.BadParameter(str(error), param_hint="LETTER_ID") from error
    except NotReplayableError as error:
        terminal(stderr=True).print(f"[red]Not replayable[/]: {error}")
        raise typer.Exit(BROKEN) from error
    except (SQLAlchemyError, PersistenceError, OSError) as error:
        raise _unreachable(service, error) from error
    except Exception as error:  # the handler still fails: the letter stays for after a fix
        terminal(stderr=True).print(
            f"[red]The handler still fails[/]: {type(error).__name__}: {error}"
        )
        raise typer.Exit(BROKEN) from error
    console.print(f"Dead letter {letter_id} (event {event_id}): {outcome}")
