"""Read models of plans: by maintaining body and status, reviews due, ALP in force (kept from
the log, each stored event dispatched on its class). Who may list which plans is the other
read model's (``idp.reach``): every query here takes the caller's ``audience``."""

from datetime import date
from functools import singledispatch
from typing import Any

import sqlalchemy as sa

from idp.domain import Idp
from idp.domain.deliveries import Delivering
from idp.domain.ending import Ending
from idp.domain.issuing import Issuing
from idp.domain.notices import Noticing
from idp.domain.provision import sessions_of
from idp.domain.recalculation import Recalculating
from idp.domain.reviews import Reviewing
from idp.domain.shortfalls import Monitoring
from idp.domain.state import PREPARATION, PlanEvent
from idp.domain.transfers import Transferring
from idp.reach import in_audience, learner_relations
from llwybr.access import Audience, Relationship
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
    # The notification id of the plan's latest event: the cursor of the change feed.
    sa.Column("changed_at_position", sa.BigInteger, nullable=False, index=True),
)


alp = sa.Table(
    "idp_alp_elements",
    metadata,
    sa.Column("idp_id", sa.String(36), primary_key=True),
    sa.Column("element_id", sa.String(32), primary_key=True),
    sa.Column("plan_version", sa.Integer, nullable=False),
    sa.Column("maintaining_organisation", sa.String(64), nullable=False, index=True),
    sa.Column("provider_kind", sa.String(32), nullable=False),
    sa.Column("provider_organisation", sa.String(64), nullable=False, index=True),
    sa.Column("in_welsh", sa.Boolean, nullable=True),
    # Sums of what was recorded (issue 24): sessions and minutes, not records.
    sa.Column("sessions_delivered", sa.Integer, nullable=False),
    sa.Column("sessions_missed", sa.Integer, nullable=False),
    sa.Column("minutes_delivered", sa.Integer, nullable=False, default=0),
    sa.Column("welsh_sessions_delivered", sa.Integer, nullable=False, default=0),
)

#: The open shortfalls of provision (issue 24), for the lists of those who must act.
shortfalls = sa.Table(
    "idp_shortfalls",
    metadata,
    sa.Column("idp_id", sa.String(36), primary_key=True),
    sa.Column("element_id", sa.String(32), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False),
    sa.Column("provider_organisation", sa.String(64), nullable=False, index=True),
    sa.Column("maintaining_organisation", sa.String(64), nullable=False),
    sa.Column("since", sa.Date, nullable=False),
    sa.Column("found_on", sa.Date, nullable=False),
    sa.Column("kinds", sa.String(100), nullable=False),  # comma-separated
    sa.Column("window_share", sa.Float, nullable=True),
)

#: The delivery figures of an element, carried over from version to version by element id.
_COUNTS = ("sessions_delivered", "sessions_missed", "minutes_delivered", "welsh_sessions_delivered")


def _due(deadline: dict[str, Any] | None) -> date | None:
    return date.fromisoformat(str(deadline["due_on"])) if deadline else None


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    """Keep the read models from one stored event, dispatched on its class."""
    project(recorded.event, conn, recorded)


@singledispatch
def project(event: object, conn: sa.Connection, recorded: RecordedEvent) -> None:
    """Events that are not a plan's (the rule table in force): no read model."""


@project.register(Idp.Event)
def _changed(event: PlanEvent, conn: sa.Connection, recorded: RecordedEvent) -> None:
    """Any other event of a plan (a draft edit, a decline, ...): a new version of the row."""
    _update(conn, recorded)


@project.register(Idp.Opened)
def _opened(event: Idp.Opened, conn: sa.Connection, recorded: RecordedEvent) -> None:
    conn.execute(
        _INSERT_PLAN,
        {
            "idp_id": str(recorded.originator_id),
            "learner_id": event.learner_id,
            "organisation": event.maintainer["organisation"],
            "maintainer_kind": event.maintainer["kind"],
            "status": "draft",
            "plan_version": 0,
            "opened_on": event.opened_on,
            "preparation_due_on": _due(event.preparation_deadline),
            **_position(recorded),
        },
    )


