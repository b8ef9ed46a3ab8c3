"""Watched deadlines and the reminder scheduler on SQLite and PostgreSQL: each reminder and
alert is queued once, also when replicas run the scheduler at the same moment."""

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa

from contracts import determination as det
from llwybr import db, migrations
from llwybr.clock import RuleId
from llwybr.settings import ServiceSettings
from notifications.main import SPEC
from notifications.notices import deadlines, store
from notifications.notices.planning import (
    Cancel,
    ExceptionClaim,
    Meet,
    MetOn,
    Move,
    Reassign,
    Watch,
)
from notifications.notices.reminders import schedule
from notifications.tables import notices, watched_deadlines

SCHOOL, LA = "school:6652001", "la:665"
DUE = date(2026, 12, 16)  # a Wednesday; 5 working days before: Wednesday 9 December


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = db.create_engine(store_settings)
    assert SPEC.migrations is not None
    migrations.upgrade(engine, SPEC.migrations)
    yield engine
    engine.dispose()


def watch(engine: sa.Engine, key: str = "case/decision", due: date = DUE) -> str:
    learner = f"learner-{uuid.uuid4().hex[:6]}"
    with engine.begin() as conn:
        w = Watch(f"{learner}/{key}", "decision", learner, SCHOOL, RuleId.D1, due, None, "35 days")
        deadlines.apply(conn, learner, w, "event-1", 5)
    return learner


def row(engine: sa.Engine, learner: str) -> sa.Row:  # type: ignore[type-arg]
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(watched_deadlines).where(watched_deadlines.c.learner_id == learner)
        ).one()
    return found


def kinds(engine: sa.Engine, learner: str) -> list[str]:
    with engine.connect() as conn:
        query = sa.select(notices.c.kind).where(notices.c.learner_id == learner)
        return sorted(conn.execute(query).scalars())


def test_a_reminder_is_due_five_working_days_before(engine: sa.Engine) -> None:
    learner = watch(engine)
    assert row(engine, learner).remind_on == date(2026, 12, 9)
    schedule(engine, date(2026, 12, 8))
    assert kinds(engine, learner) == []
    schedule(engine, date(2026, 12, 9))
    schedule(engine, date(2026, 12, 10))
    assert kinds(engine, learner) == ["deadline_reminder"]
    assert row(engine, learner).reminder_notice_id is not None


def test_the_due_day_is_in_time_and_the_day_after_is_missed(engine: sa.Engine) -> None:
    learner = watch(engine)
    schedule(engine, DUE)
    assert kinds(engine, learner) == ["deadline_reminder"]
    schedule(engine, date(2026, 12, 17))
    schedule(engine, date(2026, 12, 18))
    assert kinds(engine, learner) == ["deadline_missed", "deadline_reminder"]


def test_a_deadline_learned_after_it_passed_is_alerted_not_reminded(engine: sa.Engine) -> None:
    learner = watch(engine)
    schedule(engine, date(2027, 1, 4))
    assert kinds(engine, learner) == ["deadline_missed"]


def test_a_met_deadline_gives_no_alert(engine: sa.Engine) -> None:
    learner = watch(engine)
    with engine.begin() as conn:
        deadlines.apply(conn, learner, Meet(f"{learner}/case/decision", DUE), "event-2", 5)
    schedule(engine, date(2026, 12, 20))
    assert kinds(engine, learner) == []
    assert (row(engine, learner).status, row(engine, learner).met_on) == ("met", DUE)


def test_a_clock_met_by_a_bounced_notice_runs_again_until_one_is_given(
    engine: sa.Engine,
) -> None:
    """The determination service's judgment of the day a decision was given (``MetOn``)
    replaces the day recorded: a bounce re-opens the clock (and it can be missed), a notice
    given again meets it on its day; a cancelled clock stays cancelled."""
    learner = watch(engine)
    key = f"{learner}/case/decision"
    with engine.begin() as conn:
        deadlines.apply(conn, learner, MetOn(key, date(2026, 12, 10)), "event-2", 5)
        deadlines.apply(conn, learner, MetOn(key, None), "event-3", 5)
    assert (row(engine, learner).status, row(engine, learner).met_on) == ("open", None)
    schedule(engine, date(2026, 12, 20))
    assert kinds(engine, learner) == ["deadline_missed"]
    with engine.begin() as conn:
        deadlines.apply(conn, learner, MetOn(key, date(2026, 12, 21)), "event-4", 5)
    assert (row(engine, learner).status, row(engine, learner).met_on) == ("met", date(2026, 12, 21))
    cancelled = watch(engine)
    with engine.begin() as conn:
        deadlines.apply(conn, cancelled, Cancel(f"{cancelled}/"), "event-2", 5)
        deadlines.apply(conn, cancelled, MetOn(f"{cancelled}/case/decision", DUE), "e3", 5)
    assert row(engine, cancelled).status == "cancelled"


def test_a_cancelled_deadline_is_forgotten(engine: sa.Engine) -> None:
    learner = watch(engine)
    with engine.begin() as conn:
        deadlines.apply(conn, learner, Cancel(f"{learner}/"), "event-2", 5)
    schedule(engine, date(2026, 12, 20))
    assert kinds(engine, learner) == []


def test_a_moved_deadline_is_reminded_again_for_its_new_date(engine: sa.Engine) -> None:
    learner = watch(engine)
    schedule(engine, date(2026, 12, 10))
    new_due = date(2027, 1, 13)
    with engine.begin() as conn:
        move = Move(f"{learner}/case/decision", RuleId.D1, new_due, None, "moved by an INSET day")
        deadlines.apply(conn, learner, move, "event-2", 5)
    assert row(engine, learner).reminded_at is None
    schedule(engine, date(2026, 12, 17))  # the old date passed: no alert, it moved
    schedule(engine, date(2027, 1, 6))
    assert kinds(engine, learner) == ["deadline_reminder", "deadline_reminder"]


