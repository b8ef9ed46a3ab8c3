"""The days the family was *given* the notices about a plan (ADR 0017; docs/domain.md section
11): the two cease notices (the proposal, then the decision: s.31(8), (9), Regs reg 12) and the
notice of no revision after a review (s.23(3)(b)). The given day is the notifications service's
fact (``notice-given``; ``notice-bounced`` undoes it); the windows that run from it (D11, the
next review period D14/D15) are computed by the service layer from the rule table and passed
in, so a replay applies exactly what was decided.

Each event class here is bound to the method that applies it in ``Idp`` (``idp.domain.plan``),
so it is stored as ``Idp.<Event>``.
"""

from copy import deepcopy
from datetime import date
from typing import Any

from idp.domain.state import REVIEW, PlanEvent, PlanState
from idp.domain.values import MaintainerKind, ReviewOutcome, Status

CEASE_PROPOSED_NOTICE, CEASED_NOTICE = "cease_proposed", "idp_ceased"
NO_REVISION_NOTICE = "idp_not_revised"
#: The notices (notifications' ``NoticeKind``) whose given day this service records.
PLAN_NOTICES = frozenset({CEASE_PROPOSED_NOTICE, CEASED_NOTICE, NO_REVISION_NOTICE})
#: Who holds the rights a notice states (a copy to an organisation gives nothing).
RIGHT_HOLDERS = frozenset({"parent", "child", "young_person", "case_friend", "representative"})


