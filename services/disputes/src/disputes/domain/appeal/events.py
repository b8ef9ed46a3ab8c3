"""The Appeal's events (``Appeal.Lodged`` ...): what the store keeps of an appeal.

Declared here and subclassed by name inside ``Appeal`` (``class Lodged(events.Lodged): ...``),
so their stored topics stay ``disputes.domain.appeal:Appeal.<Name>``, as when they were
written out in the class (the module was split at 500 lines; no topic had to be registered).
"""

import uuid
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate

from disputes.domain.values import Order, Recommendation
from llwybr.personal_data.fields import PersonalFields


class Lodged(Aggregate.Created):
    """The appeal reached the Tribunal, in its window or late with the President's leave."""

    __personal__ = PersonalFields(("appellant",), learner="learner_id")  # sealed: ADR 0023

    learner_id: str
    learner_is_young_person: bool
    appellant_kind: str
    appellant: str
    respondent: str
    matter: str
    subject_id: uuid.UUID | None
    lodged_on: date
    window_until: date | None
    late: bool
    late_admitted_by_president: bool
    admission_reference: str | None


class Acknowledged(Aggregate.Event):
    acknowledged_on: date
    tribunal_reference: str


class CaseStatementFiled(Aggregate.Event):
    __personal__ = PersonalFields(("summary",), learner="learner_id")  # sealed: ADR 0023

    party: str
    filed_on: date
    summary: str
    learner_id: str | None = None  # whose key seals the free text; None: recorded before


class HearingScheduled(Aggregate.Event):
    hearing_on: date


class Decided(Aggregate.Event):
    """The Tribunal's decision, its orders and recommendations, and the review window."""

    decided_on: date
    outcome: str
    orders: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]
    review_window: dict[str, Any]
    learner_id: str | None = None  # None: recorded before events carried it

    @property
    def decided_orders(self) -> list[Order]:
        return [Order.from_dict(o) for o in self.orders]

    @property
    def decided_recommendations(self) -> list[Recommendation]:
        return [Recommendation.from_dict(r) for r in self.recommendations]


class ReviewRequested(Aggregate.Event):
    __personal__ = PersonalFields(("by", "grounds"), learner="learner_id")  # sealed: ADR 0023

    applied_on: date
    by: str
    grounds: str
    learner_id: str | None = None  # whose key seals the free text; None: recorded before


class CapacityDeclared(Aggregate.Event):
    __personal__ = PersonalFields(("person",), learner="learner_id")  # sealed: ADR 0023

    declared_on: date
    person: str
    has_capacity: bool
    learner_id: str | None = None  # whose key seals the free text; None: recorded before


class CaseFriendAppointed(Aggregate.Event):
    __personal__ = PersonalFields(("case_friend",), learner="learner_id")  # sealed: ADR 0023

    appointed_on: date
    case_friend: str
    learner_id: str | None = None  # whose key seals the free text; None: recorded before


class CaseFriendRemoved(Aggregate.Event):
    __personal__ = PersonalFields(("reason",), learner="learner_id")  # sealed: ADR 0023

    removed_on: date
    reason: str
    learner_id: str | None = None  # whose key seals the free text; None: recorded before


class ComplianceRecorded(Aggregate.Event):
    """An attempt to comply with an order; ``met`` when it did."""

    __personal__ = PersonalFields(("evidence",), learner="learner_id")  # sealed: ADR 0023

    order_id: str
    complied_on: date
    evidence: str
    idp_revision: dict[str, Any] | None
    met: bool
    within_time: bool | None
    learner_id: str | None = None  # None: recorded before events carried it


class RecommendationReported(Aggregate.Event):
    __personal__ = PersonalFields(("report",), learner="learner_id")  # sealed: ADR 0023

    recommendation_id: str
    reported_on: date
    reported_by: str
    report: str
    within_time: bool | None
    learner_id: str | None = None  # None: recorded before events carried it


class Closed(Aggregate.Event):
    """Every order complied with and every recommendation reported on."""

    closed_on: date
