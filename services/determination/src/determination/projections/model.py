"""The read model of determinations: each case's row (organisation, status, decision
deadline, the day its decision clock stopped) and the organisations involved.

Kept from the service's notification log by the shared ProjectionRunner and rebuildable from
it at any time. Each event is read by its class (``functools.singledispatch``). The tables'
shape is versioned by the service's Alembic revisions (``determination/migrations``, ADR 0009).
"""

from datetime import date
from functools import singledispatch
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from determination.access import HEALTH_KINDS
from determination.domain import DECISION, BodyKind, Determination, Status
from determination.domain.registry import LearnerRecord
from llwybr.access import Relationship
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
    # The day the decision clock was met: the deciding body's decision *given* (its notice, or
    # the IDP; s.4(6)), as the case recorded it (DecisionGiven, GivenNoticeBounced); None while
    # it is not, decided or not. The day it was cancelled (withdrawn, consent refused).
    sa.Column("decision_given_on", sa.Date, nullable=True),
    sa.Column("decision_cancelled_on", sa.Date, nullable=True),
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
    if not event.given:
        return {
            "status": Status.NO_DECISION_REQUIRED.value,
            "decision_cancelled_on": event.recorded_on,
            **_deadline_columns(event.decision_deadline),
        }
    status = Status.GATHERING_INFORMATION
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
    return {"status": Status.WITHDRAWN.value, "decision_cancelled_on": event.withdrawn_on}


@_changed.register
def _(event: Determination.DecisionGiven | Determination.GivenNoticeBounced) -> dict[str, Any]:
    return {"decision_given_on": event.clock_met_on}  # the case decided the day, once


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
            _INSERT,
            {
                "determination_id": key,
                "learner_id": event.learner["learner_id"],
                "local_authority": event.learner["local_authority"],
                "organisation": event.body["organisation"],
                "body_kind": event.body["kind"],
                "status": event.status,
                "came_to_attention_on": event.came_to_attention_on,
                **_deadline_columns(event.decision_deadline),
                **values,
            },
        )
        return
    conn.execute(_UPDATE, {"case_key": key, **values, **_changed(event)})


#: The statements built once, their values given as parameters: building a statement with
#: its values (and its cache key) per event was most of a rebuild's time once the round trips
#: were gone (issue 19). The SET clause is the parameters' columns.
_INSERT = cases.insert()
_UPDATE = cases.update().where(cases.c.determination_id == sa.bindparam("case_key"))


PROJECTION = Projection(
    "determination.cases", [cases, involvement, learner_relations], handle, write_only=True
)
