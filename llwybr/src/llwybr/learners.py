"""The learner registry's facts, as every service that checks access keeps them.

One owner, the determination service's learner registry, records who a learner is and who is
responsible for them, and publishes ``LearnerRelationsRecorded`` whenever that changes. Every
other service adopts the latest facts it received into its own event store (so a restart or a
replay gives the same answers) and reads its access decisions' learner relationships from
them (``llwybr.access``); none decides them itself.
"""

import uuid
from datetime import date

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, event

from contracts.determination import LearnerRelationsRecorded
from llwybr.access import Capability, Relations, Relationship, require
from llwybr.eventstore import ChainedApplication
from llwybr.principal import Principal
from llwybr.problems import RETRY_AFTER_SECONDS, ProblemError

_NAMESPACE = uuid.UUID("0c6f1f8e-3a51-5d7e-9b1e-6c6561726e72")


def learner_facts_id(learner_id: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"learner:{learner_id}")


def relations_of(facts: LearnerRelationsRecorded) -> Relations:
    """The learner-level relationships the registry's facts establish (responsible and
    looking-after LA, settings), e.g. for a read model that lists by them."""
    pairs = [(facts.responsible_authority, Relationship.RESPONSIBLE_LA)]
    if facts.looking_after_authority:
        pairs.append((facts.looking_after_authority, Relationship.LOOKING_AFTER_LA))
    pairs += [(s, Relationship.ENROLLED_SETTING) for s in facts.enrolled_at]
    jurisdiction = [facts.responsible_authority, facts.looking_after_authority or ""]
    return Relations.of(pairs, jurisdiction)


class LearnerKnown(Aggregate):
    """The registry's latest facts about one learner, as adopted here."""

    class Adopted(Aggregate.Created):
        """The registry's facts about a learner were first received."""

        learner_id: str
        facts: dict[str, object]

    class Changed(Aggregate.Event):
        """The registry published changed facts about the learner."""

        facts: dict[str, object]

    @staticmethod
    def create_id(learner_id: str, facts: dict[str, object]) -> uuid.UUID:
        return learner_facts_id(learner_id)

    @event(Adopted)
    def __init__(self, learner_id: str, facts: dict[str, object]) -> None:
        self.learner_id = learner_id
        self.facts = facts

    def adopt(self, facts: dict[str, object]) -> None:
        if facts != self.facts:
            self._change(facts=facts)

    @event(Changed)
    def _change(self, facts: dict[str, object]) -> None:
        self.facts = facts

    @property
    def published(self) -> LearnerRelationsRecorded:
        return LearnerRelationsRecorded.model_validate(self.facts)

    def relations(self) -> Relations:
        """The learner-level relationships (responsible and looking-after LA, settings)."""
        return relations_of(self.published)

    def under_compulsory_school_age(self, on: date) -> bool:
        return on < self.published.compulsory_school_age_on


class FollowsLearners(ChainedApplication):
    """An Application whose access checks read the learner registry's facts."""

    def learner_known(self, learner_id: str) -> LearnerKnown | None:
        """The registry's facts about the learner, or None if none have arrived here."""
        try:
            return self.get_as(learner_facts_id(learner_id), LearnerKnown)
        except AggregateNotFoundError:
            return None

    def learner_upn(self, learner_id: str) -> str | None:
        """The learner's UPN as the registry published it (None before it knew it)."""
        known = self.learner_known(learner_id)
        return known.published.upn if known is not None else None

    def learner_relations(self, learner_id: str) -> Relations:
        """The learner's relationships (none before the registry's facts arrive)."""
        known = self.learner_known(learner_id)
        return known.relations() if known is not None else Relations()

    def require_on_learner(
        self,
        principal: Principal,
        capability: Capability,
        learner_id: str,
        record: Relations | None = None,
    ) -> Relations:
        """``require`` on the learner's relations (and a new record's own, ``record``), for a
        command about a learner: the relations. While the registry's facts about the learner
        have not reached this service, its refusal (the one 404) says when to try again
        (``Retry-After``, ADR 0015); so does every 404 here, alike."""
        known = self.learner_known(learner_id)
        relations = known.relations() if known is not None else Relations()
        if record is not None:
            relations = relations | record
        try:
            require(principal, capability, relations)
        except ProblemError as refused:
            # Every 404 alike, the learner known or not: Retry-After only on the not-yet-known
            # would tell a caller holding an id that the learner exists (issue 16).
            if known is None or refused.status == 404:
                refused.headers["Retry-After"] = RETRY_AFTER_SECONDS
            raise
        return relations

    def adopt_learner(self, recorded: LearnerRelationsRecorded) -> list[Aggregate]:
        """A consumer's effect of the registry's facts: the record to save (with the
        consumer's tracking record)."""
        facts = recorded.model_dump(mode="json")
        known = self.learner_known(recorded.learner_id)
        if known is None:
            return [LearnerKnown(recorded.learner_id, facts)]
        known.adopt(facts)
        return [known]
