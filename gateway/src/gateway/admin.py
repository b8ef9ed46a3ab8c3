"""``llwybr-admin clients add|list|rotate|remove``: the gateway's OAuth clients file.

The gateway re-reads the file within a second of a change (``tokens.registry``), so what
this command does takes effect without a restart: a removed client's tokens and a rotated
secret's older tokens are refused at once. The file is replaced in one step (a new file
renamed over it) under a lock, so the gateway never reads half of it and two administrators
never lose each other's change. A new or rotated secret is printed once; only its scrypt hash
is kept. In embedded mode the development credentials file beside it is kept in step.
"""

import contextlib
import fcntl
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from gateway.authz import CLIENT_KINDS, ROLE_SCOPES, SCOPES
from gateway.tokens import hash_secret, load_clients

app = typer.Typer(
    name="llwybr-admin",
    help="Administer Llwybr. Exit codes: 0 done; 1 refused (see the message); 2 wrong usage.",
    no_args_is_help=True,
    add_completion=False,
)
clients = typer.Typer(
    help="The OAuth clients the gateway accepts (its clients file; effective within a "
    "second, no restart).",
    no_args_is_help=True,
)
app.add_typer(clients, name="clients")

#: The development credentials ``make run`` writes beside its clients file.
DEV_CREDENTIALS = "dev-credentials.json"
REFUSED = 1


def _default_file() -> Path:
    return Path(os.environ.get("LLWYBR_VAR_DIR", "var")) / "gateway" / "clients.json"


FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        envvar="GATEWAY_CLIENTS_FILE",
        help="The clients file (default: $LLWYBR_VAR_DIR/gateway/clients.json, as make run uses).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]


def _refuse(message: str) -> typer.Exit:
    typer.echo(f"llwybr-admin: {message}", err=True)
    return typer.Exit(REFUSED)


@contextlib.contextmanager
def _editing(path: Path) -> Iterator[list[dict[str, Any]]]:
    """The file's entries, to change in place; written back (checked, atomically) on exit."""
    if not path.exists():
        raise _refuse(f"{path} does not exist (start the gateway once, or give --file)")
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries: list[dict[str, Any]] = json.loads(path.read_bytes())
        yield entries
        text = json.dumps(entries, indent=2)
        try:
            load_clients(text)  # never write a file the gateway would refuse to load
        except ValueError as error:
            raise _refuse(str(error)) from None
        _replace(path, text)


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w") as file:
        file.write(text + "\n")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def _find(entries: list[dict[str, Any]], client_id: str) -> dict[str, Any]:
    for entry in entries:
        if entry["client_id"] == client_id:
            return entry
    raise _refuse(f"no client {client_id!r}")


def _dev_credentials(path: Path, client_id: str, secret: str | None, organisation: str) -> None:
    """Keep ``make run``'s development credentials in step (an entry per dev client)."""
    credentials_file = path.with_name(DEV_CREDENTIALS)
    if not credentials_file.exists():
        return
    credentials = [
        c for c in json.loads(credentials_file.read_bytes()) if c["client_id"] != client_id
    ]
    if secret is not None:
        credentials.append(
            {"client_id": client_id, "client_secret": secret, "organisation": organisation}
        )
    _replace(credentials_file, json.dumps(credentials, indent=2))


def _issued(client_id: str, secret: str, organisation: str, as_json: bool) -> None:
    if as_json:
        answer = {"client_id": client_id, "client_secret": secret, "organisation": organisation}
        typer.echo(json.dumps(answer))
    else:
        typer.echo(f"client_id:     {client_id}\nclient_secret: {secret}")
        typer.echo("The secret is shown once: keep it now.", err=True)


@clients.command("add")
def add(
    client_id: Annotated[str, typer.Argument(help="The new client's id, e.g. caerdydd-mis")],
    organisation: Annotated[
        str, typer.Option(help="kind:id, e.g. school:6812001, la:681, lhb:7A4")
    ],
    scope: Annotated[
        list[str] | None,
        typer.Option(help="A scope (repeat it); default: every scope of the organisation's kind"),
    ] = None,
    name: Annotated[str, typer.Option(help="Who it is, for people")] = "",
    file: FileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register a client and print its secret (once)."""
    path = file or _default_file()
    kind = organisation.partition(":")[0]
    if kind not in CLIENT_KINDS:
        raise _refuse(f"organisation kind {kind!r} is not one of {', '.join(CLIENT_KINDS)}")
    scopes = sorted(scope or ROLE_SCOPES[kind])
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise _refuse(f"unknown scopes: {', '.join(unknown)}")
    secret = secrets.token_urlsafe(24)
    with _editing(path) as entries:
        if any(e["client_id"] == client_id for e in entries):
            raise _refuse(f"client {client_id!r} exists (rotate its secret, or remove it)")
        entries.append(
            {"client_id": client_id, "secret_hash": hash_secret(secret),
             "organisation": organisation, "scopes": scopes, "name": name or client_id}
        )  # fmt: skip
    _dev_credentials(path, client_id, secret, organisation)
    _issued(client_id, secret, organisation, as_json)


@clients.command("list")
def list_clients(file: FileOption = None, as_json: JsonOption = False) -> None:
    """The registered clients (never their secrets)."""
    path = file or _default_file()
    if not path.exists():
        raise _refuse(f"{path} does not exist (start the gateway once, or give --file)")
    rows = [
        {k: v for k, v in e.items() if k != "secret_hash"} for e in json.loads(path.read_bytes())
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("client id", "organisation", "name", "scopes", "not before")
    for row in rows:
        table.add_row(
            row["client_id"], row["organisation"], row.get("name", ""),
            " ".join(row["scopes"]), row.get("not_before") or "",
        )  # fmt: skip
    Console(width=200 if not os.isatty(1) else None).print(table)


@clients.command("rotate")
def rotate(
    client_id: Annotated[str, typer.Argument()],
    file: FileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Issue a new secret (printed once); tokens issued with the old one are refused."""
    path = file or _default_file()
    secret = secrets.token_urlsafe(24)
    with _editing(path) as entries:
        entry = _find(entries, client_id)
        entry["secret_hash"] = hash_secret(secret)
    _dev_credentials(path, client_id, secret, entry["organisation"])
    _issued(client_id, secret, entry["organisation"], as_json)


@clients.command("remove")
def remove(client_id: Annotated[str, typer.Argument()], file: FileOption = None) -> None:
    """Remove a client; its tokens are refused from the next request."""
    path = file or _default_file()
    with _editing(path) as entries:
        entry = _find(entries, client_id)
        entries.remove(entry)
    _dev_credentials(path, client_id, None, entry["organisation"])
    typer.echo(f"removed {client_id}")
