"""The LA's disagreement resolution and independent advocacy arrangements (Act ss.68-69).

``DisagreementResolution``: one case per decision disagreed about, opened under the LA's
arrangements with the parties and an independent facilitator, concluded with an outcome.
Taking part is voluntary and does not affect the right of appeal; starting it while the
window to appeal the decision is open makes the window exactly 8 weeks longer, recorded as an
explicit recalculation (``AppealWindowRecalculated``, with the window before and after).

``Advocacy``: independent advocacy for a child, young person or case friend, requested,
provided by an advocate, and ended.

Dates, windows and the id of a case about a decision are decided by the caller; an event body
only applies what it is given.
"""

import uuid
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from eventsourcing.domain import Aggregate, event

from disputes.domain.errors import (
    DateOutOfOrderError,
    FacilitatorNotIndependentError,
    InvalidTransitionError,
    InvalidValueError,
    WrongDeadlineError,
)
from disputes.domain.values import (
    LOCAL_AUTHORITY_PREFIX,
    as_enum,
    extended_appeal_window,
    require_appeal_window,
    require_organisation,
    require_text,
)
from llwybr.clock import Deadline, RuleTable
from llwybr.personal_data.fields import PersonalFields

_NAMESPACE = uuid.UUID("5b0e47a2-9c1d-5f3e-8a6b-2d7c4e1f9a30")


def disagreement_case_id(subject_id: uuid.UUID) -> uuid.UUID:
    """The one case about a decision: opening a second is refused, and an appeal finds it."""
    return uuid.uuid5(_NAMESPACE, f"disagreement:{subject_id}")


class PartyRole(StrEnum):
    """Who takes part in disagreement resolution."""

    FAMILY = "family"  # the child, a parent, the young person
    CASE_FRIEND = "case_friend"
    SCHOOL = "school"
    FEI = "fei"
    LOCAL_AUTHORITY = "local_authority"
    NHS_BODY = "nhs_body"


class DisagreementStatus(StrEnum):
    OPEN = "open"
    CONCLUDED = "concluded"


class DisagreementOutcome(StrEnum):
    RESOLVED = "resolved"
    PARTLY_RESOLVED = "partly_resolved"
    NOT_RESOLVED = "not_resolved"
    WITHDRAWN = "withdrawn"  # a party left: it is voluntary


class AdvocacyFor(StrEnum):
    """Whom independent advocacy is for (s.69)."""

    CHILD = "child"
    YOUNG_PERSON = "young_person"
    CASE_FRIEND = "case_friend"


class AdvocacyStatus(StrEnum):
    REQUESTED = "requested"
    PROVIDED = "provided"
    ENDED = "ended"


@dataclass(frozen=True)
class CaseParticipant:
    """A party to disagreement resolution, or its facilitator: a person, and the organisation
    they act for (none for a family member)."""

    name: str
    role: PartyRole | None
    organisation: str | None

    def __post_init__(self) -> None:
        require_text(self.name, "a participant's name")
        if self.role is not None:
            object.__setattr__(self, "role", as_enum(PartyRole, self.role, "a party's role"))
        if self.organisation is not None:
            require_text(self.organisation, "a participant's organisation")

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role.value if self.role is not None else None,
            "organisation": self.organisation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CaseParticipant":
        """The inverse of ``as_dict``."""
        return cls(**data)


@dataclass(frozen=True)
class Provision:
    """Advocacy provided: by whom, from when."""

    advocate: CaseParticipant
    provided_on: date


