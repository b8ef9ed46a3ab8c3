"""The CloudEvents 1.0 envelope of every public event, in Kafka binary content mode.

Attributes travel as ``ce_*`` headers and the JSON data as the message value (the
``cloudevents`` SDK does the mapping). The id is derived from (aggregate id, version), so
an event published twice is recognisably the same event.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cloudevents.core.bindings import kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from contracts.events import IntegrationEvent

SOURCE_PREFIX = "/llwybr"
_ID_NAMESPACE = uuid.UUID("6f1c3f0e-3b1a-5d0c-9a53-6c6c77796272")
_FORMAT = JSONFormat()

#: Extension attributes (CloudEvents names: lower-case letters and digits only).
AGGREGATE_ID = "aggregateid"
AGGREGATE_VERSION = "aggregateversion"
CORRELATION_ID = "correlationid"
CAUSATION_ID = "causationid"
INTEGRITY_HASH = "integrityhash"
#: The CloudEvents distributed-tracing extension: the W3C trace context of the event.
TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"


def event_id(aggregate_id: uuid.UUID | str, version: int) -> str:
    """The deterministic CloudEvent id of an aggregate's event at a version."""
    return str(uuid.uuid5(_ID_NAMESPACE, f"{aggregate_id}/{version}"))


@dataclass(frozen=True)
class Envelope:
    """One public event as it travels: CloudEvent attributes plus JSON data."""

    id: str
    source: str
    type: str
    subject: str
    time: datetime
    data: dict[str, Any]
    topic: str
    aggregate_id: str
    aggregate_version: int
    integrity_hash: str
    correlation_id: str | None = None
    causation_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    traceparent: str | None = None
    tracestate: str | None = None

    @property
    def key(self) -> bytes:
        """The Kafka key: the learner id, so one learner's events stay in order."""
        return self.subject.encode()

    @classmethod
    def wrap(
        cls,
        event: IntegrationEvent,
        *,
        learner_id: str,
        aggregate_id: uuid.UUID | str,
        aggregate_version: int,
        time: datetime,
        integrity_hash: str,
        correlation_id: str | None = None,
        causation_id: str | None = None,
        traceparent: str | None = None,
    ) -> "Envelope":
        """Put an integration event in its envelope."""
        return cls(
            id=event_id(aggregate_id, aggregate_version),
            source=f"{SOURCE_PREFIX}/{event.topic.service}",
            type=event.cloudevent_type(),
            subject=learner_id,
            time=time,
            data=event.model_dump(mode="json"),
            topic=event.topic.name,
            aggregate_id=str(aggregate_id),
            aggregate_version=aggregate_version,
            integrity_hash=integrity_hash,
            correlation_id=correlation_id,
            causation_id=causation_id,
            traceparent=traceparent,
        )

    def to_cloudevent(self) -> CloudEvent:
        attributes: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "subject": self.subject,
            "time": self.time,
            "datacontenttype": "application/json",
            AGGREGATE_ID: self.aggregate_id,
            AGGREGATE_VERSION: str(self.aggregate_version),
            INTEGRITY_HASH: self.integrity_hash,
        }
        if self.correlation_id:
            attributes[CORRELATION_ID] = self.correlation_id
        if self.causation_id:
            attributes[CAUSATION_ID] = self.causation_id
        if self.traceparent:
            attributes[TRACEPARENT] = self.traceparent
            if self.tracestate:
                attributes[TRACESTATE] = self.tracestate
        return CloudEvent(attributes=attributes, data=self.data)

    def to_kafka(self) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
        """(key, value, headers) for a Kafka producer, in binary content mode."""
        message = kafka.to_binary(self.to_cloudevent(), _FORMAT, key_mapper=lambda _: self.key)
        return self.key, message.value, list(message.headers.items())

    @classmethod
    def from_kafka(
        cls, topic: str, key: bytes | None, value: bytes, headers: list[tuple[str, bytes]]
    ) -> "Envelope":
        """Read a binary-mode Kafka record back into an envelope."""
        message = kafka.KafkaMessage(headers=dict(headers), key=key, value=value)
        event = kafka.from_binary(message, _FORMAT, CloudEvent)
        attributes = event.get_attributes()
        data = event.get_data()
        if not isinstance(data, dict):
            raise ValueError(f"CloudEvent {event.get_id()} has no JSON object as data")
        time = event.get_time()
        if time is None:
            raise ValueError(f"CloudEvent {event.get_id()} has no time")
        return cls(
            id=event.get_id(),
            source=event.get_source(),
            type=event.get_type(),
            subject=event.get_subject() or "",
            time=time,
            data=data,
            topic=topic,
            aggregate_id=str(attributes[AGGREGATE_ID]),
            aggregate_version=int(attributes[AGGREGATE_VERSION]),
            integrity_hash=str(attributes[INTEGRITY_HASH]),
            correlation_id=attributes.get(CORRELATION_ID),
            causation_id=attributes.get(CAUSATION_ID),
            traceparent=attributes.get(TRACEPARENT),
            tracestate=attributes.get(TRACESTATE),
        )
