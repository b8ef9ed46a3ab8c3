"""Delivery status notifications (RFC 3464 ``multipart/report; report-type=delivery-status``)
read with the standard library's ``email`` package. Pure: bytes in, a ``DeliveryReport`` out.

Per recipient, ``Action: failed`` means the reporting server has given up: the message will
not arrive, whatever the status class (a ``4.4.7`` "delivery time expired" is reported as
failed too), so it is a permanent bounce. ``delayed`` (or a 4.x.x status without an action)
is transient: the server is still trying. ``delivered``, ``relayed`` and ``expanded`` are
positive reports. A message with no readable delivery-status part (a bounce in a non-standard
format, an out-of-office reply) is ``unparsed``: kept for a person to read, never acted on.
"""

import email
import hashlib
import re
from dataclasses import dataclass
from email.message import Message
from email.policy import default
from email.utils import getaddresses
from enum import StrEnum

DIAGNOSTIC_CHARS = 2000
_STATUS = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})\b")
_DELIVERY_STATUS = ("message/delivery-status", "message/global-delivery-status")
_RETURNED_HEADERS = ("text/rfc822-headers", "message/rfc822", "message/global-headers")


class Bounce(StrEnum):
    PERMANENT = "permanent"
    TRANSIENT = "transient"
    DELIVERED = "delivered"
    UNPARSED = "unparsed"


_SEVERITY = {Bounce.DELIVERED: 0, Bounce.TRANSIENT: 1, Bounce.PERMANENT: 2}


@dataclass(frozen=True)
class DeliveryReport:
    """What a report says about the one recipient of a notice."""

    bounce: Bounce
    action: str | None = None
    status: str | None = None  # the enhanced status code, e.g. "5.1.1"
    diagnostic: str | None = None  # e.g. "smtp; 550 5.1.1 <x@example.org>: user unknown"
    final_recipient: str | None = None
    reporting_mta: str | None = None
    remote_mta: str | None = None
    #: the X-Llwybr-Notice header of the returned message, when the report includes it
    returned_notice: str | None = None
    subject: str | None = None
    #: the addresses the report names as its recipient (Delivered-To, X-Original-To, To):
    #: where a forwarded report went when its envelope is lost
    addressed_to: tuple[str, ...] = ()
    #: identifies this report: the same report delivered twice has the same fingerprint
    fingerprint: str = ""


def _text(value: object, limit: int = 400) -> str | None:
    if value is None:
        return None
    flat = " ".join(str(value).split())
    return flat[:limit] or None


def _address(value: object) -> str | None:
    """``rfc822; x@example.org`` -> ``x@example.org``."""
    text = _text(value)
    return text.partition(";")[2].strip() or text if text else None


def enhanced_status(text: str) -> str | None:
    """The enhanced status code (RFC 3463) a status field or SMTP reply starts with."""
    match = _STATUS.match(text)
    return ".".join(match.groups()) if match else None


def _fingerprint(raw: bytes, message: Message) -> str:
    """The report's Message-ID and body: trace headers added on each retransmission
    (Received, Return-Path, Delivered-To) are in the header block and do not count."""
    normalised = raw.replace(b"\r\n", b"\n")
    _, _, body = normalised.partition(b"\n\n")
    identity = str(message.get("Message-ID", "")).strip().encode()
    return hashlib.sha256(identity + b"\n" + body).hexdigest()


def _blocks(part: Message) -> list[Message]:
    """The per-message and per-recipient field groups of a delivery-status part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    text = part.get_payload(decode=True)
    if not isinstance(text, bytes):
        return []
    groups = re.split(rb"\r?\n\s*\r?\n", text.strip())
    return [email.message_from_bytes(g, policy=default) for g in groups if g.strip()]


def _classify(fields: Message) -> Bounce | None:
    action = (_text(fields.get("Action")) or "").lower()
    match = _STATUS.match(str(fields.get("Status", "")))
    status_class = match.group(1) if match else None
    if action == "failed":
        return Bounce.PERMANENT
    if action == "delayed":
        return Bounce.TRANSIENT
    if action in ("delivered", "relayed", "expanded"):
        return Bounce.DELIVERED
    return {"5": Bounce.PERMANENT, "4": Bounce.TRANSIENT, "2": Bounce.DELIVERED}.get(
        status_class or ""
    )


def _returned_notice(message: Message, header: str) -> str | None:
    for part in message.walk():
        if part.get_content_type() not in _RETURNED_HEADERS:
            continue
        payload = part.get_payload()
        returned = payload[0] if isinstance(payload, list) and payload else None
        if returned is None:
            text = part.get_payload(decode=True)
            if isinstance(text, bytes):
                returned = email.message_from_bytes(text, policy=default)
        if isinstance(returned, Message) and returned.get(header):
            return _text(returned.get(header), 64)
    return None


def parse(raw: bytes, notice_header: str = "X-Llwybr-Notice") -> DeliveryReport:
    """Read a message sent to a bounce address as a delivery report; one the ``email``
    package cannot read (a malformed address header raises in it) is kept as unparsed, never
    refused: refusing would make the sending server drop the bounce for good."""
    try:
        return _parse(raw, notice_header)
    except Exception:  # any malformation, whatever the email package raises for it
        return DeliveryReport(Bounce.UNPARSED, fingerprint=hashlib.sha256(raw).hexdigest())


def _parse(raw: bytes, notice_header: str) -> DeliveryReport:
    message = email.message_from_bytes(raw, policy=default)
    subject = _text(message.get("Subject"), 200)
    fingerprint = _fingerprint(raw, message)
    returned = _returned_notice(message, notice_header)
    headers = [
        str(v) for h in ("Delivered-To", "X-Original-To", "To") for v in message.get_all(h, [])
    ]
    addressed = tuple(a for _, a in getaddresses(headers) if a)
    worst: tuple[Bounce, Message] | None = None
    reporting_mta = None
    for part in message.walk():
        if part.get_content_type() not in _DELIVERY_STATUS:
            continue
        blocks = _blocks(part)
        if blocks:
            reporting_mta = _address(blocks[0].get("Reporting-MTA"))
        for fields in blocks[1:]:
            bounce = _classify(fields)
            if bounce is not None and (worst is None or _SEVERITY[bounce] > _SEVERITY[worst[0]]):
                worst = (bounce, fields)
        break
    if worst is None:
        return DeliveryReport(
            Bounce.UNPARSED,
            subject=subject,
            fingerprint=fingerprint,
            returned_notice=returned,
            addressed_to=addressed,
        )
    bounce, fields = worst
    return DeliveryReport(
        bounce,
        action=_text(fields.get("Action"), 32),
        status=enhanced_status(str(fields.get("Status", ""))),
        diagnostic=_text(fields.get("Diagnostic-Code"), DIAGNOSTIC_CHARS),
        final_recipient=_address(fields.get("Final-Recipient")),
        reporting_mta=reporting_mta,
        remote_mta=_address(fields.get("Remote-MTA")),
        returned_notice=returned,
        subject=subject,
        fingerprint=fingerprint,
        addressed_to=addressed,
    )
