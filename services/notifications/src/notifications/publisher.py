"""Which stored notifications events become public integration events, and in what form."""

from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator


def translate(recorded: RecordedEvent) -> Publication | None:
    """No notifications event is public yet.

    The domain events and their contracts come with #6.
    """
    return None


def translator(app: ChainedApplication) -> Translator:
    return translate
