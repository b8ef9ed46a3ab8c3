"""The case lists judge a decision clock as the case view and `/v1/reminders` do (s.4(6);
docs/domain.md section 11): a decided case runs until its decision is given (its notice, or
the IDP), so it is listed overdue or due soon until then; a bounced notice re-opens it. Read
from the read model kept by the projection, on SQLite and on PostgreSQL."""

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from uuid import UUID

import pytest
import sqlalchemy as sa

from determination.api.schemas import DeadlineOut
from determination.application import DeterminationService
from determination.main import SPEC
from determination.projections import (
    PROJECTION,
    CaseFilter,
    cases,
    due_soon,
    list_cases,
    open_cases_counting_on,
    statistics,
)
from llwybr import db, migrations
from llwybr.access import Capability, audience
from llwybr.projections import ProjectionRunner
from llwybr.service import rebuild_projections
from llwybr.settings import ServiceSettings

from .test_application import (
    LA,
    SCHOOL,
    WREXHAM,
    decided_at_school,
    raise_at_school,
    set_calendar,
)
from .test_given import learn, notice_bounced, notice_given

EVERYTHING = CaseFilter(audience=audience(LA, Capability.READ))  # the learners' LA


@pytest.fixture
def read_model(
    service: DeterminationService, store_settings: ServiceSettings
) -> Iterator[tuple[ProjectionRunner, sa.Engine]]:
    engine = db.create_engine(store_settings)
    db.create_tables(engine)
    assert SPEC.migrations is not None
    migrations.upgrade(engine, SPEC.migrations)
    yield ProjectionRunner(PROJECTION, service, engine), engine
    engine.dispose()


def caught_up(runner: ProjectionRunner) -> None:
    while runner.catch_up():
        pass


def overdue_on(engine: sa.Engine, day: date) -> dict[str, dict[str, object]]:
    query = CaseFilter(audience=EVERYTHING.audience, overdue_on=day)
    with engine.connect() as conn:
        return {r["determination_id"]: r for r in list_cases(conn, query, limit=500, after=None,
                                                               today=day)}  # fmt: skip


def soon(engine: sa.Engine, day: date, within: int) -> set[str]:
    with engine.connect() as conn:
        return {r["determination_id"] for r in due_soon(conn, EVERYTHING, day, within)}


def due_on(service: DeterminationService, case_id: UUID) -> date:
    return service.determination(LA, case_id).deadlines["decision"].due_on


def test_a_decided_case_is_overdue_until_its_notice_is_given(
    service: DeterminationService, read_model: tuple[ProjectionRunner, sa.Engine]
) -> None:
    runner, engine = read_model
    case_id = decided_at_school(service)  # no ALN, decided 20 March 2026
    key, after = str(case_id), due_on(service, case_id) + timedelta(days=1)
    caught_up(runner)
    listed = overdue_on(engine, after)
    assert key in listed  # decided, but the family was not given the decision: still missed
    assert listed[key]["decision_clock"] == {"state": "missed", "overdue": True,
                                             "days_left": -1, "met_on": None}  # fmt: skip
    assert key in soon(engine, after - timedelta(days=3), 5)

    notice = uuid.uuid4()
    learn(service, notice_given(case_id, date(2026, 3, 23), notice_id=notice))
    caught_up(runner)
    assert key not in overdue_on(engine, after)
    assert key not in soon(engine, after - timedelta(days=3), 5)
    with engine.connect() as conn:
        row = list_cases(conn, EVERYTHING, limit=10, after=None, today=after)[0]
    assert row["decision_given_on"] == date(2026, 3, 23)
    assert row["decision_clock"]["state"] == "met"
    assert row["decision_clock"]["met_on"] == date(2026, 3, 23)

    learn(service, notice_bounced(case_id, notice, date(2026, 3, 23), date(2026, 3, 24)))
    caught_up(runner)
    assert key in overdue_on(engine, after)  # a bounced notice was not given: open again


def test_a_withdrawn_case_is_cancelled_not_overdue(
    service: DeterminationService, read_model: tuple[ProjectionRunner, sa.Engine]
) -> None:
    runner, engine = read_model
    case_id = raise_at_school(service, date(2026, 3, 2))
    service.withdraw(SCHOOL, case_id, reason="moved away", withdrawn_on=date(2026, 3, 9),
                     withdrawn_by="school:6652001")  # fmt: skip
    caught_up(runner)
    after = due_on(service, case_id) + timedelta(days=1)
    assert str(case_id) not in overdue_on(engine, after)
    with engine.connect() as conn:
        clock = list_cases(conn, EVERYTHING, limit=10, after=None, today=after)[0]
    assert clock["decision_clock"]["state"] == "cancelled"
    assert clock["decision_cancelled_on"] == date(2026, 3, 9)


