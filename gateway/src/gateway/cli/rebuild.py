"""``llwybr-audit rebuild-projections SERVICE``: an operator's command, not an auditor's.

It runs the service's own code against the service's own store, where the service's settings
are (``LLWYBR_*`` and ``<SERVICE>_*``: embedded mode's ``var/`` directory, or stack mode's
PostgreSQL schema), not through the public API: read models are the service's, and the public
API has no route that drops them.
"""

from typing import Annotated

import typer

from gateway import registry
from gateway.cli.audit import API_FAILED
from gateway.cli.presentation import terminal


def rebuild_projections(
    service: Annotated[
        str,
        typer.Argument(
            help=f"The service whose read models to rebuild ({', '.join(registry.NAMES)})"
        ),
    ],
) -> None:
    """Rebuild a service's read models (projections) from its event store.

    Runs against the store the service's settings name (LLWYBR_* and <SERVICE>_*, as the
    service itself reads them), not through the public API. Each projection's tables are
    dropped and made again from their current definitions, then every stored event is
    replayed into them. A running service keeps serving meanwhile (its reads see the read
    model filling up again); if the command stops half way, run it again. Exits 3 if the
    store cannot be reached.
    """
    # Imported here: the service's code is needed by this command only.
    from eventsourcing.persistence import PersistenceError
    from sqlalchemy.exc import SQLAlchemyError

    from llwybr.service import rebuild_projections as rebuild

    if service not in registry.NAMES:
        raise typer.BadParameter(f"not a service: {service}", param_hint="SERVICE")
    descriptor = registry.service(service)
    spec = registry.spec(descriptor)
    console = terminal()
    if not spec.projections:
        console.print(f"The {service} service keeps no read models of its own events.")
        return
    settings = descriptor.service_settings()
    where = (
        f"PostgreSQL schema {settings.schema_name}"
        if settings.runtime.mode == "stack"
        else str(settings.data_dir)
    )
    try:
        with console.status(f"Rebuilding {service}'s read models in {where}"):
            applied = rebuild(settings, spec)
    except (SQLAlchemyError, PersistenceError, OSError) as error:
        terminal(stderr=True).print(
            f"[red]Could not rebuild {service}'s read models[/]: {type(error).__name__}: {error}"
        )
        raise typer.Exit(API_FAILED) from error
    for projection in spec.projections:
        tables = ", ".join(t.name for t in projection.tables)
        console.print(
            f"[green]Rebuilt[/] {projection.name} ({tables}): "
            f"{applied[projection.name]} events replayed from {where}"
        )
