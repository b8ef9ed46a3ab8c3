"""The delivery worker: claims notices due for an attempt, renders them as of the day they are
given, sends them, and records each attempt's outcome and the proof of notice.

A claim is a lease (a token and an expiry, set in a short transaction with ``SKIP LOCKED``), so
replicas share the work, a crashed worker's notices are retried when the lease runs out, and
no transaction stays open while a mail server answers. The outcome is stored only by the lease
holder (compare-and-set on the token).
"""

import asyncio
import logging
import random
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from llwybr.blocking import run_blocking
from llwybr.eventstore import ChainedApplication
from llwybr.personal_data.bound import vault_of
from llwybr.personal_data.fields import LearnerErasedError
from notifications.application import NotificationsService
from notifications.notices import dsn, personal, store, verp
from notifications.notices.erasure import NOT_SENT
from notifications.notices.model import Language, NoticeKind, Role
from notifications.notices.rendering import Rendered, render
from notifications.notices.transport import Outcome, Transport, email_message, transport_for
from notifications.notices.windows import Window, windows_for
from notifications.settings import Settings
from notifications.tables import (
    REPORT_COLUMNS,
    contact_learners,
    notice_bounces,
    notice_deliveries,
    notices,
)

log = logging.getLogger(__name__)

ORGANISATION_KINDS = ("school:", "fei:", "la:", "lhb:", "nhs:", "tribunal:")


@dataclass(frozen=True)
class Prepared:
    rendered: Rendered
    given_on: date
    window: Window | None


def _organisations_in(value: Any) -> Iterator[str]:
    """Every organisation id a notice's facts mention (to name them in the notice)."""
    if isinstance(value, str) and value.startswith(ORGANISATION_KINDS):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _organisations_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _organisations_in(item)


def claim(engine: sa.Engine, settings: Settings) -> list[dict[str, Any]]:
    """Lease the notices due for an attempt."""
    at = store.now()
    lease = timedelta(seconds=settings.smtp_timeout_seconds * 2 + 30)
    token = str(uuid.uuid4())
    with engine.begin() as conn:
        due = (
            conn.execute(
                sa.select(notices.c.notice_id)
                .where(
                    notices.c.status == store.PENDING,
                    notices.c.next_attempt_at <= at,
                    sa.or_(notices.c.lease_until.is_(None), notices.c.lease_until < at),
                )
                .order_by(notices.c.next_attempt_at)
                .limit(settings.delivery_batch_size)
                .with_for_update(skip_locked=True)
            )
            .scalars()
            .all()
        )
        if not due:
            return []
        conn.execute(
            notices.update()
            .where(notices.c.notice_id.in_(due))
            .values(lease_token=token, lease_until=at + lease)
        )
        rows = conn.execute(sa.select(notices).where(notices.c.notice_id.in_(due))).all()
    return [dict(r._mapping) for r in rows]


def prepare(engine: sa.Engine, row: Mapping[str, Any], given_on: date) -> Prepared:
    """The notice rendered as given today, with the window it opens for its recipient."""
    kind = NoticeKind(row["kind"])
    with engine.connect() as conn:
        _, local_authority = store.learner(conn, row["learner_id"])
        learner_name = _learner_name(conn, row["learner_id"])
        stated = window = None
        if not row["copy"]:
            stated, window = windows_for(
                kind, row["facts"], given_on, store.rule_table(conn), Role(row["recipient_role"])
            )
        mentioned = {row["issuer"], local_authority or "", *_organisations_in(row["facts"])}
        organisations = store.organisations(conn, mentioned)
        facts = personal.opened(conn, row["facts"])  # the quoted reasons, only to render
    context = {
        "facts": facts,
        "recipient_name": row["recipient_name"],
        "recipient_role": row["recipient_role"],
        "copy": row["copy"],
        "learner_name": learner_name,
        "learner_id": row["learner_id"],
        "issuer": row["issuer"],
        "local_authority": local_authority,
        "given_on": given_on,
        "window": stated,
        "notice_id": row["notice_id"],
    }
    rendered = render(kind, Language(row["language"]), context, organisations)
    return Prepared(rendered, given_on, window)


def _learner_name(conn: sa.Connection, learner_id: str) -> str | None:
    """The learner's name as the contacts give it; none once their data is erased (the
    notice then names them by reference, as when no name was registered)."""
    sealed = conn.execute(
        sa.select(contact_learners.c.learner_name).where(
            contact_learners.c.learner_id == learner_id
        )
    ).scalar()
    try:
        return personal.reveal(conn, learner_id, personal.LEARNER_NAME, sealed)
    except LearnerErasedError:
        return None


