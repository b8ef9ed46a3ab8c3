"""Which fields of a stored event are a learner's personal data, and sealing them in the
event's JSON state before its hash is taken (ADR 0023). Pure: the keys come from a ``Sealer``
(the vault), given by the caller.

An event class declares ``__personal__ = PersonalFields(("given_name", ...), learner="...")``:
dotted paths into its stored state, and the path of the learner's id (empty: the event's own
originator, as for the learner registry's record).
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from llwybr.personal_data.cipher import is_sealed

PERSONAL = "__personal__"


@dataclass(frozen=True)
class PersonalFields:
    fields: tuple[str, ...]
    learner: str = ""


@dataclass(frozen=True)
class Erasure:
    """The record a shred leaves: the learner's personal data was erased on a day."""

    learner_id: str
    erased_on: date
    erased_by: str
    schedule: str

    def describe(self) -> str:
        on = self.erased_on.isoformat()
        return f"personal data erased on {on} under schedule {self.schedule}"


class LearnerErasedError(Exception):
    """The learner's data key was destroyed: their personal fields can no longer be read."""

    def __init__(self, erasure: Erasure) -> None:
        super().__init__(erasure.describe())
        self.erasure = erasure


class Sealer(Protocol):
    """The vault (``vault.Vault``) as the event store and the services use it."""

    def seal(self, learner_id: str, plaintext: bytes, field: str) -> str: ...

    def open(self, learner_id: str, token: str, field: str) -> bytes: ...

    def prepare(self, learner_ids: Iterable[str]) -> None:
        """Have many learners' keys at hand before sealing (made or read together)."""
        ...

    def close(self) -> None: ...

    def erasure(self, learner_id: str) -> Erasure | None:
        """The learner's erasure, if their data key was destroyed."""
        ...

    def shred(self, learner_id: str, *, erased_on: date, erased_by: str, schedule: str) -> Erasure:
        """Destroy the learner's data key for good (idempotent: the first erasure stands)."""
        ...


def personal_fields(cls: type) -> PersonalFields | None:
    found = getattr(cls, PERSONAL, None)
    return found if isinstance(found, PersonalFields) else None


def _slot(state: dict[str, Any], path: str) -> tuple[dict[str, Any], str] | None:
    *parents, leaf = path.split(".")
    node: Any = state
    for name in parents:
        node = node.get(name) if isinstance(node, dict) else None
    return (node, leaf) if isinstance(node, dict) and leaf in node else None


def learner_of(state: dict[str, Any], spec: PersonalFields, originator_id: str) -> str:
    if not spec.learner:
        return originator_id
    slot = _slot(state, spec.learner)
    if slot is None or not slot[0][slot[1]]:
        raise ValueError(f"the event names no learner at {spec.learner!r}")
    return str(slot[0][slot[1]])


def seal_state(
    state: dict[str, Any], spec: PersonalFields, originator_id: str, sealer: Sealer
) -> None:
    """Replace each personal value (as JSON) in ``state`` by its seal, in place."""
    learner_id = learner_of(state, spec, originator_id)
    for path in spec.fields:
        slot = _slot(state, path)
        if slot is None or slot[0][slot[1]] is None or is_sealed(slot[0][slot[1]]):
            continue
        node, key = slot
        plain = json.dumps(node[key], separators=(",", ":"), ensure_ascii=False).encode()
        node[key] = sealer.seal(learner_id, plain, path)


def open_state(
    state: dict[str, Any], spec: PersonalFields, originator_id: str, sealer: Sealer
) -> Erasure | None:
    """Open each sealed value in ``state`` in place; after a shred each becomes ``None`` and
    the erasure is returned. Values stored before sealing (plaintext) are left as they are."""
    erasure = None
    for path in spec.fields:
        slot = _slot(state, path)
        if slot is None or not is_sealed(slot[0][slot[1]]):
            continue
        # Only now: an event stored before it named its learner has nothing sealed.
        learner_id = learner_of(state, spec, originator_id)
        node, key = slot
        try:
            node[key] = json.loads(sealer.open(learner_id, node[key], path))
        except LearnerErasedError as erased:
            node[key], erasure = None, erased.erasure
    return erasure
