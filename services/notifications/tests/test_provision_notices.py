"""Provision short of its schedule (issue 24): the IDP service's event reminds the provider
and the maintainer and alerts the learner's responsible LA, as the registry's facts say."""

import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa

from contracts import idp
from contracts.determination import LearnerRelationsRecorded
from contracts.envelope import Envelope
from llwybr.consumer import TableEffect
from notifications.notices import store
from notifications.notices.intake import handler
from notifications.tables import notices

from .test_intake import engine

__all__ = ["engine"]  # the fixture, used by name

SCHOOL, LHB = "school:6652001", "lhb:7A1"


def shortfall(learner_id: str, provider: str) -> Envelope:
    plan = uuid.uuid4()
    event = idp.ProvisionShortfallFound(
        idp_id=plan, learner_id=learner_id, element_id="n1", provider_organisation=provider,
        maintaining_organisation=SCHOOL, found_on=date(2026, 6, 12), since=date(2026, 6, 12),
        kinds=["below_share"], window_share=0.5,
    )  # fmt: skip
    return Envelope.wrap(
        event, learner_id=learner_id, aggregate_id=plan, aggregate_version=9,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def given(engine: sa.Engine, learner_id: str) -> list[tuple[str, str | None, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(notices.c.kind, notices.c.recipient_organisation, notices.c.recipient_role)
            .where(notices.c.learner_id == learner_id)
            .order_by(notices.c.kind, notices.c.recipient_role)
        ).all()
    return [tuple(r) for r in rows]


def test_the_provider_and_maintainer_are_reminded_and_the_responsible_la_alerted(
    engine: sa.Engine,
) -> None:
    """The learner is Powys's (la:670) at a Wrexham school: Powys is alerted, not Wrexham."""
    learner_id = f"learner-{uuid.uuid4().hex[:6]}"
    with engine.begin() as conn:
        store.adopt_registry(conn, LearnerRelationsRecorded(
            learner_id=learner_id, responsible_authority="la:670", looking_after_authority=None,
            enrolled_at=[SCHOOL], compulsory_school_age_on=date(2022, 9, 1),
            young_person_on=date(2033, 9, 1)))  # fmt: skip
    effect = TableEffect(engine, "notifications.notices", handler(5))
    envelope = shortfall(learner_id, LHB)
    assert effect.apply(envelope) is True
    assert effect.apply(envelope) is False
    assert given(engine, learner_id) == [
        ("provision_shortfall", SCHOOL, "maintainer"),
        ("provision_shortfall", LHB, "provider"),
        ("provision_shortfall_alert", "la:670", "local_authority"),
    ]


def test_a_maintainer_that_provides_the_element_is_reminded_once(engine: sa.Engine) -> None:
    learner_id = f"learner-{uuid.uuid4().hex[:6]}"
    TableEffect(engine, "notifications.notices", handler(5)).apply(shortfall(learner_id, SCHOOL))
    # no registry facts yet: the LA's alert waits, escalated, rather than guessing an LA
    assert given(engine, learner_id) == [
        ("provision_shortfall", SCHOOL, "provider"),
        ("provision_shortfall_alert", None, "local_authority"),
    ]
