"""Confidential OAuth2 clients: their secrets (scrypt hashes) and the clients file."""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

# scrypt at n=2**14, r=8 costs 16 MiB and tens of milliseconds: cheap per request, dear per guess.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SCRYPT_MAXMEM = 64 * 1024 * 1024
_HASH_FORMAT = re.compile(
    r"scrypt\$([0-9]{1,7})\$([0-9]{1,2})\$([0-9]{1,2})\$([A-Za-z0-9+/]{22,})\$([A-Za-z0-9+/]{22,})"
)


def hash_secret(secret: str) -> str:
    """Hash a client secret as ``scrypt$n$r$p$salt$hash`` (base64 without padding)."""
    salt = secrets.token_bytes(16)
    n, r, p = _SCRYPT_N, _SCRYPT_R, _SCRYPT_P
    digest = hashlib.scrypt(
        secret.encode(), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=32
    )
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_secret(secret: str, hashed: str) -> bool:
    """Whether ``secret`` matches ``hashed``, compared in constant time; False if malformed."""
    parsed = _parse_hash(hashed)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    try:
        actual = hashlib.scrypt(
            secret.encode(), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=len(expected)
        )
    except ValueError:  # also UnicodeEncodeError, for a secret with lone surrogates
        return False
    return hmac.compare_digest(actual, expected)


def _parse_hash(hashed: str) -> tuple[int, int, int, bytes, bytes] | None:
    match = _HASH_FORMAT.fullmatch(hashed)
    if match is None:
        return None
    n, r, p = (int(group) for group in match.group(1, 2, 3))
    try:
        salt, digest = _unb64(match[4]), _unb64(match[5])
    except ValueError:
        return None
    # A hand-edited clients file must not make one login ask scrypt for gigabytes.
    sane = n >= 2 and n & (n - 1) == 0 and r >= 1 and p >= 1 and 128 * n * r * p <= 2**25
    return (n, r, p, salt, digest) if sane and 16 <= len(digest) <= 64 else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


@dataclass(frozen=True)
class ClientRecord:
    """A confidential OAuth2 client and what it may do."""

    client_id: str
    secret_hash: str
    organisation: str
    scopes: tuple[str, ...]
    name: str = ""
    #: Tokens issued (``iat``) before this Unix time are refused: a revocation that also
    #: reaches an external identity provider's tokens for this client id.
    not_before: int | None = None

    @cached_property
    def generation(self) -> str:
        """Which secret this client has: changes whenever its secret hash does. The gateway's
        own tokens carry it (claim ``gen``), so a rotated secret retires every older token."""
        return hashlib.sha256(self.secret_hash.encode()).hexdigest()[:16]


# RFC 6749 scope-token characters; unreserved URI characters for ids, so HTTP Basic needs no
# percent-encoding; organisations are "kind:id" (school:6652001, la:665, lhb:7A1).
_ScopeToken = Annotated[str, StringConstraints(pattern=r"^[\x21\x23-\x5b\x5d-\x7e]+$")]


class _ClientEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    client_id: str = Field(pattern=r"^[A-Za-z0-9._~-]+$")
    secret_hash: str
    organisation: str = Field(pattern=r"^[a-z][a-z_-]*:[A-Za-z0-9._-]+$")
    scopes: list[_ScopeToken] = Field(min_length=1)
    name: str = ""
    not_before: AwareDatetime | None = None


_CLIENT_LIST = TypeAdapter(list[_ClientEntry])


def load_clients(data: str | bytes) -> dict[str, ClientRecord]:
    """Parse a JSON list of clients, keyed by client id; ValueError says what is wrong."""
    try:
        entries = _CLIENT_LIST.validate_json(data)
    except ValidationError as error:
        # Built from locations and messages only: the input may hold a secret pasted by mistake.
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc']) or 'document'}: {e['msg']}"
            for e in error.errors(include_input=False, include_url=False)
        )
        raise ValueError(f"invalid clients document: {problems}") from None
    clients: dict[str, ClientRecord] = {}
    for index, entry in enumerate(entries):
        if entry.client_id in clients:
            raise ValueError(f"invalid clients document: {index}: duplicate client_id")
        if _parse_hash(entry.secret_hash) is None:
            raise ValueError(
                f"invalid clients document: {index}.secret_hash: not a hash_secret() value"
            )
        clients[entry.client_id] = ClientRecord(
            client_id=entry.client_id,
            secret_hash=entry.secret_hash,
            organisation=entry.organisation,
            scopes=tuple(dict.fromkeys(entry.scopes)),
            name=entry.name,
            not_before=None if entry.not_before is None else int(entry.not_before.timestamp()),
        )
    return clients
