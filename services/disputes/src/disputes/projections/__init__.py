"""The disputes read models: the cases with their next statutory dates, orders and
recommendations (``cases``), and who is related to each case and learner (``relations``), by
which the lists show each caller only what it may read."""

from disputes.projections.cases import (
    PROJECTION,
    awaiting_report,
    cases,
    learner_cases,
    of_learner,
    open_cases,
    orders,
    outcomes,
    recommendations,
)
from disputes.projections.relations import PROJECTION as RELATIONS
from disputes.projections.relations import readers, related_to, relations

__all__ = [
    "PROJECTION",
    "RELATIONS",
    "awaiting_report",
    "cases",
    "learner_cases",
    "of_learner",
    "open_cases",
    "orders",
    "outcomes",
    "readers",
    "recommendations",
    "related_to",
    "relations",
]
