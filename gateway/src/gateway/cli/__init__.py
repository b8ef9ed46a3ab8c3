"""``llwybr-audit``: the auditors' command line, on the public API with a client's token.

Replay a learner's case (as of a moment), verify integrity chains, export a Tribunal bundle
whose signed manifest is checked here, on the auditor's machine, before it is called good, and
verify a bundle offline with the gateway's keys saved beforehand (``audit``); and, for
operators where a service's settings are, rebuild the service's read models from its event
store (``rebuild``), list and replay its dead letters (``dead_letters``), and apply the
retention schedule (``retention run``: the automatic shred, ADR 0028).

The HTTP calls are small functions taking an ``httpx.Client`` (``gateway.cli.api``:
``fetch_timeline``, ``fetch_state``, ``fetch_verification``, ``download_bundle``);
``check_bundle`` (``gateway.cli.manifest``) needs no API.
"""

import typer

from gateway.cli import dead_letters, retention
from gateway.cli.audit import connection, export_bundle, replay, verify, verify_bundle
from gateway.cli.manifest import BundleCheck, check_bundle
from gateway.cli.rebuild import rebuild_projections

__all__ = ["BundleCheck", "app", "check_bundle"]

app = typer.Typer(
    name="llwybr-audit",
    help=(
        "Audit Llwybr case histories through the public API (scope audit:read); "
        "rebuild-projections and dead-letters run where a service's settings are, not through "
        "the API. "
        "Exit codes: 0 good; 1 an integrity chain is broken or a bundle does not match its "
        "manifest; 2 wrong usage; 3 the API could not be reached or refused the request (for "
        "rebuild-projections: the service's store could not be reached)."
    ),
    no_args_is_help=True,
    add_completion=False,
)
app.callback()(connection)
app.command()(replay)
app.command()(verify)
app.command("export-bundle")(export_bundle)
app.command("verify-bundle")(verify_bundle)
app.command("rebuild-projections")(rebuild_projections)
app.add_typer(dead_letters.app)
app.add_typer(retention.app)
