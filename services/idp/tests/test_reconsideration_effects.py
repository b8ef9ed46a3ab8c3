"""An LA's reconsideration of a school's decision changes the learner's plan (Act ss.26-32)."""

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from contracts.disputes import ReconsiderationDecided
from contracts.envelope import Envelope
from idp.application import IdpService
from idp.domain import Idp, Maintainer, MaintainerKind, OpeningReason
from llwybr.clock import DEFAULT_RULES, compute_deadline
from llwybr.db import create_engine
from llwybr.settings import ServiceSettings

LEARNER = "learner-r"


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[IdpService]:
    create_engine(store_settings).dispose()
    app = IdpService(store_settings.eventsourcing_env())
    yield app
    app.close()


def decided(kind: str, outcome: str) -> Envelope:
    facts = compute_deadline(DEFAULT_RULES, "D18", date(2026, 5, 1)).as_dict()
    event = ReconsiderationDecided(
        learner_id=LEARNER, reconsideration_id=uuid.uuid4(), kind=kind,
        subject_id=uuid.uuid4(), school="school:6652001", local_authority="la:665",
        outcome=outcome, decided_on=date(2026, 5, 1), appeal_window=facts,
    )  # fmt: skip
    return Envelope.wrap(
        event, learner_id=LEARNER, aggregate_id=uuid.uuid4(), aggregate_version=3,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def test_an_la_deciding_has_aln_on_reconsideration_opens_an_la_maintained_plan(
    service: IdpService,
) -> None:
    [plan] = service.on_public_event(decided("R1", "has_aln"))
    assert plan.maintainer == {"kind": "local_authority", "organisation": "la:665"}
    service.save(plan)
    assert service.on_public_event(decided("R1", "has_aln")) == []  # one plan per learner


def test_a_take_over_moves_the_plan_to_the_la(service: IdpService) -> None:
    school = Maintainer(MaintainerKind.SCHOOL, "school:6652001")
    plan = Idp.open(
        learner_id=LEARNER, maintainer=school, opened_on=date(2026, 4, 1), determination_id=None,
        preparation_deadline=None, looked_after=False, reason=OpeningReason.ALN_DECISION,
    )  # fmt: skip
    service.save(plan)
    [changed] = service.on_public_event(decided("R3", "taken_over"))
    assert changed.maintainer["organisation"] == "la:665"
    assert changed.transfers[-1]["reason"] == "la_take_over"


def test_a_refusal_changes_nothing(service: IdpService) -> None:
    assert service.on_public_event(decided("R3", "refused")) == []
