"""Which fields of a stored event are a learner's personal data, and sealing them in the
event's JSON state before its hash is taken (ADR 0023). Pure: the keys come from a ``Sealer``
(the vault), given by the caller.

An event class declares ``__personal__ = PersonalFields(("given_name", ...), learner="...")``:
dotted paths into its stored state, and the path of the learner's id (empty: the event's own
originator, as for the learner registry's record). A ``*`` in a path stands for each item of a
list (``content.alp.*.provision``: every ALP element's provision); each value is sealed with
its concrete path (``content.alp.0.provision``) as context, so it cannot move to another item.
"""

import json
from collections.abc import Iterable, Iterator, Mapping
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


def _slots(
    node: Any, names: list[str], walked: str = ""
) -> Iterator[tuple[dict[str, Any], str, str]]:
    """Each (parent, key, concrete path) ``names`` reaches from ``node``; ``*`` goes into
    every item of a list. Missing steps reach nothing (an event stored before a field)."""
    name, rest = names[0], names[1:]
    if name == "*":
        items = enumerate(node) if isinstance(node, list) else iter(())
        for index, item in items:
            yield from _slots(item, rest, f"{walked}{index}.") if rest else iter(())
    elif isinstance(node, dict) and name in node:
        if rest:
            yield from _slots(node[name], rest, f"{walked}{name}.")
        else:
            yield node, name, f"{walked}{name}"


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
    for pattern in spec.fields:
        for node, key, path in list(_slots(state, pattern.split("."))):
            if node[key] is None or is_sealed(node[key]):
                continue
            plain = json.dumps(node[key], separators=(",", ":"), ensure_ascii=False).encode()
            node[key] = sealer.seal(learner_id, plain, path)


@dataclass(frozen=True)
class Seals:
    """The seals a stored event holds, as stored: whose key made them, and each field's seal
    by its path. The relay publishes these very seals (``personal_data.published``)."""

    learner_id: str
    by_field: Mapping[str, str]


def seals_in(state: dict[str, Any], spec: PersonalFields, originator_id: str) -> Seals | None:
    """The seals in a stored event's ``state`` (before it is opened); None if it holds none
    (stored in clear before sealing, or by a store with no vault)."""
    found = {}
    for pattern in spec.fields:
        for node, key, path in _slots(state, pattern.split(".")):
            if is_sealed(node[key]):
                found[path] = str(node[key])
    return Seals(learner_of(state, spec, originator_id), found) if found else None


def open_state(
    state: dict[str, Any], spec: PersonalFields, originator_id: str, sealer: Sealer
) -> Erasure | None:
    """Open each sealed value in ``state`` in place; after a shred each becomes ``None`` and
    the erasure is returned. Values stored before sealing (plaintext) are left as they are."""
    erasure = None
    for pattern in spec.fields:
        for node, key, path in list(_slots(state, pattern.split("."))):
            if not is_sealed(node[key]):
                continue
            # Only now: an event stored before it named its learner has nothing sealed.
            learner_id = learner_of(state, spec, originator_id)
            try:
                node[key] = json.loads(sealer.open(learner_id, node[key], path))
            except LearnerErasedError as erased:
                node[key], erasure = None, erased.erasure
    return erasure
