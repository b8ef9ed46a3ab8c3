"""Delivery reports (bounces) for notices: each one kept, a permanent one escalated once.

A notice counts as given the day its email is sent (docs/domain.md section 3), and the sender
records it so when the receiving server accepts it. A permanent bounce that comes back later
is evidence that the notice never arrived: the notice becomes ``bounced`` (no longer counted
as given: no time limit it stated runs from it), the body that gave it is told exactly as for
a notice refused outright, and the person acting gives it another way or sends it again, which
makes a new notice with its own date (ADR 0014).
"""

import hashlib
import logging
from typing import Any

import sqlalchemy as sa

from notifications.notices import store
from notifications.notices.dsn import Bounce, DeliveryReport
from notifications.tables import notice_bounces, notices

log = logging.getLogger(__name__)


def known(engine: sa.Engine, notice_id: str) -> bool:
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(notices.c.notice_id).where(notices.c.notice_id == notice_id)
        ).first()
    return found is not None


def _reason(row: sa.Row[Any], report: DeliveryReport) -> str:
    said = report.diagnostic or report.action or "no diagnostic"
    reason = f"bounced ({report.status or 'no status'}): {said}. Sent on {row.given_on}"
    reason += " but never received: it does not count as given"
    if row.window_until is not None:
        reason += f", and the time limit it stated (until {row.window_until}) does not run from it"
    return reason


def _from_the_recipients_server(
    row: sa.Row[Any], report: DeliveryReport, envelope_from: str
) -> bool:
    """Whether a report can stop a notice counting as given. The bounce address is in every
    delivered message's Return-Path, so its recipient (or anyone it is forwarded to) could
    mail a report to it: a real one comes with a null sender (RFC 5321 4.5.5) and names the
    notice's own recipient as its final recipient."""
    final = (report.final_recipient or "").strip().lower()
    null_sender = envelope_from.strip() in ("", "<>")
    return null_sender and final == (row.recipient_address or "").strip().lower() != ""


def receive(
    engine: sa.Engine, notice_id: str, report: DeliveryReport, raw: bytes, envelope_from: str
) -> bool:
    """Record a delivery report for a notice, escalating a permanent bounce of a given notice.

    False if this same report was recorded before (a retransmission changes nothing).
    """
    at = store.now()
    with engine.begin() as conn:
        # the notice's row lock orders two reports arriving at once: one escalation only
        row = conn.execute(
            sa.select(notices).where(notices.c.notice_id == notice_id).with_for_update()
        ).first()
        if row is None:
            raise LookupError(f"no notice {notice_id}")
        inserted = conn.execute(
            store.insert_into(conn, notice_bounces)
            .values(
                notice_id=notice_id,
                fingerprint=report.fingerprint,
                received_at=at,
                envelope_from=envelope_from[:320] or None,
                bounce=report.bounce.value,
                action=report.action,
                status=report.status,
                diagnostic=report.diagnostic,
                final_recipient=report.final_recipient,
                reporting_mta=report.reporting_mta,
                remote_mta=report.remote_mta,
                subject=report.subject,
                message_sha256=hashlib.sha256(raw).hexdigest(),
                message=raw,
                evidence_recorded=False,
            )
            .on_conflict_do_nothing(index_elements=["notice_id", "fingerprint"])
            .returning(notice_bounces.c.id)
        ).first()
        if inserted is None:
            log.info("notice %s: a delivery report received again; ignored", notice_id)
            return False
        if report.returned_notice not in (None, notice_id):
            log.warning(
                "notice %s: the report returns notice %s; recorded against the address's",
                notice_id,
                report.returned_notice,
            )
        genuine = _from_the_recipients_server(row, report, envelope_from)
        if report.bounce is Bounce.PERMANENT and not genuine:
            log.warning(
                "notice %s: a permanent report not sent as a bounce of its recipient's mail "
                "(sender %r, final recipient %r); kept, not acted on",
                notice_id,
                envelope_from,
                report.final_recipient,
            )
        elif report.bounce is Bounce.PERMANENT and row.status == store.GIVEN:
            values = {
                "bounced_at": at,
                "bounce_status": report.status,
                "bounce_diagnostic": report.diagnostic,
            }
            conn.execute(notices.update().where(notices.c.notice_id == notice_id).values(values))
            store.escalate(conn, notice_id, _reason(row, report), store.BOUNCED)
        elif report.bounce is Bounce.UNPARSED:
            log.warning(
                "notice %s: a message to its bounce address is not a delivery report (%r); "
                "kept for a person to read",
                notice_id,
                report.subject,
            )
        else:
            log.info(
                "notice %s (%s): %s delivery report %s %s",
                notice_id,
                row.status,
                report.bounce.value,
                report.status,
                report.diagnostic,
            )
    return True
