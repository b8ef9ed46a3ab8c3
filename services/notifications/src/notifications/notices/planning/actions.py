"""The parts of a plan: notices to give and what happens to the deadlines watched. Pure."""

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from contracts import determination as det
from contracts.determination import DeadlineFacts
from contracts.events import IntegrationEvent
from contracts.sealed import Sealed
from notifications.notices.model import NoticeKind, Role

#: The Education Tribunal for Wales, as the issuer of its notices.
TRIBUNAL = "tribunal:etw"
#: Llwybr itself, as the issuer of reminders, alerts and delivery failures.
SYSTEM = "system:llwybr"


def kept(value: Sealed | str | None) -> dict[str, str] | str | None:
    """How a notice's facts keep a personal value of the event it quotes: the seal as
    published (opened only to render, ``personal.opened``), or a plain string published
    before events sealed it."""
    return value.model_dump() if isinstance(value, Sealed) else value


@dataclass(frozen=True)
class Subject:
    """A case notices are about, and the body now answerable for it."""

    subject_id: str
    subject_kind: str  # determination / idp / reconsideration / appeal
    organisation: str
    body_kind: str | None = None


@dataclass(frozen=True)
class PlannedNotice:
    kind: NoticeKind
    issuer: str
    subject_id: str | None
    facts: dict[str, Any]
    family: bool = False
    organisations: tuple[tuple[str, Role], ...] = ()
    copies: tuple[tuple[str, Role], ...] = ()  # organisations sent a copy of a family notice
    # the learner's responsible LA, as the learner registry's facts here say when it is given
    # (the registry owns that fact; the event need not carry it)
    responsible_authority: Role | None = None


@dataclass(frozen=True)
class Watch:
    """Start watching a deadline (or move one already watched under the same key)."""

    key: str
    kind: str
    subject_id: str
    responsible: str
    rule_id: str | None
    due_on: date
    calendar_id: str | None
    explanation: str
    #: computed without the setting's term calendar (``DeadlineFacts.provisional``)
    provisional: bool = False
    #: no statutory limit found: ``due_on`` is the first reminder, repeated every so many
    #: days until met; never alerted as missed
    repeat_every_days: int | None = None


@dataclass(frozen=True)
class Move:
    """A watched deadline was recalculated (same body, new date)."""

    key: str
    rule_id: str | None
    due_on: date
    calendar_id: str | None
    explanation: str
    provisional: bool = False


@dataclass(frozen=True)
class Meet:
    """The deadline(s) were met on ``met_on`` (``prefix``: every key that starts so)."""

    key: str
    met_on: date
    prefix: bool = False


@dataclass(frozen=True)
class MetOn:
    """The owner of a clock judged the day it was met (None: not yet, it runs again, e.g. the
    notice that met it bounced): replaces what was recorded, unless it was cancelled."""

    key: str
    met_on: date | None


@dataclass(frozen=True)
class Cancel:
    """The deadlines under ``prefix`` no longer run (withdrawn, closed, no consent)."""

    prefix: str


@dataclass(frozen=True)
class Reassign:
    """The open deadlines under ``prefix`` are now another body's."""

    prefix: str
    responsible: str


@dataclass(frozen=True)
class ExceptionClaim:
    key: str
    claimed_on: date


DeadlineAction = Watch | Move | Meet | MetOn | Cancel | Reassign | ExceptionClaim


#: The relationships (``llwybr.access.Relationship`` values; the policy is not imported here, so
#: planning stays pure) that events establish between an organisation and a learner.
Related = Literal[
    "deciding_body", "maintainer", "former_maintainer", "provider", "health_body", "party",
    "respondent", "tribunal",
]  # fmt: skip
DECIDING_BODY: Related = "deciding_body"
MAINTAINER: Related = "maintainer"
FORMER_MAINTAINER: Related = "former_maintainer"
PROVIDER: Related = "provider"
HEALTH_BODY: Related = "health_body"
PARTY: Related = "party"
RESPONDENT: Related = "respondent"
TRIBUNAL_OF_APPEAL: Related = "tribunal"


@dataclass(frozen=True)
class LearnerUpdate:
    local_authority: str | None = None
    young_person: bool | None = None
    looked_after: bool | None = None


@dataclass(frozen=True)
class Plan:
    learner_id: str | None = None
    learner: LearnerUpdate | None = None
    # the relationships the event establishes with the learner, about its case (``ended``:
    # those it ends, as a transfer ends the former maintainer's)
    relations: tuple[tuple[str, Related], ...] = ()
    ended: tuple[tuple[str, Related], ...] = ()
    subject: Subject | None = None
    notices: tuple[PlannedNotice, ...] = ()
    deadlines: tuple[DeadlineAction, ...] = ()
    calendar: det.CalendarPublished | None = None
    rule_table: det.RuleTableCorrected | None = None
    registry: det.LearnerRelationsRecorded | None = None
    erasure: det.LearnerPersonalDataErased | None = None


def subject_id_of(event: IntegrationEvent) -> str | None:
    """The case an event is about (its subject row is looked up before planning)."""
    names = ("determination_id", "idp_id", "reconsideration_id", "appeal_id", "case_id",
             "subject_id")  # fmt: skip
    for name in names:
        value = getattr(event, name, None)
        if value is not None:
            return str(value)
    return None


def watching(key: str, kind: str, subject_id: str, responsible: str, d: DeadlineFacts) -> Watch:
    return Watch(
        key,
        kind,
        subject_id,
        responsible,
        d.rule_id,
        d.due_on,
        d.calendar_id,
        d.explanation,
        d.provisional,
    )


def deadline_facts(d: DeadlineFacts | None) -> dict[str, Any]:
    """What a notice states of a deadline. A provisional one (no term calendar yet) is never
    stated to a family as a firm date: the templates say it will follow."""
    if d is None:
        return {
            "deadline_due_on": None,
            "deadline_explanation": None,
            "deadline_provisional": False,
        }
    return {
        "deadline_due_on": d.due_on.isoformat(),
        "deadline_explanation": d.explanation,
        "deadline_provisional": d.provisional,
    }
