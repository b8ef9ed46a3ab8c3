"""A determination's decision opens the learner's plan, unless the LA decided that a young
person's IDP is not necessary (Act s.14(1)(c))."""

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from contracts.determination import Decided
from contracts.envelope import Envelope
from idp.application import IdpService
from llwybr.clock import DEFAULT_RULES, compute_deadline
from llwybr.db import create_engine
from llwybr.settings import ServiceSettings

LEARNER = "learner-yp"
LA = "la:665"


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[IdpService]:
    create_engine(store_settings).dispose()
    app = IdpService(store_settings.eventsourcing_env())
    yield app
    app.close()


def decided(**changes: Any) -> Envelope:
    """An LA's decision that a young person outside school or FEI has ALN."""
    deadline = compute_deadline(DEFAULT_RULES, "D3", date(2026, 3, 5)).as_dict()
    event = Decided(
        determination_id=uuid.uuid4(), learner_id=LEARNER, has_aln=True,
        decided_on=date(2026, 4, 1), decided_by=LA, deciding_body="local_authority",
        local_authority="665", reconsidering_authority=None, within_time=True,
        young_person=True, looked_after=False, decision_deadline=deadline, **changes,
    )  # fmt: skip
    return Envelope.wrap(
        event, learner_id=LEARNER, aggregate_id=event.determination_id, aggregate_version=3,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def test_an_idp_not_necessary_decision_opens_no_plan(service: IdpService) -> None:
    assert service.on_public_event(decided(idp_necessary=False)) == []


def test_an_aln_decision_with_an_idp_necessary_opens_the_la_plan(service: IdpService) -> None:
    [plan] = service.on_public_event(decided(idp_necessary=True))
    assert plan.maintainer == {"kind": "local_authority", "organisation": LA}


def test_a_decision_published_before_the_field_existed_opens_a_plan(service: IdpService) -> None:
    envelope = decided()
    old = replace(envelope, data={k: v for k, v in envelope.data.items() if k != "idp_necessary"})
    assert "idp_necessary" not in old.data
    [plan] = service.on_public_event(old)
    assert plan.maintainer["organisation"] == LA
