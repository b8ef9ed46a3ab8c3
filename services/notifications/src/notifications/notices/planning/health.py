"""A health body's opinion that a child under compulsory school age probably has ALN (ALN Act
s.64; docs/domain.md section 4). Pure.

No service's event carries it: the health body (a local health board or an NHS trust) gives it
through the notices API. The Act orders the steps: the body tells the child's parent of its
opinion and of its duty to bring it to the LA's attention, and gives the parent the chance to
discuss it with one of its officers; then it brings the opinion to the responsible LA's
attention. So the LA's notice is refused until a parent's notice has been given, and is given
once. The LA's decision and its time limit are the LA's (the determination service's): none is
computed here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from notifications.domain import NotificationsError
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning.actions import PlannedNotice

#: Organisation kinds that are NHS bodies: local health boards and NHS trusts.
HEALTH_BODY_KINDS = frozenset({"lhb", "nhs"})


class HealthBodyOpinionError(NotificationsError):
    """Base of the s.64 opinion errors."""


class NotAHealthBodyError(HealthBodyOpinionError):
    """Only an NHS body forms and gives an s.64 opinion."""


class ParentNotYetInformedError(HealthBodyOpinionError):
    """The LA is told only after the child's parent has been (parent first)."""


class LocalAuthorityAlreadyToldError(HealthBodyOpinionError):
    """The opinion has already been brought to the LA's attention."""


class DiscussionDateError(HealthBodyOpinionError):
    """A discussion with the parent dated before the opinion was formed."""


@dataclass(frozen=True)
class Officer:
    """The officer of the body the parent may discuss the opinion with."""

    name: str
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class VoluntaryOrganisation:
    """A voluntary organisation the body thinks likely to be able to give the parent advice or
    assistance about the child's possible ALN (s.64(5)): the parent must be told of it."""

    name: str
    contact: str | None = None


@dataclass(frozen=True)
class Opinion:
    opinion_id: str
    learner_id: str
    health_body: str
    local_authority: str
    formed_on: date
    officer: Officer
    #: only the parent's notice states them; the opinion's row does not keep them
    voluntary_organisations: tuple[VoluntaryOrganisation, ...] = ()


def require_health_body(organisation: str) -> None:
    kind = organisation.partition(":")[0]
    if kind not in HEALTH_BODY_KINDS:
        raise NotAHealthBodyError(
            f"{organisation} is not an NHS body: only a local health board or an NHS trust "
            "gives a health body's opinion (s.64)"
        )


def _facts(opinion: Opinion) -> dict[str, Any]:
    return {
        "opinion_id": opinion.opinion_id,
        "health_body": opinion.health_body,
        "local_authority": opinion.local_authority,
        "formed_on": opinion.formed_on.isoformat(),
        "officer": {
            "name": opinion.officer.name,
            "email": opinion.officer.email,
            "phone": opinion.officer.phone,
        },
    }


def parent_notice(opinion: Opinion) -> PlannedNotice:
    """The first step: the opinion, the LA it will go to, and the officer to discuss it with,
    to each registered parent."""
    voluntary = [{"name": v.name, "contact": v.contact} for v in opinion.voluntary_organisations]
    return PlannedNotice(
        NoticeKind.HEALTH_BODY_OPINION,
        opinion.health_body,
        opinion.opinion_id,
        {**_facts(opinion), "voluntary_organisations": voluntary},
        family=True,
    )


def parent_informed_on(given_on: Iterable[date | None]) -> date:
    """The day the parent was told: the first parent notice given; none given yet is refused."""
    days = [day for day in given_on if day is not None]
    if not days:
        raise ParentNotYetInformedError(
            "the child's parent has not yet been told of the opinion: the LA is told only "
            "after a parent's notice has been given"
        )
    return min(days)


def local_authority_notice(
    opinion: Opinion, informed_on: date, discussed_on: date | None
) -> PlannedNotice:
    """The second step: the opinion brought to the responsible LA's attention."""
    if discussed_on is not None and discussed_on < opinion.formed_on:
        raise DiscussionDateError(
            f"the discussion ({discussed_on}) cannot be before the opinion was formed "
            f"({opinion.formed_on})"
        )
    facts = {
        **_facts(opinion),
        "parent_informed_on": informed_on.isoformat(),
        "discussed_on": discussed_on.isoformat() if discussed_on else None,
    }
    return PlannedNotice(
        NoticeKind.HEALTH_BODY_OPINION_TO_LA,
        opinion.health_body,
        opinion.opinion_id,
        facts,
        organisations=((opinion.local_authority, Role.LOCAL_AUTHORITY),),
    )
