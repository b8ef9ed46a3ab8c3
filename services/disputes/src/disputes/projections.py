"""Read models: open reconsiderations and appeals by LA with their deadlines, outcomes per LA
and matter, and Tribunal recommendations awaiting an NHS body's report."""

from datetime import date
from typing import Any

import sqlalchemy as sa

from disputes.domain import Appeal, Reconsideration
from llwybr.eventstore import RecordedEvent
from llwybr.projections import Projection

metadata = sa.MetaData()

cases = sa.Table(
    "dispute_cases",
    metadata,
    sa.Column("case_id", sa.String(36), primary_key=True),
    sa.Column("case_type", sa.String(16), nullable=False),  # reconsideration / appeal
    sa.Column("kind", sa.String(40), nullable=False),  # R1-R4, or the appeal's matter
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("local_authority", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(32), nullable=False, index=True),
    sa.Column("due_on", sa.Date, nullable=True),
    sa.Column("outcome", sa.String(32), nullable=True),
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


def _due(deadline: dict[str, Any] | None) -> date | None:
    return date.fromisoformat(str(deadline["due_on"])) if deadline else None


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    event = recorded.event
    key, s, name = str(recorded.originator_id), vars(event), type(event).__name__
    row = cases.c.case_id == key
    if isinstance(event, Reconsideration.Event):
        if name == "Requested":
            conn.execute(cases.insert().values(
                case_id=key, case_type="reconsideration", kind=s["kind"],
                learner_id=s["learner_id"], local_authority=s["local_authority"],
                status="requested", due_on=_due(s["deadline"]),
            ))  # fmt: skip
        elif name == "Decided":
            window = _due(s["appeal_window"])
            decided = {"status": "decided", "outcome": s["outcome"], "due_on": window}
            conn.execute(cases.update().where(row).values(**decided))
        elif name == "DisagreementResolutionStarted":
            conn.execute(cases.update().where(row).values(
                due_on=_due(s["appeal_window_extended"])))  # fmt: skip
    elif isinstance(event, Appeal.Event):
        if name == "Lodged":
            respondent = s["respondent"]
            conn.execute(cases.insert().values(
                case_id=key, case_type="appeal", kind=s["matter"], learner_id=s["learner_id"],
                local_authority=respondent, status="lodged", due_on=None,
            ))  # fmt: skip
        elif name == "Decided":
            conn.execute(cases.update().where(row).values(status="decided", outcome=s["outcome"]))
            for r in s["recommendations"]:
                conn.execute(recommendations.insert().values(
                    appeal_id=key, recommendation_id=r["recommendation_id"],
                    nhs_body=r["nhs_body"], report_by=r["report_by"],
                ))  # fmt: skip
        elif name == "RecommendationReported":
            conn.execute(recommendations.update().where(
                (recommendations.c.appeal_id == key)
                & (recommendations.c.recommendation_id == s["recommendation_id"])
            ).values(reported_on=s["reported_on"]))  # fmt: skip
        elif name == "Closed":
            conn.execute(cases.update().where(row).values(status="closed"))


PROJECTION = Projection("disputes.cases", [cases, recommendations], handle)


def open_cases(conn: sa.Connection, local_authority: str) -> list[dict[str, Any]]:
    statement = (
        sa.select(cases)
        .where(cases.c.local_authority == local_authority, cases.c.status != "closed")
        .order_by(cases.c.due_on, cases.c.case_id)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def outcomes(conn: sa.Connection, local_authority: str) -> list[dict[str, Any]]:
    statement = (
        sa.select(cases.c.case_type, cases.c.kind, cases.c.outcome, sa.func.count().label("n"))
        .where(cases.c.local_authority == local_authority, cases.c.outcome.is_not(None))
        .group_by(cases.c.case_type, cases.c.kind, cases.c.outcome)
        .order_by(cases.c.case_type, cases.c.kind, cases.c.outcome)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def awaiting_report(conn: sa.Connection, nhs_body: str) -> list[dict[str, Any]]:
    statement = (
        sa.select(recommendations)
        .where(recommendations.c.nhs_body == nhs_body, recommendations.c.reported_on.is_(None))
        .order_by(recommendations.c.report_by, recommendations.c.appeal_id)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def learner_cases(conn: sa.Connection, learner_id: str) -> list[str]:
    rows = conn.execute(sa.select(cases.c.case_id).where(cases.c.learner_id == learner_id))
    return [r.case_id for r in rows]
