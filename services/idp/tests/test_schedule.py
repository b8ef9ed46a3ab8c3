"""Quantified ALP as data: a 2B element's schedule, the text rendered from it, and elements
written before schedules still read."""

from dataclasses import replace

import pytest

from idp.domain import AlpElement, AlpSchedule, InvalidPlanContentError, Period
from idp.domain.completeness import problems_before_issue

from .plans import ELEMENT

WEEKLY = AlpSchedule(sessions=3, minutes_each=30, per=Period.WEEK)


def test_a_schedule_is_rendered_in_welsh_and_in_english() -> None:
    assert WEEKLY.describe(welsh=False) == "3 sessions of 30 minutes a week, term time only"
    assert WEEKLY.describe(welsh=True) == "3 sesiwn o 30 munud yr wythnos, yn ystod y tymor yn unig"
    once = AlpSchedule(sessions=1, minutes_each=60, per=Period.ONCE, term_time_only=False)
    assert once.describe(welsh=False) == "1 session of 60 minutes in all, all year round"


@pytest.mark.parametrize(
    ("sessions", "minutes", "per", "term_time_only"),
    [(0, 30, "week", True), (3, 0, "week", True), (3, 30, "fortnight", True),
     (1, 30, "half_term", False)],
)  # fmt: skip
def test_a_schedule_that_is_not_specific_is_refused(
    sessions: int, minutes: int, per: str, term_time_only: bool
) -> None:
    with pytest.raises(InvalidPlanContentError):
        AlpSchedule(sessions=sessions, minutes_each=minutes, per=per, term_time_only=term_time_only)  # type: ignore[arg-type]


def test_an_element_with_a_schedule_round_trips_through_its_stored_form() -> None:
    element = replace(ELEMENT, schedule=WEEKLY)
    stored = element.as_dict()
    assert stored["schedule"] == {
        "sessions": 3, "minutes_each": 30, "per": "week", "term_time_only": True
    }  # fmt: skip
    assert AlpElement.from_dict(stored) == element


def test_an_element_stored_before_schedules_still_reads_with_its_text() -> None:
    stored = ELEMENT.as_dict()
    del stored["schedule"]
    element = AlpElement.from_dict(stored)
    assert (element.schedule, element.frequency) == (None, "3 sessions a week")


def test_a_scheduled_element_needs_no_frequency_text_and_free_text_is_still_checked() -> None:
    scheduled = replace(ELEMENT, schedule=WEEKLY, frequency="", duration="").as_dict()
    vague = replace(ELEMENT, element_id="e2", frequency="as needed").as_dict()
    problems = problems_before_issue({"alp": [scheduled, vague]}, looked_after=False)
    assert [p for p in problems if p.startswith("alp[")] == ["alp[e2].frequency"]


def test_a_welsh_language_decision_that_disagrees_with_the_alp_is_flagged_before_issue() -> None:
    english = replace(ELEMENT, in_welsh=False).as_dict()
    welsh = ELEMENT.as_dict()
    decided = {"welsh_language_decision": "ALP in Welsh: taught through Welsh"}

    def flagged(alp_in_welsh: bool | None, *elements: dict[str, object]) -> str | None:
        draft = {**decided, "alp_in_welsh": alp_in_welsh, "alp": list(elements)}
        return problems_before_issue(draft, looked_after=False).get("welsh_language_decision")

    assert flagged(True, english) == "decides ALP in Welsh, but no element of ALP is in Welsh"
    assert flagged(False, welsh) == "decides ALP not in Welsh, but elements e1 are in Welsh"
    assert flagged(True, english, replace(ELEMENT, element_id="e2").as_dict()) is None
    assert flagged(None, english) is None  # a decision in words only, as before
