"""The statutory clock's inputs this service keeps: the rule table in force and the term
calendars; the decision deadlines computed from them, recalculated when either is corrected.

Every deadline is computed here when its clock starts, with the calendar that applies to the
deciding body, and handed to the aggregate to store: never recomputed on replay.
"""

from collections.abc import Callable, Iterable
from datetime import date
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from contracts.organisations import la_id
from determination import access
from determination.domain import (
    DECISION,
    NECESSITY,
    BodyKind,
    DecidingBody,
    Determination,
    Learner,
)
from determination.domain.calendar import CalendarRecord, calendar_aggregate_id
from determination.domain.given import decision_clock_runs
from determination.domain.rules import RULE_TABLE_ID, RuleTableRecord
from llwybr.clock import (
    DEFAULT_RULES,
    CalendarTooShortError,
    Deadline,
    Rule,
    RuleTable,
    TermCalendar,
    compute_deadline,
    recalculate,
)
from llwybr.eventstore import ChainedApplication
from llwybr.principal import Principal

#: The deadlines a decision meets (when it is given); the others (NHS answers) end with the case.
DECISION_CLOCKS = (DECISION, NECESSITY)

#: Looks a term calendar up by its id ("la:665"); None when it was never set.
CalendarLookup = Callable[[str], TermCalendar | None]


class TimeLimits(ChainedApplication):
    """The rule table, the calendars, and the deadlines computed on them."""

    # -- the rule table -------------------------------------------------------------------

    def rule_table(self) -> RuleTable:
        """The rule table in force: the default, or its latest correction."""
        record = self._rule_table_record()
        return record.rule_table() if record is not None else DEFAULT_RULES

    def correct_rules(
        self,
        principal: Principal,
        version: str,
        rules: list[Rule],
        *,
        corrected_by: str,
        reason: str,
    ) -> RuleTable:
        """A new version of the rule table (the system administrator's only)."""
        access.require_may_correct_rules(principal, corrected_by)
        record = self._rule_table_record()
        if record is None:
            record = RuleTableRecord()
        table = record.correct(version, rules, corrected_by=corrected_by, reason=reason)
        self.save(record)
        return table

    def _rule_table_record(self) -> RuleTableRecord | None:
        try:
            return self.get_as(RULE_TABLE_ID, RuleTableRecord)
        except AggregateNotFoundError:
            return None

    def recalculate_for_rules(self, rule_ids: set[str], candidates: Iterable[UUID]) -> list[UUID]:
        """Recompute open cases' deadlines under corrected rules; record those that moved."""
        table = self.rule_table()
        changed = []
        for determination_id in candidates:
            case = self.get_as(determination_id, Determination)
            runs = decision_clock_runs(case)  # a decided case's clock runs until given
            if not runs:
                continue
            moved = False
            for key in list(case.deadlines):
                deadline = case.deadline(key)
                if deadline is None or deadline.rule_id not in rule_ids:
                    continue
                if key not in DECISION_CLOCKS and not case.is_open:
                    continue
                calendar = None
                if key == DECISION:
                    calendar = self.decision_calendar(case.deciding_body, case.learner_record)
                try:
                    new = recalculate(deadline, table, calendar)
                except CalendarTooShortError:
                    continue  # this calendar cannot count the period: the deadline stays
                if new is not None:
                    reason = f"rule {deadline.rule_id} corrected (rules {table.version})"
                    case.recalculate_deadline(deadline_key=key, new=new, reason=reason)
                    moved = True
            if moved:
                self.save(case)
                changed.append(determination_id)
        return changed

    # -- calendars ------------------------------------------------------------------------

    def calendar(self, calendar_id: str) -> TermCalendar | None:
        record = self._calendar_record(calendar_id)
        return record.term_calendar() if record is not None else None

    def set_calendar(
        self,
        principal: Principal,
        calendar_id: str,
        build: Callable[[int], TermCalendar],
        *,
        set_by: str,
        source: str,
    ) -> TermCalendar:
        """Set or correct a calendar: ``build`` makes it, given the version it will be (the
        calendar read once, after the caller's right to set it is checked). Returns it."""
        access.require_may_set_calendar(principal, calendar_id, set_by)
        record = self._calendar_record(calendar_id)
        calendar = build(record.calendar_version + 1 if record is not None else 1)
        if record is None:
            record = CalendarRecord.set(calendar, set_by=set_by, source=source)
        else:
            record.correct(calendar, set_by=set_by, source=source)
        self.save(record)
        return record.term_calendar()

    def _calendar_record(self, calendar_id: str) -> CalendarRecord | None:
        try:
            return self.get_as(calendar_aggregate_id(calendar_id), CalendarRecord)
        except AggregateNotFoundError:
            return None

    def decision_calendar(
        self, body: DecidingBody, learner: Learner, calendar: CalendarLookup | None = None
    ) -> TermCalendar | None:
        """The calendar a body's decision clock counts on: a school's own, else its LA's; an
        FEI's; none for an LA (weeks). ``calendar`` looks one up (default: the store)."""
        find = calendar or self.calendar
        if body.kind is BodyKind.SCHOOL:
            school = find(learner.setting_organisation or "")
            return school or find(la_id(learner.local_authority))
        if body.kind is BodyKind.FEI:
            return find(learner.setting_organisation or "")
        return None

    def decision_deadline(
        self,
        body: DecidingBody,
        learner: Learner,
        trigger: date,
        rules: RuleTable | None = None,
        calendar: CalendarLookup | None = None,
    ) -> Deadline:
        """The body's decision deadline from ``trigger``, on the calendar it counts on."""
        rules = rules or self.rule_table()
        found = self.decision_calendar(body, learner, calendar)
        try:
            return compute_deadline(rules, body.decision_rule, trigger, found)
        except CalendarTooShortError:
            # The calendar does not cover the whole count (terms not yet published): the
            # deadline is provisional on working days until a calendar that does arrives.
            return compute_deadline(rules, body.decision_rule, trigger, None)

    def recalculate_for_calendar(self, calendar_id: str, candidates: Iterable[UUID]) -> list[UUID]:
        """Recompute the decision deadlines of open cases that count on ``calendar_id``;
        record a recalculation where the due date changed. Returns the cases changed."""
        changed = []
        for determination_id in candidates:
            case = self.get_as(determination_id, Determination)
            deadline = case.deadline()
            if not decision_clock_runs(case) or deadline is None:
                continue
            calendar = self.decision_calendar(case.deciding_body, case.learner_record)
            if calendar is None or calendar.id != calendar_id:
                continue
            try:
                new = recalculate(deadline, self.rule_table(), calendar)
            except CalendarTooShortError:
                continue  # the calendar cannot count this case's period: it stays as it was
            if new is None:
                continue
            case.recalculate_deadline(
                deadline_key=DECISION,
                new=new,
                reason=f"calendar {calendar_id} corrected (version {calendar.version})",
            )
            self.save(case)
            changed.append(determination_id)
        return changed
