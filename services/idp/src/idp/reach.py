"""Who each plan is listed for: the relationships of ``llwybr.access`` as a read model, so that
lists, feeds and reports filter in SQL by the caller's ``audience`` (ADR 0015).

Two sources, as for one plan (``IdpService.relations``): the learner's relationships, from the
learner registry's facts followed here (``llwybr.learners``), with the LAs whose auditors see
the learner (the jurisdiction); and the plan's own, as ``idp.access.relations_of`` derives
them, each row keyed by the fact that establishes it so that a later event replaces or
removes exactly that fact (a transfer replaces the maintainer, an element removed from the
draft its provider, an issued revision the revising LA).
"""

from functools import singledispatch

import sqlalchemy as sa

from contracts.determination import LearnerRelationsRecorded
from idp.domain import Idp, ReviewRequester
from idp.domain.drafting import Drafting
from idp.domain.issuing import Issuing
from idp.domain.reviews import Reviewing
from idp.domain.transfers import Transferring
from llwybr.access import Audience, Relationship
from llwybr.eventstore import RecordedEvent
from llwybr.learners import LearnerKnown, relations_of
from llwybr.projections import Projection

metadata = sa.MetaData()

learner_relations = sa.Table(
    "idp_learner_relations",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("organisation", sa.String(64), primary_key=True),
    sa.Column("relationship", sa.String(32), primary_key=True),
)

learner_jurisdiction = sa.Table(
    "idp_learner_jurisdiction",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("local_authority", sa.String(8), primary_key=True, index=True),
)

plan_relations = sa.Table(
    "idp_plan_relations",
    metadata,
    sa.Column("idp_id", sa.String(36), primary_key=True),
    # The fact that establishes the relationship ("maintainer", "draft:e1", "former:la:665").
    sa.Column("source", sa.String(100), primary_key=True),
    sa.Column("organisation", sa.String(64), nullable=False, index=True),
    sa.Column("relationship", sa.String(32), nullable=False),
)

MAINTAINER = Relationship.MAINTAINER.value
REVISING = "revising"


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    relate(recorded.event, conn, str(recorded.originator_id))


@singledispatch
def relate(event: object, conn: sa.Connection, key: str) -> None:
    """Events that change no relationship (a draft's text, a review held, ...)."""


@relate.register(LearnerKnown.Adopted)
@relate.register(LearnerKnown.Changed)
def _learner(
    event: LearnerKnown.Adopted | LearnerKnown.Changed, conn: sa.Connection, key: str
) -> None:
    facts = LearnerRelationsRecorded.model_validate(event.facts)
    relations = relations_of(facts)
    learner = facts.learner_id
    conn.execute(_DROP_LEARNER_RELATIONS, {"learner": learner})
    conn.execute(_DROP_LEARNER_JURISDICTION, {"learner": learner})
    rows = [
        {"learner_id": learner, "organisation": organisation, "relationship": r.value}
        for organisation, held in relations.parties.items()
        for r in held
    ]
    if rows:
        conn.execute(learner_relations.insert(), rows)
    if relations.jurisdiction:
        conn.execute(
            learner_jurisdiction.insert(),
            [{"learner_id": learner, "local_authority": la} for la in relations.jurisdiction],
        )


def _set(
    conn: sa.Connection, key: str, source: str, organisation: str, relationship: Relationship
) -> None:
    _drop(conn, key, source)
    conn.execute(
        _INSERT,
        {
            "idp_id": key,
            "source": source,
            "organisation": organisation,
            "relationship": relationship.value,
        },
    )


def _drop(conn: sa.Connection, key: str, source: str) -> None:
    conn.execute(_DROP, {"plan": key, "fact": source})


#: The statements built once, their values given as parameters: building a statement with
#: its values (and its cache key) per event was most of a rebuild's time (issue 19), and a
#: rebuild writes such statements without SQLAlchemy's execution (``llwybr.rebuild``).
_INSERT = plan_relations.insert()
_DROP = plan_relations.delete().where(
    (plan_relations.c.idp_id == sa.bindparam("plan"))
    & (plan_relations.c.source == sa.bindparam("fact"))
)
_DROP_LEARNER_RELATIONS = learner_relations.delete().where(
    learner_relations.c.learner_id == sa.bindparam("learner")
)
_DROP_LEARNER_JURISDICTION = learner_jurisdiction.delete().where(
    learner_jurisdiction.c.learner_id == sa.bindparam("learner")
)


