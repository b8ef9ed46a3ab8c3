"""The notices of a decision given to the family, as the notifications service published them,
and the appeal window this service enforces from them (docs/domain.md section 11, ADR 0017).

The notifications service owns the date a notice counts as given (the day an email is sent;
hand delivery that day; post when it would normally arrive) and publishes it. This service owns
the decision's appeal window (D18): it computes the window from that published date with the
rule table in force, records it here, and never takes the date from anywhere else. A notice
reported undeliverable no longer counts; a notice given again later counts from its own date.
The window enforced is the latest one a counting notice opened, and never earlier than the date
the family was told (a rule-table correction in between cannot shorten what a notice stated).

Pure: the caller computes each window (``llwybr.clock``) and passes it in; an event only
applies what it is given.
"""

import uuid
from copy import deepcopy
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from eventsourcing.domain import Aggregate, event

from disputes.domain.errors import WrongDeadlineError
from disputes.domain.learned import Decision
from disputes.domain.values import APPEAL_RULE
from llwybr.clock import Deadline

_NAMESPACE = uuid.UUID("0c7f3f0e-4a4e-5d2b-9b7e-6f1d2a3c4b5e")


#: The decision a notice of each kind gives (``disputes.domain.learned.Decision``, or an LA's
#: reconsideration here): each decision's notices are one record, so one decision's window is
#: never taken from another's notice about the same plan.
RECONSIDERATION = "reconsideration"
NOTICE_DECISIONS: dict[str, str] = {
    "decision_no_aln": Decision.ALN,
    "decision_has_aln": Decision.ALN,
    "idp_not_necessary": Decision.NOT_NECESSARY,
    "idp_issued": Decision.ISSUED,
    "idp_revised": Decision.ISSUED,
    "idp_not_revised": Decision.REVIEWED,
    "idp_ceased": Decision.CEASED,
    "reconsideration_decided": RECONSIDERATION,
}
#: The rights a notice opens: to appeal (D18, computed here), or to ask the LA to reconsider
#: a school's decision to cease (D11: the IDP service's window, read from its events).
APPEAL_WINDOW = "appeal"
WINDOW_KINDS = frozenset({APPEAL_WINDOW, "reconsideration_request"})


def family_notices_id(subject_id: uuid.UUID, decision: str) -> uuid.UUID:
    """The one record of the family's notices of a decision (a reconsideration here, or
    another service's determination or plan): found again by the decision's id and kind."""
    return uuid.uuid5(_NAMESPACE, f"family-notices:{subject_id}:{decision}")


def enforced(computed: Deadline, quoted_until: date | None) -> Deadline:
    """The window to enforce for a notice: the one computed here from the day it was given,
    or the date the notice told the family if that is later (never hold a family to less
    than it was told; ADR 0017)."""
    if quoted_until is None or quoted_until <= computed.due_on:
        return computed
    return replace(
        computed,
        due_on=quoted_until,
        explanation=f"{computed.explanation}; the notice stated {quoted_until.isoformat()}",
    )


def later(*windows: Deadline | None) -> Deadline | None:
    """The window that ends last (a family is never held to less than any notice gave it)."""
    return max((w for w in windows if w is not None), key=lambda w: w.due_on, default=None)


def window_in_force(
    *,
    recorded: Deadline | None,
    presumed: Deadline | None,
    family: Deadline | None,
    family_learned: bool,
) -> Deadline | None:
    """The window to appeal a decision enforced here (ADR 0017), or None while none runs.

    ``recorded``: the window from the deciding body's own record of a notice it gave (the
    LA's notice of its reconsideration); ``family``: the latest window a family notice that
    counts as given opened (the notifications service's fact); ``family_learned``: whether
    any family notice of the decision was learned at all, given or since bounced;
    ``presumed``: the window from the decision's own date, presumed given that day while
    nothing else is known.

    The later of the recorded and the family window applies. If every family notice bounced
    and the body recorded none of its own, no notice of the decision was given: a bounced
    notice was not given (docs/domain.md section 11; ADR 0014), and the period runs from the
    notice (ETW Regs reg 10), so no window runs until a notice is given. Only when nothing at
    all was learned of the notices does the presumed window apply.
    """
    window = later(recorded, family)
    if window is not None:
        return window
    if family_learned:
        return None
    return presumed


