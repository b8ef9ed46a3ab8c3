"""The statutory clock: ALN time limits as versioned data, applied to dates passed in.

Pure: no I/O and no "now". Callers pass the trigger date, the rule table version and the term
calendar, and store the resulting ``Deadline`` (which says how it was computed) in their events.
"""

from llwybr.clock.arithmetic import (
    add_months,
    add_school_days,
    add_weeks,
    add_working_days,
    school_days_before,
    working_days_before,
)
from llwybr.clock.deadline import Deadline, compute_deadline, long_date, recalculate
from llwybr.clock.errors import (
    CalendarTooShortError,
    ClockError,
    InvalidCalendarError,
    InvalidDeadlineError,
    InvalidRuleError,
    NegativePeriodError,
    RuleHasNoLengthError,
    UnknownRuleError,
)
from llwybr.clock.ical import calendar_from_ical
from llwybr.clock.reminders import next_reminder_on
from llwybr.clock.reviews import next_review, review_period_start
from llwybr.clock.rules import DEFAULT_RULES, Confidence, Rule, RuleId, RuleTable, Unit
from llwybr.clock.state import ClockState, Reading, Stopped, read_deadline, read_due
from llwybr.clock.terms import Term, TermCalendar
from llwybr.clock.working_days import is_working_day, next_working_day, welsh_bank_holidays

__all__ = [
    "DEFAULT_RULES",
    "CalendarTooShortError",
    "ClockError",
    "ClockState",
    "Confidence",
    "Deadline",
    "InvalidCalendarError",
    "InvalidDeadlineError",
    "InvalidRuleError",
    "NegativePeriodError",
    "Reading",
    "Rule",
    "RuleHasNoLengthError",
    "RuleId",
    "RuleTable",
    "Stopped",
    "Term",
    "TermCalendar",
    "Unit",
    "UnknownRuleError",
    "add_months",
    "add_school_days",
    "add_weeks",
    "add_working_days",
    "calendar_from_ical",
    "compute_deadline",
    "is_working_day",
    "long_date",
    "next_reminder_on",
    "next_review",
    "next_working_day",
    "read_deadline",
    "read_due",
    "recalculate",
    "review_period_start",
    "school_days_before",
    "welsh_bank_holidays",
    "working_days_before",
]
