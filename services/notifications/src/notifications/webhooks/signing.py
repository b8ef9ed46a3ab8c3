"""Webhook signatures, and the reference verifier receivers can copy. Pure: no I/O.

Every request carries ``Llwybr-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]``. Each ``v1``
is HMAC-SHA256, keyed with a subscription secret (its UTF-8 bytes), over the ASCII timestamp, a
full stop, and the raw request body: ``f"{t}.{body}"``. While a rotated secret is still in its
grace period the request is signed with both secrets, so a receiver holding either accepts it.
The timestamp is signed too, so a captured request cannot be replayed outside the tolerance.
"""

import hashlib
import hmac
from collections.abc import Sequence

SIGNATURE_HEADER = "Llwybr-Signature"
#: The delivery's id: the same on every retry and redelivery, for the receiver to deduplicate.
ID_HEADER = "webhook-id"
SCHEME = "v1"
#: How far a request's timestamp may be from the receiver's clock (either way).
DEFAULT_TOLERANCE_SECONDS = 300


class SignatureError(Exception):
    """The request is not signed with the secret, is malformed, or is outside the tolerance."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` keyed with ``secret``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secrets: Sequence[str], timestamp: int, body: bytes) -> str:
    """The ``Llwybr-Signature`` value: one ``v1`` per secret (the current one first)."""
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
