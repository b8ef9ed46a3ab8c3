"""The rights each notice opens, their time limits from the day it is given, reminder dates."""

from datetime import date

import pytest

from llwybr.clock import DEFAULT_RULES, RuleId, Term, TermCalendar
from notifications.notices.model import NoticeKind
from notifications.notices.windows import WindowKind, reminder_date, window_for, window_kind

GIVEN = date(2026, 3, 3)  # a Tuesday


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        (NoticeKind.DECISION_NO_ALN, "school", None),  # ask the LA to reconsider: no time limit
        (NoticeKind.DECISION_NO_ALN, "local_authority", WindowKind.APPEAL),
        (NoticeKind.DECISION_NO_ALN, "fei", WindowKind.APPEAL),
        (NoticeKind.IDP_NOT_NECESSARY, "local_authority", WindowKind.APPEAL),
        (NoticeKind.DECISION_HAS_ALN, "local_authority", None),
        (NoticeKind.IDP_ISSUED, "school", None),
        (NoticeKind.IDP_ISSUED, "local_authority", WindowKind.APPEAL),
        (NoticeKind.IDP_NOT_REVISED, "fei", WindowKind.APPEAL),
        (NoticeKind.IDP_CEASED, "school", WindowKind.RECONSIDERATION_REQUEST),
        (NoticeKind.IDP_CEASED, "local_authority", WindowKind.APPEAL),
        (NoticeKind.RECONSIDERATION_DECIDED, "local_authority", WindowKind.APPEAL),
        (NoticeKind.APPEAL_DECIDED, None, WindowKind.TRIBUNAL_REVIEW),
        (NoticeKind.CEASE_PROPOSED, "school", None),
        (NoticeKind.DEADLINE_REMINDER, None, None),
    ],
)
def test_which_right_a_notice_opens(
    kind: NoticeKind, body: str | None, expected: WindowKind | None
) -> None:
    assert window_kind(kind, {"body_kind": body}) is expected


def test_an_appeal_window_is_eight_weeks_from_the_day_the_notice_is_given() -> None:
    window = window_for(NoticeKind.DECISION_NO_ALN, {"body_kind": "la"}, GIVEN, DEFAULT_RULES)
    assert window is not None
    assert (window.kind, window.rule_id, window.until) == (
        WindowKind.APPEAL,
        RuleId.D18,
        date(2026, 4, 28),
    )
    assert "3 March 2026" in window.explanation


def test_a_window_ending_on_a_bank_holiday_runs_to_the_next_working_day() -> None:
    # 4 weeks after Monday 6 April 2026 is Monday 4 May 2026, May Day: due Tuesday 5 May
    window = window_for(
        NoticeKind.IDP_CEASED, {"body_kind": "school"}, date(2026, 4, 6), DEFAULT_RULES
    )
    assert window is not None
    assert (window.rule_id, window.until) == (RuleId.D11, date(2026, 5, 5))


def test_a_tribunal_decision_opens_28_days_to_ask_for_a_review() -> None:
    window = window_for(NoticeKind.APPEAL_DECIDED, {}, GIVEN, DEFAULT_RULES)
    assert window is not None
    assert (window.rule_id, window.until) == (RuleId.D19, date(2026, 3, 31))


def test_a_corrected_rule_table_changes_the_window() -> None:
    rule = DEFAULT_RULES.rule(RuleId.D18)
    corrected = DEFAULT_RULES.corrected("2026.2", type(rule)(**{**vars(rule), "length": 10}))
    window = window_for(NoticeKind.RECONSIDERATION_DECIDED, {}, GIVEN, corrected)
    assert window is not None
    assert window.until == date(2026, 5, 12)


def test_an_extended_appeal_window_is_the_one_the_event_carries() -> None:
    facts = {
        "appeal_window_until": "2026-06-23",
        "appeal_window_rule": RuleId.D18,
        "appeal_window_explanation": "8 more weeks",
    }
    window = window_for(NoticeKind.APPEAL_WINDOW_EXTENDED, facts, GIVEN, DEFAULT_RULES)
    assert window is not None
    assert (window.until, window.explanation) == (date(2026, 6, 23), "8 more weeks")


def test_no_window_for_a_notice_that_opens_no_right() -> None:
    assert window_for(NoticeKind.DECISION_HAS_ALN, {}, GIVEN, DEFAULT_RULES) is None


TERMS = (
    Term(date(2026, 1, 5), date(2026, 2, 13), "Spring 1"),
    Term(date(2026, 2, 23), date(2026, 3, 27), "Spring 2"),
)
CALENDAR = TermCalendar("school:6652001", "Ysgol", 1, TERMS)


def test_a_reminder_comes_five_school_days_before_skipping_half_term() -> None:
    # due Wednesday 25 February: 24, 23 Feb, then half term, then 13, 12, 11 Feb
    assert reminder_date(date(2026, 2, 25), 5, CALENDAR) == date(2026, 2, 11)


def test_without_a_calendar_a_reminder_counts_working_days() -> None:
    assert reminder_date(date(2026, 2, 25), 5, None) == date(2026, 2, 18)


def test_a_calendar_that_does_not_reach_back_falls_back_to_working_days() -> None:
    # 6, 5, 2 January, New Year's Day skipped, 31 and 30 December
    assert reminder_date(date(2026, 1, 7), 5, CALENDAR) == date(2025, 12, 30)


def test_an_idp_not_necessary_notice_opens_the_same_appeal_window_as_an_la_no_aln_one() -> None:
    facts = {"body_kind": "local_authority"}
    window = window_for(NoticeKind.IDP_NOT_NECESSARY, facts, GIVEN, DEFAULT_RULES)
    assert window == window_for(NoticeKind.DECISION_NO_ALN, facts, GIVEN, DEFAULT_RULES)
    assert window is not None
    assert (window.rule_id, window.until) == (RuleId.D18, date(2026, 4, 28))
