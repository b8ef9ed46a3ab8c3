"""Read models of determinations: cases by organisation, status and deadline; statistics.

Kept from the service's notification log by the shared ProjectionRunner and rebuildable from
it at any time. Each event is read by its class (``functools.singledispatch``).
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from functools import singledispatch
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from determination.access import HEALTH_KINDS
from determination.domain import DECISION, BodyKind, Determination, Status
from determination.domain.registry import LearnerRecord
from llwybr.access import Audience, Relationship
from llwybr.eventstore import RecordedEvent
from llwybr.projections import Projection

metadata = sa.MetaData()

cases = sa.Table(
    "determination_cases",
    metadata,
    sa.Column("determination_id", sa.String(36), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("local_authority", sa.String(16), nullable=False, index=True),
    sa.Column("organisation", sa.String(64), nullable=False, index=True),
    sa.Column("body_kind", sa.String(32), nullable=False),
    sa.Column("status", sa.String(32), nullable=False, index=True),
    sa.Column("came_to_attention_on", sa.Date, nullable=False),
    sa.Column("decision_due_on", sa.Date, nullable=True, index=True),
    sa.Column("decision_rule", sa.String(8), nullable=True),
    sa.Column("calendar_id", sa.String(64), nullable=True, index=True),
    sa.Column("provisional", sa.Boolean, nullable=False, default=False),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("has_aln", sa.Boolean, nullable=True),
    sa.Column("within_time", sa.Boolean, nullable=True),
    # The LA whose reconsideration (R1) replaced the school's decision, and when it decided.
    sa.Column("reconsidered_by", sa.String(64), nullable=True),
    sa.Column("reconsidered_on", sa.Date, nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    # The notification id of the case's latest event: the cursor of the change feed.
    sa.Column("changed_at_position", sa.BigInteger, nullable=False, index=True),
)

#: Each case's own organisations and their relationships (access.case_pairs counts the same).
involvement = sa.Table(
    "determination_case_relations",
    metadata,
    sa.Column("determination_id", sa.String(36), primary_key=True),
    sa.Column("organisation", sa.String(64), primary_key=True, index=True),
    sa.Column("relationship", sa.String(32), primary_key=True),
)

#: Each learner's organisations (the registry's record; for a learner it never recorded, the
#: LAs recorded with the case): the responsible LA, the LA looking after, enrolled settings.
learner_relations = sa.Table(
    "determination_learner_relations",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("organisation", sa.String(64), primary_key=True, index=True),
    sa.Column("relationship", sa.String(32), primary_key=True),
)

OPEN_STATUSES = (Status.AWAITING_CONSENT.value, Status.GATHERING_INFORMATION.value)


def _deadline_columns(deadline: dict[str, Any] | None) -> dict[str, Any]:
    if deadline is None:
        return {
            "decision_due_on": None,
            "decision_rule": None,
            "calendar_id": None,
            "provisional": False,
        }
    return {
        "decision_due_on": date.fromisoformat(str(deadline["due_on"])),
        "decision_rule": deadline["rule_id"],
        "calendar_id": deadline.get("calendar_id"),
        "provisional": bool(deadline.get("provisional")),
    }


#: One statement, whatever is there already (rebuilding a million events, the read of the
#: organisations already involved was a third of the time); the same statement each time, so
#: SQLAlchemy compiles it once.
_INVOLVE = {
    "postgresql": postgresql.insert(involvement).on_conflict_do_nothing(),
    "sqlite": sqlite.insert(involvement).on_conflict_do_nothing(),
}
_RELATE = {
    "postgresql": postgresql.insert(learner_relations).on_conflict_do_nothing(),
    "sqlite": sqlite.insert(learner_relations).on_conflict_do_nothing(),
}

Pairs = list[tuple[str, Relationship]]


def _involve(conn: sa.Connection, key: str, pairs: Pairs) -> None:
    rows = [
        {"determination_id": key, "organisation": o, "relationship": r.value}
        for o, r in sorted(set(pairs))
    ]
    conn.execute(_INVOLVE[conn.dialect.name], rows)


def _relate(conn: sa.Connection, learner_id: str, pairs: Pairs) -> None:
    rows = [
        {"learner_id": learner_id, "organisation": o, "relationship": r.value}
        for o, r in sorted(set(pairs))
        if o
    ]
    if rows:
        conn.execute(_RELATE[conn.dialect.name], rows)


def _asked(organisation: str) -> Relationship:
    health = organisation.partition(":")[0] in HEALTH_KINDS
    return Relationship.HEALTH_BODY if health else Relationship.PARTY


@singledispatch
def _involved(event: Determination.Event) -> Pairs:
    """The relationships an event brings into a case (as access.case_pairs counts them):
    none, for most."""
    return []


@_involved.register
def _(event: Determination.ConcernRaised) -> Pairs:
    return [
        (event.raised_by, Relationship.PARTY),
        (event.body["organisation"], Relationship.DECIDING_BODY),
    ]


@_involved.register
def _(event: Determination.EvidenceRequested) -> Pairs:
    return [(event.from_organisation, _asked(event.from_organisation))]


@_involved.register
def _(event: Determination.NhsReferralReceived) -> Pairs:
    return [(event.nhs_body, Relationship.HEALTH_BODY)]


@_involved.register
def _(event: Determination.ReferredToLocalAuthority) -> Pairs:
    return [
        (event.referred_by, Relationship.PARTY),
        (event.local_authority, Relationship.DECIDING_BODY),
    ]


@_involved.register
def _(event: Determination.Reconsidered) -> Pairs:
    return [(event.local_authority, Relationship.DECIDING_BODY)]


def _learner_las(learner: dict[str, Any]) -> Pairs:
    """The LAs a case recorded for its learner (what the registry says replaces them)."""
    pairs = [(f"la:{learner['local_authority']}", Relationship.RESPONSIBLE_LA)]
    looking_after = learner.get("looking_after_authority")
    if looking_after not in (None, "ENG"):
        pairs.append((f"la:{looking_after}", Relationship.LOOKING_AFTER_LA))
    return pairs


def _registry(conn: sa.Connection, recorded: RecordedEvent) -> None:
    """The registry's facts about a learner, as their relationships."""
    event, learner_id = recorded.event, str(recorded.originator_id)
    rows = learner_relations.c
    if isinstance(event, LearnerRecord.Registered):
        conn.execute(learner_relations.delete().where(rows.learner_id == learner_id))
        pairs = [(event.responsible_authority, Relationship.RESPONSIBLE_LA)]
        if event.looking_after_authority:
            pairs.append((event.looking_after_authority, Relationship.LOOKING_AFTER_LA))
        _relate(conn, learner_id, pairs + _settings(event.enrolled_at))
    elif isinstance(event, LearnerRecord.Enrolled):
        _relate(conn, learner_id, _settings([event.setting]))
    elif isinstance(event, LearnerRecord.Absorbed):
        _relate(conn, learner_id, _settings(event.enrolled_at))
    elif isinstance(event, LearnerRecord.Left):
        conn.execute(
            learner_relations.delete().where(
                rows.learner_id == learner_id,
                rows.organisation == event.setting,
                rows.relationship == Relationship.ENROLLED_SETTING.value,
            )
        )


