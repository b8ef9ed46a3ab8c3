"""The verified caller, as the gateway tells the services in a signed internal header.

The gateway validates the access token and forwards who the caller is; each service checks the
HMAC signature with the shared internal secret and refuses requests without a valid one, so a
service port reached directly is useless.

A command the client may repeat (a POST with ``Idempotency-Key``) also carries its command key
(``llwybr.command_keys``) in a header of its own, covered by the same signature: a key cannot be
added to, removed from or moved between signed requests.
"""

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

PRINCIPAL_HEADER = "x-llwybr-principal"
SIGNATURE_HEADER = "x-llwybr-principal-signature"
COMMAND_KEY_HEADER = "x-llwybr-command-key"
#: A change's access-audit row, which the service records with the change (ADR 0025).
AUDIT_HEADER = "x-llwybr-audit"
_COMMAND_KEY = re.compile(r"^[0-9a-f]{64}$")

#: Organisation kinds, the part before the colon of an organisation id ("school:6652001").
KINDS = frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor", "system"})


class PrincipalError(Exception):
    """The internal principal header is missing, malformed, badly signed or too old."""


@dataclass(frozen=True)
class Principal:
    subject: str  # the OAuth client id
    organisation: str  # "school:6652001", "la:665", "lhb:7A1", "auditor:665", ...
    scopes: frozenset[str]

    @property
    def kind(self) -> str:
        return self.organisation.partition(":")[0]

    @property
    def org_id(self) -> str:
        return self.organisation.partition(":")[2]

    @property
    def actor(self) -> str:
        """How the principal is named in stored events."""
        return f"{self.subject}@{self.organisation}"

    def as_json(self) -> str:
        return json.dumps(
            {"sub": self.subject, "org": self.organisation, "scopes": sorted(self.scopes)},
            separators=(",", ":"),
        )


def _signature(
    secret: bytes, timestamp: int, payload: str, command_key: str | None, audit: str | None
) -> str:
    signed = (
        f"{timestamp}.{payload}" if command_key is None else f"{timestamp}.{payload}.{command_key}"
    )
    if audit is not None:
        signed += f".audit.{audit}"
    return hmac.new(secret, signed.encode(), hashlib.sha256).hexdigest()


def sign_principal(
    principal: Principal,
    secret: bytes,
    now: int,
    command_key: str | None = None,
    audit: str | None = None,
) -> dict[str, str]:
    """The headers that carry ``principal`` (and the command key and the access-audit row of
    a change, if any) to a service."""
    if command_key is not None and not _COMMAND_KEY.match(command_key):
        raise ValueError("a command key is 64 lower-case hex digits")
    payload = base64.urlsafe_b64encode(principal.as_json().encode()).decode()
    headers = {
        PRINCIPAL_HEADER: payload,
        SIGNATURE_HEADER: f"t={now},v1={_signature(secret, now, payload, command_key, audit)}",
    }
    if command_key is not None:
        headers[COMMAND_KEY_HEADER] = command_key
    if audit is not None:
        headers[AUDIT_HEADER] = audit
    return headers


def verify_principal(
    headers: Mapping[str, str], secret: bytes, now: int, max_age: int = 120
) -> Principal:
    """The principal the headers carry; PrincipalError if they are not the gateway's."""
    payload = headers.get(PRINCIPAL_HEADER)
    signature = headers.get(SIGNATURE_HEADER)
    if not payload or not signature:
        raise PrincipalError("no internal principal: requests reach services through the gateway")
    try:
        parts = dict(item.split("=", 1) for item in signature.split(","))
        timestamp, given = int(parts["t"]), parts["v1"]
    except (ValueError, KeyError):
        raise PrincipalError("malformed principal signature") from None
    if abs(now - timestamp) > max_age:
        raise PrincipalError("principal signature too old")
    command_key = headers.get(COMMAND_KEY_HEADER)
    if command_key is not None and not _COMMAND_KEY.match(command_key):
        raise PrincipalError("malformed command key")
    audit = headers.get(AUDIT_HEADER)
    expected = _signature(secret, timestamp, payload, command_key, audit)
    if not hmac.compare_digest(given, expected):
        raise PrincipalError("principal signature does not match")
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
        principal = Principal(str(data["sub"]), str(data["org"]), frozenset(data["scopes"]))
    except (ValueError, KeyError, TypeError):
        raise PrincipalError("malformed principal") from None
    if principal.kind not in KINDS:
        raise PrincipalError(f"unknown organisation kind {principal.kind!r}")
    return principal
