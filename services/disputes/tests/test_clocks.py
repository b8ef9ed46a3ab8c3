"""Case views judge the LA's and the orders' deadlines as ``/v1/reminders`` judges them."""

from datetime import date, timedelta

from disputes.api.clocks import appeal_deadlines, reconsideration_deadlines

from .domain_cases import DECIDED_ON, MATCHING, decided, decided_appeal, deciding, la_clock


def test_a_reconsideration_being_decided_is_open_then_missed_after_its_due_date() -> None:
    case = deciding()
    due = la_clock("R1").due_on
    assert reconsideration_deadlines(case, due)["decision"]["state"] == "open"
    late = reconsideration_deadlines(case, due + timedelta(days=1))["decision"]
    assert (late["state"], late["overdue"], late["days_left"]) == ("missed", True, -1)


def test_a_decided_reconsideration_is_met_and_never_overdue_afterwards() -> None:
    shown = reconsideration_deadlines(decided(), date(2030, 1, 1))["decision"]
    assert (shown["state"], shown["overdue"]) == ("met", False)
    assert shown["days_left"] == (la_clock("R1").due_on - DECIDED_ON).days
    assert shown["provisional"] is False


def test_an_order_is_met_when_complied_with_and_an_order_without_a_date_has_no_deadline() -> None:
    appeal = decided_appeal()
    assert set(appeal_deadlines(appeal, date(2026, 8, 1))) == {"order:o1"}
    assert appeal_deadlines(appeal, date(2026, 8, 25))["order:o1"]["state"] == "missed"
    appeal.record_compliance(
        order_id="o1", complied_on=date(2026, 8, 10), evidence="IDP v3", idp_revision=MATCHING
    )
    shown = appeal_deadlines(appeal, date(2027, 1, 1))["order:o1"]
    assert (shown["state"], shown["overdue"], shown["days_left"]) == ("met", False, 14)
