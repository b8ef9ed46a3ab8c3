"""Who is acting and why: carried from the edge (a request, a consumed event) to the store.

The API and the consumers set it; the event store writes it into every event it records,
inside the integrity hash, so the acting principal of each event is part of the evidence. A
command the client may repeat also carries its command key, which the store records in the
same transaction as the events (``llwybr.command_keys``); the key is not part of the events.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class CommandKey:
    """The key of a command the client may repeat, and the aggregates (id, version) its saves
    have recorded under it so far (empty: nothing committed yet)."""

    key: str
    request_id: str
    path: str
    aggregates: list[tuple[str, int]] = field(default_factory=list)
    #: The aggregate a create makes, when its saves record others too (indexes, a registry
    #: entry): what a repeat whose first answer was lost is told was created.
    resource: str | None = None


def names_resource(aggregate_id: object) -> None:
    """Say which aggregate the current keyed command creates (no key: nothing to say)."""
    holder = current().command
    if holder is not None:
        holder.resource = str(aggregate_id)


@dataclass(frozen=True)
class CommandContext:
    """The acting principal and the ids that tie an event to what caused it."""

    actor: str = "system"
    correlation_id: str | None = None
    causation_id: str | None = None
    command: CommandKey | None = None

    def as_metadata(self) -> dict[str, str | None]:
        """What every stored event records of it (``__meta__``)."""
        return {
            "actor": self.actor,
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
        }


_SYSTEM = CommandContext()
# The default is frozen, so sharing it is safe.
_current: ContextVar[CommandContext] = ContextVar("llwybr_command_context", default=_SYSTEM)


def current() -> CommandContext:
    """The context of the command being handled now."""
    return _current.get()


@contextmanager
def acting(context: CommandContext) -> Iterator[CommandContext]:
    """Run a block of commands on behalf of ``context``."""
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
