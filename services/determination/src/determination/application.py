"""The determination service layer: commands and queries over its event store."""

from llwybr.eventstore import ChainedApplication


class DeterminationService(ChainedApplication):
    """Commands return ids, queries return views.

    Its ``name`` fixes table names and settings prefixes: never change it.
    """

    name = "determination"
