"""Reading and writing the notices tables (one SQLAlchemy connection, the caller's transaction)."""

import logging
import uuid
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from contracts import determination as det
from llwybr.access import Relations, Relationship
from llwybr.clock import DEFAULT_RULES, RuleTable, Term, TermCalendar
from notifications.notices import personal
from notifications.notices.model import Language, LearnerFacts, NoticeKind, Party, Role
from notifications.notices.planning import SYSTEM, LearnerUpdate, Subject
from notifications.notices.rendering import Organisation
from notifications.tables import (
    contact_organisations,
    contact_parties,
    notice_calendars,
    notice_learner_registry,
    notice_learner_relations,
    notice_learners,
    notice_rule_tables,
    notice_subjects,
    notices,
)

log = logging.getLogger(__name__)

PENDING, GIVEN, ESCALATED, SUPERSEDED = "pending", "given", "escalated", "superseded"
#: Given, then a permanent bounce came back: escalated, and no longer counted as given.
BOUNCED = "bounced"
#: The statuses a person must act on (give the notice another way, or send it again).
UNDELIVERED = (ESCALATED, BOUNCED)


def now() -> datetime:
    return datetime.now(UTC)


def insert_into(conn: sa.Connection, table: sa.Table) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _upsert(
    conn: sa.Connection,
    table: sa.Table,
    keys: dict[str, Any],
    values: dict[str, Any],
    *,
    update: bool = True,
) -> None:
    """Insert a row, or update it (``update``) or leave it (not ``update``) if its keys exist."""
    statement = insert_into(conn, table).values(**keys, **values)
    if update:
        statement = statement.on_conflict_do_update(index_elements=list(keys), set_=values)
    else:
        statement = statement.on_conflict_do_nothing()
    conn.execute(statement)


# -- what the events said ---------------------------------------------------------------------


def update_learner(conn: sa.Connection, learner_id: str, update: LearnerUpdate | None) -> None:
    values: dict[str, Any] = {"updated_at": now()}
    if update is not None:
        values |= {k: v for k, v in vars(update).items() if v is not None}
    _upsert(conn, notice_learners, {"learner_id": learner_id}, values)


#: The ``subject_id`` of the relationships the learner registry's facts give.
REGISTRY = "registry"


def relate(
    conn: sa.Connection,
    learner_id: str,
    subject_id: str,
    pairs: Iterable[tuple[str, str]],
) -> None:
    """Record the relationships (``Relationship`` values) a fact about ``subject_id`` (a case,
    an opinion) establishes."""
    for organisation, relationship in {(o, Relationship(r)) for o, r in pairs if o}:
        keys = {
            "learner_id": learner_id,
            "subject_id": subject_id,
            "organisation": organisation,
            "relationship": relationship.value,
        }
        _upsert(conn, notice_learner_relations, keys, {"recorded_at": now()}, update=False)


def unrelate(
    conn: sa.Connection,
    learner_id: str,
    subject_id: str,
    pairs: Iterable[tuple[str, str]],
) -> None:
    """A later fact ended these relationships (a plan transferred ends its maintainer's)."""
    table = notice_learner_relations
    for organisation, relationship in pairs:
        conn.execute(
            table.delete().where(
                table.c.learner_id == learner_id,
                table.c.subject_id == subject_id,
                table.c.organisation == organisation,
                table.c.relationship == Relationship(relationship).value,
            )
        )


def adopt_registry(conn: sa.Connection, event: det.LearnerRelationsRecorded) -> None:
    """The registry's latest facts about a learner replace those received before, and the
    relationships they give (responsible LA, LA looking after, settings enrolling them)."""
    values = {
        "responsible_authority": event.responsible_authority,
        "looking_after_authority": event.looking_after_authority,
        "enrolled_at": list(event.enrolled_at),
        "compulsory_school_age_on": event.compulsory_school_age_on,
        "young_person_on": event.young_person_on,
        "merged_into": event.merged_into,
        "received_at": now(),
        "upn": event.upn,
    }
    _upsert(conn, notice_learner_registry, {"learner_id": event.learner_id}, values)
    table = notice_learner_relations
    conn.execute(
        table.delete().where(table.c.learner_id == event.learner_id, table.c.subject_id == REGISTRY)
    )
    pairs = [(event.responsible_authority, Relationship.RESPONSIBLE_LA)]
    if event.looking_after_authority:
        pairs.append((event.looking_after_authority, Relationship.LOOKING_AFTER_LA))
    pairs += [(s, Relationship.ENROLLED_SETTING) for s in event.enrolled_at]
    relate(conn, event.learner_id, REGISTRY, pairs)


def registry(conn: sa.Connection, learner_id: str) -> sa.Row[Any] | None:
    """The registry's facts about the learner, or None if none have arrived here yet."""
    table = notice_learner_registry
    return conn.execute(sa.select(table).where(table.c.learner_id == learner_id)).first()