class DisagreementResolution(Aggregate):
    """A disagreement resolution case under the LA's arrangements."""

    class Opened(Aggregate.Created):
        learner_id: str
        local_authority: str
        subject_id: uuid.UUID | None
        opened_on: date
        arrangements: str
        facilitator: dict[str, Any]
        parties: list[dict[str, Any]]

    class AppealWindowRecalculated(Aggregate.Event):
        """Opened within the window to appeal the decision: the window, 8 weeks longer; it
        carries the case's public facts (None when recorded before it did)."""

        recalculated_on: date
        previous: dict[str, Any]
        window: dict[str, Any]
        reason: str
        learner_id: str | None = None
        subject_id: uuid.UUID | None = None

        @property
        def extended(self) -> Deadline:
            return Deadline.from_dict(self.window)

        @property
        def previous_window(self) -> Deadline:
            return Deadline.from_dict(self.previous)

    class Concluded(Aggregate.Event):
        __personal__ = PersonalFields(("summary",), learner="learner_id")  # sealed: ADR 0023
        concluded_on: date
        outcome: str
        summary: str
        learner_id: str | None = None  # None: recorded before events carried it

    @staticmethod
    def create_id(subject_id: uuid.UUID | None) -> uuid.UUID:
        """One case per decision disagreed about; any number about nothing in particular."""
        return disagreement_case_id(subject_id) if subject_id is not None else uuid.uuid4()

    @event(Opened)
    def __init__(
        self,
        learner_id: str,
        local_authority: str,
        subject_id: uuid.UUID | None,
        opened_on: date,
        arrangements: str,
        facilitator: dict[str, Any],
        parties: list[dict[str, Any]],
    ) -> None:
        self.learner_id = learner_id
        self.local_authority = local_authority
        self.subject_id = subject_id
        self.opened_on = opened_on
        self.arrangements = arrangements
        self.facilitator = CaseParticipant.from_dict(facilitator)
        self.parties = [CaseParticipant.from_dict(p) for p in parties]
        self.status = DisagreementStatus.OPEN
        self.appeal_window_data: dict[str, Any] | None = None
        self.recalculations: list[dict[str, Any]] = []
        self.conclusion: dict[str, Any] | None = None

    @classmethod
    def open(
        cls,
        *,
        learner_id: str,
        local_authority: str,
        subject_id: uuid.UUID | None,
        opened_on: date,
        arrangements: str,
        facilitator: CaseParticipant,
        parties: list[CaseParticipant],
    ) -> "DisagreementResolution":
        """The LA opens a case about ``subject_id`` (the decision disagreed about, if any),
        under its ``arrangements``, with an independent ``facilitator``."""
        require_text(learner_id, "learner_id")
        require_organisation(local_authority, (LOCAL_AUTHORITY_PREFIX,), "local_authority")
        require_text(arrangements, "arrangements")
        if len(parties) < 2:
            raise InvalidValueError("disagreement resolution is between at least two parties")
        if facilitator.role is not None:
            raise InvalidValueError("the facilitator is not a party")
        sides = {p.organisation for p in parties if p.organisation} | {local_authority}
        if facilitator.organisation in sides:
            raise FacilitatorNotIndependentError(
                f"the facilitator acts for {facilitator.organisation}, which is a party or the "
                "LA: the facilitator must be independent of them"
            )
        return cls(
            learner_id=learner_id,
            local_authority=local_authority,
            subject_id=subject_id,
            opened_on=opened_on,
            arrangements=arrangements,
            facilitator=facilitator.as_dict(),
            parties=[p.as_dict() for p in parties],
        )

    @property
    def appeal_window(self) -> Deadline | None:
        """The window to appeal the decision as this case left it (extended), if it did."""
        data = self.appeal_window_data
        return Deadline.from_dict(data) if data is not None else None

    def extend_appeal_window(self, *, window: Deadline, rules: RuleTable) -> Deadline:
        """Opened while ``window`` (to appeal the decision) was open: it becomes 8 weeks longer
        (``extended_appeal_window`` under ``rules``, the table in force), which is returned.
        Refused when the case opened after the window closed, or once done."""
        if self.recalculations:
            raise InvalidTransitionError(f"case {self.id} already extended the appeal window")
        require_appeal_window(window)
        if self.opened_on > window.due_on:
            raise WrongDeadlineError(
                f"the appeal window closed on {window.due_on}, before this case opened"
            )
        extended = extended_appeal_window(window, rules)
        self._recalculate(
            recalculated_on=self.opened_on,
            previous=window.as_dict(),
            window=extended.as_dict(),
            reason=f"disagreement resolution started on {self.opened_on}, within the window",
            learner_id=self.learner_id,
            subject_id=self.subject_id,
        )
        return extended

    @event(AppealWindowRecalculated)
    def _recalculate(
        self,
        recalculated_on: date,
        previous: dict[str, Any],
        window: dict[str, Any],
        reason: str,
        learner_id: str | None = None,
        subject_id: uuid.UUID | None = None,
    ) -> None:
        self.recalculations.append(
            {"recalculated_on": recalculated_on, "previous": deepcopy(previous), "reason": reason}
        )
        self.appeal_window_data = deepcopy(window)

    def conclude(
        self, *, concluded_on: date, outcome: DisagreementOutcome | str, summary: str
    ) -> None:
        """The case ends (agreement reached or not, or a party withdrew)."""
        outcome = as_enum(DisagreementOutcome, outcome, "outcome")
        if self.status is DisagreementStatus.CONCLUDED:
            raise InvalidTransitionError(f"case {self.id} is already concluded")
        require_text(summary, "summary")
        if concluded_on < self.opened_on:
            raise DateOutOfOrderError(f"the conclusion cannot predate {self.opened_on}")
        self._conclude(
            concluded_on=concluded_on,
            outcome=outcome.value,
            summary=summary,
            learner_id=self.learner_id,
        )

    @event(Concluded)
    def _conclude(
        self, concluded_on: date, outcome: str, summary: str, learner_id: str | None = None
    ) -> None:
        self.conclusion = {"concluded_on": concluded_on, "outcome": outcome, "summary": summary}
        self.status = DisagreementStatus.CONCLUDED


