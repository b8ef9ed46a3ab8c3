"""An operator's work on a service's own store, where the service's settings are (issue #21).

The same as the service's ``/operations/dead-letters`` routes, without its port: embedded mode
runs every service inside the gateway, which routes none of them, so an operator lists and
replays dead letters here (``llwybr-audit dead-letters``), in either mode. A replay while the
service runs is safe: the effect's own tracking record applies an event once, whoever applies it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from llwybr import dead_letters
from llwybr.consumer import ReplayOutcome, replay_letter
from llwybr.eventstore import ChainedApplication
from llwybr.service import ServiceSpec, prepare_storage
from llwybr.settings import ServiceSettings


@contextmanager
def _store(
    settings: ServiceSettings, spec: ServiceSpec
) -> Iterator[tuple[sa.Engine, ChainedApplication]]:
    engine, application = prepare_storage(settings, spec)
    try:
        yield engine, application
    finally:
        application.close()
        engine.dispose()


def list_dead_letters(
    settings: ServiceSettings,
    spec: ServiceSpec,
    *,
    consumer: str | None = None,
    before: int | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """The service's dead letters, newest first (``before`` an id continues a page)."""
    with _store(settings, spec) as (engine, _application):
        return dead_letters.page(engine, consumer=consumer, before=before, limit=limit)


def replay_dead_letter(
    settings: ServiceSettings, spec: ServiceSpec, letter_id: int, actor: str
) -> tuple[str, ReplayOutcome]:
    """Apply one of the service's dead letters again with its consumer's current code, once.

    Raises ``LookupError`` if the service has no such letter (or no longer has the consumer
    that set it aside), ``NotReplayableError`` if it holds no readable event, and whatever the
    handler raises if it still fails (the letter then stays, to be replayed after a fix).
    """
    with _store(settings, spec) as (engine, application):
        row = dead_letters.get(engine, letter_id)
        consumers = {f"{spec.name}.{c.name}": c for c in spec.consumers}
        if row is None or row.consumer not in consumers:
            raise LookupError(f"the {spec.name} service has no dead letter {letter_id}")
        effect = consumers[row.consumer].effect(settings, engine, application)
        return replay_letter(engine, effect, row.consumer, letter_id, actor)
