"""Who may receive an event by webhook: the one access policy (``llwybr.access``, ADR 0015)
applied to the learner's relations. Pure: the consumer asks the policy and passes its answer in
(``llwybr.access`` itself is not imported here: it brings the HTTP error types with it).

An event about a learner's case goes to the organisations whose relationships with the
learner grant ``Capability.READ`` (``GRANTS``): the learner registry's facts (the responsible
LA, the LA looking after, ...) and those the case's events establish (the deciding body, the
plan's maintainer, a health body referred to, the Tribunal, ...), exactly as
``notices/access.py`` computes them for the API; and to an auditor whose jurisdiction covers
the learner (auditors do not subscribe today: ``domain.SUBSCRIBER_KINDS``). Nobody receives
one because the event names the organisation or by an establishment number's prefix.

Events about no learner (term calendars, the statutory rule table) are readable by every
client and go to every subscription of their type.
"""

from collections.abc import Callable

from contracts import determination
from contracts.events import IntegrationEvent

#: Events about no learner (their subject is a calendar or the rule table).
PUBLIC_EVENTS: tuple[type[IntegrationEvent], ...] = (
    determination.CalendarPublished,
    determination.RuleTableCorrected,
)


def public(event: IntegrationEvent) -> bool:
    """Whether the event is about no learner, so every subscriber to its type may have it."""
    return isinstance(event, PUBLIC_EVENTS)


def entitled(organisation: str, event: IntegrationEvent, may_read: Callable[[str], bool]) -> bool:
    """Whether ``organisation`` may receive ``event``; ``may_read`` is the policy's answer for
    the event's learner (``Capability.READ`` on the learner's relations)."""
    return public(event) or may_read(organisation)