class Advocacy(Aggregate):
    """Independent advocacy, from the request to the advocate's work ending."""

    class Requested(Aggregate.Created):
        __personal__ = PersonalFields(("requested_by",), learner="learner_id")  # ADR 0023
        learner_id: str
        local_authority: str
        for_person: str
        requested_by: str
        requested_on: date
        related_case_id: uuid.UUID | None

    class Provided(Aggregate.Event):
        advocate: dict[str, Any]
        provided_on: date
        learner_id: str | None = None  # None: recorded before events carried it

    class Ended(Aggregate.Event):
        __personal__ = PersonalFields(("reason",), learner="learner_id")  # sealed: ADR 0023
        ended_on: date
        reason: str
        learner_id: str | None = None  # None: recorded before events carried it

    @event(Requested)
    def __init__(
        self,
        learner_id: str,
        local_authority: str,
        for_person: str,
        requested_by: str,
        requested_on: date,
        related_case_id: uuid.UUID | None,
    ) -> None:
        self.learner_id = learner_id
        self.local_authority = local_authority
        self.for_person = AdvocacyFor(for_person)
        self.requested_by = requested_by
        self.requested_on = requested_on
        self.related_case_id = related_case_id
        self.status = AdvocacyStatus.REQUESTED
        self.provision: Provision | None = None
        self.ending: dict[str, Any] | None = None

    @classmethod
    def request(
        cls,
        *,
        learner_id: str,
        local_authority: str,
        for_person: AdvocacyFor | str,
        requested_by: str,
        requested_on: date,
        related_case_id: uuid.UUID | None,
    ) -> "Advocacy":
        """Advocacy asked of the LA for a child, young person or case friend (about a
        reconsideration, appeal or disagreement resolution case, if any)."""
        for_person = as_enum(AdvocacyFor, for_person, "for_person")
        require_text(learner_id, "learner_id")
        require_organisation(local_authority, (LOCAL_AUTHORITY_PREFIX,), "local_authority")
        require_text(requested_by, "requested_by")
        return cls(
            learner_id=learner_id,
            local_authority=local_authority,
            for_person=for_person.value,
            requested_by=requested_by,
            requested_on=requested_on,
            related_case_id=related_case_id,
        )

    def provide(self, *, advocate: CaseParticipant, provided_on: date) -> None:
        """An independent advocate starts acting."""
        if self.status is not AdvocacyStatus.REQUESTED:
            raise InvalidTransitionError(f"advocacy {self.id} is {self.status.value}")
        if advocate.role is not None:
            raise InvalidValueError("an advocate is not a party")
        if advocate.organisation == self.local_authority:
            raise FacilitatorNotIndependentError("an advocate is independent of the LA")
        if provided_on < self.requested_on:
            raise DateOutOfOrderError(f"advocacy cannot start before {self.requested_on}")
        self._provide(
            advocate=advocate.as_dict(), provided_on=provided_on, learner_id=self.learner_id
        )

    @event(Provided)
    def _provide(
        self, advocate: dict[str, Any], provided_on: date, learner_id: str | None = None
    ) -> None:
        self.provision = Provision(CaseParticipant.from_dict(advocate), provided_on)
        self.status = AdvocacyStatus.PROVIDED

    def end(self, *, ended_on: date, reason: str) -> None:
        """The advocacy ends (the matter closed, or it is no longer wanted)."""
        if self.status is AdvocacyStatus.ENDED:
            raise InvalidTransitionError(f"advocacy {self.id} has ended")
        require_text(reason, "reason")
        started = self.provision.provided_on if self.provision else self.requested_on
        if ended_on < started:
            raise DateOutOfOrderError(f"advocacy cannot end before {started}")
        self._end(ended_on=ended_on, reason=reason, learner_id=self.learner_id)

    @event(Ended)
    def _end(self, ended_on: date, reason: str, learner_id: str | None = None) -> None:
        self.ending = {"ended_on": ended_on, "reason": reason}
        self.status = AdvocacyStatus.ENDED
