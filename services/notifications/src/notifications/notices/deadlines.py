"""Watched statutory deadlines: applied from the events, claimed by the reminder scheduler.

Each deadline is one row keyed by its case and clock. Its reminder and its missed-deadline alert
are each written once: the scheduler claims due rows with ``SELECT ... FOR UPDATE SKIP LOCKED``
(PostgreSQL; one process owns an embedded SQLite file) and, in the same transaction, records
the notice and stamps the row, so a restart or a second replica can neither lose nor double one.
"""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from llwybr.clock import next_reminder_on
from notifications.notices import store
from notifications.notices.planning import (
    Cancel,
    DeadlineAction,
    ExceptionClaim,
    Meet,
    MetOn,
    Move,
    Reassign,
    Watch,
)
from notifications.notices.windows import reminder_date
from notifications.tables import watched_deadlines as deadlines

OPEN, MET, CANCELLED = "open", "met", "cancelled"


def _remind_on(conn: sa.Connection, due_on: date, calendar_id: str | None, lead: int) -> date:
    return reminder_date(due_on, lead, store.calendar(conn, calendar_id))


def _open_under(prefix: str) -> sa.ColumnElement[bool]:
    return (deadlines.c.status == OPEN) & deadlines.c.key.startswith(prefix, autoescape=True)


def apply(
    conn: sa.Connection, learner_id: str, action: DeadlineAction, source_id: str, lead: int
) -> None:
    """One planned change to the deadlines watched (see ``planning``)."""
    at = store.now()
    if isinstance(action, Watch):
        _watch(conn, learner_id, action, source_id, lead)
    elif isinstance(action, Move):
        remind_on = _remind_on(conn, action.due_on, action.calendar_id, lead)
        # A moved deadline gets its reminder and alert again, for the new date.
        conn.execute(
            deadlines.update()
            .where(deadlines.c.key == action.key, deadlines.c.due_on != action.due_on)
            .values(
                due_on=action.due_on,
                rule_id=action.rule_id,
                calendar_id=action.calendar_id,
                explanation=action.explanation,
                provisional=action.provisional,
                remind_on=remind_on,
                reminded_at=None,
                alerted_at=None,
                updated_at=at,
            )
        )
    elif isinstance(action, Meet):
        match = (
            _open_under(action.key)
            if action.prefix
            else ((deadlines.c.key == action.key) & (deadlines.c.status == OPEN))
        )
        conn.execute(
            deadlines.update()
            .where(match)
            .values(status=MET, met_on=action.met_on, closed_by_event=source_id, updated_at=at)
        )
    elif isinstance(action, MetOn):
        status, met_on = (OPEN, None) if action.met_on is None else (MET, action.met_on)
        conn.execute(
            deadlines.update()
            .where(deadlines.c.key == action.key, deadlines.c.status != CANCELLED)
            .values(status=status, met_on=met_on, closed_by_event=source_id, updated_at=at)
        )
    elif isinstance(action, Cancel):
        conn.execute(
            deadlines.update()
            .where(_open_under(action.prefix))
            .values(status=CANCELLED, closed_by_event=source_id, updated_at=at)
        )
    elif isinstance(action, Reassign):
        conn.execute(
            deadlines.update()
            .where(_open_under(action.prefix))
            .values(responsible=action.responsible, updated_at=at)
        )
    elif isinstance(action, ExceptionClaim):
        conn.execute(
            deadlines.update()
            .where(deadlines.c.key == action.key)
            .values(exception_claimed_on=action.claimed_on, updated_at=at)
        )