def upns(conn: sa.Connection, learner_ids: Collection[str]) -> dict[str, str]:
    """The UPNs the registry's facts give for these learners (those it gave none left out)."""
    table = notice_learner_registry
    query = sa.select(table.c.learner_id, table.c.upn).where(
        table.c.learner_id.in_(set(learner_ids)), table.c.upn.is_not(None)
    )
    return {row.learner_id: row.upn for row in conn.execute(query)}


def relations(conn: sa.Connection, learner_id: str) -> Relations:
    """Every organisation's relationships with the learner, and the LAs whose auditors see
    them (the registry's responsible and looking-after LAs)."""
    table = notice_learner_relations
    rows = conn.execute(
        sa.select(table.c.organisation, table.c.relationship).where(
            table.c.learner_id == learner_id
        )
    )
    facts = registry(conn, learner_id)
    jurisdiction = [] if facts is None else [facts.responsible_authority]
    if facts is not None and facts.looking_after_authority:
        jurisdiction.append(facts.looking_after_authority)
    return Relations.of(
        ((r.organisation, Relationship(r.relationship)) for r in rows), jurisdiction
    )


def learner(conn: sa.Connection, learner_id: str) -> tuple[LearnerFacts, str | None]:
    """What the events said about the learner, and their LA (for rights contacts)."""
    row = conn.execute(
        sa.select(notice_learners).where(notice_learners.c.learner_id == learner_id)
    ).first()
    if row is None:
        return LearnerFacts(), None
    return LearnerFacts(row.young_person, row.looked_after), row.local_authority


def save_subject(conn: sa.Connection, learner_id: str, subject: Subject) -> None:
    values = {
        "learner_id": learner_id,
        "subject_kind": subject.subject_kind,
        "organisation": subject.organisation,
        "body_kind": subject.body_kind,
        "updated_at": now(),
    }
    _upsert(conn, notice_subjects, {"subject_id": subject.subject_id}, values)


def subject(conn: sa.Connection, subject_id: str | None) -> Subject | None:
    if subject_id is None:
        return None
    row = conn.execute(
        sa.select(notice_subjects).where(notice_subjects.c.subject_id == subject_id)
    ).first()
    if row is None:
        return None
    return Subject(row.subject_id, row.subject_kind, row.organisation, row.body_kind)


def save_calendar(conn: sa.Connection, event: det.CalendarPublished) -> None:
    """Keep the highest version of each calendar (a redelivered older one changes nothing)."""
    row = conn.execute(
        sa.select(notice_calendars.c.version).where(
            notice_calendars.c.calendar_id == event.calendar_id
        )
    ).first()
    if row is not None and row.version >= event.calendar_version:
        return
    data = event.model_dump(mode="json")
    _upsert(
        conn,
        notice_calendars,
        {"calendar_id": event.calendar_id},
        {"version": event.calendar_version, "calendar": data},
    )


def calendar(conn: sa.Connection, calendar_id: str | None) -> TermCalendar | None:
    """The latest version of a calendar, from the event that published it."""
    if calendar_id is None:
        return None
    row = conn.execute(
        sa.select(notice_calendars.c.calendar).where(notice_calendars.c.calendar_id == calendar_id)
    ).first()
    if row is None:
        return None
    published = det.CalendarPublished.model_validate(row.calendar)
    terms = tuple(Term(t.start, t.end, t.name) for t in published.terms)
    return TermCalendar(
        calendar_id,
        published.calendar_name,
        published.calendar_version,
        terms,
        frozenset(published.closures),
    )


def save_rule_table(conn: sa.Connection, event: det.RuleTableCorrected) -> None:
    values = {
        "rules": {"version": event.rule_table_version, "rules": event.rules},
        "received_at": now(),
    }
    _upsert(conn, notice_rule_tables, {"version": event.rule_table_version}, values)


def rule_table(conn: sa.Connection) -> RuleTable:
    """The latest rule table the determination service published, else the default one."""
    row = conn.execute(
        sa.select(notice_rule_tables.c.rules).order_by(notice_rule_tables.c.received_at.desc())
    ).first()
    return RuleTable.from_dict(row.rules) if row is not None else DEFAULT_RULES


# -- contacts ---------------------------------------------------------------------------------


def parties(conn: sa.Connection, learner_id: str) -> list[Party]:
    """The learner's parties, opened; ``LearnerErasedError`` once their key is shredded."""
    rows = conn.execute(
        sa.select(contact_parties)
        .where(contact_parties.c.learner_id == learner_id)
        .order_by(contact_parties.c.position)
    )
    return [
        Party(
            r.party_id,
            Role(r.role),
            personal.reveal(conn, learner_id, personal.PARTY_NAME, r.name) or "",
            personal.reveal(conn, learner_id, personal.PARTY_EMAIL, r.email),
            r.language,
        )
        for r in rows
    ]


