"""What this service learned of the decisions other services made, and how a request or an
appeal is held to it: the body that decided and the day its notice was given are the owner's
facts, never the requester's word.
"""

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from disputes.domain.errors import FactsDifferError, VersionNotIssuedError
from disputes.domain.values import (
    AppealMatter,
    DecidingBodyKind,
    IdpRevision,
    Order,
    OrderKind,
    ReconsiderationKind,
)


class Decision(StrEnum):
    """Which decision about a determination or an IDP was learned."""

    ALN = "aln"  # a determination: whether the learner has ALN
    NOT_NECESSARY = "idp_unnecessary"  # an LA's "IDP not necessary", made with that decision
    ISSUED = "idp_issued"  # the plan issued (the plan is its notice)
    REVIEWED = "idp_review"  # a review that did not revise the plan
    CEASED = "idp_ceased"
    MAINTAINER = "idp_maintainer"  # who maintains the plan now: the body whose plan it is


#: The decision a reconsideration challenges (R2 and R3: the school's plan itself).
RECONSIDERED: dict[ReconsiderationKind, Decision] = {
    ReconsiderationKind.R1: Decision.ALN,
    ReconsiderationKind.R2: Decision.MAINTAINER,
    ReconsiderationKind.R3: Decision.MAINTAINER,
    ReconsiderationKind.R4: Decision.CEASED,
}
#: The decision an appeal on each matter is against, when another service made it (an LA's
#: reconsiderations are this service's own).
APPEALED: dict[AppealMatter, Decision] = {
    AppealMatter.WHETHER_ALN: Decision.ALN,
    AppealMatter.ALN_DESCRIPTION: Decision.ISSUED,
    AppealMatter.ALP: Decision.ISSUED,
    AppealMatter.ALP_IN_WELSH: Decision.ISSUED,
    AppealMatter.NAMED_SCHOOL: Decision.ISSUED,
    AppealMatter.IDP_NOT_NECESSARY: Decision.NOT_NECESSARY,
    AppealMatter.DECISION_NOT_TO_REVISE: Decision.REVIEWED,
    AppealMatter.DECISION_TO_CEASE: Decision.CEASED,
}


@dataclass(frozen=True)
class KnownDecision:
    """What this service learned about one decision."""

    subject_id: str
    decision: str
    learner_id: str
    deciding_kind: str | None
    deciding_organisation: str | None
    decided_on: date | None
    notice_given_on: date | None
    reconsideration_window_until: date | None


class LearnedDecisions(Protocol):
    """Looks up what was learned of ``subject_id``'s ``decision``, if anything."""

    def __call__(self, subject_id: uuid.UUID, decision: Decision) -> KnownDecision | None: ...


def reconcile_notice(
    stated: date | None, learned: KnownDecision | None, given: Collection[date] = ()
) -> date | None:
    """The notice date a window runs from: one the owners announced (the body that decided,
    or the notifications service for the notices it gave the family, ``given``); a date stated
    by the requester that is none of them is refused, not believed. With none announced, the
    stated date."""
    known = set(given)
    if learned is not None and learned.notice_given_on is not None:
        known.add(learned.notice_given_on)
    if not known:
        return stated
    if stated is not None and stated not in known:
        dates = " or ".join(sorted(d.isoformat() for d in known))
        raise FactsDifferError(f"the notice of that decision was given on {dates}, not on {stated}")
    return stated if stated is not None else max(known)


def cease_window(learned: KnownDecision | None, notice_given_on: date) -> date | None:
    """The last day to ask the LA to reconsider a school's decision to cease (D11), as the
    IDP service published it for a cease notice given on ``notice_given_on`` (ADR 0017,
    addendum): its window runs from the decision until it records a later notice, so it is
    read only once it covers that notice. None while this service has not learned it: the
    request is then refused as unknown, never as late on a day nobody published."""
    if learned is None or learned.reconsideration_window_until is None:
        return None
    covered = max((d for d in (learned.decided_on, learned.notice_given_on) if d), default=None)
    if covered is None or covered < notice_given_on:
        return None  # the IDP service's window for that notice is not published yet
    return learned.reconsideration_window_until


def check_same_learner(learner_id: str, learned: KnownDecision | None) -> None:
    """A request or an appeal is about the learner the decision was about."""
    if learned and learned.learner_id != learner_id:
        raise FactsDifferError("that decision is about another learner")


def check_school(school: str, learned: KnownDecision | None) -> None:
    """A reconsideration names the school whose decision it is, as its owner said."""
    if learned and learned.deciding_organisation and learned.deciding_organisation != school:
        raise FactsDifferError(f"that decision was not made by {school}")


def check_decided_by(stated: DecidingBodyKind, learned: KnownDecision | None) -> None:
    """A reconsideration names the kind of body that made the decision, as its owner said."""
    if learned and learned.deciding_kind and learned.deciding_kind != stated:
        raise FactsDifferError(
            f"the decision was made by a {learned.deciding_kind}, not a {stated}"
        )


def check_respondent(respondent: str, learned: KnownDecision | None) -> None:
    """An appeal is against the body that made the decision, as its owner said."""
    if learned and learned.deciding_organisation and learned.deciding_organisation != respondent:
        school = learned.deciding_kind == DecidingBodyKind.SCHOOL
        raise FactsDifferError(
            f"that decision was made by {learned.deciding_organisation}, not {respondent}"
            + (": a school's decisions go to the LA first" if school else "")
        )


@dataclass(frozen=True)
class IssuedVersion:
    """A version of a plan the IDP service issued, as its "issued" event said."""

    idp_id: str
    version: int
    learner_id: str
    issued_on: date
    issued_by: str
    revision_reason: str | None


class IssuedVersions(Protocol):
    """Looks up version ``version`` of plan ``idp_id`` as the IDP service issued it, if it did."""

    def __call__(self, idp_id: str, version: int) -> IssuedVersion | None: ...


def check_version_issued(
    order: Order,
    idp_revision: Mapping[str, Any] | None,
    issued: IssuedVersions,
    *,
    learner_id: str,
    ordered_on: date,
) -> None:
    """An order to revise the plan is carried out only by a version the IDP service issued
    (learned from its events), of the learner's plan, on or after the day of the order: the
    body ordered's word that it revised the plan is not the plan."""
    if order.kind is not OrderKind.REVISE_IDP or idp_revision is None:
        return  # the appeal refuses an order to revise with no revision cited
    cited = IdpRevision.from_dict(idp_revision)
    version = issued(cited.idp_id, cited.version)
    if version is None:
        raise VersionNotIssuedError(
            f"version {cited.version} of plan {cited.idp_id} has not been issued"
        )
    if version.learner_id != learner_id:
        raise FactsDifferError("that plan is about another learner")
    if version.issued_on < ordered_on:
        raise VersionNotIssuedError(
            f"version {cited.version} was issued on {version.issued_on}, before the order of "
            f"{ordered_on}: the order calls for a revision after it"
        )
