"""The consumer's effect on SQLite and PostgreSQL: once per event, and nothing for old events when
told so."""

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from contracts import determination as det
from contracts.envelope import Envelope
from llwybr import db, migrations
from llwybr.access import Relationship
from llwybr.clock import RuleId
from llwybr.consumer import TableEffect
from llwybr.settings import ServiceSettings
from notifications.main import SPEC
from notifications.notices import store
from notifications.notices.intake import handler
from notifications.notices.planning import Subject
from notifications.tables import contact_parties, notices

from .learners import envelope as learner_envelope
from .learners import new_learner, registered

SCHOOL = "school:6652001"


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = db.create_engine(store_settings)
    db.create_tables(engine)
    assert SPEC.migrations is not None
    migrations.upgrade(engine, SPEC.migrations)
    yield engine
    engine.dispose()


def envelope(
    event: det.DeterminationEvent, learner_id: str, case: uuid.UUID, version: int, at: datetime
) -> Envelope:
    return Envelope.wrap(
        event,
        learner_id=learner_id,
        aggregate_id=case,
        aggregate_version=version,
        time=at,
        integrity_hash="0" * 64,
    )


def decided(learner_id: str, at: datetime) -> Envelope:
    case = uuid.uuid4()
    event = det.Decided(
        determination_id=case,
        learner_id=learner_id,
        has_aln=True,
        decided_on=date(2026, 3, 2),
        decided_by=SCHOOL,
        deciding_body="school",
        local_authority="la:665",
        reconsidering_authority=None,
        within_time=True,
        young_person=False,
        looked_after=False,
        decision_deadline=None,
    )
    return envelope(event, learner_id, case, 3, at)


def with_parent(engine: sa.Engine, learner_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            contact_parties.insert().values(
                party_id=str(uuid.uuid4()),
                learner_id=learner_id,
                position=0,
                role="parent",
                name="Siân",
                email="sian@example.org",
                language=None,
            )
        )


def notices_of(engine: sa.Engine, learner_id: str) -> list[str]:
    with engine.connect() as conn:
        query = sa.select(notices.c.recipient_role).where(notices.c.learner_id == learner_id)
        return list(conn.execute(query).scalars())


def test_a_redelivered_event_gives_no_second_notice(engine: sa.Engine) -> None:
    learner_id = f"learner-{uuid.uuid4().hex[:6]}"
    with_parent(engine, learner_id)
    effect = TableEffect(engine, "notifications.notices", handler(5))
    envelope = decided(learner_id, datetime.now(UTC))
    assert effect.apply(envelope) is True
    assert effect.apply(envelope) is False
    assert notices_of(engine, learner_id) == ["parent"]


def test_a_redelivered_referral_gives_the_nhs_body_one_notice(engine: sa.Engine) -> None:
    learner_id = f"learner-{uuid.uuid4().hex[:6]}"
    case, at = uuid.uuid4(), datetime.now(UTC)
    with engine.begin() as conn:  # the concern, as its event left it
        store.save_subject(conn, learner_id, Subject(str(case), "determination", SCHOOL))
    received = det.NhsReferralReceived(
        determination_id=case,
        learner_id=learner_id,
        referral_id="r1",
        nhs_body="lhb:7A1",
        received_on=date(2026, 2, 2),
        answer_deadline=det.DeadlineFacts(
            rule_id=RuleId.D7,
            rule_table_version="2026.1",
            unit="weeks",
            length=6,
            trigger_date=date(2026, 2, 3),
            due_on=date(2026, 3, 16),
            provisional=False,
            explanation="6 weeks",
        ),
    )
    effect = handler(5)
    tracked = TableEffect(engine, "notifications.notices", effect)
    again = envelope(received, learner_id, case, 2, at)
    assert tracked.apply(again) is True
    assert tracked.apply(again) is False  # the consumer's record of the event
    with engine.begin() as conn:
        effect(conn, again)  # and past it: the notice's own key
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(notices.c.kind, notices.c.recipient_organisation, notices.c.issuer).where(
                notices.c.learner_id == learner_id
            )
        ).all()
    assert [tuple(r) for r in rows] == [("nhs_referral", "lhb:7A1", SCHOOL)]


def test_events_before_the_cutoff_give_no_notices_but_are_learned(engine: sa.Engine) -> None:
    learner_id = f"learner-{uuid.uuid4().hex[:6]}"
    with_parent(engine, learner_id)
    cutoff = datetime(2026, 6, 1)  # no zone: taken as UTC
    effect = TableEffect(engine, "notifications.notices", handler(5, cutoff))
    effect.apply(decided(learner_id, datetime(2026, 3, 2, 12, tzinfo=UTC)))
    assert notices_of(engine, learner_id) == []
    with engine.connect() as conn:
        relations = store.relations(conn, learner_id)
    # the body that decided; the LA's relationship is the learner registry's to say
    assert relations.parties == {SCHOOL: frozenset({Relationship.DECIDING_BODY})}
    effect.apply(decided(learner_id, datetime(2026, 6, 1, tzinfo=UTC) + timedelta(seconds=1)))
    assert notices_of(engine, learner_id) == ["parent"]


def test_the_registrys_facts_through_the_consumer_keep_the_learners_upn(
    engine: sa.Engine,
) -> None:
    """What the relay names on notice events (#20): the latest facts' UPN, attached later too."""
    learner_id = new_learner()
    effect = TableEffect(engine, "notifications.notices", handler(5))
    first = registered(learner_id)
    assert effect.apply(learner_envelope(first)) is True
    with engine.connect() as conn:
        assert store.upns(conn, [learner_id]) == {}  # no UPN known yet
    later = first.model_copy(update={"upn": "M665200125001"})
    assert effect.apply(learner_envelope(later, version=2)) is True
    with engine.connect() as conn:
        assert store.upns(conn, [learner_id, "someone-else"]) == {learner_id: "M665200125001"}
