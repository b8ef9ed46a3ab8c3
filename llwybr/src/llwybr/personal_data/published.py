"""The personal fields of a public event, published as the seals their service stored
(issue 23, ADR 0023): the same ciphertext on the topic as in the event store.

A contract declares such a field by its type (``contracts.sealed.Sealed``); the translator
fills it from the domain event (opened, in clear), and the relay replaces it, before anything
leaves the service, by the stored event's seal of the same name. So no translator handles a
seal, and a clear value cannot reach the bus by a translator forgetting one. A value the store
holds in clear (an event stored before its service sealed it) is published as it is.
"""

import types
from functools import cache
from typing import Any, Union, get_args, get_origin

from contracts.events import IntegrationEvent
from contracts.sealed import Sealed
from llwybr.personal_data.fields import Seals


@cache
def sealed_fields(cls: type[IntegrationEvent]) -> tuple[str, ...]:
    """The fields of a contract published sealed: those whose type admits ``Sealed``."""
    return tuple(name for name, info in cls.model_fields.items() if _admits_sealed(info.annotation))


def _admits_sealed(annotation: Any) -> bool:
    if annotation is Sealed:
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_admits_sealed(arg) for arg in get_args(annotation))
    return False


def with_seals(event: IntegrationEvent, seals: Seals | None) -> IntegrationEvent:
    """``event`` with each sealed field as stored; as it is where the store holds none."""
    names = sealed_fields(type(event))
    if not names or seals is None:
        return event
    update = {
        name: Sealed(learner_id=seals.learner_id, field=name, sealed=seals.by_field[name])
        for name in names
        if name in seals.by_field
    }
    return event.model_copy(update=update) if update else event
