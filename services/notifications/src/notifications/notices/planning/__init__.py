"""What one public event means here: the notices it calls for, to whom, and the deadlines it
starts, moves, meets or ends (docs/domain.md sections 3, 4 and 8). Pure: the caller passes what is
already known about the event's case and applies the plan.

The determination's own "notice issued" event is not sent again: the family is told of the
decision when it is decided (the decision event carries what the notice needs), and the body's
record of its own notice stays its record.
"""

from collections.abc import Callable, Mapping

from contracts.events import IntegrationEvent
from notifications.notices.planning.actions import (
    SYSTEM,
    TRIBUNAL,
    Cancel,
    DeadlineAction,
    ExceptionClaim,
    LearnerUpdate,
    Meet,
    Move,
    Plan,
    PlannedNotice,
    Reassign,
    Subject,
    Watch,
    local_authority_id,
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
    "Move",
    "Plan",
    "PlannedNotice",
    "Reassign",
    "Subject",
    "Watch",
    "local_authority_id",
    "plan",
    "subject_id_of",
]

_PLANNERS: Mapping[str, Callable[[IntegrationEvent, Subject | None], Plan]] = {
    "determination": plan_determination,
    "idp": plan_idp,
    "disputes": plan_disputes,
}


def plan(event: IntegrationEvent, known: Subject | None) -> Plan:
    """What ``event`` means here; ``known`` is its case as this service knew it before."""
    planner = _PLANNERS.get(event.topic.service)
    return planner(event, known) if planner else Plan()
