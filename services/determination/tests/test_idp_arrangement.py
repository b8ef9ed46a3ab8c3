"""The LA's s.14 choice, made with its decision that a learner at a school has ALN: it
maintains the IDP itself, prepares it and directs the school to maintain it, or directs the
school to prepare and maintain it; not the latter two when the plan names a school place or
board and lodging (issue #18)."""

from datetime import date
from typing import Any

import pytest

from determination.domain import (
    Circumstances,
    Determination,
    IdpArrangement,
    Learner,
    Setting,
    route,
)
from determination.domain.errors import IdpArrangementNotAllowedError
from llwybr.clock import DEFAULT_RULES, compute_deadline

from .test_routing import PUPIL  # a pupil at Wrexham's school 6652001

LA, SCHOOL = "la:665", "school:6652001"
RAISED_ON = date(2026, 3, 2)


def raised_with(organisation: str, learner: Learner = PUPIL) -> Determination:
    """A concern about ``learner`` raised with ``organisation`` (the LA decides for a school
    pupil whose concern is raised with it)."""
    routing = route(learner, Circumstances(raised_with=organisation))
    deadline = compute_deadline(DEFAULT_RULES, routing.body.decision_rule, RAISED_ON)
    return Determination.raise_concern(
        learner, routing, raised_by=organisation, came_to_attention_on=RAISED_ON,
        decision_deadline=deadline,
    )  # fmt: skip


def decide(case: Determination, **choice: Any) -> None:
    case.decide(
        has_aln=True, reasons="Needs ALP", decided_on=date(2026, 4, 1),
        decided_by=case.deciding_body.organisation, person="ALN officer", **choice,
    )  # fmt: skip


@pytest.mark.parametrize("arrangement", list(IdpArrangement))
def test_the_las_choice_is_recorded_with_its_decision_and_names_the_school_it_directs(
    arrangement: IdpArrangement,
) -> None:
    case = raised_with(LA)
    decide(case, idp_arrangement=arrangement)
    assert case.decision is not None
    assert case.decision["idp_arrangement"] == arrangement.value
    directed = SCHOOL if arrangement is not IdpArrangement.LA_MAINTAINS else None
    assert case.decision["directed_school"] == directed
    [decided] = [e for e in case.collect_events() if isinstance(e, Determination.Decided)]
    assert (decided.idp_arrangement, decided.directed_school) == (arrangement.value, directed)


def test_an_la_that_states_no_choice_maintains_the_plan_itself() -> None:
    case = raised_with(LA)
    decide(case)
    assert case.decision is not None
    assert (case.decision["idp_arrangement"], case.decision["directed_school"]) == (
        "la_maintains", None,
    )  # fmt: skip


@pytest.mark.parametrize(
    "arrangement",
    [IdpArrangement.LA_PREPARES_SCHOOL_MAINTAINS, IdpArrangement.SCHOOL_PREPARES_AND_MAINTAINS],
)
def test_a_plan_naming_a_school_place_or_board_is_not_handed_to_the_school(
    arrangement: IdpArrangement,
) -> None:
    case = raised_with(LA)
    with pytest.raises(IdpArrangementNotAllowedError, match="board and lodging"):
        decide(case, idp_arrangement=arrangement, names_place_or_board=True)
    assert case.decision is None
    decide(case, idp_arrangement=IdpArrangement.LA_MAINTAINS, names_place_or_board=True)
    assert case.decision is not None


def test_a_school_deciding_for_itself_states_no_choice() -> None:
    case = raised_with(SCHOOL)
    with pytest.raises(IdpArrangementNotAllowedError, match=r"s\.14"):
        decide(case, idp_arrangement=IdpArrangement.LA_MAINTAINS)
    decide(case)
    assert case.decision is not None
    assert case.decision["idp_arrangement"] is None


def test_an_la_deciding_for_a_learner_at_no_school_directs_no_school() -> None:
    under_five = Learner(
        learner_id="l-4", given_name="Gwen", family_name="Morgan",
        date_of_birth=date(2023, 9, 1), setting=Setting.EARLY_YEARS, local_authority="665",
    )  # fmt: skip
    case = raised_with(LA, under_five)
    with pytest.raises(IdpArrangementNotAllowedError):
        decide(case, idp_arrangement=IdpArrangement.SCHOOL_PREPARES_AND_MAINTAINS)
    decide(case)
    assert case.decision is not None
    assert case.decision["idp_arrangement"] is None
