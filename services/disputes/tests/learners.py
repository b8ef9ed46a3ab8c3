"""A learner the registry knows, as the service learns it: the determination service's
``LearnerRelationsRecorded``, applied by the service's consumer effect (nothing publishes it
here, so the tests build it)."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx

from contracts.determination import LearnerRelationsRecorded
from contracts.envelope import Envelope
from disputes.application import DisputesService
from disputes.consumers import adopted_facts
from llwybr.consumer import ApplicationEffect


def facts(
    learner_id: str,
    responsible: str,
    *,
    looking_after: str | None = None,
    enrolled_at: tuple[str, ...] = (),
) -> LearnerRelationsRecorded:
    """The registry's facts about ``learner_id``, as the determination service publishes them."""
    return LearnerRelationsRecorded(
        learner_id=learner_id,
        responsible_authority=responsible,
        looking_after_authority=looking_after,
        enrolled_at=list(enrolled_at),
        compulsory_school_age_on=date(2021, 9, 1),
        young_person_on=date(2033, 9, 1),
    )


def adopted(service: DisputesService, learner_id: str, responsible: str, **more: Any) -> None:
    """The registry's facts saved in ``service``'s store (a service-level test)."""
    service.save(*service.adopt_learner(facts(learner_id, responsible, **more)))


def registered(
    client: httpx.AsyncClient,
    learner_id: str,
    responsible: str,
    *,
    looking_after: str | None = None,
    enrolled_at: tuple[str, ...] = (),
) -> None:
    """The registry's facts about ``learner_id``, consumed as the service consumes them."""
    app: Any = client.app  # type: ignore[attr-defined]
    service = app.state.application
    recorded = facts(learner_id, responsible, looking_after=looking_after, enrolled_at=enrolled_at)
    envelope = Envelope.wrap(
        recorded, learner_id=learner_id, aggregate_id=uuid.uuid4(), aggregate_version=1,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip
    assert ApplicationEffect(service, "disputes.rules", adopted_facts(service)).apply(envelope)


def caught_up(client: httpx.AsyncClient) -> None:
    """Every read model has applied every stored event."""
    app: Any = client.app  # type: ignore[attr-defined]
    for runner in app.state.projections.values():
        while runner.catch_up():
            pass
