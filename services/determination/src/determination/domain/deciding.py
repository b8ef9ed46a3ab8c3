"""The decision whether a learner has ALN, checked against the case before it is recorded: the
body that must decide, the dates, an "IDP not necessary" decision (s.14(1)(c)) and the LA's
choice of who prepares and maintains the plan of a learner at a school (s.14).

Pure: the aggregate (``determination.domain.determination``) passes its state in and records
the facts returned, so its command stays short and the rules live in one place.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from determination.domain.errors import (
    ConsentRequiredError,
    DateOutOfOrderError,
    IdpArrangementNotAllowedError,
    IdpNecessityNotDecidableError,
    WrongDecidingBodyError,
)
from determination.domain.learner import Learner, Setting
from determination.domain.routing import BodyKind, DecidingBody, necessity_refusal
from determination.domain.values import Status
from llwybr.clock import Deadline


class IdpArrangement(StrEnum):
    """Who prepares and maintains the IDP once the LA decides a learner at a school has ALN
    (Act s.14): the LA itself; the LA prepares it and directs the school to maintain it; or
    the LA directs the school to prepare and maintain it."""

    LA_MAINTAINS = "la_maintains"
    LA_PREPARES_SCHOOL_MAINTAINS = "la_prepares_school_maintains"
    SCHOOL_PREPARES_AND_MAINTAINS = "school_prepares_and_maintains"

    @property
    def directs_school(self) -> bool:
        return self is not IdpArrangement.LA_MAINTAINS


_SCHOOLS = frozenset({Setting.MAINTAINED_SCHOOL, Setting.PUPIL_REFERRAL_UNIT})


@dataclass(frozen=True)
class CaseAtDecision:
    """What the case holds when its decision is made."""

    status: Status
    body: DecidingBody
    learner: Learner
    started_on: date  # the concern's attention date, or the referral's to the LA
    deadline: Deadline | None  # the decision's clock (D1-D4)


def arrangement_of(
    case: CaseAtDecision,
    has_aln: bool,
    idp_necessary: bool,
    arrangement: IdpArrangement | None,
    names_place_or_board: bool,
) -> tuple[IdpArrangement | None, str | None]:
    """The s.14 choice as recorded, and the school it directs (if any). An LA deciding that a
    learner at a school has ALN (an IDP being necessary) chooses, maintaining the plan itself
    unless it says otherwise; it may not direct the school when the plan names a school place
    or board and lodging. Anyone else states no choice."""
    learner, body = case.learner, case.body
    chooses = (
        body.kind is BodyKind.LOCAL_AUTHORITY
        and has_aln
        and idp_necessary
        and learner.setting in _SCHOOLS
    )
    if not chooses:
        if arrangement is not None or names_place_or_board:
            raise IdpArrangementNotAllowedError(
                "only the LA responsible, deciding that a learner at a school has ALN, chooses "
                "who prepares and maintains the IDP (s.14)"
            )
        return None, None
    chosen = arrangement or IdpArrangement.LA_MAINTAINS
    if chosen.directs_school and names_place_or_board:
        raise IdpArrangementNotAllowedError(
            "a plan that names a school place or board and lodging is prepared and maintained "
            "by the LA itself: the school cannot be directed to maintain it (s.14)"
        )
    return chosen, (learner.setting_organisation if chosen.directs_school else None)


def decision_facts(
    case: CaseAtDecision,
    *,
    has_aln: bool,
    decided_on: date,
    decided_by: str,
    idp_necessary: bool,
    necessity_deadline: Deadline | None,
    arrangement: IdpArrangement | None,
    names_place_or_board: bool,
) -> dict[str, Any]:
    """The facts the decision records besides what the caller stated, once the Code's rules
    are met: whether it is in time, the "IDP not necessary" deadline (D5), and the s.14 choice.
    """
    if case.status is Status.AWAITING_CONSENT:
        raise ConsentRequiredError("a young person's consent is needed before a decision")
    body, learner = case.body, case.learner
    if decided_by != body.organisation:
        raise WrongDecidingBodyError(
            f"{decided_by} cannot decide: the duty to decide lies with {body.organisation}"
        )
    if decided_on < case.started_on:
        raise DateOutOfOrderError(f"the decision ({decided_on}) cannot be before {case.started_on}")
    deadline = case.deadline
    if idp_necessary:
        necessity_deadline = None
    else:
        why = necessity_refusal(learner, body.kind, has_aln)
        if why is not None:
            raise IdpNecessityNotDecidableError(f"an IDP cannot be decided not necessary: {why}")
        if necessity_deadline is None:
            raise ValueError("an 'IDP not necessary' decision has its own deadline (D5)")
        deadline = necessity_deadline
    chosen, school = arrangement_of(case, has_aln, idp_necessary, arrangement,
                                    names_place_or_board)  # fmt: skip
    return {
        "within_time": deadline is None or decided_on <= deadline.due_on,
        "idp_necessary": idp_necessary,
        "necessity_deadline": necessity_deadline.as_dict() if necessity_deadline else None,
        "idp_arrangement": chosen.value if chosen is not None else None,
        "directed_school": school,
    }
