"""A request to reconsider a school's decision to cease a plan (R4) is held to the D11 the IDP
service published (ADR 0017, addendum), learned from events shaped as it publishes them, on
SQLite and on PostgreSQL: never recounted here, never refused as late before it is known, and
never earlier than the day the family was told."""

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from contracts import idp
from contracts.determination import LearnerRelationsRecorded
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from contracts.notifications import NoticeBounced, NoticeGiven
from disputes.application import DisputesService
from disputes.consumers import effect
from disputes.decisions import learn, learned_decisions, metadata
from disputes.domain import (
    DecidingBodyKind,
    NoticeUnknownError,
    OutsideWindowError,
    Party,
    ReconsiderationKind,
)
from disputes.domain.learned import Decision
from llwybr.db import create_engine
from llwybr.principal import Principal
from llwybr.settings import ServiceSettings

LEARNER, SCHOOL, LA = "learner-cease", "school:6652002", "la:665"
LA_OFFICER = Principal("officer", LA, frozenset())
DECIDED, GIVEN, RESENT = date(2026, 11, 20), date(2026, 11, 27), date(2026, 12, 4)
# The IDP service's D11s, as it publishes them (from the decision, then from each cease
# notice). The later ones are a day past a recount of the rule here (29 December; 4 January
# 2027), as after a rule-table correction there: this service must read them, not recount.
FROM_DECISION, FROM_NOTICE, FROM_RESENT = date(2026, 12, 18), date(2026, 12, 30), date(2027, 1, 5)


@pytest.fixture
def stores(store_settings: ServiceSettings) -> Iterator[tuple[DisputesService, sa.Engine]]:
    engine = create_engine(store_settings)
    metadata.create_all(engine)
    app = DisputesService(store_settings.eventsourcing_env())
    app.save(*app.adopt_learner(LearnerRelationsRecorded(
        learner_id=LEARNER, responsible_authority=LA, enrolled_at=[SCHOOL],
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1),
    )))  # fmt: skip
    yield app, engine
    app.close()
    engine.dispose()


def published(engine: sa.Engine, *events: IntegrationEvent) -> None:
    """The IDP service's events, learned as the tracked consumer learns them."""
    for event in events:
        envelope = Envelope.wrap(
            event, learner_id=LEARNER, aggregate_id=uuid.uuid4(), aggregate_version=1,
            time=datetime.now(UTC), integrity_hash="0" * 64,
        )  # fmt: skip
        with engine.begin() as conn:
            learn(conn, envelope)


def ceased(plan: uuid.UUID) -> list[IntegrationEvent]:
    return [
        idp.IdpOpened(
            idp_id=plan, learner_id=LEARNER, maintainer_kind="school",
            maintaining_organisation=SCHOOL, opened_on=date(2026, 3, 2), determination_id=None,
            preparation_deadline=None, reason="aln_decision",
        ),
        idp.Ceased(idp_id=plan, learner_id=LEARNER, decided_on=DECIDED,
                   reconsideration_window_until=FROM_DECISION, reasons="Needs met"),
    ]  # fmt: skip


def recorded(
    plan: uuid.UUID, notice: uuid.UUID, given_on: date | None, window: date, told: date | None
) -> idp.NoticeGivenRecorded:
    """The IDP service's ``notice-given-recorded`` (a bounce when ``given_on`` is None)."""
    return idp.NoticeGivenRecorded(
        idp_id=plan, learner_id=LEARNER, notice_id=str(notice), notice_kind="idp_ceased",
        given_on=given_on, bounced_on=None if given_on else date(2026, 11, 28),
        reconsideration_window_until=window, next_review_deadline=None, quoted_until=told,
    )  # fmt: skip


def given(plan: uuid.UUID, notice: uuid.UUID, on: date) -> NoticeGiven:
    """The notifications service's fact: the school's cease notice, given to the parent."""
    return NoticeGiven(
        notice_id=notice, learner_id=LEARNER, kind="idp_ceased", subject_id=str(plan),
        issuer=SCHOOL, recipient_role="parent", recipient_organisation=None, channel="email",
        content_sha256="0" * 64, delivered_at=datetime.combine(on, datetime.min.time(), UTC),
        given_on=on, window_kind="reconsideration_request", window_rule="D11",
        window_until=FROM_DECISION,
    )  # fmt: skip