def _backoff(settings: Settings, attempts: int) -> timedelta:
    delay = min(settings.retry_max_seconds, settings.retry_base_seconds * 2 ** (attempts - 1))
    return timedelta(
        seconds=delay * random.uniform(0.8, 1.2)
    )  # jitter: replicas do not retry in step


def record(
    engine: sa.Engine,
    row: Mapping[str, Any],
    prepared: Prepared,
    outcome: Outcome,
    channel: str,
    started: datetime,
    settings: Settings,
) -> None:
    """Store the attempt and its consequence, if this worker still holds the lease."""
    finished = store.now()
    attempts = row["attempts"] + 1
    rendered = prepared.rendered
    held = (notices.c.notice_id == row["notice_id"]) & (notices.c.lease_token == row["lease_token"])
    with engine.begin() as conn:
        current = conn.execute(sa.select(notices).where(held).with_for_update()).first()
        if current is None:
            log.warning("notice %s: lease lost before the outcome was stored", row["notice_id"])
            return
        conn.execute(
            notice_deliveries.insert().values(
                notice_id=row["notice_id"],
                attempt=attempts,
                channel=channel,
                address=row["recipient_address"],
                started_at=started,
                finished_at=finished,
                outcome="accepted"
                if outcome.accepted
                else ("permanent_failure" if outcome.permanent else "temporary_failure"),
                smtp_code=outcome.code,
                detail=outcome.detail[:2000],
                content_sha256=rendered.sha256,
            )
        )
        if outcome.accepted:
            window = prepared.window
            conn.execute(
                notices.update()
                .where(held)
                .values(
                    status=store.GIVEN,
                    attempts=attempts,
                    channel=channel,
                    subject_line=rendered.subject[:400],
                    content_html=rendered.html,
                    content_text=rendered.text,
                    content_sha256=rendered.sha256,
                    message_id=None if channel == "file" else row.get("message_id"),
                    sent_at=started,
                    delivered_at=finished,
                    given_on=prepared.given_on,
                    window_kind=window.kind.value if window else None,
                    window_rule=window.rule_id if window else None,
                    window_until=window.until if window else None,
                    window_explanation=window.explanation if window else None,
                    lease_token=None,
                    lease_until=None,
                    next_attempt_at=None,
                )
            )
            return
        values: dict[str, Any] = {"attempts": attempts, "channel": channel}
        if outcome.permanent:
            # refused at once: the same record as a permanent bounce mailed back later
            values["bounced_at"] = finished
            values["bounce_status"] = dsn.enhanced_status(outcome.detail)
            values["bounce_diagnostic"] = f"smtp; {outcome.code} {outcome.detail}"[:2000]
        conn.execute(notices.update().where(held).values(**values))
        if outcome.permanent or attempts >= settings.delivery_max_attempts:
            why = "rejected" if outcome.permanent else f"not accepted after {attempts} attempts"
            detail = f"{outcome.code} {outcome.detail}" if outcome.code else outcome.detail
            store.escalate(conn, row["notice_id"], f"{why}: {detail}")
        else:
            conn.execute(
                notices.update()
                .where(held)
                .values(
                    next_attempt_at=finished + _backoff(settings, attempts),
                    lease_token=None,
                    lease_until=None,
                )
            )


def give_outside(
    engine: sa.Engine, row: Mapping[str, Any], channel: str, given_on: date
) -> sa.Row[Any] | None:
    """An escalated notice the issuing body gave itself (by hand or post) on ``given_on``:
    rendered as given that day, with the window it opens from that day, and recorded as
    given (the proof follows as for any notice). None if it is no longer escalated."""
    prepared = prepare(engine, row, given_on)
    rendered, window, at = prepared.rendered, prepared.window, store.now()
    still = (notices.c.notice_id == row["notice_id"]) & (notices.c.status == store.ESCALATED)
    with engine.begin() as conn:
        changed = conn.execute(
            notices.update()
            .where(still, notices.c.given_on.is_(None))
            .values(
                status=store.GIVEN, channel=channel, subject_line=rendered.subject[:400],
                content_html=rendered.html, content_text=rendered.text,
                content_sha256=rendered.sha256, sent_at=at, delivered_at=at, given_on=given_on,
                window_kind=window.kind.value if window else None,
                window_rule=window.rule_id if window else None,
                window_until=window.until if window else None,
                window_explanation=window.explanation if window else None,
                next_attempt_at=None, lease_token=None, lease_until=None,
            )
        )  # fmt: skip
        return store.notice(conn, row["notice_id"]) if changed.rowcount else None


