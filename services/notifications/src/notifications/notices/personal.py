"""The contacts' personal fields sealed with the learner's data key (issue 23, ADR 0023).

Names and email addresses in ``contact_learners`` and ``contact_parties`` are stored as seals
made by the one vault every service reads (bound to the service's engine at start-up), so the
learner's erasure (a shred made by the determination service) makes them noise here too.
Reading a shredded learner's contacts raises ``LearnerErasedError``: callers show the erasure
or refuse to send, never a half-read contact. Values stored before sealing (plaintext) read as
they are. Without a bound vault (unit tests of table code) values are kept as given.

The free text a notice quotes from an event (a decision's reasons) arrives sealed, as its
service stored it (``contracts.sealed``): the notice's facts keep the seal, and it is opened
only to render the notice (``opened``), so no clear copy is kept here either.
"""

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from contracts.sealed import Sealed
from llwybr.personal_data.bound import vault_of
from llwybr.personal_data.cipher import is_sealed
from llwybr.personal_data.fields import LearnerErasedError

#: Field names bound into each seal: a sealed email cannot be moved to a name column unnoticed.
LEARNER_NAME, PARTY_NAME, PARTY_EMAIL = "contacts.learner_name", "contacts.name", "contacts.email"


def seal(conn: sa.Connection, learner_id: str, field: str, value: str | None) -> str | None:
    vault = vault_of(conn.engine)
    if value is None or vault is None:
        return value
    return vault.seal(learner_id, value.encode(), field)


def reveal(conn: sa.Connection, learner_id: str, field: str, value: str | None) -> str | None:
    """The value a column holds; ``LearnerErasedError`` once the learner's key is shredded."""
    if not is_sealed(value):
        return value
    vault = vault_of(conn.engine)
    if vault is None:
        raise RuntimeError("a sealed contact field and no vault to open it")
    assert value is not None
    return vault.open(learner_id, value, field).decode()


# -- the sealed free text of the events a notice quotes (a decision's reasons) ----------------

#: The keys of a published seal (``contracts.sealed.Sealed``) as a notice's facts keep it.
_SEAL_KEYS = frozenset(Sealed.model_fields)


def opened(conn: sa.Connection, facts: Mapping[str, Any]) -> dict[str, Any]:
    """``facts`` with each seal opened with its learner's key from the shared key store; a
    seal of an erased learner becomes None (the notice then says the reasons must be asked
    for, never fails)."""
    vault = vault_of(conn.engine)
    result = dict(facts)
    for name, value in facts.items():
        if not (isinstance(value, dict) and value.keys() == _SEAL_KEYS):
            continue
        if vault is None:
            raise RuntimeError("a sealed notice fact and no vault to open it")
        seal = Sealed.model_validate(value)
        try:
            result[name] = json.loads(vault.open(seal.learner_id, seal.sealed, seal.field))
        except LearnerErasedError:
            result[name] = None
    return result
