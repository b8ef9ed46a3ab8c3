"""Delivery channels: email over SMTP (aiosmtplib), or .eml files in an outbox directory.

Every attempt ends in an ``Outcome``: accepted, a temporary failure (retried with back-off) or a
permanent one (a 5xx reply: escalated). An SMTP "accepted" is the receiving server's 250 after
the message data. Bounces mailed back later go to the envelope sender (a VERP address naming
the notice, when a bounce domain is set) and are read by ``listener``.
"""

import asyncio
import os
import uuid
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Protocol

import aiosmtplib

from notifications.notices.rendering import Rendered
from notifications.settings import Settings

NOTICE_HEADER = "X-Llwybr-Notice"


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    permanent: bool
    code: int | None
    detail: str


def email_message(
    sender: str, name: str | None, address: str, rendered: Rendered, notice_id: str, languages: str
) -> EmailMessage:
    """The notice as an email: the rendered HTML with its plain-text part."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((name or "", address))
    message["Subject"] = rendered.subject
    domain = parseaddr(sender)[1].rpartition("@")[2] or "llwybr.invalid"
    message["Message-ID"] = make_msgid(idstring=notice_id, domain=domain)
    message["Date"] = formatdate(usegmt=True)
    message[NOTICE_HEADER] = notice_id
    # an automatic message (RFC 3834): no vacation replies or loops back to the bounce address
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "OOF, AutoReply"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    # after the content: setting it clears Content-* headers
    message["Content-Language"] = ", ".join(languages.split("+"))
    return message


def valid_address(address: str) -> bool:
    """Whether ``address`` is one email address (what the registry accepts)."""
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError):
        return False
    return bool(parsed.username and "." in parsed.domain)


class Transport(Protocol):
    channel: str

    async def send(self, message: EmailMessage, envelope_from: str | None = None) -> Outcome:
        """Send ``message``; ``envelope_from`` is the MAIL FROM (where bounces go), by
        default the From address."""
        ...


class SmtpTransport:
    """Email through the configured SMTP server (``NOTIFICATIONS_SMTP_*``)."""

    channel = "email"

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def send(self, message: EmailMessage, envelope_from: str | None = None) -> Outcome:
        s = self._settings
        try:
            _, response = await aiosmtplib.send(
                message,
                sender=envelope_from,
                hostname=s.smtp_host,
                port=s.smtp_port,
                start_tls=s.smtp_starttls,
                username=s.smtp_username,
                password=s.smtp_password.get_secret_value() if s.smtp_password else None,
                timeout=s.smtp_timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as error:
            codes = [r.code for r in error.recipients]
            detail = "; ".join(r.message for r in error.recipients)
            return Outcome(False, all(500 <= c < 600 for c in codes), min(codes), detail)
        except aiosmtplib.SMTPResponseException as error:
            return Outcome(False, 500 <= error.code < 600, error.code, error.message)
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            return Outcome(False, False, None, f"{type(error).__name__}: {error}")
        return Outcome(True, False, 250, response)


class FileTransport:
    """Each message written as ``<outbox>/<notice id>-<n>.eml``: for running without a mail
    server (embedded mode). The file written is the delivery."""

    channel = "file"

    def __init__(self, outbox: Path) -> None:
        self._outbox = outbox

    async def send(self, message: EmailMessage, envelope_from: str | None = None) -> Outcome:
        try:
            path = await asyncio.to_thread(self._write, message)
        except OSError as error:
            return Outcome(False, False, None, f"could not write to the outbox: {error}")
        return Outcome(True, False, None, f"written to {path}")

    def _write(self, message: EmailMessage) -> Path:
        self._outbox.mkdir(parents=True, exist_ok=True)
        notice_id = str(message[NOTICE_HEADER])
        path = self._outbox / f"{notice_id}-{uuid.uuid4().hex[:8]}.eml"
        partial = path.with_suffix(".part")
        partial.write_bytes(message.as_bytes())
        os.replace(partial, path)  # whole files only: a reader never sees half a message
        return path


def transport_for(settings: Settings) -> Transport:
    if settings.transport == "smtp":
        return SmtpTransport(settings)
    return FileTransport(settings.outbox)
