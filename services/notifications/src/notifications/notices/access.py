"""Who may read and write a learner's contacts and notices: the one access policy
(``llwybr.access``, ADR 0015) on the relationships this service knows.

A learner's relations are the learner registry's facts (responsible LA, LA looking after,
settings enrolling them) and those the events establish about each case (the body deciding a
determination, a plan's maintainer, a health body referred to, the Tribunal, ...), kept per
learner with the relationship (``store.relations``). Nothing a caller writes here relates it
to a learner. This module only says which relationships a record has; the policy decides.
"""

from typing import Any

import sqlalchemy as sa

from llwybr.access import (
    Capability,
    Relations,
    Relationship,
    allows,
    audience,
    denied,
    not_found,
    require,
)
from llwybr.principal import Principal
from notifications.notices import store
from notifications.tables import notice_learner_registry, notice_learner_relations, notices

#: The one not-found, and a client may ask again in a second: the learner may be one whose
#: first event this service has not received yet (read your writes, shortly after).
RETRY_AFTER_SECONDS = "1"


def learner_relations(conn: sa.Connection, learner_id: str) -> Relations:
    return store.relations(conn, learner_id)


def require_learner(
    conn: sa.Connection, principal: Principal, capability: Capability, learner_id: str
) -> None:
    """Raise unless the caller's relationships with the learner grant ``capability``."""
    require(principal, capability, learner_relations(conn, learner_id))


def may(conn: sa.Connection, principal: Principal, capability: Capability, learner_id: str) -> bool:
    return allows(principal, capability, learner_relations(conn, learner_id))


def not_found_yet() -> Exception:
    """The one not-found, with Retry-After (the same for every learner the caller may not see,
    so it says nothing of whether the learner exists)."""
    error = not_found()
    error.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return error


def require_notice(
    conn: sa.Connection, principal: Principal, capability: Capability, notice: Any
) -> None:
    """A notice is the learner's: read with READ_NOTICES; sent again by those who may write
    the learner's contacts (where it goes)."""
    if notice is None:
        raise not_found()
    relations = learner_relations(conn, notice.learner_id)
    require(principal, Capability.READ_NOTICES, relations)
    require(principal, capability, relations)


def visible(
    principal: Principal, capability: Capability, learner_id: sa.ColumnElement[str]
) -> sa.ColumnElement[bool]:
    """The rows (of learners, by ``learner_id``) a caller may list with ``capability``: those of
    learners whose relationships with the caller's organisation grant it, or (auditors) of
    learners in their jurisdiction (``audience``, in SQL)."""
    seen = audience(principal, capability)
    if seen.everything:
        return sa.true()
    if seen.jurisdiction is not None:
        return learner_id.in_(learners_of(seen.jurisdiction))
    if seen.organisation is None or not seen.relationships:
        return sa.false()
    table = notice_learner_relations
    related = sa.select(table.c.learner_id).where(
        table.c.organisation == seen.organisation,
        table.c.relationship.in_([r.value for r in seen.relationships]),
    )
    return learner_id.in_(related)


def visible_notices(principal: Principal) -> sa.ColumnElement[bool]:
    """The notices a caller may list: its learners' (READ_NOTICES)."""
    return visible(principal, Capability.READ_NOTICES, notices.c.learner_id)


def learners_of(jurisdiction: str) -> sa.Select[tuple[str]]:
    """The learners whose responsible or looking-after LA is ``jurisdiction`` (an LA number),
    from the registry's facts: an auditor's (``audience``) in SQL."""
    la, registry = f"la:{jurisdiction}", notice_learner_registry
    return sa.select(registry.c.learner_id).where(
        (registry.c.responsible_authority == la) | (registry.c.looking_after_authority == la)
    )


def may_set_organisation_contact(principal: Principal, organisation: str) -> bool:
    """An organisation sets its own; an LA its schools' and FEIs' (their establishment numbers
    begin with its number); the system administrator any."""
    if principal.kind == "system":
        return True
    if principal.organisation == organisation:
        return principal.kind != "auditor"
    kind, _, ident = organisation.partition(":")
    return (
        principal.kind == "la" and kind in {"school", "fei"} and ident.startswith(principal.org_id)
    )


def opinion_relations(conn: sa.Connection, opinion: Any) -> Relations:
    """A health body's s.64 opinion: the body that formed it, and the LA once told (never
    before the parent); auditors of the learner's LAs and of the LA it names."""
    if opinion is None:
        return Relations()
    pairs = [(opinion.health_body, Relationship.HEALTH_BODY)]
    if opinion.local_authority_told_at is not None:
        pairs.append((opinion.local_authority, Relationship.RESPONSIBLE_LA))
    jurisdiction = learner_relations(conn, opinion.learner_id).jurisdiction
    return Relations.of(pairs, [*jurisdiction, opinion.local_authority])


def require_opinion(conn: sa.Connection, principal: Principal, opinion: Any) -> Relations:
    relations = opinion_relations(conn, opinion)
    require(principal, Capability.READ, relations)
    return relations


def require_forming_body(principal: Principal, opinion: Any) -> None:
    """The body that formed the opinion brings it to the LA (s.64): statute, not access."""
    if principal.organisation != opinion.health_body:
        raise denied(
            "not-responsible",
            f"only {opinion.health_body}, which formed the opinion, brings it to the LA",
        )


class HistoryRelations:
    """The relations the auditors' history asks about (``llwybr.history_access``), from this
    service's tables: a notice's record is its learner's."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def learner_relations(self, learner_id: str) -> Relations:
        with self.engine.connect() as conn:
            return learner_relations(conn, learner_id)

    def relations_of_aggregate(self, aggregate: object) -> Relations:
        learner_id = getattr(aggregate, "learner_id", None)
        return self.learner_relations(learner_id) if isinstance(learner_id, str) else Relations()
