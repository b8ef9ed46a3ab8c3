"""The IDP service's recount of a plan's preparation date, consumed on SQLite and PostgreSQL:
the watched deadline moves to the firm date and the parent is sent the date their has-ALN
notice said would follow, once, however often the event is delivered."""

import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa

from contracts import idp
from contracts.determination import DeadlineFacts
from contracts.envelope import Envelope
from llwybr.clock import RuleId
from llwybr.consumer import TableEffect
from notifications.notices.intake import handler
from notifications.tables import notices, watched_deadlines

from .test_intake import SCHOOL, with_parent
from .test_intake import engine as engine  # the store on SQLite, then PostgreSQL


def d1(due: date, calendar: str | None) -> DeadlineFacts:
    return DeadlineFacts(
        rule_id=RuleId.D1, rule_table_version="2026.1", unit="school_days", length=35,
        trigger_date=date(2026, 6, 15), due_on=due, calendar_id=calendar,
        calendar_version=1 if calendar else None, provisional=calendar is None,
        explanation="35 school days from 15 June 2026",
    )  # fmt: skip


def wrapped(event: idp.IdpEvent, version: int) -> Envelope:
    return Envelope.wrap(
        event, learner_id=event.learner_id, aggregate_id=event.idp_id, aggregate_version=version,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def test_the_recounted_date_moves_the_reminder_and_is_told_to_the_parent_once(
    engine: sa.Engine,
) -> None:
    learner_id, plan_id = f"learner-{uuid.uuid4().hex[:6]}", uuid.uuid4()
    with_parent(engine, learner_id)
    effect = TableEffect(engine, "notifications.notices", handler(5))
    effect.apply(wrapped(idp.IdpOpened(
        idp_id=plan_id, learner_id=learner_id, maintainer_kind="school",
        maintaining_organisation=SCHOOL, opened_on=date(2026, 6, 26), determination_id=None,
        preparation_deadline=d1(date(2026, 8, 3), None), reason="aln_decision"), 1))  # fmt: skip
    recounted = wrapped(idp.DeadlineRecalculated(
        idp_id=plan_id, learner_id=learner_id, deadline_key="preparation",
        previous_due_on=date(2026, 8, 3), previous_provisional=True,
        deadline=d1(date(2026, 9, 14), SCHOOL), reason="calendar published"), 2)  # fmt: skip
    assert effect.apply(recounted) is True
    assert effect.apply(recounted) is False
    with engine.connect() as conn:
        watched = conn.execute(
            sa.select(watched_deadlines.c.due_on, watched_deadlines.c.provisional).where(
                watched_deadlines.c.key == f"{plan_id}/preparation"
            )
        ).one()
        told = conn.execute(
            sa.select(notices.c.kind, notices.c.recipient_role, notices.c.issuer).where(
                notices.c.learner_id == learner_id
            )
        ).all()
    assert tuple(watched) == (date(2026, 9, 14), False)
    assert [tuple(t) for t in told] == [("idp_date_confirmed", "parent", SCHOOL)]
