"""The notifications domain: aggregates, their events and domain errors. Pure: no I/O.

The aggregates arrive with issue #6; errors share one base so the API maps them in one table.
"""


class NotificationsError(Exception):
    """Base of every notifications domain error."""