class Noticing(PlanState):
    """Notices given (and bounced) about the plan, and the windows that run from them."""

    class NoticeGiven(PlanEvent):
        """A notice about the plan was given on ``given_on``; the D11 window and the review
        period that now run are stored (None: unchanged)."""

        notice_id: str
        kind: str
        given_on: date
        reconsideration_window_until: date | None
        next_review_by: dict[str, Any] | None
        #: the last day the notice itself told the family (notifications' fact; None: none,
        #: or recorded before it was carried)
        quoted_until: date | None = None

    class GivenNoticeBounced(PlanEvent):
        """A notice learned as given bounced: it was not given (ADR 0014); the windows run
        again from the notices still given (or, none left, as before any was)."""

        notice_id: str
        kind: str
        bounced_on: date
        reconsideration_window_until: date | None
        next_review_by: dict[str, Any] | None

    # -- what a notice would change (read by the service layer to compute the windows) ----

    def notice_applies(self, kind: str) -> bool:
        """Whether a notice of ``kind`` is about the plan's current state: a cease notice
        while ceasing is proposed or decided, a no-revision notice after a review that did
        not revise the plan (and no revision since)."""
        if kind in {CEASE_PROPOSED_NOTICE, CEASED_NOTICE}:
            return self.cease is not None and self.status in {
                Status.CEASE_PROPOSED,
                Status.CEASED,
            }
        if kind == NO_REVISION_NOTICE:
            return self._review_not_revised() is not None
        return False

    def cease_window_start(self, notices: dict[str, dict[str, Any]]) -> date | None:
        """The day D11 runs from, given ``notices``: the later of the two cease notices
        (s.31(8), (9)); None until the decision's notice is given, or for a plan not
        maintained by a school (no reconsideration by the LA)."""
        if self.status != Status.CEASED or self.maintainer["kind"] != MaintainerKind.SCHOOL:
            return None
        assert self.cease is not None
        current = [
            n
            for n in notices.values()
            if n["bounced_on"] is None
            and n["kind"] in {CEASE_PROPOSED_NOTICE, CEASED_NOTICE}
            and n["given_on"] >= self.cease["proposed_on"]
        ]
        if not any(n["kind"] == CEASED_NOTICE for n in current):
            return None
        latest: date = max(n["given_on"] for n in current)
        return latest

    def cease_decision_day(self) -> date | None:
        """The day a school decided to cease the plan: D11 runs from it until a cease notice
        is given (and again if the notices given all bounce)."""
        if self.status != Status.CEASED or self.maintainer["kind"] != MaintainerKind.SCHOOL:
            return None
        assert self.cease is not None
        decided_on: date = self.cease["decided_on"]
        return decided_on

    def no_revision_given_on(self, notices: dict[str, dict[str, Any]]) -> date | None:
        """The earliest day a notice of the last review's no revision was given (the next
        period starts with it, s.23(3)(b)); None when none is given (still bounced)."""
        review = self._review_not_revised()
        if review is None:
            return None
        days = [
            n["given_on"]
            for n in notices.values()
            if n["bounced_on"] is None
            and n["kind"] == NO_REVISION_NOTICE
            and n["given_on"] >= review["held_on"]
        ]
        return min(days, default=None)

    def review_period_before_notice(self) -> dict[str, Any] | None:
        """The review period the last not-revising review answered: the cycle's period the
        notice of no revision follows."""
        if self._review_not_revised() is None or self.review_periods is None:
            return None
        before: dict[str, Any] | None = deepcopy(self.review_periods["before"])
        return before

    def review_after_held(self) -> dict[str, Any] | None:
        """The review period the review itself started (from the day it was held): the one
        in force when no notice of no revision stands."""
        if self._review_not_revised() is None or self.review_periods is None:
            return None
        after: dict[str, Any] | None = deepcopy(self.review_periods["after"])
        return after

    def _review_not_revised(self) -> dict[str, Any] | None:
        if not self.reviews or self.review_periods is None:
            return None  # no review, or one recorded before its periods were kept
        if self.status in {Status.CEASED, Status.CLOSED}:
            return None
        last = self.reviews[-1]
        if last["outcome"] != ReviewOutcome.NOT_REVISED.value:
            return None
        if self.versions and self.versions[-1]["issued_on"] > last["held_on"]:
            return None
        return last

    # -- commands --------------------------------------------------------------------------

    def record_notice_given(
        self,
        *,
        notice_id: str,
        kind: str,
        given_on: date,
        reconsideration_window_until: date | None,
        next_review_by: dict[str, Any] | None,
        quoted_until: date | None = None,
    ) -> bool:
        """Record a notice given; False (nothing recorded) when known already (a redelivered
        event) or about nothing current on the plan."""
        if notice_id in self.notices or not self.notice_applies(kind):
            return False
        self._record_notice_given(
            notice_id=notice_id,
            kind=kind,
            given_on=given_on,
            reconsideration_window_until=reconsideration_window_until,
            next_review_by=next_review_by,
            quoted_until=quoted_until,
        )
        return True

    def _record_notice_given(
        self,
        notice_id: str,
        kind: str,
        given_on: date,
        reconsideration_window_until: date | None,
        next_review_by: dict[str, Any] | None,
        quoted_until: date | None = None,
    ) -> None:
        self.notices[notice_id] = {"kind": kind, "given_on": given_on, "bounced_on": None}
        self._apply_windows(reconsideration_window_until, next_review_by)

    def record_notice_bounced(
        self,
        *,
        notice_id: str,
        bounced_on: date,
        reconsideration_window_until: date | None,
        next_review_by: dict[str, Any] | None,
    ) -> bool:
        """Record that a notice learned as given bounced; False when unknown or known."""
        known = self.notices.get(notice_id)
        if known is None or known["bounced_on"] is not None:
            return False
        self._record_notice_bounced(
            notice_id=notice_id,
            kind=known["kind"],
            bounced_on=bounced_on,
            reconsideration_window_until=reconsideration_window_until,
            next_review_by=next_review_by,
        )
        return True

    def _record_notice_bounced(
        self,
        notice_id: str,
        kind: str,
        bounced_on: date,
        reconsideration_window_until: date | None,
        next_review_by: dict[str, Any] | None,
    ) -> None:
        self.notices[notice_id] = self.notices[notice_id] | {"bounced_on": bounced_on}
        self._apply_windows(reconsideration_window_until, next_review_by)

    def _apply_windows(
        self, reconsideration_window_until: date | None, next_review_by: dict[str, Any] | None
    ) -> None:
        if reconsideration_window_until is not None and self.cease is not None:
            self.cease["reconsideration_window_until"] = reconsideration_window_until
        if next_review_by is not None:
            self.deadlines[REVIEW] = deepcopy(next_review_by)
