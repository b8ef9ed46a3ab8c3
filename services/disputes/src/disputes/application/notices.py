"""The family's notices of a decision, as the notifications service published them, and the
appeal window this service enforces from them (ADR 0017).

The date a notice counts as given is the notifications service's fact; the window that runs
from it (D18) is this service's: computed here from that date and the rule table in force,
recorded in ``FamilyNotices`` and published. Every other source of a notice date (the LA's own
record of a notice it gave, the date learned from the body that decided) gives way to a later
window a family notice opened.
"""

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.notifications import NoticeBounced, NoticeGiven
from disputes.application.base import DisputesBase
from disputes.domain import APPEAL_RULE
from disputes.domain.notices import (
    APPEAL_WINDOW,
    NOTICE_DECISIONS,
    WINDOW_KINDS,
    FamilyNotices,
    enforced,
    family_notices_id,
)
from llwybr.clock import Deadline


class Notices(DisputesBase):
    """The notices given to the family, learned from the notifications service."""

    def family_notices(self, subject_id: UUID, decision: str) -> FamilyNotices | None:
        """What was learned of the family's notices of ``subject_id``'s ``decision``."""
        notices_id = family_notices_id(subject_id, decision)
        if notices_id not in self.repository:
            return None
        return self.get_as(notices_id, FamilyNotices)

    def given_dates(self, subject_id: UUID | None, decision: str | None) -> list[date]:
        """The days the family's notices of ``subject_id``'s ``decision`` that count as given
        were given."""
        if subject_id is None or decision is None:
            return []
        notices = self.family_notices(subject_id, decision)
        return notices.given_dates if notices is not None else []

    def family_window(
        self, subject_id: UUID | None, decision: str | None, started_on: date | None = None
    ) -> Deadline | None:
        """The appeal window the family's notices of ``subject_id`` opened (the latest of those
        that count as given), 8 weeks longer when disagreement resolution started on
        ``started_on`` within it; None when no notice counts."""
        if subject_id is None or decision is None:
            return None
        notices = self.family_notices(subject_id, decision)
        window = notices.window if notices is not None else None
        if window is not None and started_on is not None and started_on <= window.due_on:
            return self.extended(window)
        return window

    def family_notices_learned(self, subject_id: UUID, decision: str) -> bool:
        """Whether any family notice of ``subject_id``'s ``decision`` was learned (given, or
        given and since bounced)."""
        notices = self.family_notices(subject_id, decision)
        return notices is not None and bool(notices.notices)

    def record_notice_given(self, given: NoticeGiven) -> list[Aggregate]:
        """A notice that opens a right of the family's was given: the window enforced from
        it, computed here from the day it counts as given. The notice of an extended window
        (this service computed it) tells the family the window; it does not start one."""
        decision = NOTICE_DECISIONS.get(given.kind)
        opens = given.window_kind in WINDOW_KINDS
        if decision is None or not opens or given.recipient_organisation is not None:
            return []
        try:
            subject_id = UUID(given.subject_id or "")
        except ValueError:
            return []
        notices = self.family_notices(subject_id, decision) or FamilyNotices(
            subject_id=subject_id, decision=decision, learner_id=given.learner_id
        )
        # The appeal window (D18) is this service's to compute; a cease notice's D11 is the
        # IDP service's (read from its events, ``disputes.decisions``): only its day is kept.
        window = None
        if given.window_kind == APPEAL_WINDOW:
            window = enforced(self.deadline(APPEAL_RULE, given.given_on), given.window_until)
        changed = notices.give(
            notice_id=given.notice_id,
            given_on=given.given_on,
            quoted_until=given.window_until,
            window=window,
        )
        return [notices] if changed else []

    def record_notice_bounced(self, bounced: NoticeBounced) -> list[Aggregate]:
        """A notice recorded as given was reported undeliverable: it no longer counts."""
        decision = NOTICE_DECISIONS.get(bounced.kind)
        try:
            subject_id = UUID(bounced.subject_id or "")
        except ValueError:
            return []
        notices = self.family_notices(subject_id, decision) if decision else None
        if notices is None:
            return []
        changed = notices.withdraw(notice_id=bounced.notice_id, reported_at=bounced.bounced_at)
        return [notices] if changed else []