@relate.register(Idp.Opened)
def _opened(event: Idp.Opened, conn: sa.Connection, key: str) -> None:
    _set(conn, key, MAINTAINER, event.maintainer["organisation"], Relationship.MAINTAINER)


@relate.register(Idp.Transferred)
def _transferred(event: Transferring.Transferred, conn: sa.Connection, key: str) -> None:
    before = event.from_maintainer
    if before is None:  # stored before transfers carried it: the maintainer until now
        row = (plan_relations.c.idp_id == key) & (plan_relations.c.source == MAINTAINER)
        found = conn.execute(sa.select(plan_relations.c.organisation).where(row)).scalar()
        before = {"organisation": found} if found else None
    if before is not None:
        organisation = before["organisation"]
        _set(conn, key, f"former:{organisation}", organisation, Relationship.FORMER_MAINTAINER)
    _set(conn, key, MAINTAINER, event.to["organisation"], Relationship.MAINTAINER)


@relate.register(Idp.RevisionDirected)
def _directed(event: Issuing.RevisionDirected, conn: sa.Connection, key: str) -> None:
    _set(conn, key, REVISING, event.local_authority, Relationship.MAINTAINER)


@relate.register(Idp.Issued)
@relate.register(Idp.Revised)
def _issued(event: Issuing.Issued | Issuing.Revised, conn: sa.Connection, key: str) -> None:
    _drop(conn, key, REVISING)  # a new version answers every direction waiting
    for element in event.content["alp"]:
        provider = element["provider_organisation"]
        _set(conn, key, f"issued:{provider}", provider, Relationship.PROVIDER)


@relate.register(Idp.AlpElementAdded)
@relate.register(Idp.AlpElementAmended)
@relate.register(Idp.NhsAlpAdded)
def _element(
    event: Drafting.AlpElementAdded | Drafting.AlpElementAmended | Reviewing.NhsAlpAdded,
    conn: sa.Connection,
    key: str,
) -> None:
    element = event.element
    source = f"draft:{element['element_id']}"
    _set(conn, key, source, element["provider_organisation"], Relationship.PROVIDER)


@relate.register(Idp.AlpElementRemoved)
def _removed(event: Drafting.AlpElementRemoved, conn: sa.Connection, key: str) -> None:
    _drop(conn, key, f"draft:{event.element_id}")


@relate.register(Idp.ReviewRequested)
def _review_requested(event: Reviewing.ReviewRequested, conn: sa.Connection, key: str) -> None:
    if event.requested_by_kind == ReviewRequester.NHS_BODY.value:
        body = event.organisation_or_person
        _set(conn, key, f"review:{body}", body, Relationship.HEALTH_BODY)


PROJECTION = Projection(
    "idp.relations", [learner_relations, learner_jurisdiction, plan_relations], handle
)


def in_audience(
    idp_id: sa.ColumnElement[str], learner_id: sa.ColumnElement[str], audience: Audience
) -> sa.ColumnElement[bool]:
    """The plans (by these columns) a caller with ``audience`` may list: those in an auditor's
    jurisdiction, or those to which its organisation holds one of the relationships."""
    if audience.everything:
        return sa.true()
    if audience.jurisdiction is not None:
        return in_jurisdiction(learner_id, audience.jurisdiction)
    if audience.organisation is None or not audience.relationships:
        return sa.false()
    held = [r.value for r in audience.relationships]
    own = sa.exists().where(
        plan_relations.c.idp_id == idp_id,
        plan_relations.c.organisation == audience.organisation,
        plan_relations.c.relationship.in_(held),
    )
    learners = sa.exists().where(
        learner_relations.c.learner_id == learner_id,
        learner_relations.c.organisation == audience.organisation,
        learner_relations.c.relationship.in_(held),
    )
    return own | learners


def in_jurisdiction(
    learner_id: sa.ColumnElement[str], local_authority: str
) -> sa.ColumnElement[bool]:
    """Plans of learners the LA is responsible for or looks after."""
    return sa.exists().where(
        learner_jurisdiction.c.learner_id == learner_id,
        learner_jurisdiction.c.local_authority == local_authority,
    )
