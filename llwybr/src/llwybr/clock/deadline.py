"""Deadlines: a rule applied to a trigger date, recording everything needed to explain it.

Pure: the trigger date, rule table and calendar are passed in, so an event can carry the computed
``Deadline`` and a replay never recomputes it. A correction to the rule table or the calendar is
applied explicitly with ``recalculate``, which says whether anything changed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import assert_never

from llwybr.clock import _json
from llwybr.clock.arithmetic import add_months, add_school_days, add_weeks, add_working_days
from llwybr.clock.errors import InvalidDeadlineError, RuleHasNoLengthError
from llwybr.clock.rules import Rule, RuleTable, Unit
from llwybr.clock.terms import TermCalendar
from llwybr.clock.working_days import next_working_day

_ONE_DAY = timedelta(days=1)
# spelled out rather than strftime("%B"), which follows the process locale
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """A date as the explanations write it: "3 March 2026"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Deadline:
    """When a statutory clock runs out, and on what basis it was computed."""

    rule_id: str
    rule_table_version: str
    unit: Unit
    length: int
    trigger_date: date
    due_on: date
    calendar_id: str | None
    calendar_version: int | None
    #: a term-day rule computed without a calendar (on working days): to be recomputed
    provisional: bool
    explanation: str
    #: how far the period was extended (D18 when disagreement resolution is referred in
    #: time), in the rule's unit; 0 for none
    extension: int = 0

    def is_overdue(self, today: date) -> bool:
        """True from the day after the due date: the due date itself is still in time."""
        return today > self.due_on

    def days_left(self, today: date) -> int:
        """Calendar days from ``today`` to the due date: 0 on it, negative once overdue."""
        return (self.due_on - today).days

    def as_dict(self) -> dict[str, object]:
        """The deadline as a JSON object (dates as ISO strings), for events and APIs."""
        extended: dict[str, object] = {"extension": self.extension} if self.extension else {}
        return {
            "rule_id": self.rule_id,
            "rule_table_version": self.rule_table_version,
            "unit": self.unit.value,
            "length": self.length,
            "trigger_date": self.trigger_date.isoformat(),
            "due_on": self.due_on.isoformat(),
            "calendar_id": self.calendar_id,
            "calendar_version": self.calendar_version,
            "provisional": self.provisional,
            "explanation": self.explanation,
            **extended,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "Deadline":
        """The inverse of ``as_dict``; raises InvalidDeadlineError on a malformed object."""
        error = InvalidDeadlineError
        unit_value = _json.text(data, "unit", error)
        try:
            unit = Unit(unit_value)
        except ValueError:
            raise InvalidDeadlineError(f"'unit' must be a Unit, not {unit_value!r}") from None
        return cls(
            rule_id=_json.text(data, "rule_id", error),
            rule_table_version=_json.text(data, "rule_table_version", error),
            unit=unit,
            length=_json.integer(data, "length", error),
            trigger_date=_json.iso_date(data, "trigger_date", error),
            due_on=_json.iso_date(data, "due_on", error),
            calendar_id=_json.optional_text(data, "calendar_id", error),
            calendar_version=_json.optional_integer(data, "calendar_version", error),
            provisional=_json.boolean(data, "provisional", error),
            explanation=_json.text(data, "explanation", error),
            extension=_json.integer(data, "extension", error) if "extension" in data else 0,
        )


def _period_end(rule: Rule, length: int, trigger: date, calendar: TermCalendar | None) -> date:
    """The last day of the period, before any rolling to a working day."""
    # Regs 2(4): a period begins the day after its trigger, so counted units count from the
    # trigger exclusive; a rule that counts the trigger day itself starts one day earlier.
    anchor = trigger if rule.starts_day_after else trigger - _ONE_DAY
    match rule.unit:
        case Unit.SCHOOL_DAYS | Unit.TERM_TIME_DAYS if calendar is not None:
            return add_school_days(calendar, anchor, length)
        case Unit.SCHOOL_DAYS | Unit.TERM_TIME_DAYS | Unit.WORKING_DAYS:
            return add_working_days(anchor, length)
        case Unit.WEEKS:
            return add_weeks(anchor, length)
        case Unit.DAYS:
            return anchor + timedelta(days=length)
        case Unit.MONTHS:
            # months run to the corresponding date; a period *starting with* the trigger ends
            # the day before it, or on the month's last day when it has no such date (12
            # months starting with 29 February 2028 end on 28 February 2029)
            end = add_months(trigger, length)
            if rule.starts_day_after or end.day != trigger.day:
                return end
            return end - _ONE_DAY
        case _:
            assert_never(rule.unit)


def compute_deadline(
    table: RuleTable,
    rule_id: str,
    trigger_date: date,
    calendar: TermCalendar | None = None,
    *,
    extension: int = 0,
) -> Deadline:
    """Apply rule ``rule_id`` of ``table`` to ``trigger_date``.

    School days and term-time days count the calendar's school days, from the day after the
    trigger. Without a calendar they are counted as working days and the deadline is marked
    provisional. Weeks, months and days run from the trigger date (6 weeks after a Monday
    receipt ends on the Monday 6 weeks later), or, for a period "beginning with" the trigger
    (D14's 12 months, D18's 8 weeks), include it; working days count working days. Only a
    period the Regulations set rolls from a non-working day to the next working day; an act
    due "by the first working day after" the period (D18) is due on that day.

    ``extension`` lengthens the period itself, in the rule's unit (D18 extended by 8 weeks
    is the first working day after 16 weeks, never 8 weeks after an already rolled date).

    The calendar is recorded only when it was used (term-day rules).

    Raises UnknownRuleError, RuleHasNoLengthError (the rule has no length yet: configure it)
    and CalendarTooShortError (the calendar's terms do not reach the deadline).
    """
    rule = table.rule(rule_id)
    if rule.length is None:
        raise RuleHasNoLengthError(rule.id, table.version)
    if extension < 0:
        raise ValueError(f"an extension cannot be negative ({extension})")
    length = rule.length + extension
    used = calendar if rule.unit.counts_term_days else None
    provisional = rule.unit.counts_term_days and calendar is None
    end = _period_end(rule, length, trigger_date, used)
    if rule.due_after_period:
        due = next_working_day(end + _ONE_DAY)
    elif rule.rolls_to_working_day:
        due = next_working_day(end)
    else:
        due = end

    period = rule.unit.describe(length)
    if extension:
        period += f" (extended by {rule.unit.describe(extension)})"
    if rule.starts_day_after:
        basis = f"{period} from {long_date(trigger_date)}"
    else:
        basis = f"{period} beginning with {long_date(trigger_date)}"
    basis += f" under {rule.id} (rules {table.version})"
    if used is not None:
        basis += f", {used.name} calendar v{used.version}"
    elif provisional:
        basis += ", no term calendar so counted as working days (provisional)"
    if rule.due_after_period:
        basis += f": the period ends {long_date(end)}, so due the first working day after, "
        basis += long_date(due)
    elif due != end:
        basis += f": {long_date(end)} is not a working day, so due {long_date(due)}"
    else:
        basis += f": due {long_date(due)}"

    return Deadline(
        rule_id=rule.id,
        rule_table_version=table.version,
        unit=rule.unit,
        length=length,
        trigger_date=trigger_date,
        due_on=due,
        calendar_id=None if used is None else used.id,
        calendar_version=None if used is None else used.version,
        provisional=provisional,
        explanation=basis,
        extension=extension,
    )


def recalculate(
    deadline: Deadline, table: RuleTable, calendar: TermCalendar | None
) -> Deadline | None:
    """The deadline recomputed under a corrected table or calendar, or None if it is unchanged.

    Only the due date and the provisional flag count as a change: new versions that move
    nothing need no new event.
    """
    fresh = compute_deadline(
        table, deadline.rule_id, deadline.trigger_date, calendar, extension=deadline.extension
    )
    if (fresh.due_on, fresh.provisional) == (deadline.due_on, deadline.provisional):
        return None
    return fresh
