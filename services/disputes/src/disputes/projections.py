"""Read models: open reconsiderations and appeals by LA with their deadlines, outcomes per LA
and matter, and Tribunal recommendations awaiting an NHS body's report.

A case's ``due_on`` is its next statutory date and ``deadline_rule`` says which: the LA's
clock to decide a reconsideration (D8-D12), then the window to appeal its decision (D18,
extended when disagreement resolution starts in time); for an appeal, the earliest date by
which the LA or FEI must comply with an order still open.
"""

from datetime import date
from typing import Any

import sqlalchemy as sa

from disputes.domain import Advocacy, Appeal, DisagreementResolution, Reconsideration
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


def _iso(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value is not None else None


def _deadline(deadline: dict[str, Any] | None) -> dict[str, Any]:
    if not deadline:
        return {"due_on": None, "deadline_rule": None}
    return {"due_on": _iso(deadline["due_on"]), "deadline_rule": deadline["rule_id"]}


def _reconsideration(name: str, s: dict[str, Any]) -> dict[str, Any] | None:
    """The columns a reconsideration's event changes (None: it changes none)."""
    if name == "RepresentationsInvited":
        return {"status": "representations_invited"}
    if name == "RepresentationsReceived":
        return {"status": "deciding"}
    if name == "Decided":
        return {"status": "decided", "outcome": s["outcome"], **_deadline(s["appeal_window"])}
    if name == "NoticeIssued":
        return {"status": "notice_issued", **_deadline(s["appeal_window"])}
    if name == "DisagreementResolutionStarted":
        return _deadline(s["appeal_window"])
    return None


def _next_order_deadline(conn: sa.Connection, appeal_id: str) -> dict[str, Any]:
    earliest = conn.execute(
        sa.select(sa.func.min(orders.c.comply_by)).where(
            orders.c.appeal_id == appeal_id, orders.c.complied_on.is_(None)
        )
    ).scalar()
    return {"due_on": earliest, "deadline_rule": ORDER_DEADLINE if earliest else None}


def _appeal(conn: sa.Connection, key: str, name: str, s: dict[str, Any]) -> dict[str, Any] | None:
    """The columns an appeal's event changes, after keeping its orders and recommendations."""
    if name in {"Acknowledged", "CaseStatementFiled"}:
        status = "acknowledged" if name == "Acknowledged" else "case_statements"
        return {"status": status}
    if name == "HearingScheduled":
        return {"status": "hearing_scheduled", "hearing_on": s["hearing_on"]}
    if name == "Decided":
        for o in s["orders"]:
            conn.execute(orders.insert().values(
                appeal_id=key, order_id=o["order_id"], kind=o["kind"],
                addressed_to=o["addressed_to"], comply_by=_iso(o["comply_by"]),
            ))  # fmt: skip
        for r in s["recommendations"]:
            conn.execute(recommendations.insert().values(
                appeal_id=key, recommendation_id=r["recommendation_id"],
                nhs_body=r["nhs_body"], report_by=_iso(r["report_by"]),
            ))  # fmt: skip
        return {"status": "decided", "outcome": s["outcome"], **_next_order_deadline(conn, key)}
    if name == "ComplianceRecorded" and s["met"]:
        conn.execute(orders.update().where(
            (orders.c.appeal_id == key) & (orders.c.order_id == s["order_id"])
        ).values(complied_on=s["complied_on"]))  # fmt: skip
        return _next_order_deadline(conn, key)
    if name == "RecommendationReported":
        conn.execute(recommendations.update().where(
            (recommendations.c.appeal_id == key)
            & (recommendations.c.recommendation_id == s["recommendation_id"])
        ).values(reported_on=s["reported_on"]))  # fmt: skip
        return {}
    if name == "Closed":
        return {"status": "closed", "due_on": None, "deadline_rule": None}
    return None


def _arrangement(name: str, s: dict[str, Any]) -> dict[str, Any] | None:
    """The columns a disagreement resolution case's or an advocacy's event changes."""
    if name == "AppealWindowRecalculated":
        return _deadline(s["window"])
    if name == "Concluded":
        return {"status": "concluded", "outcome": s["outcome"]}
    if name == "Provided":
        return {"status": "provided"}
    if name == "Ended":
        return {"status": "ended"}
    return None


def _disagreement_row(s: dict[str, Any]) -> dict[str, Any]:
    subject = s["subject_id"]
    return {"case_type": "disagreement_resolution",
            "kind": "about_decision" if subject else "general", "learner_id": s["learner_id"],
            "local_authority": s["local_authority"],
            "subject_id": str(subject) if subject else None, "status": "open"}  # fmt: skip


def _advocacy_row(s: dict[str, Any]) -> dict[str, Any]:
    related = s["related_case_id"]
    return {"case_type": "advocacy", "kind": s["for_person"], "learner_id": s["learner_id"],
            "local_authority": s["local_authority"],
            "subject_id": str(related) if related else None, "status": "requested"}  # fmt: skip


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    event = recorded.event
    key, s, name = str(recorded.originator_id), vars(event), type(event).__name__
    version = recorded.originator_version
    changes: dict[str, Any] | None = None
    if isinstance(event, Reconsideration.Event):
        if name == "Requested":
            conn.execute(cases.insert().values(
                case_id=key, case_type="reconsideration", kind=s["kind"],
                learner_id=s["learner_id"], local_authority=s["local_authority"],
                subject_id=str(s["subject_id"]), status="requested",
                **_deadline(s["deadline"]), version=version,
            ))  # fmt: skip
            return
        changes = _reconsideration(name, s)
    elif isinstance(event, Appeal.Event):
        if name == "Lodged":
            subject = s["subject_id"]
            conn.execute(cases.insert().values(
                case_id=key, case_type="appeal", kind=s["matter"], learner_id=s["learner_id"],
                local_authority=s["respondent"], subject_id=str(subject) if subject else None,
                status="lodged", due_on=None, version=version,
            ))  # fmt: skip
            return
        changes = _appeal(conn, key, name, s)
    elif isinstance(event, DisagreementResolution.Event | Advocacy.Event):
        if version == 1:
            disagreement = isinstance(event, DisagreementResolution.Event)
            opened = _disagreement_row(s) if disagreement else _advocacy_row(s)
            conn.execute(cases.insert().values(case_id=key, **opened, version=version))
            return
        changes = _arrangement(name, s)
    if changes is not None:
        row = cases.c.case_id == key
        conn.execute(cases.update().where(row).values(**changes, version=version))


PROJECTION = Projection("disputes.cases", [cases, orders, recommendations], handle)


def open_cases(conn: sa.Connection, local_authority: str, on: date) -> list[dict[str, Any]]:
    """An LA's (or FEI's) open cases on ``on``, the most urgent first: reconsiderations until
    their appeal window closes, appeals until every order and recommendation is answered,
    disagreement resolution until concluded (with the appeal window it extended), advocacy
    until ended.
    ``overdue`` flags a deadline of the LA's own (to decide, to comply) already past."""
    still_open = sa.or_(
        cases.c.case_type.in_(["appeal", "disagreement_resolution", "advocacy"])
        & cases.c.status.not_in(["closed", "concluded", "ended"]),
        (cases.c.case_type == "reconsideration") & (cases.c.status != "notice_issued"),
        (cases.c.status == "notice_issued") & (cases.c.due_on >= on),
    )
    statement = (
        sa.select(cases)
        .where(cases.c.local_authority == local_authority, still_open)
        .order_by(cases.c.due_on.is_(None), cases.c.due_on, cases.c.case_id)
    )
    found = []
    for r in conn.execute(statement):
        row = dict(r._mapping)
        own = row["deadline_rule"] not in {None, "D18"}  # the appeal window is the family's
        row["overdue"] = bool(own and row["due_on"] is not None and row["due_on"] < on)
        found.append(row)
    return found


def outcomes(conn: sa.Connection, local_authority: str) -> list[dict[str, Any]]:
    """How an LA's reconsiderations (per kind), appeals (per matter) and disagreement
    resolution cases ended: one row per outcome with its count."""
    statement = (
        sa.select(cases.c.case_type, cases.c.kind, cases.c.outcome, sa.func.count().label("n"))
        .where(cases.c.local_authority == local_authority, cases.c.outcome.is_not(None))
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
    rows = conn.execute(sa.select(cases.c.case_id).where(cases.c.learner_id == learner_id))
    return [r.case_id for r in rows]
