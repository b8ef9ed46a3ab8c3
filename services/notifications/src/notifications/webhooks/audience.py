"""Who may receive an event by webhook: the owning services' read rules, applied to the
organisations their public events name. Pure: no I/O.

An event belongs to a case, the CloudEvent's aggregate: a determination, an IDP, a
reconsideration or an appeal. An organisation receives it when it is in the case's audience:
every organisation any public event of that case has named so far, in the fields below. That is
who the owning service lets read the case:

- determination: the deciding organisation, the learner's LA, the LA that would reconsider a
  school's decision, the body that referred the case to an LA and that LA, health boards and NHS
  bodies asked for evidence or referred to, whoever submitted evidence, claimed an exception or
  issued a notice;
- idp: the maintaining organisation (earlier maintainers stay after a transfer), NHS bodies
  securing ALP, the issuer; and the LA of a maintaining school or FEI (the establishment number
  starts with the LA's number), as the IDP service lets an LA read its schools' plans;
- disputes: a reconsideration's school and LA; an appeal's respondent, the bodies its orders are
  addressed to and the NHS bodies it recommends to (a school does not see appeals).

Events about no learner (term calendars, the statutory rule table) are readable by every client
and go to every subscription of their type. What the public events do not name cannot be
learned here (for example the school of a looked-after child whose LA decides): such an
organisation still reads the case through the API, but gets no webhook for it.
"""

from collections.abc import Iterable

from pydantic import BaseModel

from contracts import determination, idp
from contracts.events import IntegrationEvent

#: Fields of public events that name an organisation (at any depth, or as a list of them).
ORGANISATION_FIELDS = frozenset(
    {
        "deciding_organisation",
        "local_authority",
        "reconsidering_authority",
        "from_organisation",
        "to_organisation",
        "maintaining_organisation",
        "submitted_by",
        "referred_by",
        "claimed_by",
        "decided_by",
        "issued_by",
        "nhs_body",
        "nhs_bodies_securing_alp",
        "school",
        "respondent",
        "addressed_to",
    }
)

#: Events about no learner (their subject is a calendar or the rule table).
PUBLIC_EVENTS: tuple[type[IntegrationEvent], ...] = (
    determination.CalendarPublished,
    determination.RuleTableCorrected,
)

LA_NUMBER_LENGTH = 3  # Welsh LA numbers: 660s-680s


def normalised(value: str) -> str:
    """An organisation id; a bare LA number (as ``local_authority`` carries it) becomes ``la:N``."""
    return value if ":" in value else f"la:{value}"


def named_organisations(event: IntegrationEvent) -> set[str]:
    """The organisations this event names, with an IDP's school or FEI's LA added."""
    found = {normalised(v) for v in _walk(event) if v}
    if isinstance(event, idp.IdpEvent):
        found |= {
            f"la:{org_id[:LA_NUMBER_LENGTH]}"
            for kind, _, org_id in (o.partition(":") for o in list(found))
            if kind in {"school", "fei"} and len(org_id) > LA_NUMBER_LENGTH
        }
    return found


def _walk(model: BaseModel) -> Iterable[str]:
    """The values of the model's organisation fields, and of those of the models it holds."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        if name in ORGANISATION_FIELDS:
            yield from (v for v in items if isinstance(v, str))
        for item in items:
            if isinstance(item, BaseModel):
                yield from _walk(item)


def public(event: IntegrationEvent) -> bool:
    """Whether the event is about no learner, so every subscriber to its type may have it."""
    return isinstance(event, PUBLIC_EVENTS)


def entitled(organisation: str, event: IntegrationEvent, audience: Iterable[str]) -> bool:
    """Whether ``organisation`` may receive ``event`` of a case with this audience."""
    return public(event) or organisation in set(audience)
