"""The publisher: each stored proof-of-notice event to its public form, from the event alone."""

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from contracts import notifications as public
from llwybr import db, migrations
from llwybr.clock import RuleId
from llwybr.eventstore import RecordedEvent
from llwybr.outbox import Publication
from llwybr.settings import ServiceSettings
from llwybr_testkit import published_envelopes
from notifications.application import NotificationsService
from notifications.main import SPEC
from notifications.notices import store
from notifications.notices.evidence import NoticeRecord, Window
from notifications.publisher import translator

from .learners import new_learner, registered

NOTICE = str(uuid.uuid4())
GIVEN_AT = datetime(2026, 3, 3, 10, tzinfo=UTC)
ESCALATED_AT = datetime(2026, 3, 4, 9, tzinfo=UTC)
UPN = "M665200125001"


def in_memory() -> NotificationsService:
    return NotificationsService({"LLWYBR_ALLOW_POPO": "y"})


@pytest.fixture
def app() -> Iterator[NotificationsService]:
    found = in_memory()
    yield found
    found.close()


@pytest.fixture
def recorded(app: NotificationsService) -> list[RecordedEvent]:
    """A notice created, given, then escalated (after a bounce), as the store gives them back."""
    record = NoticeRecord(
        notice_id=NOTICE, learner_id="learner-1", kind="decision_no_aln", subject_id="case-1",
        issuer="school:6652001", source_event_id="event-1", recipient_role="parent",
        recipient_organisation=None, copy=False,
    )  # fmt: skip
    window = Window(kind="appeal", rule_id=RuleId.D18, until="2026-04-28")
    record.give(
        channel="email", address_sha256="ab" * 32, content_sha256="cd" * 32, message_id="<m@x>",
        sent_at=GIVEN_AT, delivered_at=GIVEN_AT, given_on=date(2026, 3, 3), window=window,
    )  # fmt: skip
    record.escalate(reason="it bounced", escalated_at=ESCALATED_AT)
    app.save(record)
    return list(app.recorded_events(record.id))


def published(app: NotificationsService, events: list[RecordedEvent]) -> list[Any]:
    translate = translator(app)
    return [p.event if isinstance(p, Publication) else None for p in map(translate, events)]


def test_given_and_escalated_notices_are_published_from_their_events_alone(
    recorded: list[RecordedEvent],
) -> None:
    elsewhere = in_memory()  # holds no record: a replay would fail
    created, given, escalated = published(elsewhere, recorded)
    assert created is None
    ids = {
        "notice_id": uuid.UUID(NOTICE), "learner_id": "learner-1", "kind": "decision_no_aln",
        "subject_id": "case-1", "issuer": "school:6652001", "recipient_role": "parent",
        "recipient_organisation": None,
    }  # fmt: skip
    assert given == public.NoticeGiven(
        **ids, channel="email", content_sha256="cd" * 32, delivered_at=GIVEN_AT,
        given_on=date(2026, 3, 3), window_kind="appeal", window_rule="D18",
        window_until=date(2026, 4, 28),
    )  # fmt: skip
    assert escalated == public.NoticeEscalated(**ids, escalated_at=ESCALATED_AT)


def test_events_recorded_before_they_carried_the_ids_are_published_the_same(
    app: NotificationsService, recorded: list[RecordedEvent]
) -> None:
    older = [dataclasses.replace(r, event=_without_ids(r.event)) for r in recorded]
    assert [getattr(r.event, "about", None) for r in older] == [None, None, None]
    assert published(app, older) == published(in_memory(), recorded)


def _without_ids(event: Any) -> Any:
    """The event as one stored before ``about`` was added decodes: without it."""
    state = {k: v for k, v in vars(event).items() if k != "about"}
    found = object.__new__(type(event))
    object.__setattr__(found, "__dict__", state)
    return found


def test_a_given_notice_that_bounced_for_good_is_published_as_not_given(
    app: NotificationsService,
) -> None:
    record = NoticeRecord(
        notice_id=NOTICE, learner_id="learner-1", kind="reconsideration_decided",
        subject_id="case-1", issuer="la:665", source_event_id="event-1",
        recipient_role="parent", recipient_organisation=None, copy=False,
    )  # fmt: skip
    record.withdraw(bounced_at=ESCALATED_AT)  # never given: nothing to withdraw
    record.give(
        channel="email", address_sha256=None, content_sha256="cd" * 32, message_id=None,
        sent_at=GIVEN_AT, delivered_at=GIVEN_AT, given_on=date(2026, 3, 3), window=None,
    )  # fmt: skip
    record.withdraw(bounced_at=ESCALATED_AT)
    record.withdraw(bounced_at=ESCALATED_AT)  # once only
    app.save(record)
    events = list(app.recorded_events(record.id))
    assert [type(r.event).__name__ for r in events] == ["NoticeCreated", "NoticeGiven",
                                                        "NoticeNotGiven"]  # fmt: skip
    *_, bounced = published(in_memory(), events)
    assert bounced == public.NoticeBounced(
        notice_id=uuid.UUID(NOTICE), learner_id="learner-1", kind="reconsideration_decided",
        subject_id="case-1", issuer="la:665", recipient_role="parent",
        recipient_organisation=None, given_on=date(2026, 3, 3), bounced_at=ESCALATED_AT,
    )  # fmt: skip


def test_a_notice_event_names_the_upn_the_registrys_facts_gave(
    store_settings: ServiceSettings,
) -> None:
    """Read from the registry's facts kept here at publication, never from an MIS (#20)."""
    assert SPEC.migrations is not None
    assert SPEC.upns is not None
    engine = db.create_engine(store_settings)
    app = in_memory()
    try:
        migrations.upgrade(engine, SPEC.migrations)
        known, unknown = new_learner(), new_learner()
        with engine.begin() as conn:
            store.adopt_registry(conn, registered(known).model_copy(update={"upn": UPN}))
            store.adopt_registry(conn, registered(unknown))
        for learner in (known, unknown, "learner-never-registered"):
            record = NoticeRecord(
                notice_id=str(uuid.uuid4()), learner_id=learner, kind="decision_no_aln",
                subject_id="case-1", issuer="school:6652001", source_event_id="event-1",
                recipient_role="parent", recipient_organisation=None, copy=False,
            )  # fmt: skip
            record.escalate(reason="no contact", escalated_at=ESCALATED_AT)
            app.save(record)
        envelopes = published_envelopes(app, translator(app), SPEC.upns(engine, app))
        upns = {e.subject: e.data["upn"] for e in envelopes}
        assert upns == {known: UPN, unknown: None, "learner-never-registered": None}
    finally:
        app.close()
        engine.dispose()
