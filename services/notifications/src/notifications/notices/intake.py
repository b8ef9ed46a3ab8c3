"""The tracked consumer's effect: a public event becomes notices to send and deadlines to watch,
in the same transaction as the record that the event was applied (``TableEffect``), so a
redelivered event never gives a second notice.

Addresses come from the contacts registry at this moment. A person the Code says must be told
who has no contact, or an organisation with no notice address, still gets a notice row: it is
escalated at once (and listed), and sent when the contact is registered.
"""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from contracts.envelope import Envelope
from contracts.events import parse
from llwybr.personal_data.fields import LearnerErasedError
from notifications.notices import deadlines, erasure, store
from notifications.notices.model import Language, Party, Role, deduplicated, recipients
from notifications.notices.planning import PlannedNotice, plan, subject_id_of

log = logging.getLogger(__name__)


def handler(
    lead_school_days: int, notices_not_before: datetime | None = None, outbox: Path | None = None
) -> Callable[[sa.Connection, Envelope], None]:
    """The effect of one event; ``notices_not_before`` keeps events recorded earlier from
    giving notices (for a first deployment onto a stream that already holds years of them);
    ``outbox`` is where the file transport writes notices (dropped with a learner's data)."""

    cutoff = notices_not_before
    if cutoff is not None and cutoff.tzinfo is None:
        cutoff = cutoff.replace(tzinfo=UTC)  # a time without a zone is taken as UTC

    def handle(conn: sa.Connection, envelope: Envelope) -> None:
        event = parse(envelope.type, envelope.data)
        known = store.subject(conn, subject_id_of(event))
        planned = plan(event, known)
        if planned.calendar is not None:
            store.save_calendar(conn, planned.calendar)
        if planned.rule_table is not None:
            store.save_rule_table(conn, planned.rule_table)
        if planned.registry is not None:
            store.adopt_registry(conn, planned.registry)
        if planned.erasure is not None:
            erasure.erase(conn, planned.erasure, outbox)
            return
        learner_id = planned.learner_id
        if learner_id is None:
            return
        store.update_learner(conn, learner_id, planned.learner)
        about = subject_id_of(event) or learner_id
        store.unrelate(conn, learner_id, about, planned.ended)
        store.relate(conn, learner_id, about, planned.relations)
        if planned.subject is not None:
            store.save_subject(conn, learner_id, planned.subject)
        for action in planned.deadlines:
            deadlines.apply(conn, learner_id, action, envelope.id, lead_school_days)
        if cutoff is not None and envelope.time < cutoff:
            return
        for notice in planned.notices:
            give(conn, learner_id, notice, envelope.id, envelope.type)

    return handle


def give(
    conn: sa.Connection,
    learner_id: str,
    notice: PlannedNotice,
    source_id: str,
    source_type: str,
    again: str | None = None,
    only_party: str | None = None,
) -> list[str]:
    """Queue ``notice`` for everyone who must receive it; the ids of the notices created.

    Each recipient's notice is keyed by the event, the kind and the recipient's address, so a
    replay adds nothing and a corrected address gets its own notice; ``again`` (the id of an
    escalated notice) asks for one more to the same address; ``only_party`` limits a family
    notice to one registered party.
    """
    common = {
        "learner_id": learner_id,
        "subject_id": notice.subject_id,
        "kind": notice.kind.value,
        "issuer": notice.issuer,
        "source_event_id": source_id,
        "source_event_type": source_type,
        "facts": notice.facts,
    }
    created: list[str] = []

    def add(recipient_key: str, values: dict[str, Any], problem: str | None) -> None:
        key = f"{source_id}:{notice.kind.value}:{recipient_key}"
        if again is not None:
            key += f":again:{again}"
        row = {**common, **values, "dedup_key": key}
        notice_id = store.add_notice(conn, row)
        if notice_id is None:
            return  # already queued for this recipient
        created.append(notice_id)
        if problem is not None:
            store.escalate(conn, notice_id, problem)

    if notice.family:
        facts, _ = store.learner(conn, learner_id)
        try:
            registered, erased = store.parties(conn, learner_id), None
        except LearnerErasedError as error:
            # the family's contacts went with the learner's key: each person the Code names
            # gets a notice that is never sent, listed as not deliverable
            registered, erased = [], f"not deliverable: {error.erasure.describe()}"
        found = recipients(notice.kind, registered, facts)
        for party in found.parties:
            if only_party is not None and party.party_id != only_party:
                continue
            key = f"party:{party.party_id}:{party.email or '-'}"
            add(key, party_values(party), _party_problem(party))
        for role in found.missing if only_party is None else ():
            add(
                f"missing:{role.value}",
                {"recipient_role": role.value, "language": Language.BOTH.value},
                erased
                or f"no {role.value.replace('_', ' ')} is registered for learner {learner_id}: "
                "register their contact details and the notice will be sent",
            )
    for organisation, role in notice.organisations:
        values, problem = organisation_values(conn, organisation, role)
        add(f"org:{organisation}:{values['recipient_address'] or '-'}", values, problem)
    if notice.responsible_authority is not None:
        facts_of = store.registry(conn, learner_id)
        if facts_of is None:
            add(
                "authority:-",
                {"recipient_role": notice.responsible_authority.value,
                 "language": Language.BOTH.value},
                f"the learner registry's facts about learner {learner_id} have not arrived: "
                "their responsible LA is not known yet",
            )  # fmt: skip
        else:
            organisation = str(facts_of.responsible_authority)
            values, problem = organisation_values(conn, organisation, notice.responsible_authority)
            add(f"org:{organisation}:{values['recipient_address'] or '-'}", values, problem)
    for organisation, role in deduplicated(notice.copies):
        values, problem = organisation_values(conn, organisation, role)
        key = f"copy:{organisation}:{values['recipient_address'] or '-'}"
        add(key, {**values, "copy": True}, problem)
    return created


def party_values(party: Party) -> dict[str, Any]:
    return {
        "recipient_role": party.role.value,
        "recipient_party_id": party.party_id,
        "recipient_name": party.name,
        "recipient_address": party.email,
        "language": Language.preferred(party.language).value,
    }


def _party_problem(party: Party) -> str | None:
    if party.email:
        return None
    return f"no email address is registered for {party.name} ({party.role.value})"


def organisation_values(
    conn: sa.Connection, organisation: str, role: Role
) -> tuple[dict[str, Any], str | None]:
    contact, language = store.organisation(conn, organisation)
    values = {
        "recipient_role": role.value,
        "recipient_organisation": organisation,
        "recipient_name": contact.name,
        "recipient_address": contact.email,
        "language": Language.preferred(language).value,
    }
    problem = None
    if contact.email is None:
        problem = (
            f"no notice address is registered for {organisation}: register it and the notice "
            "will be sent"
        )
    return values, problem