def _settings(settings: list[str]) -> Pairs:
    return [(s, Relationship.ENROLLED_SETTING) for s in settings]


@singledispatch
def _changed(event: Determination.Event) -> dict[str, Any]:
    """The columns of its case's row an event changes (besides the version and position):
    none, for most."""
    return {}


@_changed.register
def _(event: Determination.ConsentRecorded) -> dict[str, Any]:
    status = Status.GATHERING_INFORMATION if event.given else Status.NO_DECISION_REQUIRED
    return {"status": status.value, **_deadline_columns(event.decision_deadline)}


@_changed.register
def _(event: Determination.ReferredToLocalAuthority) -> dict[str, Any]:
    return {
        "organisation": event.local_authority,
        "body_kind": BodyKind.LOCAL_AUTHORITY.value,
        **_deadline_columns(event.deadline),
    }


@_changed.register
def _(event: Determination.DeadlineRecalculated) -> dict[str, Any]:
    return _deadline_columns(event.deadline) if event.deadline_key == DECISION else {}


@_changed.register
def _(event: Determination.Decided) -> dict[str, Any]:
    return {
        "status": Status.decided(event.has_aln).value,
        "decided_on": event.decided_on,
        "has_aln": event.has_aln,
        "within_time": event.within_time,
    }


@_changed.register
def _(event: Determination.Reconsidered) -> dict[str, Any]:
    return {
        "status": Status.decided(event.has_aln).value,
        "has_aln": event.has_aln,
        "reconsidered_by": event.local_authority,
        "reconsidered_on": event.decided_on,
    }


@_changed.register
def _(event: Determination.Withdrawn) -> dict[str, Any]:
    return {"status": Status.WITHDRAWN.value}


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    event = recorded.event
    if isinstance(event, LearnerRecord.Event):
        _registry(conn, recorded)
        return
    if not isinstance(event, Determination.Event):  # calendars, rules, indexes: no row here
        return
    key = str(recorded.originator_id)
    pairs = _involved(event)
    if pairs:
        _involve(conn, key, pairs)
    values: dict[str, Any] = {
        "version": recorded.originator_version,
        "changed_at_position": recorded.notification_id or 0,
    }
    if isinstance(event, Determination.ConcernRaised):
        _relate(conn, event.learner["learner_id"], _learner_las(event.learner))
        conn.execute(
            cases.insert().values(
                determination_id=key,
                learner_id=event.learner["learner_id"],
                local_authority=event.learner["local_authority"],
                organisation=event.body["organisation"],
                body_kind=event.body["kind"],
                status=event.status,
                came_to_attention_on=event.came_to_attention_on,
                **_deadline_columns(event.decision_deadline),
                **values,
            )
        )
        return
    row = cases.c.determination_id == key
    conn.execute(cases.update().where(row).values(**values, **_changed(event)))


