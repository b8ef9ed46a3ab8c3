"""Read models of determinations: cases by organisation, status and deadline; statistics.

``model.py`` keeps the tables from the event log; ``clock.py`` reads a row's decision clock as
the case view does; ``queries.py`` answers the lists.
"""

from determination.projections.model import (
    OPEN_STATUSES,
    PROJECTION,
    cases,
    handle,
    involvement,
    learner_relations,
    metadata,
)
from determination.projections.queries import (
    CaseFilter,
    changes,
    due_soon,
    learner_cases,
    list_cases,
    open_case_ids,
    open_cases_counting_on,
    statistics,
)

__all__ = [
    "OPEN_STATUSES",
    "PROJECTION",
    "CaseFilter",
    "cases",
    "changes",
    "due_soon",
    "handle",
    "involvement",
    "learner_cases",
    "learner_relations",
    "list_cases",
    "metadata",
    "open_case_ids",
    "open_cases_counting_on",
    "statistics",
]
