"""VERP envelope senders: each notice's bounces come back to an address that names it. Pure.

The address is ``<local part>+<notice id>.<mac>@<bounce domain>``: the notice id as 32 hex
digits and an HMAC-SHA256 of it truncated to 80 bits (20 hex digits). Nobody without the key
can make an address that names another notice, so a forged bounce cannot mark another family's
notice undelivered. Lower-case hex only: some mail servers lower-case local parts on the way
back. With the default local part the address's local part is 61 characters (at most 64).
"""

import hashlib
import hmac
import uuid
from collections.abc import Sequence

MAC_HEX_DIGITS = 20


def _mac(key: bytes, notice_id: uuid.UUID) -> str:
    digest = hmac.new(key, b"llwybr-verp:" + notice_id.hex.encode(), hashlib.sha256)
    return digest.hexdigest()[:MAC_HEX_DIGITS]


def bounce_address(local_part: str, domain: str, key: bytes, notice_id: str) -> str:
    """The envelope sender (MAIL FROM) of a message giving ``notice_id``."""
    notice = uuid.UUID(notice_id)
    return f"{local_part}+{notice.hex}.{_mac(key, notice)}@{domain.lower()}"


def notice_of(address: str, local_part: str, domain: str, keys: Sequence[bytes]) -> str | None:
    """The notice a bounce address names, if the address is ours and signed by one of ``keys``
    (the current key or one rotated out); None for any other address."""
    local, at, host = address.strip().strip("<>").rpartition("@")
    if not at or host.lower().rstrip(".") != domain.lower():
        return None
    prefix, plus, token = local.lower().partition("+")
    if not plus or prefix != local_part.lower():
        return None
    hex_id, _, mac = token.partition(".")
    if len(hex_id) != 32 or len(mac) != MAC_HEX_DIGITS:
        return None
    try:
        notice = uuid.UUID(hex=hex_id)
    except ValueError:
        return None
    if any(hmac.compare_digest(mac, _mac(key, notice)) for key in keys):
        return str(notice)
    return None
