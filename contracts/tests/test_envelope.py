import uuid
from datetime import UTC, datetime
from typing import ClassVar

import pytest

from contracts.envelope import Envelope, event_id
from contracts.events import IntegrationEvent, UnknownEventTypeError, parse, register
from contracts.topics import Topic

TOPIC = Topic("test.envelope.v1", "envelope-test", "For these tests only.")


@register
class SomethingHappened(IntegrationEvent):
    """A test event."""

    topic: ClassVar[Topic] = TOPIC
    name: ClassVar[str] = "something-happened"
    case_id: uuid.UUID
    count: int


def test_the_event_id_is_derived_from_aggregate_and_version() -> None:
    aggregate = uuid.uuid4()
    assert event_id(aggregate, 3) == event_id(str(aggregate), 3)
    assert event_id(aggregate, 3) != event_id(aggregate, 4)


def test_an_envelope_survives_kafka_binary_mode() -> None:
    case_id = uuid.uuid4()
    envelope = Envelope.wrap(
        SomethingHappened(case_id=case_id, count=2),
        learner_id="learner-9",
        aggregate_id=case_id,
        aggregate_version=2,
        time=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
        integrity_hash="a" * 64,
        correlation_id="req-1",
    )
    key, value, headers = envelope.to_kafka()
    header_map = dict(headers)
    assert key == b"learner-9"
    assert header_map["ce_type"] == b"wales.aln.envelope-test.something-happened.v1"
    assert header_map["ce_specversion"] == b"1.0"
    assert header_map["content-type"] == b"application/json"
    assert header_map["ce_integrityhash"] == b"a" * 64

    back = Envelope.from_kafka(TOPIC.name, key, value, headers)
    assert back == envelope
    assert parse(back.type, back.data) == SomethingHappened(case_id=case_id, count=2)


def test_an_unknown_event_type_is_refused() -> None:
    with pytest.raises(UnknownEventTypeError, match="nowhere"):
        parse("wales.aln.nowhere.v1", {})
