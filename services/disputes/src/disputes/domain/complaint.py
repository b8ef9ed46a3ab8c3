"""The Complaint aggregate: a complaint about a learner's case made to the LA responsible for
them (issue 23). No statute in the ALN Code runs a clock on it here; it matters to the data it
touches: while a complaint is open, the learner's personal data is on legal hold (the
retention schedule erases nothing). The disputes service owns whether it is open and
publishes it (``complaint-opened``, ``complaint-closed``); the learner registry records the
hold as told.

Who complained, what about and how it ended are free text about the learner, sealed with
their key (ADR 0023): after the erasure they read as None and the record still loads.
"""

from datetime import date
from enum import StrEnum

from eventsourcing.domain import Aggregate, event

from disputes.domain.errors import DateOutOfOrderError, InvalidTransitionError
from disputes.domain.values import LOCAL_AUTHORITY_PREFIX, require_organisation, require_text
from llwybr.personal_data.aggregate import SealedForLearner
from llwybr.personal_data.fields import PersonalFields


class ComplaintStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Complaint(SealedForLearner, Aggregate):
    """One complaint, from its receipt by the LA to its closure."""

    class Opened(Aggregate.Created):
        """The LA received the complaint: the learner's data is held from ``opened_on``."""

        __personal__ = PersonalFields(("made_by", "summary"), learner="learner_id")  # ADR 0023

        learner_id: str
        local_authority: str
        made_by: str
        summary: str
        opened_on: date

    class Closed(Aggregate.Event):
        """The complaint was closed (resolved, withdrawn or answered): the hold ends."""

        __personal__ = PersonalFields(("outcome",), learner="learner_id")  # ADR 0023

        closed_on: date
        outcome: str
        learner_id: str = ""  # whose key seals the outcome

    @event(Opened)
    def __init__(
        self, learner_id: str, local_authority: str, made_by: str, summary: str, opened_on: date
    ) -> None:
        self.learner_id = learner_id
        self.local_authority = local_authority
        self.made_by = made_by
        self.summary = summary
        self.opened_on = opened_on
        self.status = ComplaintStatus.OPEN
        self.closed_on: date | None = None
        self.outcome: str | None = None

    @property
    def sealed_for(self) -> str:  # whose key seals the complaint's text (ADR 0023)
        return self.learner_id

    @classmethod
    def open(
        cls, *, learner_id: str, local_authority: str, made_by: str, summary: str, opened_on: date
    ) -> "Complaint":
        """A complaint ``made_by`` someone about the learner's case, received by the LA."""
        require_text(learner_id, "learner_id")
        require_organisation(local_authority, (LOCAL_AUTHORITY_PREFIX,), "local_authority")
        require_text(made_by, "made_by")
        require_text(summary, "summary")
        return cls(
            learner_id=learner_id,
            local_authority=local_authority,
            made_by=made_by,
            summary=summary,
            opened_on=opened_on,
        )

    def close(self, *, closed_on: date, outcome: str) -> None:
        """The complaint is closed, with how it ended."""
        if self.status is ComplaintStatus.CLOSED:
            raise InvalidTransitionError(f"complaint {self.id} is closed")
        require_text(outcome, "outcome")
        if closed_on < self.opened_on:
            raise DateOutOfOrderError(f"a complaint cannot close before {self.opened_on}")
        self._close(closed_on=closed_on, outcome=outcome)

    @event(Closed)
    def _close(self, closed_on: date, outcome: str) -> None:
        self.closed_on = closed_on
        self.outcome = outcome
        self.status = ComplaintStatus.CLOSED
