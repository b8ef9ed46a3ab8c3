"""The determination domain: aggregates, their events and domain errors. Pure: no I/O.

The aggregates arrive with issue #3; errors share one base so the API maps them in one table.
"""


class DeterminationError(Exception):
    """Base of every determination domain error."""
