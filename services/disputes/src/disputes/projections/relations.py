"""Who is related to each case and learner, kept for the read models' lists and figures: the
relationships the cases' facts establish (``disputes.access``) and those the learner registry
published (``llwybr.learners``), with each one's jurisdiction. A list shows a caller only the
rows its ``llwybr.access.audience`` covers, in SQL.

Its own projection, so that it is built from the whole event log when first deployed.
"""

from functools import singledispatch

import sqlalchemy as sa

from disputes import access
from disputes.domain import Advocacy, Appeal, Complaint, DisagreementResolution, Reconsideration
from llwybr.access import Audience, Capability, Relations, audience
from llwybr.eventstore import RecordedEvent
from llwybr.learners import LearnerKnown
from llwybr.principal import Principal
from llwybr.projections import Projection

metadata = sa.MetaData()

#: The ``relationship`` of a row naming an LA number whose auditors see the subject.
JURISDICTION = "jurisdiction"

relations = sa.Table(
    "dispute_relations",
    metadata,
    sa.Column("subject_kind", sa.String(8), primary_key=True),  # "case" or "learner"
    sa.Column("subject_id", sa.String(64), primary_key=True),
    sa.Column("organisation", sa.String(64), primary_key=True),  # or an LA number
    sa.Column("relationship", sa.String(32), primary_key=True),  # or JURISDICTION
)


def _rows(kind: str, subject: str, found: Relations) -> list[dict[str, str]]:
    pairs = {(o, r.value) for o, rel in found.parties.items() for r in rel}
    pairs |= {(la, JURISDICTION) for la in found.jurisdiction}
    return [
        {"subject_kind": kind, "subject_id": subject, "organisation": o, "relationship": r}
        for o, r in sorted(pairs)
    ]


def _add(conn: sa.Connection, kind: str, subject: str, found: Relations) -> None:
    mine = (relations.c.subject_kind == kind) & (relations.c.subject_id == subject)
    held = {
        (r.organisation, r.relationship) for r in conn.execute(sa.select(relations).where(mine))
    }
    new = [
        r for r in _rows(kind, subject, found) if (r["organisation"], r["relationship"]) not in held
    ]
    if new:
        conn.execute(relations.insert(), new)


@singledispatch
def _case_facts(event: object) -> Relations | None:
    """The relationships an event of a case establishes (None: none)."""
    return None


@_case_facts.register
def _(e: Reconsideration.Requested) -> Relations:
    return access.reconsideration_facts(e.local_authority, e.school)


@_case_facts.register
def _(e: Appeal.Lodged) -> Relations:
    return access.appeal_facts(e.respondent)


@_case_facts.register
def _(e: Appeal.Decided) -> Relations:
    return access.appeal_decision_facts(
        [o.addressed_to for o in e.decided_orders],
        [r.nhs_body for r in e.decided_recommendations],
    )


@_case_facts.register
def _(e: DisagreementResolution.Opened) -> Relations:
    return access.arrangement_facts(e.local_authority, [p.get("organisation") for p in e.parties])


@_case_facts.register
def _(e: Advocacy.Requested) -> Relations:
    return access.arrangement_facts(e.local_authority)


@_case_facts.register
def _(e: Complaint.Opened) -> Relations:
    return access.arrangement_facts(e.local_authority)


def handle(conn: sa.Connection, recorded: RecordedEvent) -> None:
    event = recorded.event
    if isinstance(event, LearnerKnown.Adopted | LearnerKnown.Changed):
        facts = dict(event.facts)
        learner_id = str(facts["learner_id"])
        # the registry's relationships, read as LearnerKnown reads them (an unsaved copy)
        found = LearnerKnown(learner_id, facts).relations()
        mine = (relations.c.subject_kind == "learner") & (relations.c.subject_id == learner_id)
        conn.execute(relations.delete().where(mine))
        _add(conn, "learner", learner_id, found)
        return
    found_for_case = _case_facts(event)
    if found_for_case is not None:
        _add(conn, "case", str(recorded.originator_id), found_for_case)


PROJECTION = Projection("disputes.relations", [relations], handle)


def visible(
    who: Audience, case_id: sa.ColumnElement[str], learner_id: sa.ColumnElement[str]
) -> sa.ColumnElement[bool]:
    """The rows (of a table with these case and learner columns) ``who`` covers."""
    if who.everything:
        return sa.true()
    about = sa.or_(
        (relations.c.subject_kind == "case") & (relations.c.subject_id == case_id),
        (relations.c.subject_kind == "learner") & (relations.c.subject_id == learner_id),
    )
    if who.organisation is None:
        if who.jurisdiction is None:
            return sa.false()
        held = (relations.c.relationship == JURISDICTION) & (
            relations.c.organisation == who.jurisdiction
        )
    else:
        held = (relations.c.organisation == who.organisation) & relations.c.relationship.in_(
            sorted(r.value for r in who.relationships)
        )
    return sa.exists().where(about, held)


def readers(principal: Principal) -> Audience:
    """Whose reads a list shows: the caller's."""
    return audience(principal, Capability.READ)


def related_to(organisation: str) -> Audience:
    """The cases an organisation (an LA, an FEI) may read: its own, and its learners'."""
    return audience(Principal("read-model", organisation, frozenset()), Capability.READ)
