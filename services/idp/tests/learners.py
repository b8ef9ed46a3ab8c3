"""The learner registry's facts, as its public event brings them to the IDP service (until the
registry publishes them, the tests build the event themselves)."""

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from contracts.determination import Decided, LearnerRelationsRecorded
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from idp.application import IdpService
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline


def envelope(event: IntegrationEvent, learner_id: str, version: int = 1) -> Envelope:
    return Envelope.wrap(
        event, learner_id=learner_id, aggregate_id=uuid.uuid4(), aggregate_version=version,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def receive(service: IdpService, event: IntegrationEvent, learner_id: str) -> list[Any]:
    """What the consumer does with a public event: save what it changed."""
    changed = service.on_public_event(envelope(event, learner_id))
    service.save(*changed)
    return changed


def relations_recorded(
    learner_id: str,
    responsible: str = "la:665",
    *,
    looking_after: str | None = None,
    enrolled_at: Iterable[str] = ("school:6652001",),
) -> LearnerRelationsRecorded:
    return LearnerRelationsRecorded(
        learner_id=learner_id, responsible_authority=responsible,
        looking_after_authority=looking_after, enrolled_at=list(enrolled_at),
        compulsory_school_age_on=date(2022, 9, 1), young_person_on=date(2033, 9, 1),
    )  # fmt: skip


def record_learner(service: IdpService, learner_id: str, *args: Any, **kwargs: Any) -> None:
    """The registry's facts about the learner, received (``relations_recorded``'s arguments)."""
    receive(service, relations_recorded(learner_id, *args, **kwargs), learner_id)


def school_decided(learner_id: str, school: str = "school:6652001") -> Decided:
    """The school decided that the learner has ALN: a plan is due by the D1 deadline."""
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D1, date(2026, 2, 2)).as_dict()
    return Decided(
        determination_id=uuid.uuid4(), learner_id=learner_id, has_aln=True,
        decided_on=date(2026, 3, 2), decided_by=school, deciding_body="school",
        local_authority="la:665", reconsidering_authority=None, within_time=True,
        young_person=False, looked_after=False, decision_deadline=deadline,
    )  # fmt: skip
