"""What one public event means here: the notices it calls for, to whom, and the deadlines it
starts, moves, meets or ends (docs/domain.md sections 3, 4 and 8). Pure: the caller passes what is
already known about the event's case and applies the plan.

The determination's own "notice issued" event is not sent again: the family is told of the
decision when it is decided (the decision event carries what the notice needs), and the body's
record of its own notice stays its record.
"""

from functools import singledispatch

from contracts.determination import (
    CalendarPublished,
    DeterminationEvent,
    LearnerPersonalDataErased,
    LearnerRelationsRecorded,
    RuleTableCorrected,
)
from contracts.disputes import DisputeEvent
from contracts.events import IntegrationEvent
from contracts.idp import IdpEvent
from notifications.notices.planning.actions import (
    SYSTEM,
    TRIBUNAL,
    Cancel,
    DeadlineAction,
    ExceptionClaim,
    LearnerUpdate,
    Meet,
    MetOn,
    Move,
    Plan,
    PlannedNotice,
    Reassign,
    Subject,
    Watch,
    subject_id_of,
)
from notifications.notices.planning.determination import plan_determination
from notifications.notices.planning.disputes import plan_disputes
from notifications.notices.planning.idp import plan_idp

__all__ = [
    "SYSTEM",
    "TRIBUNAL",
    "Cancel",
    "DeadlineAction",
    "ExceptionClaim",
    "LearnerUpdate",
    "Meet",
    "MetOn",
    "Move",
    "Plan",
    "PlannedNotice",
    "Reassign",
    "Subject",
    "Watch",
    "plan",
    "subject_id_of",
]


@singledispatch
def plan(event: IntegrationEvent, known: Subject | None) -> Plan:
    """What ``event`` means here; ``known`` is its case as this service knew it before.
    Events of no service planned here (the notifications service's own) mean nothing."""
    return Plan()


# The submodules are named for the services: their contracts are imported by class here.
plan.register(DeterminationEvent, plan_determination)
plan.register(IdpEvent, plan_idp)
plan.register(DisputeEvent, plan_disputes)


@plan.register
def _calendar(event: CalendarPublished, known: Subject | None) -> Plan:
    """A term calendar: what this service counts school days with."""
    return Plan(calendar=event)


@plan.register
def _rule_table(event: RuleTableCorrected, known: Subject | None) -> Plan:
    """A corrected rule table: what this service computes notices' windows with."""
    return Plan(rule_table=event)


@plan.register
def _learner_relations(event: LearnerRelationsRecorded, known: Subject | None) -> Plan:
    """The learner registry's facts: who is responsible for the learner (access is read from
    them; the registry decides them, never this service)."""
    return Plan(registry=event)


@plan.register
def _erasure(event: LearnerPersonalDataErased, known: Subject | None) -> Plan:
    """The registry erased the learner's personal data: the copies kept here in clear are
    dropped (``notices.erasure``); the registry decided it, never this service."""
    return Plan(erasure=event)
