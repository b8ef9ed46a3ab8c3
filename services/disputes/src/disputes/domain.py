"""The disputes domain: aggregates, their events and domain errors. Pure: no I/O.

The aggregates arrive with issue #5; errors share one base so the API maps them in one table.
"""


class DisputesError(Exception):
    """Base of every disputes domain error."""
