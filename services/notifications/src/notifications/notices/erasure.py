"""A learner's erasure reaches the notices (issue 23, ADR 0023 addendum).

The registry owns the erasure and publishes it (``learner-personal-data-erased``); this
service never decides one. On that event the copies of the learner's personal data kept here
in clear are dropped, and each record keeps its shape and says why ("personal data erased on
DATE under schedule X"):

- every notice about the learner loses its subject line and content (``content_sha256``
  stays: the chained record proves what was given); a notice to the family also loses its
  recipient's name and address, and its escalation reason (which may name them);
- a notice not yet given is never sent: it is recorded as escalated, "not sent: ...", the
  reason its proof of notice carries (the issuing LA erased the data: nobody is told again);
- the delivery attempts lose the family's address, the delivery reports (bounces) the
  recipient, diagnostic and message (their SHA-256 stays);
- the outbox files (embedded mode) of those notices are deleted.

The contacts need nothing here: they are sealed with the learner's key, noise once it is gone.
Idempotent: a redelivered event finds nothing left to drop.
"""

import hashlib
import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from contracts.determination import LearnerPersonalDataErased
from notifications.notices import store
from notifications.notices.model import NoticeKind
from notifications.tables import notice_bounces, notice_deliveries, notices

log = logging.getLogger(__name__)

NOT_SENT = "not sent: "


def erase(conn: sa.Connection, event: LearnerPersonalDataErased, outbox: Path | None) -> int:
    """Drop the learner's personal data from the notices tables and the outbox; the number
    of notices changed."""
    said = event.describe()
    rows = conn.execute(
        sa.select(notices).where(notices.c.learner_id == event.learner_id).with_for_update()
    ).all()
    changed = 0
    for row in rows:
        values = _dropped(row, said)
        if values:
            conn.execute(
                notices.update().where(notices.c.notice_id == row.notice_id).values(**values)
            )
            changed += 1
    ids = [row.notice_id for row in rows]
    family = [row.notice_id for row in rows if row.recipient_organisation is None]
    if family:
        conn.execute(
            notice_deliveries.update()
            .where(
                notice_deliveries.c.notice_id.in_(family), notice_deliveries.c.address.is_not(None)
            )
            .values(address=None, detail=said)
        )
    if ids:
        conn.execute(
            notice_bounces.update()
            .where(notice_bounces.c.notice_id.in_(ids), notice_bounces.c.message != b"")
            .values(envelope_from=None, final_recipient=None, diagnostic=None, subject=None,
                    message=b"")
        )  # fmt: skip
    removed = remove_outbox_files(outbox, ids)
    log.info(
        "learner %s: personal data erased from %d notices and %d outbox files (%s)",
        event.learner_id, changed, removed, said,
    )  # fmt: skip
    return changed


def _dropped(row: Any, said: str) -> dict[str, Any]:
    """What changes on one notice (nothing if it was dropped before)."""
    if row.personal_data_erased is not None:
        return {}
    values: dict[str, Any] = {
        "personal_data_erased": said,
        "subject_line": None,
        "content_html": None,
        "content_text": None,
        # the key named the family's address: kept unique, no longer readable
        "dedup_key": "erased:" + hashlib.sha256(row.dedup_key.encode()).hexdigest(),
    }
    if row.recipient_organisation is None:
        values |= {"recipient_name": None, "recipient_address": None}
        if row.escalation_reason is not None:
            values["escalation_reason"] = said
    if row.kind == NoticeKind.UNDELIVERABLE.value:
        # the facts of a notice saying another could not be given name that one's recipient
        values["facts"] = {**row.facts, "failed_name": None, "reason": said}
    if row.status == store.PENDING:
        values |= {
            "status": store.ESCALATED,
            "escalated_at": store.now(),
            "escalation_reason": NOT_SENT + said,
            "next_attempt_at": None,
            "lease_token": None,
            "lease_until": None,
        }
    return values


def remove_outbox_files(outbox: Path | None, notice_ids: list[str]) -> int:
    """Delete the outbox files (``<notice id>-<n>.eml``) of these notices; how many."""
    if outbox is None or not notice_ids or not outbox.is_dir():
        return 0
    removed = 0
    for notice_id in notice_ids:
        for path in outbox.glob(f"{notice_id}-*"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
