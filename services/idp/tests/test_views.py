"""The plan as its callers see it: each deadline's state judged as ``/v1/reminders`` judges it
(met when the act is done, cancelled when the plan ends, missed only when neither)."""

from datetime import date, timedelta

from idp.domain import PREPARATION, REVIEW, ReviewOutcome
from idp.views import plan_view
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline

from .plans import FEI, ISSUED_ON, LA, issued, opened, preparation_deadline


def test_a_plan_being_prepared_shows_its_preparation_clock_open_then_missed() -> None:
    plan = opened()
    due = preparation_deadline().due_on
    assert plan_view(plan, due).deadlines[PREPARATION]["state"] == "open"
    late = plan_view(plan, due + timedelta(days=1)).deadlines[PREPARATION]
    assert (late["state"], late["overdue"], late["days_left"]) == ("missed", True, -1)


def test_an_issued_plans_preparation_clock_is_met_and_never_overdue() -> None:
    plan = issued()
    years_later = plan_view(plan, date(2030, 1, 1)).deadlines[PREPARATION]
    assert years_later["state"] == "met"
    assert years_later["overdue"] is False
    assert years_later["days_left"] == (preparation_deadline().due_on - ISSUED_ON).days


def test_a_review_that_revises_the_plan_meets_the_review_clock() -> None:
    plan = issued()
    assert plan_view(plan, date(2026, 6, 1)).deadlines[REVIEW]["state"] == "open"
    plan.hold_review(held_on=date(2026, 6, 1), outcome=ReviewOutcome.REVISED)
    review = plan_view(plan, date(2028, 1, 1)).deadlines[REVIEW]
    assert (review["state"], review["overdue"]) == ("met", False)


def test_a_ceased_plans_running_clocks_are_cancelled() -> None:
    plan = issued(LA)
    plan.propose_cease(proposed_on=date(2026, 9, 1), reasons="Needs met")
    plan.decide_cease(
        decided_on=date(2026, 10, 1), reasons="Needs met", reconsideration_window_until=None
    )
    deadlines = plan_view(plan, date(2028, 1, 1)).deadlines
    assert deadlines[REVIEW]["state"] == "cancelled"
    assert deadlines[PREPARATION]["state"] == "met"


def test_a_term_time_clock_counted_without_the_feis_calendar_is_shown_provisional() -> None:
    plan = issued(LA)
    # The FEI's D13 answer runs from its receipt of the LA's request (s.36).
    answer = compute_deadline(DEFAULT_RULES, RuleId.D13, date(2026, 4, 1))
    plan.ask_fei(
        fei=FEI, requested_on=date(2026, 4, 1), received_on=date(2026, 4, 1), deadline=answer
    )
    shown = plan_view(plan, date(2026, 4, 2)).deadlines["transfer"]
    assert shown["provisional"] is True
    assert shown["state"] == "open"
