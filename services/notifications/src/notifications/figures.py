"""The notifications service's figures for operators (``llwybr.figures``): notices that could
not be given and wait for a person, and statutory deadlines missed."""

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa

from llwybr.figures import Figure, Sample
from llwybr.in_force import WALES
from notifications.notices.store import UNDELIVERED
from notifications.tables import notices, watched_deadlines


def escalated_notices(conn: sa.Connection) -> Iterable[Sample]:
    """Escalated or bounced notices not yet given another way (by the recipient's role)."""
    query = (
        sa.select(notices.c.recipient_role, sa.func.count())
        .where(notices.c.status.in_(UNDELIVERED))
        .group_by(notices.c.recipient_role)
    )
    return [((role,), float(count)) for role, count in conn.execute(query)]


def missed_deadlines(conn: sa.Connection) -> Iterable[Sample]:
    """Open statutory deadlines past their due day in Wales (the due day is still in time)."""
    today = datetime.now(WALES).date()
    query = (
        sa.select(watched_deadlines.c.kind, sa.func.count())
        .where(watched_deadlines.c.status == "open", watched_deadlines.c.due_on < today)
        .group_by(watched_deadlines.c.kind)
    )
    return [((kind,), float(count)) for kind, count in conn.execute(query)]


FIGURES = (
    Figure(
        "llwybr_notices_escalated",
        "Notices that could not be given (escalated or bounced) and wait for a person",
        ("recipient_role",),
        escalated_notices,
    ),
    Figure(
        "llwybr_deadlines_missed",
        "Open statutory deadlines past their due day (by kind of deadline)",
        ("kind",),
        missed_deadlines,
    ),
)