def request(app: DisputesService, engine: sa.Engine, plan: uuid.UUID, on: date) -> uuid.UUID:
    case_id, _ = app.request_reconsideration(
        LA_OFFICER, learned_decisions(engine), kind=ReconsiderationKind.R4, learner_id=LEARNER,
        subject_id=plan, school=SCHOOL, decided_by_kind=DecidingBodyKind.SCHOOL,
        requested_by_kind=Party.FAMILY, requested_on=on, cease_notice_given_on=None,
        requested_by="Parent",
    )  # fmt: skip
    return case_id


def window_of(app: DisputesService, case_id: uuid.UUID) -> tuple[Any, Any]:
    case = app.reconsideration(LA_OFFICER, case_id)
    return case.cease_notice_given_on, case.window_until


def ceased_and_given(app: DisputesService, engine: sa.Engine) -> tuple[uuid.UUID, uuid.UUID]:
    """A school's plan ceased on 20 November; the notice of it given to the parent on 27th
    (learned from the notifications service). The plan's id and the notice's."""
    plan, notice = uuid.uuid4(), uuid.uuid4()
    published(engine, *ceased(plan))
    app.save(*effect(given(plan, notice, GIVEN), app))
    return plan, notice


def test_the_idps_d11_for_the_cease_notice_is_enforced_not_recounted(
    stores: tuple[DisputesService, sa.Engine],
) -> None:
    app, engine = stores
    plan, notice = ceased_and_given(app, engine)
    # the notice is known here before the IDP's D11 for it: unknown (422 notice-unknown), not
    # late on the D11 from the decision it no longer runs from
    with pytest.raises(NoticeUnknownError, match="not yet published"):
        request(app, engine, plan, date(2026, 12, 21))
    published(engine, recorded(plan, notice, GIVEN, FROM_NOTICE, told=FROM_DECISION))
    with pytest.raises(OutsideWindowError, match="2026-12-30"):
        request(app, engine, plan, date(2026, 12, 31))
    case_id = request(app, engine, plan, FROM_NOTICE)  # a recount here would refuse it
    assert window_of(app, case_id) == (GIVEN, FROM_NOTICE)


def test_a_bounced_cease_notice_given_again_runs_from_the_idps_later_d11(
    stores: tuple[DisputesService, sa.Engine],
) -> None:
    app, engine = stores
    plan, first = ceased_and_given(app, engine)
    second = uuid.uuid4()
    published(engine, recorded(plan, first, GIVEN, FROM_NOTICE, told=FROM_DECISION))
    bounced = NoticeBounced(
        notice_id=first, learner_id=LEARNER, kind="idp_ceased", subject_id=str(plan),
        issuer=SCHOOL, recipient_role="parent", recipient_organisation=None, given_on=GIVEN,
        bounced_at=datetime(2026, 11, 28, 9, tzinfo=UTC),
    )  # fmt: skip
    app.save(*effect(bounced, app))
    published(engine, recorded(plan, first, None, FROM_DECISION, told=None))
    with pytest.raises(NoticeUnknownError):  # no notice given: no window runs
        request(app, engine, plan, date(2026, 12, 1))
    app.save(*effect(given(plan, second, RESENT), app))
    published(engine, recorded(plan, second, RESENT, FROM_RESENT, told=FROM_DECISION))
    with pytest.raises(OutsideWindowError):
        request(app, engine, plan, date(2027, 1, 6))
    assert window_of(app, request(app, engine, plan, FROM_RESENT)) == (RESENT, FROM_RESENT)


def test_a_later_day_the_notice_told_the_family_is_enforced(
    stores: tuple[DisputesService, sa.Engine],
) -> None:
    app, engine = stores
    plan, notice = ceased_and_given(app, engine)
    told = date(2027, 1, 8)  # a notice stating more than the IDP enforces: the family keeps it
    published(engine, recorded(plan, notice, GIVEN, FROM_NOTICE, told=told))
    assert window_of(app, request(app, engine, plan, told)) == (GIVEN, told)


def test_a_d11_for_a_plan_whose_cease_was_not_learned_teaches_nothing(
    stores: tuple[DisputesService, sa.Engine],
) -> None:
    _, engine = stores
    plan = uuid.uuid4()
    published(engine, recorded(plan, uuid.uuid4(), GIVEN, FROM_NOTICE, told=None))
    assert learned_decisions(engine)(plan, Decision.CEASED) is None
