"""The vault a service's plain tables seal with, found from their engine (ADR 0023).

Services whose personal data is in plain tables rather than events (the notifications'
contacts) reach the same vault as their event store through the engine they already hold,
so no module keeps a process-wide vault of its own. ``prepare_storage`` binds it.
"""

import weakref

import sqlalchemy as sa

from llwybr.personal_data.fields import Sealer

_BOUND: "weakref.WeakKeyDictionary[sa.Engine, Sealer]" = weakref.WeakKeyDictionary()


def bind(engine: sa.Engine, vault: Sealer) -> None:
    _BOUND[engine] = vault


def vault_of(engine: sa.Engine) -> Sealer | None:
    """The vault bound to ``engine``; None where none is (unit tests of pure table code)."""
    return _BOUND.get(engine)
