"""Raising concerns: the learner named (the registry), one open determination per learner,
the young person derived, the route and the first deadline; one or many in one transaction.

A concern's learner, its indexes, the learner's open-determination index and the new case are
saved together, the learner first: two concurrent concerns about one learner conflict on those
indexes' versions and the loser is tried again, against what the winner saved (so it finds
the learner, and the open case: 409).
"""

import dataclasses
import functools
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from determination import access
from determination.application.registry import Batch, LearnerRegistry, Naming
from determination.application.time_limits import CalendarLookup, TimeLimits
from determination.domain import Circumstances, Determination, Learner, route
from determination.domain.ages import is_young_person
from determination.domain.errors import (
    DeterminationError,
    InvalidLearnerError,
    OpenDeterminationError,
    YoungPersonConflictError,
)
from determination.domain.registry import (
    LearnerRecord,
    OpenDetermination,
    open_determination_id,
)
from llwybr.clock import ClockError, RuleTable
from llwybr.context import names_resource
from llwybr.principal import Principal
from llwybr.problems import ProblemError

#: How many times a concern is tried again after losing a race for its learner's indexes.
RETRIES = 5


class Concern(NamedTuple):
    """A concern to raise: the learner as the client gave them (``learner_id`` a registry id
    or empty), the circumstances, who raises it and when it arose, the raising setting's own
    id for the learner, and the client's young-person flag (None: derived)."""

    learner: Learner
    circumstances: Circumstances
    raised_by: str
    came_to_attention_on: date
    local_id: str | None = None
    young_person: bool | None = None


class Raised(NamedTuple):
    """A concern raised: the case, its version, and its learner's registry id."""

    determination_id: UUID
    version: int
    learner_id: str


class Concerns(LearnerRegistry, TimeLimits):
    """Raising concerns (one, or many from an MIS's nightly sync)."""

    def raise_concern(self, principal: Principal, concern: Concern) -> Raised:
        for attempt in range(RETRIES):
            batch = Batch(self)
            case = self._raise(principal, concern, batch)
            names_resource(case.id)  # what a repeat whose answer was lost is told it made
            try:
                # The learner's facts first: the registry's relations are published before
                # the concern (one key, one partition), so each service knows who may see it.
                self.save(*batch.pending.values())
            except IntegrityError:
                if attempt == RETRIES - 1:
                    raise
                continue
            return Raised(case.id, int(case.version), case.learner["learner_id"])
        raise AssertionError("unreachable")

    def raise_concerns(
        self, principal: Principal, concerns: Sequence[Concern]
    ) -> list[Raised | Exception]:
        """Many concerns, each checked, routed and given its deadline as one alone would be,
        the valid ones saved in one transaction. A result per concern: raised, or the problem,
        domain or clock error that refused it (``OpenDeterminationError`` for a learner whose
        case is open: a repeated sync creates nothing)."""
        rules = self.rule_table()
        calendar = functools.cache(self.calendar)  # the same few calendars, looked up once
        for attempt in range(RETRIES):
            batch = Batch(self)
            self._prefetch(batch, concerns)
            outcomes: list[Determination | Exception] = []
            for concern in concerns:
                try:
                    outcomes.append(self._raise(principal, concern, batch, rules, calendar))
                except (ProblemError, DeterminationError, ClockError) as error:
                    outcomes.append(error)
            try:
                if batch.pending:  # the cases raised, with what they changed
                    self.save(*batch.pending.values())
            except IntegrityError:
                if attempt == RETRIES - 1:
                    raise
                continue
            return [
                Raised(c.id, int(c.version), c.learner["learner_id"])
                if isinstance(c, Determination)
                else c
                for c in outcomes
            ]
        raise AssertionError("unreachable")

    def _prefetch(self, batch: Batch, concerns: Sequence[Concern]) -> None:
        """What a sync's concerns will read, a few round trips for all of them: the learners
        named, their open-determination indexes, and the cases those name (to see them open)."""
        named = [(c.learner, c.raised_by, c.local_id) for c in concerns]
        records = self.prefetch_named(batch, named)
        opens = [open_determination_id(r.learner_id) for r in records]
        batch.prefetch(opens)
        cases = [UUID(o.determination_id) for i in opens
                 if (o := batch.get(i, OpenDetermination)) is not None]  # fmt: skip
        batch.prefetch(cases)

    def _raise(
        self,
        principal: Principal,
        concern: Concern,
        batch: Batch,
        rules: RuleTable | None = None,
        calendar: CalendarLookup | None = None,
    ) -> Determination:
        """The case a concern opens; what it changes is added to ``batch`` only if it does."""
        learner, circumstances, raised_by, on, local_id, flag = concern
        access.require_acting_as(principal, raised_by)
        access.require_may_raise(principal, learner)
        naming = self.name_learner(principal, learner, raised_by, local_id, batch)
        learner = as_registered(learner, naming, on, flag)
        index = None
        if not naming.new:  # one open case per learner (a merged duplicate's counts too)
            for record in (naming.record, *naming.merged):
                found = batch.get(open_determination_id(record.learner_id), OpenDetermination)
                if found is not None:
                    current = batch.get(UUID(found.determination_id), Determination)
                    if current is not None and current.is_open:
                        raise OpenDeterminationError(found.determination_id)
                index = found if record is naming.record else index
        routing = route(learner, circumstances)
        deadline = None
        if routing.must_decide and not routing.awaiting_consent:
            deadline = self.decision_deadline(routing.body, learner, on, rules, calendar)
        case = Determination.raise_concern(
            learner, routing, raised_by=raised_by, came_to_attention_on=on,
            decision_deadline=deadline,
        )  # fmt: skip
        naming.apply(batch)
        if index is None:
            index = OpenDetermination(
                learner_id=naming.record.learner_id, determination_id=str(case.id)
            )
        else:
            index.open(str(case.id))
        batch.add(index, case)  # later concerns of a sync see the case open
        return case


def as_registered(given: Learner, naming: Naming, on: date, flag: bool | None) -> Learner:
    """The learner as the case records them: the registry's id, and for a learner already
    known the registry's identity and LAs (a client does not change who is responsible); the
    young person derived from the date of birth and the concern's date (a conflicting flag is
    refused)."""
    record: LearnerRecord = naming.record
    changes: dict[str, object] = {"learner_id": record.learner_id}
    if not naming.new:
        looking_after = record.looking_after_authority
        english = given.looked_after and given.looking_after_authority == "ENG"
        changes |= {
            "given_name": record.given_name,
            "family_name": record.family_name,
            "date_of_birth": record.date_of_birth,
            "local_authority": record.responsible_authority.rpartition(":")[2],
            "looked_after": looking_after is not None or english,
            "looking_after_authority": looking_after.rpartition(":")[2]
            if looking_after
            else ("ENG" if english else None),
        }
    born = record.date_of_birth
    if born is None:
        raise InvalidLearnerError("the learner's personal data was erased: name them anew")
    young = is_young_person(born, on)
    if flag is not None and flag != young:
        raise YoungPersonConflictError(
            f"young_person is {str(young).lower()} for a learner born on "
            f"{born.isoformat()} on {on.isoformat()} (over compulsory school "
            "age: derived from the date of birth, not flagged)"
        )
    changes["young_person"] = young
    return dataclasses.replace(given, **changes)  # type: ignore[arg-type]
