"""Versioned integration events: the public facts one service tells the others.

Stored domain events are private to their service; what crosses the bus is one of these,
as the data of a CloudEvent. Each class names its CloudEvent type, version and topic, and is
registered so that consumers can parse it and the JSON Schema snapshots can be generated.
"""

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from contracts.topics import Topic

TYPE_PREFIX = "wales.aln"


def upn_field() -> Any:
    """The learner's UPN beside their ``learner_id``: the publisher fills it from the learner
    registry's facts (``learner-relations-recorded``) when it has them; None before."""
    return Field(
        default=None,
        description="The learner's Unique Pupil Number, as the learner registry knows it "
        "(None while it does not): how an MIS finds the learner in its own records",
        examples=["M665200125001"],
    )


class IntegrationEvent(BaseModel):
    """Base of every public event. Personal data is kept to ids and statutory facts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    topic: ClassVar[Topic]
    name: ClassVar[str]
    version: ClassVar[int] = 1

    @classmethod
    def cloudevent_type(cls) -> str:
        """E.g. ``wales.aln.determination.concern-raised.v1``."""
        return f"{TYPE_PREFIX}.{cls.topic.service}.{cls.name}.v{cls.version}"


E = TypeVar("E", bound=type[IntegrationEvent])

_REGISTRY: dict[str, type[IntegrationEvent]] = {}


def register(cls: E) -> E:
    """Class decorator: make an integration event known to parsers and schema generation."""
    key = cls.cloudevent_type()
    existing = _REGISTRY.get(key)
    if existing is not None and existing is not cls:
        raise ValueError(f"two integration events claim the type {key}")
    _REGISTRY[key] = cls
    return cls


def registered() -> dict[str, type[IntegrationEvent]]:
    """Every registered integration event by CloudEvent type."""
    return dict(sorted(_REGISTRY.items()))


class UnknownEventTypeError(LookupError):
    """A CloudEvent carried a type no registered integration event has."""


#: A change of an event's data from one version of its contract to the next (or back).
Transform = Callable[[dict[str, Any]], dict[str, Any]]
_UPCASTS: dict[str, tuple[str, Transform]] = {}
_DOWNCASTS: dict[str, tuple[str, Transform]] = {}


def replaces(
    older: type[IntegrationEvent], newer: type[IntegrationEvent], up: Transform, down: Transform
) -> None:
    """Declare that ``newer`` replaced ``older``: ``up`` reads an older event's data as the newer
    version (``parse``), ``down`` answers a newer event as the older version to a reader that
    asked for it (``older_versions``: a webhook subscribed before the newer version)."""
    old, new = older.cloudevent_type(), newer.cloudevent_type()
    if older.name != newer.name or older.version >= newer.version:
        raise ValueError(f"{new} does not replace {old}")
    _UPCASTS[old] = (new, up)
    _DOWNCASTS[new] = (old, down)


def newest(cloudevent_type: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The type and data of an event as the newest version of its contract."""
    while cloudevent_type in _UPCASTS:
        cloudevent_type, up = _UPCASTS[cloudevent_type]
        data = up(data)
    return cloudevent_type, data


def older_versions(cloudevent_type: str, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The data of an event as each older version of its contract it replaced, by type."""
    older = {}
    while cloudevent_type in _DOWNCASTS:
        cloudevent_type, down = _DOWNCASTS[cloudevent_type]
        data = older[cloudevent_type] = down(data)
    return older


def parse(cloudevent_type: str, data: Any) -> IntegrationEvent:
    """Validate a CloudEvent's data as the integration event its type names, read as the
    newest version of its contract (an older version is upcast): consumers read one version."""
    if cloudevent_type not in _REGISTRY:
        raise UnknownEventTypeError(cloudevent_type)
    if isinstance(data, dict):
        cloudevent_type, data = newest(cloudevent_type, data)
    return _REGISTRY[cloudevent_type].model_validate(data)