class FamilyNotices(Aggregate):
    """The family's notices of one decision, and the window each opened (to appeal, D18; or,
    after a school's decision to cease a plan, to ask the LA to reconsider it, D11)."""

    class Started(Aggregate.Created):
        subject_id: uuid.UUID
        decision: str
        learner_id: str

    class Given(Aggregate.Event):
        """A notice of the decision counts as given on ``given_on`` (the notifications
        service's fact); ``appeal_window`` is the window enforced from it."""

        notice_id: uuid.UUID
        given_on: date
        quoted_until: date | None
        appeal_window: dict[str, Any] | None
        previous_due_on: date | None
        learner_id: str
        subject_id: uuid.UUID

    class NotGiven(Aggregate.Event):
        """A notice was reported undeliverable: it does not count as given, and its window
        does not run from it."""

        notice_id: uuid.UUID
        reported_at: datetime
        previous_due_on: date | None
        due_on: date | None
        learner_id: str
        subject_id: uuid.UUID

    @staticmethod
    def create_id(subject_id: uuid.UUID, decision: str, learner_id: str) -> uuid.UUID:
        return family_notices_id(subject_id, decision)

    @event(Started)
    def __init__(self, subject_id: uuid.UUID, decision: str, learner_id: str) -> None:
        self.subject_id = subject_id
        self.decision = decision
        self.learner_id = learner_id
        self.notices: dict[str, dict[str, Any]] = {}

    @property
    def window(self) -> Deadline | None:
        """The latest window a notice that counts as given opened; None while none does."""
        windows = [
            Deadline.from_dict(n["appeal_window"])
            for n in self.notices.values()
            if n["given"] and n["appeal_window"] is not None
        ]
        return max(windows, key=lambda w: w.due_on, default=None)

    @property
    def given_dates(self) -> list[date]:
        """The days the notices that count as given were given."""
        return [n["given_on"] for n in self.notices.values() if n["given"]]

    @property
    def given_on(self) -> date | None:
        """The day the notice the window runs from was given."""
        window = self.window
        return window.trigger_date if window is not None else None

    def give(
        self,
        *,
        notice_id: uuid.UUID,
        given_on: date,
        quoted_until: date | None,
        window: Deadline | None,
    ) -> bool:
        """Record a notice given (once per notice: a redelivered event changes nothing), with
        the appeal window computed from it, or None for a cease notice (its D11 is the IDP
        service's). True when recorded."""
        if str(notice_id) in self.notices:
            return False
        if window is not None and window.rule_id != APPEAL_RULE:
            raise WrongDeadlineError(f"no notice opens a window here under {window.rule_id}")
        previous = self.window
        self._give(
            notice_id=notice_id,
            given_on=given_on,
            quoted_until=quoted_until,
            appeal_window=window.as_dict() if window is not None else None,
            previous_due_on=previous.due_on if previous else None,
            learner_id=self.learner_id,
            subject_id=self.subject_id,
        )
        return True

    @event(Given)
    def _give(
        self,
        notice_id: uuid.UUID,
        given_on: date,
        quoted_until: date | None,
        appeal_window: dict[str, Any] | None,
        previous_due_on: date | None,
        learner_id: str,
        subject_id: uuid.UUID,
    ) -> None:
        self.notices[str(notice_id)] = {
            "given": True,
            "given_on": given_on,
            "appeal_window": deepcopy(appeal_window) if appeal_window is not None else None,
        }

    def withdraw(self, *, notice_id: uuid.UUID, reported_at: datetime) -> bool:
        """A notice recorded as given was reported undeliverable. True when it changed."""
        notice = self.notices.get(str(notice_id))
        if notice is None or not notice["given"]:
            return False
        previous = self.window
        after = {k: n for k, n in self.notices.items() if k != str(notice_id) and n["given"]}
        remaining = max(
            (
                Deadline.from_dict(n["appeal_window"]).due_on
                for n in after.values()
                if n["appeal_window"] is not None
            ),
            default=None,
        )
        self._withdraw(
            notice_id=notice_id,
            reported_at=reported_at,
            previous_due_on=previous.due_on if previous else None,
            due_on=remaining,
            learner_id=self.learner_id,
            subject_id=self.subject_id,
        )
        return True

    @event(NotGiven)
    def _withdraw(
        self,
        notice_id: uuid.UUID,
        reported_at: datetime,
        previous_due_on: date | None,
        due_on: date | None,
        learner_id: str,
        subject_id: uuid.UUID,
    ) -> None:
        self.notices[str(notice_id)]["given"] = False