@project.register(Idp.Issued)
@project.register(Idp.Revised)
def _issued(
    event: Issuing.Issued | Issuing.Revised, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    _replace_alp(conn, str(recorded.originator_id), event.number, event.content)
    _update(
        conn,
        recorded,
        status="active",
        plan_version=event.number,
        issued_on=event.issued_on,
        review_due_on=_due(event.review_by),
    )


@project.register(Idp.ReviewRequested)
def _review_requested(
    event: Reviewing.ReviewRequested, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    _update(conn, recorded, status="under_review")


@project.register(Idp.ReviewHeld)
def _review_held(event: Reviewing.ReviewHeld, conn: sa.Connection, recorded: RecordedEvent) -> None:
    if event.next_review_by:
        _update(conn, recorded, status="active", review_due_on=_due(event.next_review_by))
    else:
        _update(conn, recorded, status="active")


@project.register(Idp.NoticeGiven)
@project.register(Idp.GivenNoticeBounced)
def _notice(
    event: Noticing.NoticeGiven | Noticing.GivenNoticeBounced,
    conn: sa.Connection,
    recorded: RecordedEvent,
) -> None:
    """A notice of no revision given (or bounced) moves the review due (s.23(3)(b))."""
    if event.next_review_by:
        _update(conn, recorded, review_due_on=_due(event.next_review_by))
    else:
        _update(conn, recorded)


@project.register(Idp.DeadlineRecalculated)
def _recalculated(
    event: Recalculating.DeadlineRecalculated, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    """A calendar published moved the preparation deadline (the FEI's D13 is not listed)."""
    if event.key == PREPARATION:
        _update(conn, recorded, preparation_due_on=_due(event.deadline))
    else:
        _update(conn, recorded)


@project.register(Idp.DeliveryRecorded)
def _delivery_recorded(
    event: Delivering.DeliveryRecorded, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    """Add what the record counts. A record that does not name its language was given as the
    plan says (2B.3); one stored before records counted sessions is one session."""
    sessions = sessions_of(vars(event))
    row = (alp.c.idp_id == str(recorded.originator_id)) & (alp.c.element_id == event.element_id)
    if event.delivered:
        language = event.language
        in_welsh = alp.c.in_welsh.is_(True) if language is None else sa.literal(language == "cy")
        values = {
            "sessions_delivered": alp.c.sessions_delivered + sessions,
            "minutes_delivered": alp.c.minutes_delivered + (event.minutes or 0),
            "welsh_sessions_delivered": alp.c.welsh_sessions_delivered
            + sa.case((in_welsh, sessions), else_=0),
        }
    else:
        values = {"sessions_missed": alp.c.sessions_missed + sessions}
    conn.execute(alp.update().where(row).values(values))
    _update(conn, recorded)


@project.register(Idp.ProvisionShortfallFound)
def _shortfall_found(
    event: Monitoring.ProvisionShortfallFound, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    key = str(recorded.originator_id)
    _drop_shortfall(conn, key, event.element_id)
    conn.execute(
        _INSERT_SHORTFALL,
        {
            "idp_id": key,
            "element_id": event.element_id,
            "learner_id": event.learner_id,
            "provider_organisation": event.provider_organisation,
            "maintaining_organisation": event.maintaining_organisation,
            "since": event.since,
            "found_on": event.found_on,
            "kinds": ",".join(event.kinds),
            "window_share": event.window_share,
        },
    )
    _update(conn, recorded)


@project.register(Idp.ProvisionShortfallEnded)
def _shortfall_ended(
    event: Monitoring.ProvisionShortfallEnded, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    _drop_shortfall(conn, str(recorded.originator_id), event.element_id)
    _update(conn, recorded)


def _drop_shortfall(conn: sa.Connection, key: str, element_id: str) -> None:
    conn.execute(_DROP_SHORTFALL, {"plan": key, "element": element_id})


@project.register(Idp.Transferred)
def _transferred(
    event: Transferring.Transferred, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    organisation = event.to["organisation"]
    _update(conn, recorded, organisation=organisation, maintainer_kind=event.to["kind"])
    # the provider report names who maintains the plan now, not who issued it
    key = str(recorded.originator_id)
    conn.execute(_UPDATE_ALP, {"plan": key, "maintaining_organisation": organisation})


@project.register(Idp.CeaseProposed)
def _cease_proposed(
    event: Ending.CeaseProposed, conn: sa.Connection, recorded: RecordedEvent
) -> None:
    _update(conn, recorded, status="cease_proposed")


@project.register(Idp.Ceased)
def _ceased(event: Ending.Ceased, conn: sa.Connection, recorded: RecordedEvent) -> None:
    _update(conn, recorded, status="ceased")


@project.register(Idp.Closed)
def _closed(event: Ending.Closed, conn: sa.Connection, recorded: RecordedEvent) -> None:
    _update(conn, recorded, status="closed")


@project.register(Idp.Reinstated)
@project.register(Idp.CeaseProposalWithdrawn)
def _cease_undone(
    event: Ending.Reinstated | Ending.CeaseProposalWithdrawn,
    conn: sa.Connection,
    recorded: RecordedEvent,
) -> None:
    _update(conn, recorded, status="active")


def _position(recorded: RecordedEvent) -> dict[str, Any]:
    return {
        "version": recorded.originator_version,
        "changed_at_position": recorded.notification_id or 0,
    }


def _update(conn: sa.Connection, recorded: RecordedEvent, **values: Any) -> None:
    """The plan's row as of this event: its version and change-feed position, and ``values``."""
    conn.execute(
        _UPDATE, {"plan_key": str(recorded.originator_id), **values, **_position(recorded)}
    )


#: Built once, their values given as parameters (an update's SET clause is their columns):
#: building a statement with its values per event was most of a rebuild's CPU time, and a
#: rebuild writes statements built once without SQLAlchemy's execution (issue 19,
#: ``llwybr.rebuild``).
_UPDATE = plans.update().where(plans.c.idp_id == sa.bindparam("plan_key"))
_INSERT_PLAN = plans.insert()
_INSERT_ALP = alp.insert()
_SELECT_ALP = sa.select(alp).where(alp.c.idp_id == sa.bindparam("plan"))
_DROP_ALP = alp.delete().where(alp.c.idp_id == sa.bindparam("plan"))
_UPDATE_ALP = alp.update().where(alp.c.idp_id == sa.bindparam("plan"))
_INSERT_SHORTFALL = shortfalls.insert()
_DROP_SHORTFALL = shortfalls.delete().where(
    shortfalls.c.idp_id == sa.bindparam("plan"), shortfalls.c.element_id == sa.bindparam("element")
)


def _replace_alp(conn: sa.Connection, key: str, number: int, content: dict[str, Any]) -> None:
    """The elements of the version in force (delivery counts carry over by element id)."""
    counts = {
        r.element_id: {name: getattr(r, name) for name in _COUNTS}
        for r in conn.execute(_SELECT_ALP, {"plan": key})
    }
    conn.execute(_DROP_ALP, {"plan": key})
    maintainer = content["maintainer"]["organisation"]
    rows = [
        {
            "idp_id": key,
            "element_id": element["element_id"],
            "plan_version": number,
            "maintaining_organisation": maintainer,
            "provider_kind": element["provider_kind"],
            "provider_organisation": element["provider_organisation"],
            "in_welsh": element["in_welsh"],
            **counts.get(element["element_id"], dict.fromkeys(_COUNTS, 0)),
        }
        for element in content["alp"]
    ]
    if rows:
        conn.execute(_INSERT_ALP, rows)


PROJECTION = Projection("idp.plans", [plans, alp, shortfalls], handle)


def list_plans(
    conn: sa.Connection,
    *,
    audience: Audience,
    learner_id: str | None,
    status: str | None,
    review_due_before: date | None,
    limit: int,
    after: str | None = None,
    changed_after: int | None = None,
) -> list[dict[str, Any]]:
    """The plans the caller's ``audience`` may list: by id (keyset pagination after
    ``after``), or, for the change feed, those changed after a cursor in the order they
    changed."""
    if changed_after is not None:
        statement = (
            sa.select(plans)
            .where(plans.c.changed_at_position > changed_after)
            .order_by(plans.c.changed_at_position)
        )
    else:
        statement = sa.select(plans).order_by(plans.c.idp_id)
        if after:
            statement = statement.where(plans.c.idp_id > after)
    statement = statement.limit(limit).where(
        in_audience(plans.c.idp_id, plans.c.learner_id, audience)
    )
    if learner_id:
        statement = statement.where(plans.c.learner_id == learner_id)
    if status:
        statement = statement.where(plans.c.status == status)
    if review_due_before:
        statement = statement.where(plans.c.review_due_on <= review_due_before)
    return [dict(r._mapping) for r in conn.execute(statement)]


#: Plans whose ALP is in force: issued, and neither ceased nor closed.
IN_FORCE = ("active", "under_review", "cease_proposed")


def alp_by_provider(conn: sa.Connection, provider: str, audience: Audience) -> list[dict[str, Any]]:
    """Every element of ALP in force that one organisation provides (e.g. one health board's
    NHS-secured ALP), with what was delivered and missed, in the plans the caller's
    ``audience`` may list; a ceased or closed plan's ALP is no longer in force."""
    listed = sa.select(plans.c.idp_id).where(
        in_audience(plans.c.idp_id, plans.c.learner_id, audience), plans.c.status.in_(IN_FORCE)
    )
    statement = (
        sa.select(alp)
        .where(alp.c.provider_organisation == provider, alp.c.idp_id.in_(listed))
        .order_by(alp.c.idp_id, alp.c.element_id)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def open_shortfalls(
    conn: sa.Connection, audience: Audience, provider: str | None
) -> list[dict[str, Any]]:
    """The open shortfalls of provision in the plans in force the caller's ``audience`` may
    list (a maintainer's, a provider's, an LA's learners'), oldest first; one provider's
    with ``provider``."""
    listed = sa.select(plans.c.idp_id).where(
        in_audience(plans.c.idp_id, plans.c.learner_id, audience), plans.c.status.in_(IN_FORCE)
    )
    statement = (
        sa.select(shortfalls)
        .where(shortfalls.c.idp_id.in_(listed))
        .order_by(shortfalls.c.since, shortfalls.c.idp_id, shortfalls.c.element_id)
    )
    if provider:
        statement = statement.where(shortfalls.c.provider_organisation == provider)
    return [
        {**r._mapping, "kinds": r.kinds.split(",") if r.kinds else []}
        for r in conn.execute(statement)
    ]


def welsh_medium_sufficiency(conn: sa.Connection, local_authority: str) -> dict[str, Any]:
    """For the plans in force of the learners an LA is responsible for (the learner registry's
    facts, never the maintaining school's number: a learner of one LA at a school in another
    counts for their own LA only): learners, plans and elements of ALP required in Welsh,
    against those with Welsh-medium ALP delivered in Welsh, and its sessions given in Welsh,
    in English (or other) instead, and missed."""
    theirs = sa.select(learner_relations.c.learner_id).where(
        learner_relations.c.organisation == f"la:{local_authority}",
        learner_relations.c.relationship == Relationship.RESPONSIBLE_LA.value,
    )
    welsh = (
        sa.select(alp, plans.c.learner_id)
        .join(plans, plans.c.idp_id == alp.c.idp_id)
        .where(plans.c.learner_id.in_(theirs), plans.c.status.in_(IN_FORCE))
    ).subquery()
    required = welsh.c.in_welsh.is_(True)
    given = required & (welsh.c.welsh_sessions_delivered > 0)

    def distinct(column: sa.ColumnElement[Any], when: sa.ColumnElement[bool]) -> Any:
        return sa.func.count(sa.distinct(sa.case((when, column))))

    row = conn.execute(
        sa.select(
            sa.func.count(),
            distinct(welsh.c.learner_id, required),
            distinct(welsh.c.idp_id, required),
            sa.func.count(sa.case((required, 1))),
            distinct(welsh.c.learner_id, given),
            distinct(welsh.c.idp_id, given),
            sa.func.count(sa.case((given, 1))),
            sa.func.coalesce(sa.func.sum(sa.case((required, welsh.c.welsh_sessions_delivered))), 0),
            sa.func.coalesce(
                sa.func.sum(
                    sa.case(
                        (required, welsh.c.sessions_delivered - welsh.c.welsh_sessions_delivered)
                    )
                ),
                0,
            ),
            sa.func.coalesce(sa.func.sum(sa.case((required, welsh.c.sessions_missed))), 0),
        )
    ).one()
    return {
        "local_authority": local_authority,
        "alp_elements": row[0],
        "learners_needing_welsh": row[1],
        "plans_needing_welsh": row[2],
        "alp_elements_in_welsh": row[3],
        "learners_given_welsh": row[4],
        "plans_given_welsh": row[5],
        "alp_elements_given_in_welsh": row[6],
        "welsh_sessions_delivered": row[7],
        "welsh_sessions_given_in_english": row[8],
        "welsh_sessions_missed": row[9],
    }


def learner_plans(conn: sa.Connection, learner_id: str) -> list[str]:
    """The learner's plan (for the auditors' history)."""
    rows = conn.execute(sa.select(plans.c.idp_id).where(plans.c.learner_id == learner_id))
    return [r.idp_id for r in rows]
