"""The rights a notice opens, their time limits per notice, and when to remind a body. Pure.

A window runs from the day the notice counts as given (an emailed notice: the day it is sent,
docs/domain.md section 3), so it is computed per notice when it is sent, with the statutory clock
and the rule table in force; the deadlines that reminders watch are never recomputed here: they
come in the events, and only the reminder date (some school days before) is counted.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from llwybr.clock import (
    CalendarTooShortError,
    RuleId,
    RuleTable,
    TermCalendar,
    compute_deadline,
    is_working_day,
    long_date,
    school_days_before,
    working_days_before,
)
from notifications.notices.model import RIGHT_HOLDERS, NoticeKind, Role

SCHOOL = "school"


class WindowKind(StrEnum):
    APPEAL = "appeal"  # to the Education Tribunal for Wales
    RECONSIDERATION_REQUEST = "reconsideration_request"  # ask the LA to reconsider (cease)
    TRIBUNAL_REVIEW = "tribunal_review"  # ask the Tribunal to review its decision


#: The rule of the statutory rule table each window follows (docs/domain.md section 3).
WINDOW_RULES = {
    WindowKind.APPEAL: RuleId.D18,
    WindowKind.RECONSIDERATION_REQUEST: RuleId.D11,
    WindowKind.TRIBUNAL_REVIEW: RuleId.D19,
}


#: Notices that tell the family a window the disputes service computed (never recomputed here).
_OWNERS_WINDOWS = frozenset({NoticeKind.APPEAL_WINDOW_EXTENDED, NoticeKind.APPEAL_WINDOW_CORRECTED})


#: The fact a cease notice carries: D11's last day, as the IDP service computed it. A notice
#: planned before it was carried has none: its window is computed from the day it is given.
_D11_FACT = "reconsideration_window_until"


@dataclass(frozen=True)
class Window:
    kind: WindowKind
    rule_id: str
    until: date
    explanation: str


def window_kind(kind: NoticeKind, facts: Mapping[str, Any]) -> WindowKind | None:
    """Which time-limited right a notice of ``kind`` opens for the family, if any.

    A school's decisions are never appealed directly: the family asks the LA to reconsider
    (no time limit, except the 4 weeks after a decision to cease an IDP). The decisions of an
    LA or an FEI, and the LA's reconsideration outcomes, are appealable to the Tribunal.
    """
    by_school = facts.get("body_kind") == SCHOOL
    if kind in {
        NoticeKind.DECISION_NO_ALN,
        NoticeKind.IDP_NOT_NECESSARY,  # only ever an LA's: appealable
        NoticeKind.IDP_ISSUED,
        NoticeKind.IDP_REVISED,
        NoticeKind.IDP_NOT_REVISED,
    }:
        return None if by_school else WindowKind.APPEAL
    if kind is NoticeKind.IDP_CEASED:
        return WindowKind.RECONSIDERATION_REQUEST if by_school else WindowKind.APPEAL
    if kind is NoticeKind.CEASE_WINDOW_CORRECTED:
        return WindowKind.RECONSIDERATION_REQUEST
    if kind in {NoticeKind.RECONSIDERATION_DECIDED, *_OWNERS_WINDOWS}:
        return WindowKind.APPEAL
    if kind is NoticeKind.APPEAL_DECIDED:
        return WindowKind.TRIBUNAL_REVIEW
    return None


def window_for(
    kind: NoticeKind, facts: Mapping[str, Any], given_on: date, rules: RuleTable
) -> Window | None:
    """The window a notice given on ``given_on`` opens for its recipient.

    An extended appeal window (disagreement resolution started in time) and a corrected one
    (the disputes service enforces a later day than a notice told) are the ones the disputes
    service computed and the event carries; the last day to ask the LA to reconsider a
    school's decision to cease a plan (D11) is the one the IDP service computed and published
    (``ceased``, then ``notice-given-recorded``); every other window is computed here from the
    day the notice is given.
    """
    opened = window_kind(kind, facts)
    if opened is None:
        return None
    if opened is WindowKind.RECONSIDERATION_REQUEST and facts.get(_D11_FACT):
        until = date.fromisoformat(str(facts[_D11_FACT]))
        return Window(opened, RuleId.D11, until, f"as the IDP service set it: {long_date(until)}")
    if kind in _OWNERS_WINDOWS:
        until = date.fromisoformat(str(facts["appeal_window_until"]))
        return Window(
            opened,
            str(facts.get("appeal_window_rule") or WINDOW_RULES[opened]),
            until,
            str(facts.get("appeal_window_explanation") or f"extended to {long_date(until)}"),
        )
    deadline = compute_deadline(rules, WINDOW_RULES[opened], given_on)
    return Window(opened, deadline.rule_id, deadline.due_on, deadline.explanation)


def windows_for(
    kind: NoticeKind, facts: Mapping[str, Any], given_on: date, rules: RuleTable, role: Role
) -> tuple[Window | None, Window | None]:
    """The window a notice to ``role`` states, and the one it opens for them.

    A right holder's notice states and opens the same window. A looked-after child's IRO,
    who gets every notice to support the child (s.15-19), is told the family's right of
    appeal and its date, but the right is not the IRO's: that notice opens none. Anyone else
    is told of no window.
    """
    if role in RIGHT_HOLDERS:
        window = window_for(kind, facts, given_on, rules)
        return window, window
    if role is Role.IRO and window_kind(kind, facts) is WindowKind.APPEAL:
        return window_for(kind, facts, given_on, rules), None
    return None, None


class OutsideChannel(StrEnum):
    """How a body gave a notice itself, outside the system."""

    HAND = "hand"  # handed over or left at the recipient's address
    POST = "post"  # posted first class


def given_outside_on(channel: OutsideChannel, on: date) -> date:
    """The day a notice a body gave itself counts as given (docs/domain.md section 11): by
    hand, the day it was handed over or left; by first-class post, the day it would be
    delivered in the ordinary course, taken as the second working day after posting
    (Interpretation Act 1978 s.7) [U]."""
    if channel is OutsideChannel.HAND:
        return on
    day, counted = on, 0
    while counted < 2:
        day = date.fromordinal(day.toordinal() + 1)
        counted += is_working_day(day)
    return day


def reminder_date(due_on: date, lead_days: int, calendar: TermCalendar | None) -> date:
    """When to remind the body answerable for a deadline: ``lead_days`` school days before it
    on the deadline's term calendar, or working days when there is none (an LA's or NHS
    body's clock in weeks) or it does not reach back far enough."""
    if calendar is not None:
        try:
            return school_days_before(calendar, due_on, lead_days)
        except CalendarTooShortError:
            pass
    return working_days_before(due_on, lead_days)
