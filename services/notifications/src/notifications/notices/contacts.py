"""The contacts registry: a learner's parties and organisations' notice addresses.

Events carry ids, never addresses; the bodies that know the family set their contacts here
through the API. Registering a contact that was missing sends the notices that were waiting for
it (each escalated notice is superseded by the one actually sent).
"""

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from llwybr.personal_data.fields import LearnerErasedError
from notifications.notices import personal, store
from notifications.notices.intake import give
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning import PlannedNotice
from notifications.tables import (
    contact_learners,
    contact_organisations,
    contact_parties,
    notices,
)


class StaleContactsError(Exception):
    """If-Match named a version of the contacts that is no longer current."""


def learner_contacts(conn: sa.Connection, learner_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        sa.select(contact_learners).where(contact_learners.c.learner_id == learner_id)
    ).first()
    if row is None:
        return None
    erasure: str | None = None
    try:
        learner_name = personal.reveal(conn, learner_id, personal.LEARNER_NAME, row.learner_name)
        found = store.parties(conn, learner_id)
    except LearnerErasedError as erased:
        # the record keeps its shape; the people in it are gone with the learner's key
        learner_name, found, erasure = None, [], erased.erasure.describe()
    parties = [
        {
            "party_id": p.party_id,
            "role": p.role.value,
            "name": p.name,
            "email": p.email,
            "language": p.language,
        }
        for p in found
    ]
    return {
        "learner_id": learner_id,
        "learner_name": learner_name,
        "personal_data_erased": erasure,
        "version": row.version,
        "parties": parties,
        "updated_at": row.updated_at,
        "updated_by": row.updated_by,
    }


def set_learner_contacts(
    conn: sa.Connection,
    learner_id: str,
    learner_name: str | None,
    parties: Sequence[dict[str, Any]],
    actor: str,
    expected_version: int | None,
) -> tuple[int, list[str]]:
    """Replace a learner's parties (a party keeps its id when the caller names it); the new
    version and the ids of notices sent because a missing contact now exists."""
    current = conn.execute(
        sa.select(contact_learners.c.version)
        .where(contact_learners.c.learner_id == learner_id)
        .with_for_update()
    ).scalar()
    version = (current or 0) + 1
    if expected_version is not None and expected_version != (current or 0):
        raise StaleContactsError(f"the contacts are at version {current or 0}")
    values = {
        # sealed first: an erased learner's key refuses (LearnerErasedError), nothing written
        "learner_name": personal.seal(conn, learner_id, personal.LEARNER_NAME, learner_name),
        "version": version,
        "updated_at": store.now(),
        "updated_by": actor,
    }
    if current is None:
        conn.execute(contact_learners.insert().values(learner_id=learner_id, **values))
    else:
        conn.execute(
            contact_learners.update()
            .where(contact_learners.c.learner_id == learner_id)
            .values(**values)
        )
    before = store.parties(conn, learner_id)
    known = {p.party_id for p in before}
    # without an id, the same role and name is the same person (their notices follow them)
    by_name = {(p.role.value, p.name.casefold()): p.party_id for p in before}
    conn.execute(contact_parties.delete().where(contact_parties.c.learner_id == learner_id))
    for position, party in enumerate(parties):
        party_id = party.get("party_id")
        if party_id not in known:
            party_id = by_name.pop((party["role"], party["name"].casefold()), None)
        if party_id is None:
            party_id = str(uuid.uuid4())
        conn.execute(
            contact_parties.insert().values(
                party_id=party_id,
                learner_id=learner_id,
                position=position,
                role=party["role"],
                name=personal.seal(conn, learner_id, personal.PARTY_NAME, party["name"]),
                email=personal.seal(conn, learner_id, personal.PARTY_EMAIL, party.get("email")),
                language=party.get("language"),
            )
        )
    sent = [
        new for row in store.family_placeholders(conn, learner_id) for new in _readdress(conn, row)
    ]
    return version, sent


def organisation_contact(conn: sa.Connection, organisation: str) -> dict[str, Any] | None:
    row = conn.execute(
        sa.select(contact_organisations).where(contact_organisations.c.organisation == organisation)
    ).first()
    return dict(row._mapping) if row is not None else None


def set_organisation_contact(
    conn: sa.Connection,
    organisation: str,
    values: dict[str, Any],
    actor: str,
    expected_version: int | None,
) -> tuple[int, list[str]]:
    """Set an organisation's notice address and the contacts notices cite; notices waiting for
    its address are sent."""
    current = conn.execute(
        sa.select(contact_organisations.c.version)
        .where(contact_organisations.c.organisation == organisation)
        .with_for_update()
    ).scalar()
    if expected_version is not None and expected_version != (current or 0):
        raise StaleContactsError(f"the contact is at version {current or 0}")
    version = (current or 0) + 1
    row = {**values, "version": version, "updated_at": store.now(), "updated_by": actor}
    if current is None:
        conn.execute(contact_organisations.insert().values(organisation=organisation, **row))
    else:
        conn.execute(
            contact_organisations.update()
            .where(contact_organisations.c.organisation == organisation)
            .values(**row)
        )
    sent = [
        new
        for waiting in store.unreached_organisation(conn, organisation)
        for new in _readdress(conn, waiting)
    ]
    return version, sent


def _readdress(conn: sa.Connection, row: sa.Row[Any], again: bool = False) -> list[str]:
    """Send an undelivered notice again to its recipient's current contact: a new notice
    (the old one is kept, superseded), so each notice's proof stays as it was."""
    kind = NoticeKind(row.kind)
    organisation = row.recipient_organisation
    if organisation is not None:
        pair = ((organisation, Role(row.recipient_role)),)
        planned = PlannedNotice(
            kind,
            row.issuer,
            row.subject_id,
            row.facts,
            organisations=() if row.copy else pair,
            copies=pair if row.copy else (),
        )
    else:
        planned = PlannedNotice(kind, row.issuer, row.subject_id, row.facts, family=True)
    created = give(
        conn,
        row.learner_id,
        planned,
        row.source_event_id,
        row.source_event_type,
        again=row.notice_id if again else None,
        only_party=row.recipient_party_id,
    )
    same = [
        notice_id
        for notice_id in created
        if _same_recipient(conn, notice_id, row) and _deliverable(conn, notice_id)
    ]
    if same:
        store.supersede(conn, row.notice_id, same[0])
    return created


def _same_recipient(conn: sa.Connection, notice_id: str, old: sa.Row[Any]) -> bool:
    new = store.notice(conn, notice_id)
    assert new is not None
    if old.recipient_party_id is not None:
        return bool(new.recipient_party_id == old.recipient_party_id)
    return bool(
        new.recipient_role == old.recipient_role
        and new.recipient_organisation == old.recipient_organisation
    )


def _deliverable(conn: sa.Connection, notice_id: str) -> bool:
    status = conn.execute(
        sa.select(notices.c.status).where(notices.c.notice_id == notice_id)
    ).scalar()
    return status == store.PENDING


def redeliver(conn: sa.Connection, row: sa.Row[Any]) -> list[str]:
    """On request: send an escalated or bounced notice (``row``, read with ``lock``) again to
    the recipient's current contact; the notices created (none: no contact to send it to)."""
    assert row.status in store.UNDELIVERED
    return _readdress(conn, row, again=True)
