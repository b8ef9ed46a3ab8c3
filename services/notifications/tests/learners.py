"""The learner registry's facts as a test sets a learner up: the contract event itself, as the
determination service publishes it (tests only)."""

import uuid
from datetime import UTC, date, datetime

from contracts import determination as det
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent

#: A child born in 2018: of compulsory school age since September 2023.
BORN_2018 = date(2023, 9, 1)
#: A child born in 2023: under compulsory school age until September 2028.
BORN_2023 = date(2028, 9, 1)


def new_learner() -> str:
    """A registry id: random, never derived from the UPN."""
    return str(uuid.uuid4())


def registered(
    learner_id: str,
    responsible: str = "la:665",
    *,
    looking_after: str | None = None,
    enrolled_at: tuple[str, ...] = (),
    compulsory_school_age_on: date = BORN_2018,
) -> det.LearnerRelationsRecorded:
    return det.LearnerRelationsRecorded(
        learner_id=learner_id,
        responsible_authority=responsible,
        looking_after_authority=looking_after,
        enrolled_at=list(enrolled_at),
        compulsory_school_age_on=compulsory_school_age_on,
        young_person_on=date(compulsory_school_age_on.year + 11, 9, 1),
    )


def envelope(event: IntegrationEvent, version: int = 1) -> Envelope:
    learner = getattr(event, "learner_id")  # noqa: B009 (every learner event has one)
    return Envelope.wrap(
        event,
        learner_id=learner,
        aggregate_id=uuid.uuid4(),  # each envelope its own: none is a redelivery of another
        aggregate_version=version,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )
