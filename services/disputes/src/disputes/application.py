"""The disputes service layer: reconsiderations by the LA and appeals to the Tribunal.

Every statutory date is computed here by the statutory clock when its clock starts: the LA's
reconsideration deadline, the 4-week window after a school's cease notice, the 8-week appeal
window (extended by exactly 8 weeks when disagreement resolution starts in time) and the
28-day window to ask the Tribunal to review its decision.
"""

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from disputes.domain import (
    APPEAL_RULE,
    CEASE_WINDOW_RULE,
    DEADLINE_RULES,
    REVIEW_RULE,
    Appeal,
    DisagreementResolution,
    InvalidTransitionError,
    NoticeUnknownError,
    Order,
    Recommendation,
    Reconsideration,
    ReconsiderationKind,
    ReconsiderationStatus,
    disagreement_case_id,
)
from llwybr.clock import DEFAULT_RULES, RuleTable, compute_deadline
from llwybr.eventstore import ChainedApplication


class DisputesService(ChainedApplication):
    """Commands return ids and versions; ``name`` fixes table names: never change it."""

    name = "disputes"
    rules: RuleTable = DEFAULT_RULES

    # -- reconsiderations -----------------------------------------------------------------

    def request_reconsideration(self, *, kind: ReconsiderationKind, requested_on: date,
                                cease_notice_given_on: date | None,
                                **details: Any) -> tuple[UUID, int]:  # fmt: skip
        deadline = compute_deadline(self.rules, DEADLINE_RULES[kind], requested_on)
        window = None
        if cease_notice_given_on is not None:
            window = compute_deadline(self.rules, CEASE_WINDOW_RULE, cease_notice_given_on).due_on
        case = Reconsideration.request(
            kind=kind, requested_on=requested_on, deadline=deadline,
            cease_notice_given_on=cease_notice_given_on, window_until=window, **details,
        )  # fmt: skip
        self.save(case)
        return case.id, int(case.version)

    def decide_reconsideration(self, reconsideration_id: UUID, *, decided_on: date,
                               expected_version: int | None, **decision: Any) -> int:  # fmt: skip
        window = compute_deadline(self.rules, APPEAL_RULE, decided_on)
        return self.act(
            reconsideration_id, Reconsideration, expected_version,
            lambda r: r.decide(decided_on=decided_on, appeal_window=window, **decision),
        )  # fmt: skip

    def issue_reconsideration_notice(self, reconsideration_id: UUID, *, issued_on: date,
                                     recipients: list[str],
                                     expected_version: int | None) -> int:  # fmt: skip
        # The appeal clock runs from the notice: a notice given later restarts it from then.
        window = compute_deadline(self.rules, APPEAL_RULE, issued_on)
        return self.act(
            reconsideration_id, Reconsideration, expected_version,
            lambda r: r.issue_notice(issued_on=issued_on, recipients=recipients,
                                     appeal_window=window),
        )  # fmt: skip

    def start_disagreement_resolution(self, reconsideration_id: UUID, *, started_on: date,
                                      expected_version: int | None) -> int:  # fmt: skip
        def start(case: Reconsideration) -> None:
            window = case.appeal_window
            if window is None:
                raise AggregateNotFoundError(reconsideration_id)
            # Exactly 8 more weeks: an 8-week clock counted from the current last day.
            extended = compute_deadline(self.rules, APPEAL_RULE, window.due_on)
            case.start_disagreement_resolution(started_on=started_on,
                                               appeal_window_extended=extended)  # fmt: skip

        return self.act(reconsideration_id, Reconsideration, expected_version, start)

    # -- disagreement resolution ----------------------------------------------------------

    def open_disagreement_resolution(self, *, reconsideration_id: UUID | None,
                                     subject_id: UUID | None, notice_given_on: date | None,
                                     **details: Any) -> tuple[UUID, int]:  # fmt: skip
        """Open the LA's case about a decision (an LA reconsideration here, or another body's
        decision whose notice is known); within the window to appeal it, the window gains
        exactly 8 weeks, recorded on the case (and on the reconsideration)."""
        subject = reconsideration_id or subject_id
        if subject is not None and self._exists(disagreement_case_id(subject)):
            raise InvalidTransitionError(f"a disagreement resolution case about {subject} exists")
        case = DisagreementResolution.open(subject_id=subject, **details)
        changed: list[Any] = [case]
        window = None
        reconsideration = None
        if reconsideration_id is not None:
            reconsideration = self.get_as(reconsideration_id, Reconsideration)
            if reconsideration.status == ReconsiderationStatus.NOTICE_ISSUED and (
                reconsideration.disagreement_resolution is None
            ):
                window = reconsideration.appeal_window
        elif notice_given_on is not None:
            window = compute_deadline(self.rules, APPEAL_RULE, notice_given_on)
        if window is not None and case.opened_on <= window.due_on:
            # Exactly 8 more weeks: an 8-week clock counted from the current last day.
            extended = compute_deadline(self.rules, APPEAL_RULE, window.due_on)
            case.extend_appeal_window(window=window, extended=extended)
            if reconsideration is not None:
                reconsideration.start_disagreement_resolution(
                    started_on=case.opened_on, appeal_window_extended=extended
                )
                changed.append(reconsideration)
        self.save(*changed)
        return case.id, int(case.version)

    def _exists(self, aggregate_id: UUID) -> bool:
        try:
            self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return False
        return True

    # -- appeals ---------------------------------------------------------------------------

    def appeal_window(
        self, *, reconsideration_id: UUID | None, subject_id: UUID | None,
        notice_given_on: date | None,
    ) -> date:  # fmt: skip
        """The last day to appeal: a reconsideration's window here (with any extension), the
        window a disagreement resolution case about the decision extended, or 8 weeks from
        the notice of the decision appealed."""
        if reconsideration_id is not None:
            window = self.get_as(reconsideration_id, Reconsideration).appeal_window
            if window is not None:
                return window.due_on
        if subject_id is not None and self._exists(disagreement_case_id(subject_id)):
            case = self.get_as(disagreement_case_id(subject_id), DisagreementResolution)
            if case.appeal_window is not None:  # extended by disagreement resolution
                return case.appeal_window.due_on
        if notice_given_on is None:
            raise NoticeUnknownError(
                "no notice of the decision appealed is known here: state notice_given_on"
            )
        return compute_deadline(self.rules, APPEAL_RULE, notice_given_on).due_on

    def lodge_appeal(self, *, reconsideration_id: UUID | None, notice_given_on: date | None,
                     **details: Any) -> tuple[UUID, int]:  # fmt: skip
        window = self.appeal_window(
            reconsideration_id=reconsideration_id, subject_id=details.get("subject_id"),
            notice_given_on=notice_given_on,
        )  # fmt: skip
        appeal = Appeal.lodge(window_until=window, **details)
        self.save(appeal)
        return appeal.id, int(appeal.version)

    def decide_appeal(self, appeal_id: UUID, *, decided_on: date, outcome: str,
                      orders: list[Order], recommendations: list[Recommendation],
                      expected_version: int | None) -> int:  # fmt: skip
        review = compute_deadline(self.rules, REVIEW_RULE, decided_on)
        return self.act(
            appeal_id, Appeal, expected_version,
            lambda a: a.decide(decided_on=decided_on, outcome=outcome, orders=orders,
                               recommendations=recommendations, review_window=review),
        )  # fmt: skip
