"""Read models: open reconsiderations and appeals by LA with their deadlines, outcomes per LA
and matter, and Tribunal recommendations awaiting an NHS body's report.

A case's ``due_on`` is its next statutory date and ``deadline_rule`` says which: the LA's
clock to decide a reconsideration (D8-D12), then the window to appeal its decision (D18,
extended when disagreement resolution starts in time); for an appeal, the earliest date by
which the LA or FEI must comply with an order still open.
"""

import uuid
from datetime import date
from functools import singledispatch
from typing import Any

import sqlalchemy as sa
from eventsourcing.domain import Aggregate

from disputes.domain import (
    Advocacy,
    AdvocacyStatus,
    Appeal,
    AppealStatus,
    Complaint,
    ComplaintStatus,
    DisagreementResolution,
    DisagreementStatus,
    Reconsideration,
    ReconsiderationStatus,
)
from disputes.domain.notices import (
    NOTICE_DECISIONS,
    RECONSIDERATION,
    FamilyNotices,
    family_notices_id,
)
from disputes.projections.relations import visible
from llwybr.access import Audience
from llwybr.clock import Deadline, RuleId
from llwybr.eventstore import RecordedEvent
from llwybr.projections import Projection

metadata = sa.MetaData()

cases = sa.Table(
    "dispute_cases",
    metadata,
    sa.Column("case_id", sa.String(36), primary_key=True),
    # reconsideration, appeal, disagreement_resolution or advocacy
    sa.Column("case_type", sa.String(32), nullable=False),
    # R1-R4, the appeal's matter, "about_decision"/"general", or whom advocacy is for
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("local_authority", sa.String(64), nullable=False, index=True),
    sa.Column("subject_id", sa.String(36), nullable=True, index=True),
    sa.Column("status", sa.String(32), nullable=False, index=True),
    sa.Column("due_on", sa.Date, nullable=True),
    sa.Column("deadline_rule", sa.String(16), nullable=True),
    sa.Column("hearing_on", sa.Date, nullable=True),
    sa.Column("outcome", sa.String(32), nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
)

orders = sa.Table(
    "dispute_orders",
    metadata,
    sa.Column("appeal_id", sa.String(36), primary_key=True),
    sa.Column("order_id", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("addressed_to", sa.String(64), nullable=False, index=True),
    sa.Column("comply_by", sa.Date, nullable=True),
    sa.Column("complied_on", sa.Date, nullable=True),
)

recommendations = sa.Table(
    "dispute_recommendations",
    metadata,
    sa.Column("appeal_id", sa.String(36), primary_key=True),
    sa.Column("recommendation_id", sa.String(32), primary_key=True),
    sa.Column("nhs_body", sa.String(64), nullable=False, index=True),
    sa.Column("report_by", sa.Date, nullable=True),
    sa.Column("reported_on", sa.Date, nullable=True),
)

#: The rule a deadline column names when it is a Tribunal order's date to comply by.
ORDER_DEADLINE = "order"


def _deadline(deadline: Deadline | None) -> dict[str, Any]:
    if deadline is None:
        return {"due_on": None, "deadline_rule": None}
    return {"due_on": deadline.due_on, "deadline_rule": deadline.rule_id}


@singledispatch
def _project(event: object, conn: sa.Connection, key: str) -> dict[str, Any] | None:
    """The columns an event sets in its case's row (None: it changes none): all of them for
    the event that opens the case. Orders and recommendations are kept on the way."""
    return None


# -- reconsiderations -------------------------------------------------------------------------


@_project.register
def _(e: Reconsideration.Requested, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {
        "case_type": "reconsideration",
        "kind": e.kind,
        "learner_id": e.learner_id,
        "local_authority": e.local_authority,
        "subject_id": str(e.subject_id),
        "status": ReconsiderationStatus.REQUESTED,
        **_deadline(e.la_deadline),
    }


@_project.register
def _(e: Reconsideration.RepresentationsInvited, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": ReconsiderationStatus.REPRESENTATIONS_INVITED}


@_project.register
def _(e: Reconsideration.RepresentationsReceived, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": ReconsiderationStatus.DECIDING}


@_project.register
def _(e: Reconsideration.Decided, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": ReconsiderationStatus.DECIDED, "outcome": e.outcome, **_deadline(e.window)}


@_project.register
def _(e: Reconsideration.NoticeIssued, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": ReconsiderationStatus.NOTICE_ISSUED, **_deadline(e.window)}


@_project.register
def _(
    e: Reconsideration.DisagreementResolutionStarted, conn: sa.Connection, key: str
) -> dict[str, Any]:
    return _deadline(e.window)


@_project.register
def _(e: FamilyNotices.Given, conn: sa.Connection, key: str) -> None:
    """A family notice of a reconsideration's decision given later than the window the case
    shows: the case shows the window enforced now (ADR 0017)."""
    if e.appeal_window is None:
        return  # a cease notice: it opens no appeal window here
    window = Deadline.from_dict(e.appeal_window)
    row = (
        (cases.c.case_id == str(e.subject_id))
        & (cases.c.case_type == "reconsideration")
        & (cases.c.deadline_rule == RuleId.D18)
        & sa.or_(cases.c.due_on.is_(None), cases.c.due_on < window.due_on)
    )
    conn.execute(cases.update().where(row).values(due_on=window.due_on))


# -- appeals ----------------------------------------------------------------------------------


def _next_order_deadline(conn: sa.Connection, appeal_id: str) -> dict[str, Any]:
    earliest = conn.execute(
        sa.select(sa.func.min(orders.c.comply_by)).where(
            orders.c.appeal_id == appeal_id, orders.c.complied_on.is_(None)
        )
    ).scalar()
    return {"due_on": earliest, "deadline_rule": ORDER_DEADLINE if earliest else None}


@_project.register
def _(e: Appeal.Lodged, conn: sa.Connection, key: str) -> dict[str, Any]:
    subject = str(e.subject_id) if e.subject_id else None
    return {
        "case_type": "appeal",
        "kind": e.matter,
        "learner_id": e.learner_id,
        "local_authority": e.respondent,
        "subject_id": subject,
        "status": AppealStatus.LODGED,
        "due_on": None,
    }


@_project.register
def _(e: Appeal.Acknowledged, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": AppealStatus.ACKNOWLEDGED}


@_project.register
def _(e: Appeal.CaseStatementFiled, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": AppealStatus.CASE_STATEMENTS}


@_project.register
def _(e: Appeal.HearingScheduled, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": AppealStatus.HEARING_SCHEDULED, "hearing_on": e.hearing_on}


@_project.register
def _(e: Appeal.Decided, conn: sa.Connection, key: str) -> dict[str, Any]:
    for o in e.decided_orders:
        conn.execute(orders.insert().values(
            appeal_id=key, order_id=o.order_id, kind=o.kind, addressed_to=o.addressed_to,
            comply_by=o.comply_by,
        ))  # fmt: skip
    for r in e.decided_recommendations:
        conn.execute(recommendations.insert().values(
            appeal_id=key, recommendation_id=r.recommendation_id, nhs_body=r.nhs_body,
            report_by=r.report_by,
        ))  # fmt: skip
    return {"status": AppealStatus.DECIDED, "outcome": e.outcome, **_next_order_deadline(conn, key)}


@_project.register
def _(e: Appeal.ComplianceRecorded, conn: sa.Connection, key: str) -> dict[str, Any] | None:
    if not e.met:
        return None  # an attempt: the order stays open
    conn.execute(orders.update().where(
        (orders.c.appeal_id == key) & (orders.c.order_id == e.order_id)
    ).values(complied_on=e.complied_on))  # fmt: skip
    return _next_order_deadline(conn, key)


@_project.register
def _(e: Appeal.RecommendationReported, conn: sa.Connection, key: str) -> dict[str, Any]:
    conn.execute(recommendations.update().where(
        (recommendations.c.appeal_id == key)
        & (recommendations.c.recommendation_id == e.recommendation_id)
    ).values(reported_on=e.reported_on))  # fmt: skip
    return {}


@_project.register
def _(e: Appeal.Closed, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": AppealStatus.CLOSED, "due_on": None, "deadline_rule": None}


# -- the LA's arrangements --------------------------------------------------------------------


@_project.register
def _(e: DisagreementResolution.Opened, conn: sa.Connection, key: str) -> dict[str, Any]:
    subject = str(e.subject_id) if e.subject_id else None
    return {
        "case_type": "disagreement_resolution",
        "kind": "about_decision" if subject else "general",
        "learner_id": e.learner_id,
        "local_authority": e.local_authority,
        "subject_id": subject,
        "status": DisagreementStatus.OPEN,
    }


@_project.register
def _(
    e: DisagreementResolution.AppealWindowRecalculated, conn: sa.Connection, key: str
) -> dict[str, Any]:
    return _deadline(e.extended)


@_project.register
def _(e: DisagreementResolution.Concluded, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": DisagreementStatus.CONCLUDED, "outcome": e.outcome}


@_project.register
def _(e: Advocacy.Requested, conn: sa.Connection, key: str) -> dict[str, Any]:
    related = str(e.related_case_id) if e.related_case_id else None
    return {
        "case_type": "advocacy",
        "kind": e.for_person,
        "learner_id": e.learner_id,
        "local_authority": e.local_authority,
        "subject_id": related,
        "status": AdvocacyStatus.REQUESTED,
    }


@_project.register
def _(e: Advocacy.Provided, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": AdvocacyStatus.PROVIDED}


@_project.register
def _(e: Advocacy.Ended, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": AdvocacyStatus.ENDED}


@_project.register
def _(e: Complaint.Opened, conn: sa.Connection, key: str) -> dict[str, Any]:
    # in the learner's cases: their history, timeline and subject access export list it
    return {
        "case_type": "complaint",
        "kind": "complaint",
        "learner_id": e.learner_id,
        "local_authority": e.local_authority,
        "status": ComplaintStatus.OPEN,
    }


@_project.register
def _(e: Complaint.Closed, conn: sa.Connection, key: str) -> dict[str, Any]:
    return {"status": ComplaintStatus.CLOSED}


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    key, version = str(recorded.originator_id), recorded.originator_version
    row = _project(recorded.event, conn, key)
    if row is None:
        return
    if isinstance(recorded.event, Aggregate.Created):  # the event that opens the case
        conn.execute(cases.insert().values(case_id=key, **row, version=version))
    else:
        conn.execute(cases.update().where(cases.c.case_id == key).values(**row, version=version))


PROJECTION = Projection("disputes.cases", [cases, orders, recommendations], handle)


def _shown(of: Audience, seen_by: Audience) -> sa.ColumnElement[bool]:
    """The cases of ``of`` (an LA's: those it keeps or answers, and its learners') that
    ``seen_by`` (the caller) may read."""
    return sa.and_(
        visible(of, cases.c.case_id, cases.c.learner_id),
        visible(seen_by, cases.c.case_id, cases.c.learner_id),
    )


def open_cases(
    conn: sa.Connection, of: Audience, seen_by: Audience, on: date
) -> list[dict[str, Any]]:
    """An LA's (or FEI's) open cases on ``on`` that the caller may read, the most urgent
    first: reconsiderations until
    their appeal window closes, appeals until every order and recommendation is answered,
    disagreement resolution until concluded (with the appeal window it extended), advocacy
    until ended, a complaint until closed.
    ``overdue`` flags a deadline of the LA's own (to decide, to comply) already past."""
    still_open = sa.or_(
        cases.c.case_type.in_(["appeal", "disagreement_resolution", "advocacy", "complaint"])
        & cases.c.status.not_in(["closed", "concluded", "ended"]),
        (cases.c.case_type == "reconsideration") & (cases.c.status != "notice_issued"),
        (cases.c.status == "notice_issued") & (cases.c.due_on >= on),
    )
    statement = (
        sa.select(cases)
        .where(_shown(of, seen_by), still_open)
        .order_by(cases.c.due_on.is_(None), cases.c.due_on, cases.c.case_id)
    )
    found = []
    for r in conn.execute(statement):
        row = dict(r._mapping)
        own = row["deadline_rule"] not in {None, RuleId.D18}  # the appeal window is the family's
        row["overdue"] = bool(own and row["due_on"] is not None and row["due_on"] < on)
        found.append(row)
    return found


def of_learner(conn: sa.Connection, learner_id: str, seen_by: Audience) -> list[dict[str, Any]]:
    """A learner's disputes the caller may read, open and ended alike, each with its status,
    next statutory date and outcome as the projection keeps them; the soonest date first."""
    statement = (
        sa.select(cases)
        .where(
            cases.c.learner_id == learner_id,
            visible(seen_by, cases.c.case_id, cases.c.learner_id),
        )
        .order_by(cases.c.due_on.is_(None), cases.c.due_on, cases.c.case_id)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def outcomes(conn: sa.Connection, of: Audience, seen_by: Audience) -> list[dict[str, Any]]:
    """How an LA's reconsiderations (per kind), appeals (per matter) and disagreement
    resolution cases that the caller may read ended: one row per outcome with its count."""
    statement = (
        sa.select(cases.c.case_type, cases.c.kind, cases.c.outcome, sa.func.count().label("n"))
        .where(_shown(of, seen_by), cases.c.outcome.is_not(None))
        .group_by(cases.c.case_type, cases.c.kind, cases.c.outcome)
        .order_by(cases.c.case_type, cases.c.kind, cases.c.outcome)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def awaiting_report(conn: sa.Connection, nhs_body: str) -> list[dict[str, Any]]:
    """The recommendations made to an NHS body that it has not reported on yet."""
    statement = (
        sa.select(recommendations)
        .where(recommendations.c.nhs_body == nhs_body, recommendations.c.reported_on.is_(None))
        .order_by(recommendations.c.report_by, recommendations.c.appeal_id)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def learner_cases(conn: sa.Connection, learner_id: str) -> list[str]:
    """The learner's cases, and the records of the family's notices of the decisions they are
    about (a record not yet started has no events: nothing is shown for it)."""
    rows = conn.execute(
        sa.select(cases.c.case_id, cases.c.case_type, cases.c.subject_id).where(
            cases.c.learner_id == learner_id
        )
    ).all()
    found = [r.case_id for r in rows]
    for r in rows:
        if r.case_type == "reconsideration":
            found.append(str(family_notices_id(uuid.UUID(r.case_id), RECONSIDERATION)))
        if r.subject_id is not None:
            subject = uuid.UUID(r.subject_id)
            found += [str(family_notices_id(subject, d)) for d in set(NOTICE_DECISIONS.values())]
    return list(dict.fromkeys(found))
