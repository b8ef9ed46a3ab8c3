"""Which OAuth client ``llwybr-audit`` uses when none is given: the auditor's in the
development credentials ``make run`` writes (``var/gateway/dev-credentials.json``), so that
the README's commands work on a fresh ``make run`` with nothing to export."""

import json
import os
from pathlib import Path

from gateway.admin import DEV_CREDENTIALS

#: Where ``make run`` writes the development clients' secrets, under the current directory.
DEFAULT_FILE = Path("var") / "gateway" / DEV_CREDENTIALS
ENV = "LLWYBR_DEV_CREDENTIALS"
#: The auditor for Wales first: its jurisdiction is every LA, so any learner of a
#: development stack can be audited; then any other auditor the file holds.
PREFERRED = "auditor:wales"


class NoCredentialsError(Exception):
    """No auditor's client could be found; the message says where was looked."""


def dev_auditor() -> tuple[str, str, str]:
    """(client id, secret, organisation) of the auditor in the development credentials."""
    path = Path(os.environ.get(ENV) or DEFAULT_FILE)
    try:
        entries = json.loads(path.read_bytes())
    except FileNotFoundError as error:
        raise NoCredentialsError(
            f"no client given (--client-id and --client-secret, or LLWYBR_CLIENT_ID and "
            f"LLWYBR_CLIENT_SECRET) and no development credentials at {path} "
            f"(run `make run` here first, or set {ENV})"
        ) from error
    except (OSError, ValueError) as error:
        raise NoCredentialsError(
            f"cannot read the development credentials {path}: {error}"
        ) from error
    auditors = [
        e
        for e in entries if isinstance(entries, list)
        if isinstance(e, dict) and str(e.get("organisation", "")).startswith("auditor:")
        and e.get("client_id") and e.get("client_secret")
    ]  # fmt: skip
    if not auditors:
        raise NoCredentialsError(f"no auditor's client in the development credentials {path}")
    chosen = next((e for e in auditors if e["organisation"] == PREFERRED), auditors[0])
    return str(chosen["client_id"]), str(chosen["client_secret"]), str(chosen["organisation"])