def _watch(conn: sa.Connection, learner_id: str, w: Watch, source_id: str, lead: int) -> None:
    at = store.now()
    repeat = w.repeat_every_days is not None
    remind_on = w.due_on if repeat else _remind_on(conn, w.due_on, w.calendar_id, lead)
    existing = conn.execute(sa.select(deadlines).where(deadlines.c.key == w.key)).first()
    if existing is None:
        conn.execute(
            deadlines.insert().values(
                deadline_id=str(uuid.uuid4()),
                key=w.key,
                learner_id=learner_id,
                subject_id=w.subject_id,
                kind=w.kind,
                responsible=w.responsible,
                rule_id=w.rule_id,
                due_on=w.due_on,
                calendar_id=w.calendar_id,
                explanation=w.explanation,
                provisional=w.provisional,
                repeat_every_days=w.repeat_every_days,
                remind_on=remind_on,
                status=OPEN,
                source_event_id=source_id,
                created_at=at,
                updated_at=at,
            )
        )
        return
    values: dict[str, Any] = {
        "responsible": w.responsible,
        "rule_id": w.rule_id,
        "due_on": w.due_on,
        "calendar_id": w.calendar_id,
        "explanation": w.explanation,
        "provisional": w.provisional,
        "repeat_every_days": w.repeat_every_days,
        "remind_on": remind_on,
        "status": OPEN,
        "updated_at": at,
    }
    if existing.due_on != w.due_on or existing.responsible != w.responsible:
        # a new clock (a referral to the LA starts one): remind and alert afresh
        values |= {"reminded_at": None, "alerted_at": None, "met_on": None}
    conn.execute(deadlines.update().where(deadlines.c.key == w.key).values(**values))


def _claim(
    conn: sa.Connection, condition: sa.ColumnElement[bool], limit: int, since: date | None
) -> Sequence[sa.Row[Any]]:
    if since is not None:
        condition = condition & (deadlines.c.due_on >= since)
    query = (
        sa.select(deadlines)
        .where(deadlines.c.status == OPEN, condition)
        .order_by(deadlines.c.due_on)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return conn.execute(query).all()


def due_reminders(
    conn: sa.Connection, today: date, limit: int, since: date | None = None
) -> Sequence[sa.Row[Any]]:
    """Open deadlines whose reminder day has come, not yet reminded, not yet passed (a
    repeated reminder, for a duty with no limit, is never passed)."""
    return _claim(
        conn,
        deadlines.c.reminded_at.is_(None)
        & (deadlines.c.remind_on <= today)
        & ((deadlines.c.due_on >= today) | deadlines.c.repeat_every_days.is_not(None)),
        limit,
        since,
    )


def missed(
    conn: sa.Connection, today: date, limit: int, since: date | None = None
) -> Sequence[sa.Row[Any]]:
    """Open deadlines past their due day (the due day itself is still in time), not alerted."""
    condition = (
        deadlines.c.alerted_at.is_(None)
        & (deadlines.c.due_on < today)
        & deadlines.c.repeat_every_days.is_(None)  # no limit: nothing to miss
    )
    return _claim(conn, condition, limit, since)


def rearm(conn: sa.Connection, row: sa.Row[Any], today: date) -> None:
    """A repeated reminder was sent: the next on the owner's published schedule (from the
    one sent, every ``repeat_every_days``) after ``today``, stepped as ``llwybr.clock`` does
    for the owner's own views."""
    sent_for = row.due_on  # the reminder just sent, even if sent before its day
    following = next_reminder_on(sent_for, int(row.repeat_every_days), max(today, sent_for))
    conn.execute(
        deadlines.update()
        .where(deadlines.c.deadline_id == row.deadline_id)
        .values(due_on=following, remind_on=following, reminded_at=None, updated_at=store.now())
    )


def stamp(conn: sa.Connection, deadline_id: str, column: str, notice_id: str | None) -> None:
    names = {
        "reminder": ("reminded_at", "reminder_notice_id"),
        "alert": ("alerted_at", "alert_notice_id"),
    }
    at_column, notice_column = names[column]
    conn.execute(
        deadlines.update()
        .where(deadlines.c.deadline_id == deadline_id)
        .values({at_column: store.now(), notice_column: notice_id, "updated_at": store.now()})
    )
