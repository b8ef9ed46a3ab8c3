"""The notifications service layer: commands and queries over its event store."""

from llwybr.eventstore import ChainedApplication


class NotificationsService(ChainedApplication):
    """Commands return ids, queries return views.

    Its ``name`` fixes table names and settings prefixes: never change it.
    """

    name = "notifications"