def organisation(conn: sa.Connection, organisation_id: str) -> tuple[Organisation, str | None]:
    """An organisation as notices name it, and its language preference."""
    row = conn.execute(
        sa.select(contact_organisations).where(
            contact_organisations.c.organisation == organisation_id
        )
    ).first()
    if row is None:
        return Organisation(organisation_id), None
    return (
        Organisation(
            organisation_id,
            row.name,
            row.name_cy,
            row.email,
            row.phone,
            row.address,
            row.information_and_advice,
            row.disagreement_resolution,
            row.independent_advocacy,
        ),
        row.language,
    )


def organisations(conn: sa.Connection, ids: Iterable[str]) -> dict[str, Organisation]:
    wanted = {i for i in ids if i}
    return {i: organisation(conn, i)[0] for i in sorted(wanted)}


# -- notices ----------------------------------------------------------------------------------


def add_notice(conn: sa.Connection, values: dict[str, Any]) -> str | None:
    """Insert a notice unless one with the same dedup key exists; its id, or None."""
    notice_id = values.setdefault("notice_id", str(uuid.uuid4()))
    defaults = {
        "status": PENDING,
        "attempts": 0,
        "copy": False,
        "created_at": now(),
        "next_attempt_at": now(),
        "facts": {},
        "subject_id": None,
    }
    statement = (
        insert_into(conn, notices)
        .values(**{**defaults, **values})
        .on_conflict_do_nothing(index_elements=["dedup_key"])
        .returning(notices.c.notice_id)
    )
    return notice_id if conn.execute(statement).first() is not None else None


def notice(conn: sa.Connection, notice_id: str, *, lock: bool = False) -> sa.Row[Any] | None:
    """A notice; ``lock`` holds it until the transaction ends (a command's one read)."""
    query = sa.select(notices).where(notices.c.notice_id == notice_id)
    return conn.execute(query.with_for_update() if lock else query).first()


def escalate(
    conn: sa.Connection, notice_id: str, reason: str, status: str = ESCALATED, *,
    tell_issuer: bool = True,
) -> None:  # fmt: skip
    """Mark a notice undeliverable (``status`` escalated, or bounced), say so loudly, and tell
    the body that gave it (unless ``tell_issuer`` is false: it knows, having erased the data).

    Never a silent drop: the notice stays listed until a new one supersedes it.
    """
    at = now()
    row = conn.execute(
        notices.update()
        .where(notices.c.notice_id == notice_id)
        .values(
            status=status,
            escalated_at=at,
            escalation_reason=reason,
            lease_token=None,
            lease_until=None,
            next_attempt_at=None,
        )
        .returning(*notices.c)
    ).one()
    log.error(
        "notice %s (%s) to the %s of learner %s escalated: %s",
        row.notice_id,
        row.kind,
        row.recipient_role,
        row.learner_id,
        reason,
    )
    if not tell_issuer or row.kind == NoticeKind.UNDELIVERABLE or row.issuer == SYSTEM:
        return
    if row.issuer == row.recipient_organisation:
        return  # the body that gave it is the one that cannot be reached
    contact, language = organisation(conn, row.issuer)
    facts = {
        "failed_notice_id": row.notice_id,
        "failed_kind": row.kind,
        "failed_role": row.recipient_role,
        "failed_name": row.recipient_name,
        "reason": reason,
    }
    values = {
        "dedup_key": f"{row.notice_id}:undeliverable:{at.isoformat()}",
        "learner_id": row.learner_id,
        "subject_id": row.subject_id,
        "kind": NoticeKind.UNDELIVERABLE.value,
        "issuer": SYSTEM,
        "source_event_id": row.notice_id,
        "source_event_type": "notice-escalated",
        "facts": facts,
        "recipient_role": Role.ISSUER.value,
        "recipient_organisation": row.issuer,
        "recipient_name": contact.name,
        "recipient_address": contact.email,
        "language": Language.preferred(language).value,
    }
    if contact.email is None:
        return  # nobody to tell: the escalation stays listed for the API
    add_notice(conn, values)


def family_placeholders(conn: sa.Connection, learner_id: str) -> Sequence[sa.Row[Any]]:
    """Family notices escalated because a required person had no contact (never attempted)."""
    return conn.execute(
        sa.select(notices).where(
            notices.c.learner_id == learner_id,
            notices.c.status == ESCALATED,
            notices.c.attempts == 0,
            notices.c.recipient_organisation.is_(None),
        )
    ).all()


def unreached_organisation(conn: sa.Connection, organisation_id: str) -> Sequence[sa.Row[Any]]:
    """Notices escalated because the organisation had no notice address (never attempted)."""
    return conn.execute(
        sa.select(notices).where(
            notices.c.recipient_organisation == organisation_id,
            notices.c.status == ESCALATED,
            notices.c.attempts == 0,
        )
    ).all()


def supersede(conn: sa.Connection, old_id: str, new_id: str) -> None:
    conn.execute(
        notices.update()
        .where(notices.c.notice_id == old_id)
        .values(status=SUPERSEDED, superseded_by=new_id)
    )
