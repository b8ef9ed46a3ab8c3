"""What the lists ask of the read model: cases by filter, due soon, changed since a cursor,
an LA's statistics, the open cases a correction recalculates; each scoped to an audience.
Each listed case carries its decision clock, read as the case view reads it (``clock.py``)."""

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from determination.projections.clock import missed_on, open_between, running, with_clock
from determination.projections.model import OPEN_STATUSES, cases, involvement, learner_relations
from llwybr.access import Audience, Relationship

_LAS = (Relationship.RESPONSIBLE_LA.value, Relationship.LOOKING_AFTER_LA.value)


@dataclass(frozen=True)
class CaseFilter:
    audience: Audience  # the cases the caller may list (llwybr.access.audience)
    organisation: str | None = None
    local_authority: str | None = None  # the learner's responsible or looking-after LA
    status: str | None = None
    due_before: date | None = None
    #: the decision clock still running (not given, not cancelled; decided or not) and past
    #: its due date on this day: missed, as the case view and `/v1/reminders` say
    overdue_on: date | None = None


def _of_authority(local_authority: str) -> sa.ColumnElement[bool]:
    """Cases whose learner this LA is responsible for or looks after."""
    learners = sa.select(learner_relations.c.learner_id).where(
        learner_relations.c.organisation == f"la:{local_authority}",
        learner_relations.c.relationship.in_(_LAS),
    )
    return cases.c.learner_id.in_(learners)


def _in_audience(audience: Audience) -> sa.ColumnElement[bool]:
    if audience.everything:
        return sa.true()
    if audience.organisation is None:  # an auditor: its jurisdiction, or nothing
        return _of_authority(audience.jurisdiction) if audience.jurisdiction else sa.false()
    granting = [r.value for r in audience.relationships]
    by_case = sa.select(involvement.c.determination_id).where(
        involvement.c.organisation == audience.organisation,
        involvement.c.relationship.in_(granting),
    )
    by_learner = sa.select(learner_relations.c.learner_id).where(
        learner_relations.c.organisation == audience.organisation,
        learner_relations.c.relationship.in_(granting),
    )
    return sa.or_(cases.c.determination_id.in_(by_case), cases.c.learner_id.in_(by_learner))


def _scoped(statement: sa.Select[Any], query: CaseFilter) -> sa.Select[Any]:
    statement = statement.where(_in_audience(query.audience))
    if query.local_authority:
        statement = statement.where(_of_authority(query.local_authority))
    return statement


def _answered(rows: Iterable[sa.Row[Any]], today: date) -> list[dict[str, Any]]:
    """The rows as a list answers them: each with its decision clock on ``today``, and its
    learner's LA in the one public form (``la:665``; the read model keeps the number)."""
    return with_clock([_la_form(dict(r._mapping)) for r in rows], today)


def _la_form(row: dict[str, Any]) -> dict[str, Any]:
    return row | {"local_authority": f"la:{row['local_authority']}"}


def list_cases(
    conn: sa.Connection, query: CaseFilter, *, limit: int, after: str | None, today: date
) -> list[dict[str, Any]]:
    """Cases in a stable order (by id), keyset-paginated by id, each with its decision clock
    on ``today``."""
    statement = _scoped(sa.select(cases), query)
    if query.organisation:
        statement = statement.where(cases.c.organisation == query.organisation)
    if query.status:
        statement = statement.where(cases.c.status == query.status)
    if query.due_before:
        statement = statement.where(cases.c.decision_due_on <= query.due_before)
    if query.overdue_on:
        statement = statement.where(missed_on(query.overdue_on))
    if after:
        statement = statement.where(cases.c.determination_id > after)
    statement = statement.order_by(cases.c.determination_id).limit(limit)
    return _answered(conn.execute(statement), today)


def due_soon(
    conn: sa.Connection, scope: CaseFilter, today: date, within_days: int
) -> list[dict[str, Any]]:
    """Cases in scope whose decision clock is open on ``today`` (running: decided but not yet
    given too) and due within ``within_days``."""
    last = today + timedelta(days=within_days)
    statement = (
        _scoped(sa.select(cases), scope)
        .where(open_between(today, last))
        .order_by(cases.c.decision_due_on, cases.c.determination_id)
    )
    return _answered(conn.execute(statement), today)


