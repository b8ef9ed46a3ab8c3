"""An event-sourced effect: the events it causes and its tracking record in one transaction."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from contracts.envelope import Envelope
from llwybr.consumer import ApplicationEffect
from llwybr.db import create_engine
from llwybr.settings import ServiceSettings
from llwybr_testkit import ExampleCase, ExampleNoted, ExampleService


@pytest.fixture
def target(store_settings: ServiceSettings, tmp_path: Path) -> Iterator[ExampleService]:
    settings = store_settings.model_copy(update={"service": "target"})
    create_engine(settings).dispose()
    app = ExampleService(settings.eventsourcing_env())
    yield app
    app.close()


def noted(source: uuid.UUID, version: int, text: str = "t") -> Envelope:
    return Envelope.wrap(
        ExampleNoted(case_id=source, text=text),
        learner_id="learner-1",
        aggregate_id=source,
        aggregate_version=version,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )


def mirror(envelope: Envelope) -> list[ExampleCase]:
    """The effect: a case in the target service named after the source event."""
    return [ExampleCase(learner_id=envelope.id)]


def cases(app: ExampleService) -> int:
    return len(app.select_notifications(0, 1000))


def test_an_event_applied_twice_changes_the_target_once(target: ExampleService) -> None:
    effect = ApplicationEffect(target, "mirror", mirror)
    envelope = noted(uuid.uuid4(), 2)
    assert effect.apply(envelope) is True
    assert effect.apply(envelope) is False
    assert cases(target) == 1


def test_an_older_event_from_the_same_aggregate_is_a_redelivery(target: ExampleService) -> None:
    effect = ApplicationEffect(target, "mirror", mirror)
    source = uuid.uuid4()
    assert effect.apply(noted(source, 3))
    assert not effect.apply(noted(source, 2))
    assert effect.apply(noted(source, 4))
    assert effect.apply(noted(uuid.uuid4(), 1))  # another source aggregate: its own sequence
    assert cases(target) == 3


def test_an_event_that_changes_nothing_is_still_tracked(target: ExampleService) -> None:
    effect = ApplicationEffect(target, "ignore", lambda envelope: [])
    envelope = noted(uuid.uuid4(), 1)
    assert effect.apply(envelope) is True
    assert effect.apply(envelope) is False
    assert cases(target) == 0


def test_a_failing_effect_leaves_neither_events_nor_tracking(target: ExampleService) -> None:
    def broken(envelope: Envelope) -> list[ExampleCase]:
        raise RuntimeError("effect failed")

    envelope = noted(uuid.uuid4(), 1)
    with pytest.raises(RuntimeError):
        ApplicationEffect(target, "mirror", broken).apply(envelope)
    assert ApplicationEffect(target, "mirror", mirror).apply(envelope) is True
    assert cases(target) == 1


def test_a_parked_event_is_replayed_once_after_a_later_one_was_applied(
    target: ExampleService,
) -> None:
    """A dead letter (version 2) replayed after the consumer applied version 3 of the same
    source: ``apply`` would take it for a redelivery; ``replay`` applies it, once."""
    effect = ApplicationEffect(target, "mirror", mirror)
    source = uuid.uuid4()
    assert effect.apply(noted(source, 1))
    assert effect.apply(noted(source, 3))  # version 2 was parked meanwhile
    parked = noted(source, 2)
    assert effect.apply(parked) is False
    assert effect.replay(parked) is True
    assert effect.replay(parked) is False
    assert cases(target) == 3
