"""Which stored idp events become public integration events, and in what form."""

from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator


def translate(recorded: RecordedEvent) -> Publication | None:
    """No idp event is public yet.

    The domain events and their contracts come with #4.
    """
    return None


def translator(app: ChainedApplication) -> Translator:
    return translate
