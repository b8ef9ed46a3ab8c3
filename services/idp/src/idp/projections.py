"""Read models of plans: by maintaining body and status, reviews due (kept from the log)."""

from datetime import date
from typing import Any

import sqlalchemy as sa

from idp.domain import Idp
from llwybr.eventstore import RecordedEvent
from llwybr.projections import Projection

metadata = sa.MetaData()

plans = sa.Table(
    "idp_plans",
    metadata,
    sa.Column("idp_id", sa.String(36), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("organisation", sa.String(64), nullable=False, index=True),
    sa.Column("maintainer_kind", sa.String(32), nullable=False),
    sa.Column("status", sa.String(32), nullable=False, index=True),
    sa.Column("plan_version", sa.Integer, nullable=False),
    sa.Column("opened_on", sa.Date, nullable=False),
    sa.Column("preparation_due_on", sa.Date, nullable=True),
    sa.Column("issued_on", sa.Date, nullable=True),
    sa.Column("review_due_on", sa.Date, nullable=True, index=True),
    sa.Column("version", sa.Integer, nullable=False),
)


def _due(deadline: dict[str, Any] | None) -> date | None:
    return date.fromisoformat(str(deadline["due_on"])) if deadline else None


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    event = recorded.event
    if not isinstance(event, Idp.Event):
        return
    key = str(recorded.originator_id)
    state = vars(event)
    name = type(event).__name__
    values: dict[str, Any] = {"version": recorded.originator_version}
    if name == "Opened":
        maintainer = state["maintainer"]
        conn.execute(
            plans.insert().values(
                idp_id=key,
                learner_id=state["learner_id"],
                organisation=maintainer["organisation"],
                maintainer_kind=maintainer["kind"],
                status="draft",
                plan_version=0,
                opened_on=state["opened_on"],
                preparation_due_on=_due(state["preparation_deadline"]),
                **values,
            )
        )
        return
    if name in {"Issued", "Revised"}:
        values.update(
            status="active",
            plan_version=state["number"],
            issued_on=state["issued_on"],
            review_due_on=_due(state["review_by"]),
        )
    elif name == "ReviewRequested":
        values["status"] = "under_review"
    elif name == "ReviewHeld":
        values["status"] = "active"
        if state.get("next_review_by"):
            values["review_due_on"] = _due(state["next_review_by"])
    elif name == "Transferred":
        values.update(organisation=state["to"]["organisation"], maintainer_kind=state["to"]["kind"])
    elif name in {"CeaseProposed", "Ceased", "Closed", "Reinstated", "CeaseProposalWithdrawn"}:
        values["status"] = {
            "CeaseProposed": "cease_proposed",
            "Ceased": "ceased",
            "Closed": "closed",
        }.get(name, "active")
    conn.execute(plans.update().where(plans.c.idp_id == key).values(**values))


PROJECTION = Projection("idp.plans", [plans], handle)


def list_plans(
    conn: sa.Connection,
    *,
    organisation: str | None,
    establishment_prefix: str | None,
    learner_id: str | None,
    status: str | None,
    review_due_before: date | None,
    limit: int,
) -> list[dict[str, Any]]:
    statement = sa.select(plans).order_by(plans.c.review_due_on, plans.c.idp_id).limit(limit)
    if organisation:
        statement = statement.where(plans.c.organisation == organisation)
    if establishment_prefix:
        # An LA's own plans and its schools' (establishment numbers begin with the LA's).
        statement = statement.where(
            (plans.c.organisation == f"la:{establishment_prefix}")
            | plans.c.organisation.like(f"school:{establishment_prefix}%")
            | plans.c.organisation.like(f"fei:{establishment_prefix}%")
        )
    if learner_id:
        statement = statement.where(plans.c.learner_id == learner_id)
    if status:
        statement = statement.where(plans.c.status == status)
    if review_due_before:
        statement = statement.where(plans.c.review_due_on <= review_due_before)
    return [dict(r._mapping) for r in conn.execute(statement)]
