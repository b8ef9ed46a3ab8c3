"""The reminder scheduler: reminds the body answerable for a statutory deadline some school days
before it, and alerts it when the deadline has passed without the event stream showing it met.

The deadlines come from the events (``deadlines``); this worker only decides, each round, which
reminders and alerts have become due "today" (``NOTIFICATIONS_TODAY`` in tests), and queues each
as a notice in the same transaction that marks it sent, under a row lock.
"""

import asyncio
import logging
from datetime import date
from typing import Any

import sqlalchemy as sa

from llwybr.blocking import run_blocking
from llwybr.eventstore import ChainedApplication
from notifications.notices import deadlines
from notifications.notices.intake import give
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning import SYSTEM, PlannedNotice
from notifications.settings import Settings

log = logging.getLogger(__name__)

BATCH = 200


def _notice(conn: sa.Connection, row: sa.Row[Any], kind: NoticeKind) -> str | None:
    facts = {
        "deadline_kind": row.kind,
        "due_on": row.due_on.isoformat(),
        "explanation": row.explanation,
        # an alert on a provisional date is sent, and says the date is provisional: waiting
        # for the calendar could hide a deadline that was really missed
        "provisional": row.provisional,
        "repeat_every_days": row.repeat_every_days,
        "subject_id": row.subject_id,
        "rule_id": row.rule_id,
        "exception_claimed_on": row.exception_claimed_on.isoformat()
        if row.exception_claimed_on
        else None,
    }
    planned = PlannedNotice(
        kind,
        SYSTEM,
        row.subject_id,
        facts,
        organisations=((row.responsible, Role.RESPONSIBLE_BODY),),
    )
    source = f"deadline:{row.deadline_id}:{row.due_on.isoformat()}"
    created = give(conn, row.learner_id, planned, source, f"llwybr.{kind.value}")
    return created[0] if created else None


def schedule(engine: sa.Engine, today: date, since: date | None = None) -> tuple[int, int]:
    """Queue the reminders and alerts due ``today``; how many of each. Deadlines due before
    ``since`` (when the service took over: ``NOTIFICATIONS_NOTICES_NOT_BEFORE``) are not
    reminded or alerted."""
    with engine.begin() as conn:
        reminders = deadlines.due_reminders(conn, today, BATCH, since)
        for row in reminders:
            notice_id = _notice(conn, row, NoticeKind.DEADLINE_REMINDER)
            deadlines.stamp(conn, row.deadline_id, "reminder", notice_id)
            if row.repeat_every_days is not None:
                deadlines.rearm(conn, row, today)
        alerts = deadlines.missed(conn, today, BATCH, since)
        for row in alerts:
            notice_id = _notice(conn, row, NoticeKind.DEADLINE_MISSED)
            deadlines.stamp(conn, row.deadline_id, "alert", notice_id)
            log.warning(
                "statutory deadline %s of %s missed on %s", row.key, row.responsible, row.due_on
            )
    return len(reminders), len(alerts)


async def run(settings: Any, engine: sa.Engine, application: ChainedApplication) -> None:
    """The worker loop (a ``WorkerSpec``)."""
    assert isinstance(settings, Settings)
    since = settings.notices_since()
    while True:
        today = settings.today_in_wales()
        reminded, alerted = await run_blocking(schedule, engine, today, since)
        if reminded == BATCH or alerted == BATCH:
            continue  # more are due: carry on at once
        await asyncio.sleep(settings.reminder_poll_seconds)
