"""The notices about plans the family was given (notifications: ``notice-given``, undone by
``notice-bounced``): the given day is recorded on the plan, and the windows that run from it
are computed here, once, from the rule table in force (docs/domain.md section 11, ADR 0017):

- D11, the family's 4 weeks to ask the LA to reconsider a school's decision to cease the plan,
  from the later of the two cease notices (s.31(8), (9), Regs reg 12), no longer from the
  decision once that notice is given;
- the next review period (D14, D15 if looked after) after a notice of no revision, from the
  day that notice is given (s.23(3)(b); ``llwybr.clock.next_review``), not the review meeting.

A bounce undoes the notice: the windows run from the notices still given, or, none left, as
they stood before any was (from the decision; from the meeting).
"""

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from contracts.envelope import Envelope
from contracts.notifications import NoticeBounced, NoticeGiven
from idp import consumers
from idp.application.calendars import CalendarDeadlines
from idp.domain import Idp
from idp.domain.notices import PLAN_NOTICES, RIGHT_HOLDERS
from llwybr.clock import Deadline, RuleId, next_review


class GivenNotices(CalendarDeadlines):
    """The consumer's effects of notices given or bounced about a plan."""

    def on_public_event(self, envelope: Envelope) -> list[Aggregate]:
        """What another service's public event does here (``idp.consumers``): the aggregates
        to save, with the consumer's tracking record (``ApplicationEffect``)."""
        return consumers.effect_of(envelope, self)

    def record_notice_given(self, given: NoticeGiven) -> list[Aggregate]:
        """A notice about a plan given to the family on ``given_on``: the plan to save, or
        nothing (another kind, a copy to an organisation, not one of this service's plans,
        a redelivery)."""
        if given.kind not in PLAN_NOTICES or given.recipient_role not in RIGHT_HOLDERS:
            return []
        plan = self._plan_by_id(given.subject_id)
        notice_id = str(given.notice_id)
        if plan is None or notice_id in plan.notices or not plan.notice_applies(given.kind):
            return []
        fact = {"kind": given.kind, "given_on": given.given_on, "bounced_on": None}
        window, review = self._windows(plan, plan.notices | {notice_id: fact})
        recorded = plan.record_notice_given(
            notice_id=notice_id,
            kind=given.kind,
            given_on=given.given_on,
            reconsideration_window_until=window,
            next_review_by=review,
            quoted_until=given.window_until,
        )
        return [plan] if recorded else []

    def record_notice_bounced(self, bounced: NoticeBounced) -> list[Aggregate]:
        """A notice recorded as given bounced: it was not given; the windows move."""
        plan = self._plan_by_id(bounced.subject_id)
        notice_id = str(bounced.notice_id)
        known = None if plan is None else plan.notices.get(notice_id)
        if plan is None or known is None or known["bounced_on"] is not None:
            return []
        bounced_on = bounced.bounced_at.date()
        after = plan.notices | {notice_id: known | {"bounced_on": bounced_on}}
        window, review = self._windows(plan, after, bounced=known["kind"])
        recorded = plan.record_notice_bounced(
            notice_id=notice_id,
            bounced_on=bounced_on,
            reconsideration_window_until=window,
            next_review_by=review,
        )
        return [plan] if recorded else []

    def _windows(
        self, plan: Idp, notices: dict[str, dict[str, Any]], bounced: str | None = None
    ) -> tuple[date | None, dict[str, Any] | None]:
        """D11's last day and the review period that run once ``notices`` stand (None:
        unchanged). With no notice left standing after a bounce, they fall back to how they
        were computed before any was given."""
        window = None
        start = plan.cease_window_start(notices)
        if start is None and bounced is not None:
            start = plan.cease_decision_day()  # no cease notice standing: from the decision
        if start is not None:
            window = self.deadline(RuleId.D11, start).due_on
        review = None
        given_on = plan.no_revision_given_on(notices)
        if given_on is not None:
            before = plan.review_period_before_notice()
            previous = Deadline.from_dict(before) if before is not None else None
            review = next_review(self.rule_table(), plan.review_rule, previous, given_on).as_dict()
        elif bounced is not None:
            review = plan.review_after_held()
        return window, review

    def _plan_by_id(self, subject_id: str | None) -> Idp | None:
        try:
            return self.get_as(UUID(str(subject_id)), Idp) if subject_id else None
        except (AggregateNotFoundError, ValueError):
            return None  # not one of this service's plans
