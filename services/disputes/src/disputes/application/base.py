"""What every disputes command shares: the statutory dates from the rule table in force, the
learner registry's facts, and the one read of a command (load, then the one access policy on
what was loaded, then the version If-Match named)."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from disputes import access
from disputes.domain import (
    Advocacy,
    Appeal,
    Complaint,
    DisagreementResolution,
    Reconsideration,
    extended_appeal_window,
)
from llwybr.access import Capability, Relations, not_found, require
from llwybr.clock import Deadline, compute_deadline
from llwybr.learners import FollowsLearners, LearnerKnown
from llwybr.principal import Principal
from llwybr.problems import RETRY_AFTER_SECONDS
from llwybr.rule_table import FollowsRuleTable

#: A disputes case: each names its learner.
A = TypeVar("A", Reconsideration, Appeal, DisagreementResolution, Advocacy, Complaint)
#: Every kind of case (and record) this service keeps about a learner.
Case = Reconsideration | Appeal | DisagreementResolution | Advocacy | Complaint
#: A statutory role check on a case the caller may already see (raises ``denied``).
Role = Callable[[A], None]


class DisputesBase(FollowsRuleTable, FollowsLearners):
    """The rule table in force, the learner registry's facts, and the one read."""

    # -- the rule table in force -----------------------------------------------------------

    def deadline(self, rule_id: str, trigger: date) -> Deadline:
        """Rule ``rule_id`` of the table in force, applied to ``trigger``."""
        return compute_deadline(self.rule_table(), rule_id, trigger)

    def extended(self, window: Deadline) -> Deadline:
        """``window`` made 8 weeks longer under the table in force (the domain's one count:
        ``extended_appeal_window``), for a window this service reads, not one it extends."""
        return extended_appeal_window(window, self.rule_table())

    # -- who is related to a case ----------------------------------------------------------

    def relations(self, case: Case) -> Relations:
        """The learner's relationships (the registry's facts) and the case's own."""
        return self.learner_relations(case.learner_id) | access.relations_of(case)

    def relations_of_aggregate(self, aggregate: object) -> Relations:
        """The relations of any record in this store, as loaded now: the hook the history
        endpoints ask (``llwybr.history_access``). The rule table is no learner's: nobody's."""
        if isinstance(aggregate, Case):
            return self.relations(aggregate)
        if isinstance(aggregate, LearnerKnown):
            return aggregate.relations()
        return Relations()

    def reconsidering_authority(self, learner_id: str) -> str:
        """The LA a family asks to reconsider a school's (or an FEI's) decision: the LA
        responsible for the learner, as the registry publishes it (s.26(1)(b); for a learner
        resident in England the registry's LA is the one maintaining their school, s.87).
        Never derived here from the school's number: until the registry's facts about the
        learner arrive, the one 404 says when to try again (``Retry-After``)."""
        known = self.learner_known(learner_id)
        if known is None:
            refused = not_found()
            refused.headers["Retry-After"] = RETRY_AFTER_SECONDS
            raise refused
        return known.published.responsible_authority

    # -- the one read of a command ---------------------------------------------------------

    def _read(
        self,
        case_id: UUID,
        kind: type[A],
        principal: Principal,
        capability: Capability,
        expected: int | None = None,
        role: Role[A] | None = None,
    ) -> A:
        """The case, once the caller's relationships grant ``capability`` (else the one 404, or
        a 403 with the reason) and ``role`` (statute's) allows, whatever If-Match said; then
        at the version If-Match named (else 412)."""

        def may(case: A) -> None:
            require(principal, capability, self.relations(case))
            if role is not None:
                role(case)

        try:
            return self.load(case_id, kind, expected, may=may)
        except AggregateNotFoundError:
            raise not_found() from None

    def _find(self, case_id: UUID, kind: type[A]) -> A:
        """A case a command refers to (its access is the command's to check)."""
        try:
            return self.get_as(case_id, kind)
        except AggregateNotFoundError:
            raise not_found() from None