def open_cases_counting_on(conn: sa.Connection, calendar_id: str) -> list[str]:
    """Cases whose decision clock may run (``_clock_may_run``) and whose deadline used a
    calendar, or could now use it."""
    scope = cases.c.calendar_id == calendar_id
    kind, _, ident = calendar_id.partition(":")
    if kind == "la":
        scope = scope | (cases.c.local_authority == ident) & (cases.c.body_kind == "school")
    elif kind in {"school", "fei"}:
        scope = scope | (cases.c.organisation == calendar_id)
    statement = sa.select(cases.c.determination_id).where(_clock_may_run(), scope)
    return [r.determination_id for r in conn.execute(statement)]


def statistics(conn: sa.Connection, local_authority: str) -> dict[str, Any]:
    """Decisions made, how many within time, and the average days from attention to decision,
    of the learners the LA is responsible for or looks after; how many were given to the
    family, and how many of those by the due date (the duty met, s.4(6))."""
    columns = (
        cases.c.came_to_attention_on,
        cases.c.decided_on,
        cases.c.within_time,
        cases.c.decision_given_on,
        cases.c.decision_due_on,
        cases.c.has_aln,
    )
    ours = _of_authority(local_authority)
    decided = conn.execute(sa.select(*columns).where(ours, cases.c.decided_on.is_not(None))).all()
    open_count = conn.execute(
        sa.select(sa.func.count()).where(ours, cases.c.status.in_(OPEN_STATUSES))
    ).scalar_one()
    days = [(r.decided_on - r.came_to_attention_on).days for r in decided]
    given = [r for r in decided if r.decision_given_on is not None]
    return {
        "local_authority": f"la:{local_authority}",  # the one public form (issue 20)
        "decisions": len(decided),
        "decisions_within_time": sum(1 for r in decided if r.within_time),
        "decisions_given": len(given),
        "decisions_given_within_time": sum(
            1 for r in given if r.decision_due_on and r.decision_given_on <= r.decision_due_on
        ),
        "average_days_to_decision": round(sum(days) / len(days), 1) if days else None,
        "open_cases": open_count,
        "by_month": _breakdown(decided, lambda r: r.decided_on.strftime("%Y-%m"), "month"),
        "by_outcome": _breakdown(
            decided, lambda r: "has_aln" if r.has_aln else "no_aln", "outcome"
        ),
    }


def _breakdown(
    decided: Sequence[Any], key: Callable[[Any], str], name: str
) -> list[dict[str, Any]]:
    """Decisions grouped by ``key`` (in order), each with how many were made within time as
    the decision itself judged it (``within_time``, set once by the aggregate when deciding):
    the statistics never judge it again."""
    groups: dict[str, list[bool]] = {}
    for row in decided:
        groups.setdefault(key(row), []).append(bool(row.within_time))
    return [
        {name: k, "decisions": len(v), "decisions_within_time": sum(v)}
        for k, v in sorted(groups.items())
    ]


def open_case_ids(conn: sa.Connection) -> list[str]:
    """Every case whose clocks may run (the candidates when a rule is corrected)."""
    statement = sa.select(cases.c.determination_id).where(_clock_may_run())
    return [r.determination_id for r in conn.execute(statement)]


def _clock_may_run() -> sa.ColumnElement[bool]:
    """Open cases, and decided ones whose decision is not yet given (s.4(6)): their decision
    clock still runs, so a calendar or rule correction still moves it."""
    return sa.or_(cases.c.status.in_(OPEN_STATUSES), running())


def changes(
    conn: sa.Connection, scope: CaseFilter, *, after: int, limit: int, today: date
) -> list[dict[str, Any]]:
    """Cases changed since a cursor, oldest change first (each case once, at its latest state,
    with its decision clock on ``today``).

    Closed cases (decided, withdrawn, no decision required) appear with their final status.
    """
    statement = (
        _scoped(sa.select(cases), scope)
        .where(cases.c.changed_at_position > after)
        .order_by(cases.c.changed_at_position)
        .limit(limit)
    )
    return _answered(conn.execute(statement), today)


def learner_cases(conn: sa.Connection, learner_id: str) -> list[str]:
    """The records about one learner, for the auditors' history: the registry's record of the
    learner (its id is the learner's), then the determinations about them."""
    statement = sa.select(cases.c.determination_id).where(cases.c.learner_id == learner_id)
    found = [
        r.determination_id for r in conn.execute(statement.order_by(cases.c.came_to_attention_on))
    ]
    return [learner_id, *found] if _is_uuid(learner_id) else found


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
