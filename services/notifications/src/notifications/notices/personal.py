"""The contacts' personal fields sealed with the learner's data key (issue 23, ADR 0023).

Names and email addresses in ``contact_learners`` and ``contact_parties`` are stored as seals
made by the one vault every service reads (bound to the service's engine at start-up), so the
learner's erasure (a shred made by the determination service) makes them noise here too.
Reading a shredded learner's contacts raises ``LearnerErasedError``: callers show the erasure
or refuse to send, never a half-read contact. Values stored before sealing (plaintext) read as
they are. Without a bound vault (unit tests of table code) values are kept as given.
"""

import sqlalchemy as sa

from llwybr.personal_data.bound import vault_of
from llwybr.personal_data.cipher import is_sealed

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
