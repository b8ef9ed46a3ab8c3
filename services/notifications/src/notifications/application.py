"""The notifications service layer: commands and queries over its event store."""

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from llwybr.eventstore import ChainedApplication
from notifications.notices.evidence import NoticeRecord, Window


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes for the UTC ones it was given."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class NotificationsService(ChainedApplication):
    """Commands return ids, queries return views.

    Its ``name`` fixes table names and settings prefixes: never change it.
    """

    name = "notifications"

    def record_notice(
        self, row: Mapping[str, Any], reports: Sequence[Mapping[str, Any]] = ()
    ) -> bool:
        """Bring a notice's evidence (``NoticeRecord``) up to the notice's state and its
        delivery ``reports`` (bounces); idempotent, so a crash between the tables and the event
        store is mended by recording again. True if an event was added."""
        notice_id = uuid.UUID(row["notice_id"])
        try:
            record = self.load(notice_id, NoticeRecord)
        except AggregateNotFoundError:
            record = NoticeRecord(
                notice_id=row["notice_id"],
                learner_id=row["learner_id"],
                kind=row["kind"],
                subject_id=row["subject_id"],
                issuer=row["issuer"],
                source_event_id=row["source_event_id"],
                recipient_role=row["recipient_role"],
                recipient_organisation=row["recipient_organisation"],
                copy=row["copy"],
            )
        if row["status"] in ("given", "bounced") and record.given is None:
            address = row["recipient_address"]
            window = None
            if row["window_kind"]:
                window = Window(
                    kind=row["window_kind"],
                    rule_id=row["window_rule"],
                    until=row["window_until"].isoformat(),
                )
            record.give(
                channel=row["channel"],
                address_sha256=hashlib.sha256(address.encode()).hexdigest() if address else None,
                content_sha256=row["content_sha256"],
                message_id=row["message_id"],
                sent_at=aware(row["sent_at"]),
                delivered_at=aware(row["delivered_at"]),
                given_on=row["given_on"],
                window=window,
            )
        recorded = {b["report_id"] for b in record.bounces}
        for report in sorted(reports, key=lambda r: int(r["id"])):
            if report["id"] not in recorded:
                record.bounce(
                    report_id=report["id"],
                    bounce=report["bounce"],
                    status=report["status"],
                    diagnostic=report["diagnostic"],
                    reporting_mta=report["reporting_mta"],
                    received_at=aware(report["received_at"]),
                    message_sha256=report["message_sha256"],
                )
        if row["status"] == "bounced" and row["bounced_at"] is not None:
            record.withdraw(bounced_at=aware(row["bounced_at"]))  # before its escalation
        if row["status"] in ("escalated", "bounced"):
            at = aware(row["escalated_at"])
            if all(e["escalated_at"] != at for e in record.escalations):
                record.escalate(reason=row["escalation_reason"], escalated_at=at)
        if not record.pending_events:
            return False
        self.save_at(None, record)
        return True
