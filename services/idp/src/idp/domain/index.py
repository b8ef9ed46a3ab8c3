"""One plan per learner: the index from a learner to their plan, saved with the plan.

A plan's id is random, so nothing in it tells whether a learner has a plan. The index's id is
the learner's (``plan_index_id``): saving a second index for the learner fails in the same
transaction as the plan it would point to, so a redelivered "ALN decided" event, or two
openings racing, can never leave two plans for one learner.
"""

import uuid

from eventsourcing.domain import Aggregate, event

from idp.domain.plan import Idp
from idp.domain.state import plan_index_id


class PlanOfLearner(Aggregate):
    """The learner's one plan."""

    class Indexed(Aggregate.Created):
        """A plan was opened for the learner."""

        learner_id: str
        idp_id: uuid.UUID

    @staticmethod
    def create_id(learner_id: str, idp_id: uuid.UUID) -> uuid.UUID:
        return plan_index_id(learner_id)

    @event(Indexed)
    def __init__(self, learner_id: str, idp_id: uuid.UUID) -> None:
        self.learner_id = learner_id
        self.idp_id = idp_id


def indexed(plan: Idp) -> list[Aggregate]:
    """A newly opened plan and its index entry: what to save, in one transaction."""
    return [plan, PlanOfLearner(learner_id=plan.learner_id, idp_id=plan.id)]