def fail(
    engine: sa.Engine, row: Mapping[str, Any], reason: str, *, tell_issuer: bool = True
) -> None:
    """Escalate a leased notice that cannot be attempted at all."""
    held = (notices.c.notice_id == row["notice_id"]) & (notices.c.lease_token == row["lease_token"])
    with engine.begin() as conn:
        if conn.execute(sa.select(notices.c.notice_id).where(held).with_for_update()).first():
            store.escalate(conn, row["notice_id"], reason, tell_issuer=tell_issuer)


def erased(engine: sa.Engine, learner_id: str) -> str | None:
    """Why a notice about the learner is never sent, once their key is destroyed (the vault
    knows at once; the registry's published erasure then drops the copies kept here)."""
    vault = vault_of(engine)
    erasure = vault.erasure(learner_id) if vault is not None else None
    return None if erasure is None else NOT_SENT + erasure.describe()


def pending_evidence(engine: sa.Engine, limit: int = 100) -> list[dict[str, Any]]:
    """Notices whose state, or a delivery report, the event store lacks; each with its
    ``reports`` (all of them: the record appends the ones it has not got)."""
    unrecorded = sa.select(notice_bounces.c.notice_id).where(
        notice_bounces.c.evidence_recorded.is_(False)
    )
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(notices)
            .where(
                sa.or_(
                    notices.c.status.in_([store.GIVEN, *store.UNDELIVERED])
                    & sa.or_(
                        notices.c.evidence_recorded.is_(None),
                        notices.c.evidence_recorded != notices.c.status,
                    ),
                    notices.c.notice_id.in_(unrecorded),
                )
            )
            .limit(limit)
        ).all()
        found = [dict(r._mapping) for r in rows]
        ids = [r["notice_id"] for r in found]
        reports = conn.execute(
            sa.select(*REPORT_COLUMNS).where(notice_bounces.c.notice_id.in_(ids))
        ).all()
    for row in found:
        row["reports"] = [dict(r._mapping) for r in reports if r.notice_id == row["notice_id"]]
    return found


def record_evidence(engine: sa.Engine, application: NotificationsService) -> int:
    """Write the proof of notice of every notice whose state the event store lacks."""
    done = 0
    for row in pending_evidence(engine):
        application.record_notice(row, row["reports"])
        with engine.begin() as conn:
            conn.execute(
                notices.update()
                .where(notices.c.notice_id == row["notice_id"], notices.c.status == row["status"])
                .values(evidence_recorded=row["status"])
            )
            reports = [r["id"] for r in row["reports"]]
            if reports:
                conn.execute(
                    notice_bounces.update()
                    .where(notice_bounces.c.id.in_(reports))
                    .values(evidence_recorded=True)
                )
        done += 1
    return done


def envelope_from(settings: Settings, notice_id: str) -> str | None:
    """The notice's VERP bounce address, when bounces are read (else the From address)."""
    b = settings.bounces
    if b.domain is None:
        return None
    return verp.bounce_address(b.local_part, b.domain, b.keys()[0], notice_id)


async def deliver(settings: Settings, engine: sa.Engine, transport: Transport) -> int:
    """One round: claim, render, send, record. The number of notices attempted."""
    claimed = await run_blocking(claim, engine, settings)
    for row in claimed:
        started = store.now()
        given_on = settings.today_in_wales()
        withheld = await run_blocking(erased, engine, row["learner_id"])
        if withheld is not None:
            await run_blocking(fail, engine, row, withheld, tell_issuer=False)
            continue
        try:
            prepared = await run_blocking(prepare, engine, row, given_on)
        except Exception as error:
            # A notice that cannot be rendered is a fault to fix, not a notice to drop.
            log.exception("notice %s could not be rendered", row["notice_id"])
            await run_blocking(fail, engine, row, f"could not be rendered: {error!r}")
            continue
        address = row["recipient_address"]
        message = email_message(
            settings.smtp_from,
            row["recipient_name"],
            address,
            prepared.rendered,
            row["notice_id"],
            row["language"],
        )
        row["message_id"] = str(message["Message-ID"])
        outcome = await transport.send(message, envelope_from(settings, row["notice_id"]))
        await run_blocking(
            record, engine, row, prepared, outcome, transport.channel, started, settings
        )
    return len(claimed)


async def run(settings: Any, engine: sa.Engine, application: ChainedApplication) -> None:
    """The worker loop (a ``WorkerSpec``): deliver, record the evidence, sleep when idle."""
    assert isinstance(settings, Settings)
    assert isinstance(application, NotificationsService)
    transport = transport_for(settings)
    log.info("notices are delivered by %s", transport.channel)
    while True:
        attempted = await deliver(settings, engine, transport)
        await run_blocking(record_evidence, engine, application)
        if not attempted:
            await asyncio.sleep(settings.delivery_poll_seconds)