def test_every_list_reads_each_case_as_the_case_view_does(
    service: DeterminationService, read_model: tuple[ProjectionRunner, sa.Engine]
) -> None:
    """Over a spread of days and cases (open, decided and given, decided and not given, given
    late, withdrawn), a case is listed overdue exactly when the case view reads its decision
    clock as missed, due soon exactly when it reads it open and due in time, and each list
    item's state is the view's."""
    runner, engine = read_model
    open_case = raise_at_school(service, date(2026, 3, 2))
    not_given = decided_at_school(service)
    given_in_time = decided_at_school(service)
    learn(service, notice_given(given_in_time, date(2026, 3, 23)))
    given_late = decided_at_school(service)
    learn(service, notice_given(given_late, due_on(service, given_late) + timedelta(days=4)))
    withdrawn = raise_at_school(service, date(2026, 3, 2))
    service.withdraw(SCHOOL, withdrawn, reason="moved away", withdrawn_on=date(2026, 3, 9),
                     withdrawn_by="school:6652001")  # fmt: skip
    caught_up(runner)
    ids = (open_case, not_given, given_in_time, given_late, withdrawn)
    due = due_on(service, open_case)
    for day in (due - timedelta(days=d) for d in range(-10, 12, 3)):
        missed, coming = overdue_on(engine, day), soon(engine, day, 7)
        with engine.connect() as conn:
            rows = list_cases(conn, EVERYTHING, limit=500, after=None, today=day)
        listed = {r["determination_id"]: r["decision_clock"] for r in rows}
        for case_id in ids:
            view = service.determination(LA, case_id)
            deadline = view.deadlines["decision"]
            shown = DeadlineOut.of(deadline, day, view.stopped.get("decision"))
            assert (str(case_id) in missed) == (shown.state == "missed"), (case_id, day)
            in_time = shown.state == "open" and deadline.due_on <= day + timedelta(days=7)
            assert (str(case_id) in coming) == in_time, (case_id, day)
            clock = listed[str(case_id)]
            expected = {"state": shown.state, "overdue": shown.overdue,
                        "days_left": shown.days_left, "met_on": shown.met_on}  # fmt: skip
            assert clock == expected, (case_id, day)


def test_rebuilding_the_read_model_fills_the_day_a_decision_was_given(
    service: DeterminationService,
    read_model: tuple[ProjectionRunner, sa.Engine],
    store_settings: ServiceSettings,
) -> None:
    """What ``llwybr-audit rebuild-projections determination`` does after the upgrade: rows
    kept before the column existed learn the day from the stored events."""
    runner, engine = read_model
    case_id = decided_at_school(service)
    learn(service, notice_given(case_id, date(2026, 3, 23)))
    caught_up(runner)
    with engine.begin() as conn:  # as a row kept before the revision has it
        conn.execute(cases.update().values(decision_given_on=None))
    applied = rebuild_projections(store_settings, SPEC)
    assert applied[PROJECTION.name] > 0
    with engine.connect() as conn:
        assert conn.execute(sa.select(cases.c.decision_given_on)).scalar_one() == date(2026, 3, 23)


def test_a_calendar_published_after_the_decision_still_firms_a_clock_not_yet_met(
    service: DeterminationService, read_model: tuple[ProjectionRunner, sa.Engine]
) -> None:
    """A school decided without a calendar (D1 provisional, on working days), and its notice
    is not given yet: the clock still runs, so the calendar recalculates it; a case whose
    decision was given keeps the day it was judged on."""
    runner, engine = read_model
    running, given_case = decided_at_school(service), decided_at_school(service)
    learn(service, notice_given(given_case, date(2026, 3, 23)))
    assert service.determination(LA, running).deadlines["decision"].provisional
    caught_up(runner)
    set_calendar(service, WREXHAM)
    with engine.connect() as conn:
        candidates = [UUID(c) for c in open_cases_counting_on(conn, WREXHAM.id)]
    assert running in candidates
    assert given_case not in candidates
    assert service.recalculate_for_calendar(WREXHAM.id, candidates) == [running]
    firm = service.determination(LA, running).deadlines["decision"]
    assert (firm.provisional, firm.calendar_id) == (False, WREXHAM.id)


def test_the_las_statistics_count_the_decisions_given_and_given_in_time(
    service: DeterminationService, read_model: tuple[ProjectionRunner, sa.Engine]
) -> None:
    runner, engine = read_model
    in_time, late, _not_given = (decided_at_school(service) for _ in range(3))
    learn(service, notice_given(in_time, date(2026, 3, 23)))
    learn(service, notice_given(late, due_on(service, late) + timedelta(days=1)))
    caught_up(runner)
    with engine.connect() as conn:
        figures = statistics(conn, "665")
    assert (figures["decisions"], figures["decisions_within_time"]) == (3, 3)  # decided in time
    assert (figures["decisions_given"], figures["decisions_given_within_time"]) == (2, 1)


def test_the_las_statistics_break_decisions_down_by_month_and_outcome(
    service: DeterminationService, read_model: tuple[ProjectionRunner, sa.Engine]
) -> None:
    """Each breakdown counts a decision in time as the decision judged it (``within_time``)."""
    runner, engine = read_model
    decided_at_school(service), decided_at_school(service)  # no ALN, March, in time
    late = raise_at_school(service, date(2026, 1, 5))
    service.decide(
        SCHOOL, late, has_aln=True, reasons="Needs support", decided_on=date(2026, 4, 20),
        decided_by="school:6652001", person="ALNCo",
    )  # fmt: skip
    caught_up(runner)
    with engine.connect() as conn:
        figures = statistics(conn, "665")
    assert figures["by_month"] == [
        {"month": "2026-03", "decisions": 2, "decisions_within_time": 2},
        {"month": "2026-04", "decisions": 1, "decisions_within_time": 0},
    ]
    assert figures["by_outcome"] == [
        {"outcome": "has_aln", "decisions": 1, "decisions_within_time": 0},
        {"outcome": "no_aln", "decisions": 2, "decisions_within_time": 2},
    ]
    assert sum(m["decisions"] for m in figures["by_month"]) == figures["decisions"]
