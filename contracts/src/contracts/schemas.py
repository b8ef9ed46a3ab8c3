"""JSON Schema snapshots of the integration events and the AsyncAPI 3 document of the topics.

``python -m contracts`` writes them under ``contracts/schemas/``; a test fails when the
committed snapshots differ from what the models generate, so a contract never changes by
accident. A changed event is a new version, never an edit.
"""

import inspect
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contracts import topics
from contracts.events import IntegrationEvent, registered

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
ENVELOPE_FILE = "envelope.v1.json"
ASYNCAPI_FILE = "asyncapi.json"


class CloudEventAttributes(BaseModel):
    """The CloudEvents 1.0 attributes of every message, sent as ``ce_*`` Kafka headers."""

    model_config = ConfigDict(extra="allow", title="CloudEventAttributes")

    specversion: str = Field(pattern=r"^1\.0$", description="Always 1.0.")
    id: str = Field(description="UUID derived from (aggregateid, aggregateversion).")
    source: str = Field(description="/llwybr/<service>.", examples=["/llwybr/determination"])
    type: str = Field(
        description="wales.aln.<service>.<event>.v<version>",
        examples=["wales.aln.determination.concern-raised.v1"],
    )
    subject: str = Field(description="The learner id; also the Kafka message key.")
    time: datetime = Field(description="When the event was recorded (RFC 3339).")
    datacontenttype: str = Field(default="application/json", description="The content-type header.")
    aggregateid: str = Field(description="The id of the aggregate that recorded the event.")
    aggregateversion: str = Field(pattern=r"^[1-9][0-9]*$", description="Its version (decimal).")
    integrityhash: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the stored event, chained to the aggregate's previous event.",
    )
    correlationid: str | None = Field(default=None, description="The originating request.")
    causationid: str | None = Field(
        default=None, description="The event or command that caused it."
    )
    traceparent: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
        description="W3C trace context of the publication (CloudEvents distributed tracing).",
    )
    tracestate: str | None = Field(
        default=None, description="W3C trace state, with traceparent (distributed tracing)."
    )


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def event_schema_file(cloudevent_type: str) -> str:
    return f"{cloudevent_type}.json"


def public_events() -> dict[str, type[IntegrationEvent]]:
    """The registered events defined in this package (test doubles elsewhere are not public)."""
    package = Path(__file__).resolve().parent
    return {
        t: c
        for t, c in registered().items()
        if Path(inspect.getfile(c)).resolve().is_relative_to(package)
    }


def generate() -> dict[str, str]:
    """Every snapshot file name and its content."""
    files = {ENVELOPE_FILE: _dump(CloudEventAttributes.model_json_schema())}
    for cloudevent_type, cls in public_events().items():
        schema = cls.model_json_schema()
        schema["$id"] = f"urn:llwybr:event:{cloudevent_type}"
        files[event_schema_file(cloudevent_type)] = _dump(schema)
    files[ASYNCAPI_FILE] = _dump(asyncapi())
    return files


def asyncapi() -> dict[str, Any]:
    """An AsyncAPI 3.0 document: one channel per topic, one message per integration event."""
    events = public_events()
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for topic in topics.ALL:
        channel_messages = {}
        for cloudevent_type, cls in events.items():
            if cls.topic != topic:
                continue
            message_id = cloudevent_type.replace(".", "_")
            messages[message_id] = {
                "name": cloudevent_type,
                "title": cls.__name__,
                "summary": (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else "",
                "contentType": "application/json",
                "headers": {"$ref": f"./{ENVELOPE_FILE}"},
                "payload": {"$ref": f"./{event_schema_file(cloudevent_type)}"},
                "bindings": {"kafka": {"key": {"type": "string", "description": "learner id"}}},
            }
            channel_messages[message_id] = {"$ref": f"#/components/messages/{message_id}"}
        channel_id = topic.name.replace(".", "_")
        channels[channel_id] = {
            "address": topic.name,
            "description": topic.description,
            "messages": channel_messages,
            "bindings": {
                "kafka": {
                    "topic": topic.name,
                    "partitions": topic.partitions,
                    "topicConfiguration": {"retention.ms": -1, "cleanup.policy": ["delete"]},
                }
            },
        }
        operations[f"publish_{channel_id}"] = {
            "action": "send",
            "summary": f"The {topic.service} service publishes through its outbox relay.",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "messages": [
                {"$ref": f"#/channels/{channel_id}/messages/{m}"} for m in channel_messages
            ],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Llwybr public events",
            "version": "1.0.0",
            "description": (
                "CloudEvents 1.0 in Kafka binary content mode (ce_* headers, JSON value), keyed "
                "by learner id. Delivery is at least once: consumers deduplicate by event id."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {"host": "127.0.0.1:9092", "protocol": "kafka", "description": "make test"}
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write the snapshots, removing stale ones. Returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    files = generate()
    for stale in directory.glob("*.json"):
        if stale.name not in files:
            stale.unlink()
    written = []
    for name, content in files.items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
