"""Webhook signatures, and the reference verifiers receivers can copy. Pure: no I/O.

Every request is signed as Standard Webhooks (https://www.standardwebhooks.com) says, so its
libraries verify it (ADR 0012): ``webhook-id`` (the delivery's id), ``webhook-timestamp``
(unix seconds) and ``webhook-signature: v1,<base64>``, HMAC-SHA256 keyed with the secret's
bytes (``whsec_`` + base64) over ``f"{id}.{timestamp}.{body}"``. While a rotated secret is
still in its grace period the request is signed with both secrets, the signatures separated by
a space, so a receiver holding either accepts it. The id and timestamp are signed too, so a
captured request cannot be replayed outside the tolerance.

Deprecated, still sent for receivers written before: ``Llwybr-Signature: t=<unix
seconds>,v1=<hex>[,v1=<hex>]``, HMAC-SHA256 keyed with the secret's UTF-8 bytes over
``f"{t}.{body}"``.
"""

import base64
import binascii
import hashlib
import hmac
import secrets as random
from collections.abc import Mapping, Sequence

#: Deprecated (issue 20): the Standard Webhooks headers replace it.
SIGNATURE_HEADER = "Llwybr-Signature"
#: The delivery's id: the same on every retry and redelivery, for the receiver to deduplicate.
ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
STANDARD_SIGNATURE_HEADER = "webhook-signature"
SCHEME = "v1"
SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
#: How far a request's timestamp may be from the receiver's clock (either way).
DEFAULT_TOLERANCE_SECONDS = 300


class SignatureError(Exception):
    """The request is not signed with the secret, is malformed, or is outside the tolerance."""


def new_secret() -> str:
    """A subscription secret as Standard Webhooks' libraries take it: ``whsec_`` + base64 of
    32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(random.token_bytes(32)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key of a secret: the bytes a ``whsec_`` secret encodes; a secret issued before
    (not ``whsec_``) keys with its UTF-8 bytes, as ``Webhook(secret.encode())`` takes them."""
    if secret.startswith(SECRET_PREFIX):
        try:
            return base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
        except binascii.Error:
            pass  # not base64 after all: keyed as text, like any other secret
    return secret.encode("utf-8")


def standard_signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of f"{message_id}.{timestamp}.{body}">``."""
    message = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), message, hashlib.sha256).digest()
    return f"{SCHEME},{base64.b64encode(digest).decode('ascii')}"


def signed_headers(
    secrets: Sequence[str], message_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The headers that sign a request: Standard Webhooks' three, and the deprecated
    ``Llwybr-Signature``; one signature per secret (the current one first)."""
    if not secrets:
        raise ValueError("a webhook is signed with at least one secret")
    return {
        ID_HEADER: message_id,
        TIMESTAMP_HEADER: str(timestamp),
        STANDARD_SIGNATURE_HEADER: " ".join(
            standard_signature(s, message_id, timestamp, body) for s in secrets
        ),
        SIGNATURE_HEADER: signature_header(secrets, timestamp, body),
    }


def verify_standard(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    now: int,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> int:
    """Check a received request's Standard Webhooks headers (names in any case); returns its
    timestamp, or raises ``SignatureError``. ``body`` must be the raw bytes received."""
    lower = {k.lower(): v for k, v in headers.items()}
    message_id = lower.get(ID_HEADER)
    stamp = lower.get(TIMESTAMP_HEADER, "")
    given = lower.get(STANDARD_SIGNATURE_HEADER)
    if not message_id or not given or not stamp.isdigit():
        raise SignatureError("webhook-id, webhook-timestamp and webhook-signature are required")
    timestamp = int(stamp)
    if abs(now - timestamp) > tolerance:
        raise SignatureError(f"timestamp {timestamp} is more than {tolerance} s from now ({now})")
    expected = standard_signature(secret, message_id, timestamp, body).encode()
    matches = [hmac.compare_digest(expected, candidate.encode()) for candidate in given.split()]
    if not any(matches):
        raise SignatureError("no signature matches this secret")
    return timestamp


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` keyed with ``secret``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secrets: Sequence[str], timestamp: int, body: bytes) -> str:
    """The deprecated ``Llwybr-Signature`` value: one ``v1`` per secret (the current one
    first)."""
    if not secrets:
        raise ValueError("a webhook is signed with at least one secret")
    signatures = (f"{SCHEME}={signature(s, timestamp, body)}" for s in secrets)
    return ",".join((f"t={timestamp}", *signatures))


def verify(
    secret: str,
    header: str,
    body: bytes,
    now: int,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> int:
    """Check a received request; returns its timestamp, or raises ``SignatureError``.

    ``body`` must be the raw bytes received (not re-serialised JSON); ``now`` is the
    receiver's clock in unix seconds. Any one matching ``v1`` is enough.
    """
    timestamp, given = _parse(header)
    if abs(now - timestamp) > tolerance:
        raise SignatureError(f"timestamp {timestamp} is more than {tolerance} s from now ({now})")
    expected = signature(secret, timestamp, body)
    # compare_digest on every candidate: the time taken never tells how much of one matched.
    matches = [hmac.compare_digest(expected, candidate) for candidate in given]
    if not any(matches):
        raise SignatureError("no signature matches this secret")
    return timestamp


def _parse(header: str) -> tuple[int, list[str]]:
    timestamps: list[str] = []
    given: list[str] = []
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            raise SignatureError(f"malformed signature header item {item!r}")
        if key == "t":
            timestamps.append(value)
        elif key == SCHEME:
            given.append(value)
        # Other schemes are ignored, so a later scheme can be added beside v1.
    if len(timestamps) != 1 or not timestamps[0].isdigit():
        raise SignatureError("the signature header needs exactly one numeric t=")
    if not given:
        raise SignatureError(f"the signature header has no {SCHEME}= signature")
    return int(timestamps[0]), given
