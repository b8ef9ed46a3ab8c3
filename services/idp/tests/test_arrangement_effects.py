"""The LA's s.14 choice, read from its decision's public event (issue #18): who prepares the
plan and who maintains it follow it, with no transfer that states a false reason."""

from datetime import date
from typing import Any

from contracts.envelope import Envelope
from idp.application import IdpService
from idp.domain import Idp

from .plans import filled, review_clock
from .test_reconsideration_effects import la_decided as decided

LEARNER, LA, SCHOOL = "learner-s14", "la:665", "school:6652001"


def la_decided(**choice: Any) -> Envelope:
    """The LA's decision (1 April 2026) that a pupil at a school has ALN, with its choice."""
    return decided(learner_id=LEARNER, young_person=False, **choice)


def opened(service: IdpService, envelope: Envelope) -> Idp:
    [plan] = [a for a in service.on_public_event(envelope) if isinstance(a, Idp)]
    return plan


def test_the_la_maintaining_the_plan_itself_prepares_and_keeps_it(service: IdpService) -> None:
    plan = opened(service, la_decided(idp_arrangement="la_maintains"))
    assert plan.maintainer == {"kind": "local_authority", "organisation": LA}
    assert plan.directed_maintainer is None


def test_a_school_directed_to_prepare_and_maintain_has_the_plan_from_the_start(
    service: IdpService,
) -> None:
    plan = opened(service, la_decided(idp_arrangement="school_prepares_and_maintains",
                                      directed_school=SCHOOL))  # fmt: skip
    assert plan.maintainer == {"kind": "school", "organisation": SCHOOL}
    assert plan.opening_reason.value == "la_direction"
    assert plan.deadline("preparation") is not None  # the LA's clock, carried over


def test_a_plan_the_la_prepares_passes_to_the_school_it_directed_when_issued(
    service: IdpService,
) -> None:
    plan = opened(service, la_decided(idp_arrangement="la_prepares_school_maintains",
                                      directed_school=SCHOOL))  # fmt: skip
    assert plan.maintainer["organisation"] == LA  # the LA prepares it
    assert plan.directed_maintainer == {"kind": "school", "organisation": SCHOOL}
    issued_on = date(2026, 4, 20)
    filled(plan).issue(issued_on=issued_on, review_by=review_clock(issued_on), issued_by=LA)
    assert plan.maintainer == {"kind": "school", "organisation": SCHOOL}
    [transfer] = plan.transfers
    assert (transfer["from"]["organisation"], transfer["reason"]) == (LA, "la_direction")
    assert (plan.current_version, plan.status.value) == (1, "active")