def test_a_reassigned_deadline_reminds_its_new_body(engine: sa.Engine) -> None:
    learner = watch(engine)
    with engine.begin() as conn:
        deadlines.apply(conn, learner, Reassign(f"{learner}/", LA), "event-2", 5)
        deadlines.apply(conn, learner, ExceptionClaim(f"{learner}/case/decision", DUE), "e3", 5)
    schedule(engine, date(2026, 12, 21))
    with engine.connect() as conn:
        [alert] = conn.execute(sa.select(notices).where(notices.c.learner_id == learner)).all()
    assert alert.recipient_organisation == LA
    assert alert.facts["exception_claimed_on"] == DUE.isoformat()


def test_replicas_scheduling_together_queue_each_reminder_once(
    postgres_settings: ServiceSettings,
) -> None:
    engine = db.create_engine(postgres_settings)
    assert SPEC.migrations is not None
    migrations.upgrade(engine, SPEC.migrations)
    try:
        learners = [watch(engine, f"case-{n}/decision") for n in range(30)]
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: schedule(engine, date(2026, 12, 10)), range(8)))
        with engine.connect() as conn:
            count = conn.execute(
                sa.select(sa.func.count()).where(notices.c.learner_id.in_(learners))
            ).scalar()
        assert count == 30
    finally:
        engine.dispose()


def test_deadlines_due_before_the_service_took_over_are_not_alerted(engine: sa.Engine) -> None:
    learner = watch(engine)
    schedule(engine, date(2027, 1, 4), since=date(2026, 12, 17))
    assert kinds(engine, learner) == []
    schedule(engine, date(2027, 1, 4), since=DUE)
    assert kinds(engine, learner) == ["deadline_missed"]


def test_a_deadline_on_a_published_term_calendar_is_reminded_in_its_school_days(
    engine: sa.Engine,
) -> None:
    calendar_id = f"school:{uuid.uuid4().hex[:8]}"

    def published(version: int, closures: list[date]) -> det.CalendarPublished:
        return det.CalendarPublished(
            calendar_id=calendar_id, calendar_name="Ysgol 2026-27", calendar_version=version,
            terms=[det.Term(name="Autumn", start=date(2026, 9, 1), end=date(2026, 12, 18))],
            closures=closures,
        )  # fmt: skip

    with engine.begin() as conn:
        store.save_calendar(conn, published(2, [date(2026, 12, 11)]))  # an INSET day
        store.save_calendar(conn, published(1, []))  # an older version, redelivered
        learner = f"learner-{uuid.uuid4().hex[:6]}"
        w = Watch(f"{learner}/d", "decision", learner, SCHOOL, RuleId.D1, DUE, calendar_id, "")
        deadlines.apply(conn, learner, w, "event-1", 5)
        kept = store.calendar(conn, calendar_id)
    assert kept is not None
    assert (kept.version, kept.closures) == (2, frozenset({date(2026, 12, 11)}))
    assert row(engine, learner).remind_on == date(2026, 12, 8)  # 5 school days, not 11 Dec


def test_a_provisional_deadline_is_listed_and_alerted_as_provisional(engine: sa.Engine) -> None:
    learner = f"learner-{uuid.uuid4().hex[:6]}"
    why = "35 school days, no term calendar so counted as working days (provisional)"
    w = Watch(
        f"{learner}/case/decision", "decision", learner, SCHOOL, RuleId.D1, DUE, None, why, True
    )
    with engine.begin() as conn:
        deadlines.apply(conn, learner, w, "event-1", 5)
    assert row(engine, learner).provisional is True
    schedule(engine, date(2026, 12, 17))
    with engine.connect() as conn:
        query = sa.select(notices.c.facts).where(notices.c.learner_id == learner)
        facts = conn.execute(query).scalars().all()
    assert facts
    assert all(f["provisional"] is True for f in facts)
    firm = Move(w.key, RuleId.D1, date(2027, 1, 20), "la:665", "on the calendar", False)
    with engine.begin() as conn:
        deadlines.apply(conn, learner, firm, "event-2", 5)
    assert row(engine, learner).provisional is False


def test_a_duty_with_no_statutory_limit_is_reminded_every_interval_and_never_missed(
    engine: sa.Engine,
) -> None:
    learner = f"learner-{uuid.uuid4().hex[:6]}"
    key = f"{learner}/plan/preparation"
    first = date(2026, 5, 29)
    why = "no statutory limit found; reminded every 28 days until the plan is issued"
    w = Watch(key, "idp_preparation", learner, LA, None, first, None, why, repeat_every_days=28)
    with engine.begin() as conn:
        deadlines.apply(conn, learner, w, "event-1", 5)
    schedule(engine, date(2026, 5, 28))
    assert kinds(engine, learner) == []
    schedule(engine, first)
    assert kinds(engine, learner) == ["deadline_reminder"]
    assert row(engine, learner).due_on == date(2026, 6, 26)  # the next reminder
    schedule(engine, date(2026, 6, 25))
    schedule(engine, date(2026, 9, 1))  # a scheduler away for weeks sends one, not three
    assert kinds(engine, learner) == ["deadline_reminder", "deadline_reminder"]
    assert row(engine, learner).due_on == date(2026, 9, 18)
    with engine.begin() as conn:
        deadlines.apply(conn, learner, Meet(key, date(2026, 9, 2)), "event-2", 5)
    schedule(engine, date(2026, 12, 1))
    assert kinds(engine, learner) == ["deadline_reminder", "deadline_reminder"]
