"""Who may read a record's history: the hook each service's application provides.

The history endpoints (``llwybr.history``) ask the one access policy for the caller's
``Capability.READ_HISTORY`` on the learner or the aggregate asked about; the relationships
(and the jurisdiction: the LAs whose auditors see it) are the service's to say, through two
methods of its application:

- ``learner_relations(learner_id)``: the learner's relations (``FollowsLearners`` gives them
  from the learner registry's facts; the determination service, which owns the registry,
  gives its own);
- ``relations_of_aggregate(aggregate)``: the relations of one of its aggregates, as loaded
  now (the service's ``relations_of(record)`` combined with the learner's).

A service that does not provide one fails closed: the history answers the one 404
(``llwybr.access.not_found``) to everyone but the system administrator.
"""

from collections.abc import Callable
from typing import Any, Protocol

from llwybr.access import (
    GRANTS,
    Capability,
    Relations,
    Relationship,
    denied,
    not_found,
    require,
    sees_every_learner,
)
from llwybr.principal import Principal


class HistoryRelations(Protocol):
    """The relations of a service's learners and aggregates, for the history endpoints."""

    def learner_relations(self, learner_id: str) -> Relations: ...

    def relations_of_aggregate(self, aggregate: Any) -> Relations: ...


class RefusesHistory:
    """The default for a service that says nothing: every history read is the one 404."""

    def learner_relations(self, learner_id: str) -> Relations:
        raise not_found()

    def relations_of_aggregate(self, aggregate: Any) -> Relations:
        raise not_found()


_REFUSES = RefusesHistory()


def learner_relations(application: object, learner_id: str) -> Relations:
    """The learner's relations as the service's application says (else the one 404)."""
    method = getattr(application, "learner_relations", _REFUSES.learner_relations)
    relations: Relations = method(learner_id)
    return relations


def relations_of_aggregate(application: object, aggregate: Any) -> Relations:
    """The aggregate's relations as the service's application says (else the one 404)."""
    method = getattr(application, "relations_of_aggregate", _REFUSES.relations_of_aggregate)
    relations: Relations = method(aggregate)
    return relations


def require_history(principal: Principal, relations: Callable[[], Relations]) -> None:
    """The caller may read this history, or the policy's refusal (the one 404 for a record
    outside an auditor's jurisdiction). The system administrator reads every history (the
    integrity checks of operations); everyone else as the policy says."""
    if principal.kind != "system":
        require(principal, Capability.READ_HISTORY, relations())


def require_some_history(principal: Principal) -> None:
    """For what belongs to no one learner (a whole store's integrity check): auditors (the
    relationship that reads history) and the system administrator."""
    reads = principal.kind == "auditor" and Capability.READ_HISTORY in GRANTS[Relationship.AUDITOR]
    if not reads and principal.kind != "system":
        raise denied("not-auditor", "history is for auditors")


def require_every_history(principal: Principal) -> None:
    """For what is every LA's learners at once (a whole store's integrity check): the auditor
    for Wales and the system administrator; one LA's auditor checks its learners' records."""
    require_some_history(principal)
    if not sees_every_learner(principal, Capability.READ_HISTORY):
        raise denied("not-whole-of-wales", "a whole store is verified by the auditor for Wales")
