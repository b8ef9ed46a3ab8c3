"""The deadlines this service carries that count a setting's school days, kept right as their
calendar is published or corrected (docs/domain.md section 11, "No calendar").

The preparation deadline a school's or FEI's decision carries (D1, D2) and the FEI's answer to
an LA's request (D13) count the school days of a calendar the determination service owns and
publishes (``calendar-published``). Computed without it, they are provisional (working days).
The determination service stops recalculating its decision clock once it has decided, so the
plan's copy is this service's: each such deadline is noted against the calendars it may count
on (``DeadlinesOnCalendar``), and a publication of one of them recomputes it, with the rule
table in force here, and records the change on the plan (``Idp.DeadlineRecalculated``, public
``deadline-recalculated``), so notifications and the family read it, never recompute it.
"""

from datetime import date
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from contracts.determination import CalendarPublished
from idp.application.base import PlanStore
from idp.domain import Idp
from idp.domain.recalculation import DeadlinesOnCalendar, deadlines_on_calendar_id
from llwybr.calendars import CalendarKnown
from llwybr.clock import (
    CalendarTooShortError,
    Deadline,
    TermCalendar,
    compute_deadline,
    recalculate,
)


class CalendarDeadlines(PlanStore):
    """Deadlines counted on published calendars, and their recalculation."""

    def counted_deadline(self, rule: str, trigger: date, calendars: list[str]) -> Deadline:
        """``rule`` from ``trigger`` on the first of ``calendars`` known here; provisional on
        working days when none is, or it does not reach the end of the count."""
        calendar = self._first_known(calendars)
        try:
            return compute_deadline(self.rule_table(), rule, trigger, calendar)
        except CalendarTooShortError:
            return compute_deadline(self.rule_table(), rule, trigger, None)

    def note_on_calendars(self, plan: Idp, key: str, calendars: list[str]) -> list[Aggregate]:
        """The plan's deadline ``key`` counts on ``calendars`` (in order of preference): the
        index records to save with the plan, and, when one of them is known here already (it
        was published before the plan learned of the deadline), the deadline recounted on it.
        Nothing for a deadline that does not count school days."""
        deadline = plan.deadline(key)
        if deadline is None or not deadline.unit.counts_term_days:
            return []
        records: list[Aggregate] = []
        for calendar_id in calendars:
            record = self._index(calendar_id)
            if record.count(plan.id, key, calendars):
                records.append(record)
        calendar = self._first_known(calendars)
        if calendar is not None:
            self._recount(plan, key, calendar)
        return records

    def adopt_calendar(self, published: CalendarPublished) -> list[Aggregate]:
        """The owner's calendar kept, and every running deadline that counts on it recounted:
        the records and plans to save (none when a version as high is kept already)."""
        kept = super().adopt_calendar(published)
        if not kept:
            return []
        record = kept[0]
        assert isinstance(record, CalendarKnown)
        calendar = record.term_calendar()
        try:
            index = self.get_as(deadlines_on_calendar_id(calendar.id), DeadlinesOnCalendar)
        except AggregateNotFoundError:
            return kept
        changed: dict[UUID, Idp] = {}
        for idp_id, key, calendars in index.plans():
            # the deadline counts on the first of its calendars known here: this one, unless
            # one it prefers (a school's own, before its LA's) is known already
            before = calendars[: calendars.index(calendar.id)] if calendar.id in calendars else []
            if self._first_known(before) is not None:
                continue
            plan = changed.get(idp_id) or self.get_as(idp_id, Idp)
            if self._recount(plan, key, calendar):
                changed[idp_id] = plan
        return [*kept, *changed.values()]

    def _recount(self, plan: Idp, key: str, calendar: TermCalendar) -> bool:
        deadline = plan.deadline(key)
        if deadline is None or not plan.still_runs(key):
            return False
        try:
            new = recalculate(deadline, self.rule_table(), calendar)
        except CalendarTooShortError:
            return False  # the calendar cannot count this period: it stays as it was
        if new is None:
            return False
        reason = f"calendar {calendar.id} published (version {calendar.version})"
        return plan.recalculate_deadline(key=key, new=new, reason=reason)

    def _first_known(self, calendars: list[str]) -> TermCalendar | None:
        for calendar_id in calendars:
            found = self.calendar(calendar_id)
            if found is not None:
                return found
        return None

    def _index(self, calendar_id: str) -> DeadlinesOnCalendar:
        try:
            return self.get_as(deadlines_on_calendar_id(calendar_id), DeadlinesOnCalendar)
        except AggregateNotFoundError:
            return DeadlinesOnCalendar(calendar_id=calendar_id)
