"""Who is acting and why: carried from the edge (a request, a consumed event) to the store.

The API and the consumers set it; the event store writes it into every event it records,
inside the integrity hash, so the acting principal of each event is part of the evidence.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class CommandContext:
    """The acting principal and the ids that tie an event to what caused it."""

    actor: str = "system"
    correlation_id: str | None = None
    causation_id: str | None = None

    def as_metadata(self) -> dict[str, str | None]:
        return asdict(self)


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
