"""The disputes service layer: commands and queries over its event store."""

from llwybr.eventstore import ChainedApplication


class DisputesService(ChainedApplication):
    """Commands return ids, queries return views.

    Its ``name`` fixes table names and settings prefixes: never change it.
    """

    name = "disputes"
