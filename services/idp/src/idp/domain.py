"""The idp domain: aggregates, their events and domain errors. Pure: no I/O.

The aggregates arrive with issue #4; errors share one base so the API maps them in one table.
"""


class IdpError(Exception):
    """Base of every idp domain error."""