PROJECTION = Projection(
    "determination.cases", [cases, involvement, learner_relations], handle, write_only=True
)

_LAS = (Relationship.RESPONSIBLE_LA.value, Relationship.LOOKING_AFTER_LA.value)


@dataclass(frozen=True)
class CaseFilter:
    audience: Audience  # the cases the caller may list (llwybr.access.audience)
    organisation: str | None = None
    local_authority: str | None = None  # the learner's responsible or looking-after LA
    status: str | None = None
    due_before: date | None = None
    overdue_on: date | None = None  # open and past its decision deadline on this day


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


def list_cases(
    conn: sa.Connection, query: CaseFilter, *, limit: int, after: str | None
) -> list[dict[str, Any]]:
    """Cases in a stable order (by decision deadline, then id), keyset-paginated by id."""
    statement = _scoped(sa.select(cases), query)
    if query.organisation:
        statement = statement.where(cases.c.organisation == query.organisation)
    if query.status:
        statement = statement.where(cases.c.status == query.status)
    if query.due_before:
        statement = statement.where(cases.c.decision_due_on <= query.due_before)
    if query.overdue_on:
        statement = statement.where(
            cases.c.status.in_(OPEN_STATUSES), cases.c.decision_due_on < query.overdue_on
        )
    if after:
        statement = statement.where(cases.c.determination_id > after)
    statement = statement.order_by(cases.c.determination_id).limit(limit)
    return [dict(r._mapping) for r in conn.execute(statement)]


def due_soon(
    conn: sa.Connection, scope: CaseFilter, today: date, within_days: int
) -> list[dict[str, Any]]:
    """Open cases in scope whose decision is due within ``within_days`` (not yet overdue)."""
    statement = (
        _scoped(sa.select(cases), scope)
        .where(
            cases.c.status.in_(OPEN_STATUSES),
            cases.c.decision_due_on >= today,
            cases.c.decision_due_on <= today + timedelta(days=within_days),
        )
        .order_by(cases.c.decision_due_on, cases.c.determination_id)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def open_cases_counting_on(conn: sa.Connection, calendar_id: str) -> list[str]:
    """Open cases whose decision deadline used a calendar, or could now use it."""
    scope = cases.c.calendar_id == calendar_id
    kind, _, ident = calendar_id.partition(":")
    if kind == "la":
        scope = scope | (cases.c.local_authority == ident) & (cases.c.body_kind == "school")
    elif kind in {"school", "fei"}:
        scope = scope | (cases.c.organisation == calendar_id)
    statement = sa.select(cases.c.determination_id).where(cases.c.status.in_(OPEN_STATUSES), scope)
    return [r.determination_id for r in conn.execute(statement)]


def statistics(conn: sa.Connection, local_authority: str) -> dict[str, Any]:
    """Decisions made, how many within time, and the average days from attention to decision,
    of the learners the LA is responsible for or looks after."""
    columns = (cases.c.came_to_attention_on, cases.c.decided_on, cases.c.within_time)
    ours = _of_authority(local_authority)
    decided = conn.execute(sa.select(*columns).where(ours, cases.c.decided_on.is_not(None))).all()
    open_count = conn.execute(
        sa.select(sa.func.count()).where(ours, cases.c.status.in_(OPEN_STATUSES))
    ).scalar_one()
    days = [(r.decided_on - r.came_to_attention_on).days for r in decided]
    return {
        "local_authority": local_authority,
        "decisions": len(decided),
        "decisions_within_time": sum(1 for r in decided if r.within_time),
        "average_days_to_decision": round(sum(days) / len(days), 1) if days else None,
        "open_cases": open_count,
    }


def open_case_ids(conn: sa.Connection) -> list[str]:
    """Every open case (the candidates when a rule is corrected)."""
    statement = sa.select(cases.c.determination_id).where(cases.c.status.in_(OPEN_STATUSES))
    return [r.determination_id for r in conn.execute(statement)]


def changes(
    conn: sa.Connection, scope: CaseFilter, *, after: int, limit: int
) -> list[dict[str, Any]]:
    """Cases changed since a cursor, oldest change first (each case once, at its latest state).

    Closed cases (decided, withdrawn, no decision required) appear with their final status.
    """
    statement = (
        _scoped(sa.select(cases), scope)
        .where(cases.c.changed_at_position > after)
        .order_by(cases.c.changed_at_position)
        .limit(limit)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


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
