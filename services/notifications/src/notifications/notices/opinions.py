"""Health bodies' s.64 opinions: the record and its two notices, in the caller's transaction.

The notices go through the same machinery as every other notice (``intake.give``): rendered
when sent, proof kept (``NoticeRecord``), escalated when they cannot be delivered. A learner
with no registered parent still has the opinion recorded: the parent's notice is escalated at
once and listed, and sent when a parent's contact is registered (by those who must send the
learner notices: the opinion gives the health body no access to the family's contacts); the LA
cannot be told before.
"""

import uuid
from datetime import date
from typing import Any

import sqlalchemy as sa

from llwybr.access import Relationship
from notifications.notices import store
from notifications.notices.intake import give
from notifications.notices.model import NoticeKind
from notifications.notices.planning import LearnerUpdate
from notifications.notices.planning.health import (
    LocalAuthorityAlreadyToldError,
    Officer,
    Opinion,
    local_authority_notice,
    parent_informed_on,
    parent_notice,
)
from notifications.tables import health_body_opinions, notices

#: The ``source_event_type`` of the notices: what gave them, as an event would.
RECORDED = "health-body-opinion-recorded"
BROUGHT_TO_LA = "health-body-opinion-brought-to-local-authority"


def record(conn: sa.Connection, opinion: Opinion, actor: str) -> list[str]:
    """Record the opinion and queue its notice to the parent(s); the notices created."""
    officer = opinion.officer
    conn.execute(
        health_body_opinions.insert().values(
            opinion_id=opinion.opinion_id,
            learner_id=opinion.learner_id,
            health_body=opinion.health_body,
            local_authority=opinion.local_authority,
            formed_on=opinion.formed_on,
            officer_name=officer.name,
            officer_email=officer.email,
            officer_phone=officer.phone,
            recorded_at=store.now(),
            recorded_by=actor,
        )
    )
    # The body is related to the learner as the health body of this opinion: it reads and acts
    # on the opinion, never the family's contacts or the learner's other notices (ADR 0015).
    relation = (opinion.health_body, Relationship.HEALTH_BODY)
    store.relate(conn, opinion.learner_id, opinion.opinion_id, [relation])
    if store.learner(conn, opinion.learner_id)[1] is None:
        # for the rights contacts its notices cite; the events, once there are any, decide
        update = LearnerUpdate(local_authority=opinion.local_authority)
        store.update_learner(conn, opinion.learner_id, update)
    return give(conn, opinion.learner_id, parent_notice(opinion), opinion.opinion_id, RECORDED)


def new_id() -> str:
    return str(uuid.uuid4())


def find(conn: sa.Connection, opinion_id: str, *, lock: bool = False) -> sa.Row[Any] | None:
    query = sa.select(health_body_opinions).where(health_body_opinions.c.opinion_id == opinion_id)
    return conn.execute(query.with_for_update() if lock else query).first()


def opinion_of(row: sa.Row[Any]) -> Opinion:
    return Opinion(
        row.opinion_id,
        row.learner_id,
        row.health_body,
        row.local_authority,
        row.formed_on,
        Officer(row.officer_name, row.officer_email, row.officer_phone),
    )


def notices_of(conn: sa.Connection, opinion_id: str) -> list[sa.Row[Any]]:
    """The opinion's notices (parents', superseded placeholders, the LA's), oldest first."""
    rows = conn.execute(
        sa.select(notices)
        .where(notices.c.source_event_id == opinion_id)
        .order_by(notices.c.created_at, notices.c.notice_id)
    )
    return list(rows)


def claim(conn: sa.Connection, opinion_id: str, health_body: str, actor: str) -> bool:
    """Mark the opinion told to the LA, if it was not and ``health_body`` formed it: a
    conditional update, the transaction's first statement, so of any number of requests at once
    exactly one claims it (the others wait for its row lock, then find it told). False: not
    claimed (the caller then learns why, or the transaction is rolled back with the claim)."""
    table = health_body_opinions
    result = conn.execute(
        table.update()
        .where(
            table.c.opinion_id == opinion_id,
            table.c.health_body == health_body,
            table.c.local_authority_told_at.is_(None),
        )
        .values(local_authority_told_at=store.now(), local_authority_told_by=actor)
    )
    return result.rowcount == 1


def already_told(row: sa.Row[Any]) -> LocalAuthorityAlreadyToldError:
    return LocalAuthorityAlreadyToldError(
        f"the opinion was brought to {row.local_authority}'s attention at "
        f"{row.local_authority_told_at.isoformat()}"
    )


def bring_to_local_authority(
    conn: sa.Connection, row: sa.Row[Any], discussed_on: date | None
) -> list[str]:
    """The second step, once: the LA's notice, after a parent's has been given. ``row`` is the
    opinion as read after this transaction ``claim``ed it."""
    opinion_id = row.opinion_id
    given = [
        n.given_on
        for n in notices_of(conn, opinion_id)
        if n.kind == NoticeKind.HEALTH_BODY_OPINION and n.status == store.GIVEN
    ]
    informed_on = parent_informed_on(given)
    opinion = opinion_of(row)
    planned = local_authority_notice(opinion, informed_on, discussed_on)
    created = give(conn, opinion.learner_id, planned, opinion_id, BROUGHT_TO_LA)
    conn.execute(
        health_body_opinions.update()
        .where(health_body_opinions.c.opinion_id == opinion_id)
        .values(parent_informed_on=informed_on, discussed_on=discussed_on)
    )
    return created
