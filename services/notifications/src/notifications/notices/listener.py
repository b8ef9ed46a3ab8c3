"""The bounce listener: an SMTP server (aiosmtpd) that receives the delivery reports sent back
to the notices' VERP envelope senders, run as a supervised worker of the service.

It accepts mail only for a bounce address that verifies (the bounce domain, a known notice,
a valid signature); anything else is refused with 550 at RCPT, so it is no open relay and no
one can report on another family's notice. (A notice's own recipient has its bounce address
in the Return-Path: ``bounces.receive`` acts on a permanent report only from a null sender
naming that recipient.) A report it cannot store (the database is away) is refused
with 451: the sending server keeps it and tries again, so none is lost.
"""

import asyncio
import logging
from typing import Any

import sqlalchemy as sa
from aiosmtpd.smtp import SMTP, Envelope, Session

from llwybr.blocking import run_blocking
from llwybr.eventstore import ChainedApplication
from notifications.notices import bounces, dsn, verp
from notifications.notices.transport import NOTICE_HEADER
from notifications.settings import BounceSettings, Settings

log = logging.getLogger(__name__)

REFUSED = "550 5.1.1 Not a bounce address of this service"


class BounceHandler:
    """aiosmtpd's handler: checks each recipient, records each report."""

    def __init__(self, engine: sa.Engine, settings: BounceSettings) -> None:
        assert settings.domain is not None
        self._engine = engine
        self._local_part = settings.local_part
        self._domain = settings.domain
        self._keys = settings.keys()

    def _notice(self, address: str) -> str | None:
        return verp.notice_of(address, self._local_part, self._domain, self._keys)

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        notice_id = self._notice(address)
        if notice_id is None:
            log.warning("bounce listener: refused %r from %s", address, session.peer)
            return REFUSED
        try:
            exists = await run_blocking(bounces.known, self._engine, notice_id)
        except Exception:
            log.exception("bounce listener: could not look up notice %s", notice_id)
            return "451 4.3.0 Cannot check the address now; try again later"
        if not exists:
            log.warning("bounce listener: %r names no notice here", address)
            return REFUSED
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or envelope.content
        if not isinstance(raw, bytes):
            raw = str(raw).encode("utf-8", "surrogateescape")
        report = dsn.parse(raw, NOTICE_HEADER)
        sender = str(envelope.mail_from or "")
        try:
            for address in envelope.rcpt_tos:
                notice_id = self._notice(address)
                assert notice_id is not None  # checked at RCPT
                await run_blocking(bounces.receive, self._engine, notice_id, report, raw, sender)
        except Exception:
            log.exception("bounce listener: a delivery report could not be recorded")
            return "451 4.3.0 Could not record the report; try again later"
        return "250 2.0.0 Delivery report recorded"


async def run(settings: Any, engine: sa.Engine, application: ChainedApplication) -> None:
    """The worker loop (a ``WorkerSpec``): serve SMTP on the configured address until
    cancelled."""
    assert isinstance(settings, Settings)
    b = settings.bounces
    assert b.domain is not None
    assert b.listen_port is not None
    handler = BounceHandler(engine, b)

    def protocol() -> SMTP:
        return SMTP(
            handler,
            hostname=b.listen_hostname or b.domain,
            ident="Llwybr bounce listener",
            data_size_limit=b.max_message_bytes,
            enable_SMTPUTF8=True,
            timeout=60,
        )

    server = await asyncio.get_running_loop().create_server(protocol, b.listen_host, b.listen_port)
    log.info("bounce listener on %s:%s for @%s", b.listen_host, b.listen_port, b.domain)
    async with server:
        await server.serve_forever()
