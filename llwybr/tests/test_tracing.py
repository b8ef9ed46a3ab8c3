"""Trace context from a command, through the store and the outbox, across a real Kafka broker,
to the consumer that acts on it (issue #21); and the standard variables choosing the export.
The whole system's trace (gateway, services) is shown by ``gateway/tests/test_tracing.py``."""

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from contracts.envelope import Envelope
from llwybr import tracing
from llwybr.db import create_engine, create_tables
from llwybr.kafka import KafkaPublisher
from llwybr.metrics import Metrics
from llwybr.outbox import OutboxRelay, RelayPositions, relay_lock
from llwybr.settings import ServiceSettings
from llwybr_testkit import EXAMPLE_TOPIC, ExampleService, read_envelopes, translate_example
from llwybr_testkit.spans import in_trace, recorded_spans


@pytest.fixture(scope="module")
def exporter() -> Iterator[InMemorySpanExporter]:
    with recorded_spans() as exporter:
        yield exporter


@pytest.fixture
def engine(postgres_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(postgres_settings)
    create_tables(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def service(postgres_settings: ServiceSettings, engine: sa.Engine) -> Iterator[ExampleService]:
    app = ExampleService(postgres_settings.eventsourcing_env())
    yield app
    app.close()


class NoteOnArrival:
    """A consumer's effect: the event noted on its case, here (an effect that stores)."""

    def __init__(self, service: ExampleService) -> None:
        self.service = service

    def apply(self, envelope: Envelope) -> bool:
        self.service.note(uuid.UUID(envelope.aggregate_id), f"seen {envelope.id}")
        return True


@pytest.mark.integration
async def test_a_command_s_trace_crosses_kafka_in_the_cloudevent_to_the_consumer_s_effect(
    service: ExampleService,
    engine: sa.Engine,
    kafka_bootstrap: str,
    exporter: InMemorySpanExporter,
) -> None:
    with tracing.tracer().start_as_current_span("command", kind=SpanKind.SERVER) as command:
        case_id = service.open_case(f"learner-{uuid.uuid4().hex[:8]}")
    trace_id = command.get_span_context().trace_id
    stored = next(iter(service.recorded_events(case_id)))
    assert stored.meta["traceparent"].split("-")[1] == f"{trace_id:032x}"

    relay = OutboxRelay(
        "example.outbox", service, translate_example, KafkaPublisher(kafka_bootstrap, "test"),
        RelayPositions(engine), relay_lock(engine, "example.outbox"), Metrics("example"),
    )  # fmt: skip
    while await relay.run_once():
        pass
    await relay._publisher.stop()
    [envelope] = await read_envelopes(
        kafka_bootstrap, EXAMPLE_TOPIC.name, {str(case_id)}, expected=1, settle=0.0
    )
    publish = next(s for s in in_trace(exporter, trace_id) if s.kind == SpanKind.PRODUCER)
    assert publish.parent is not None
    assert publish.parent.span_id == command.get_span_context().span_id
    assert (publish.attributes or {})["messaging.system"] == "kafka"
    assert publish.context is not None
    assert envelope.traceparent is not None
    assert envelope.traceparent.split("-")[:3] == [
        "00",
        f"{trace_id:032x}",
        f"{publish.context.span_id:016x}",
    ]

    assert tracing.TracedEffect("example.notes", NoteOnArrival(service)).apply(envelope)
    process = next(s for s in in_trace(exporter, trace_id) if s.kind == SpanKind.CONSUMER)
    assert process.parent is not None
    assert process.parent.span_id == publish.context.span_id
    assert process.context is not None
    noted = list(service.recorded_events(case_id))[-1]
    assert noted.meta["traceparent"].split("-")[1:3] == [
        f"{trace_id:032x}",
        f"{process.context.span_id:016x}",
    ]


def test_an_event_stored_outside_any_trace_carries_no_trace_context(
    sqlite_settings: ServiceSettings,
) -> None:
    service = ExampleService(sqlite_settings.eventsourcing_env())
    try:
        case_id = service.open_case("learner-1")
        assert "traceparent" not in next(iter(service.recorded_events(case_id))).meta
    finally:
        service.close()


def test_nothing_is_exported_unless_the_standard_variables_say_so() -> None:
    assert tracing.provider_from_environment("llwybr-idp", {}) is None
    assert tracing.provider_from_environment("x", {"OTEL_TRACES_EXPORTER": "none"}) is None
    disabled = {"OTEL_SDK_DISABLED": "true", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}
    assert tracing.provider_from_environment("x", disabled) is None


def test_an_otlp_endpoint_exports_over_http_as_the_service() -> None:
    provider = tracing.provider_from_environment(
        "llwybr-idp", {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/"}
    )
    assert provider is not None
    try:
        assert provider.resource.attributes["service.name"] == "llwybr-idp"
        [processor] = provider._active_span_processor._span_processors
        assert isinstance(processor, BatchSpanProcessor)
        exporter = processor._batch_processor._exporter
        assert isinstance(exporter, OTLPSpanExporter)
        assert exporter._endpoint == "http://collector:4318/v1/traces"
    finally:
        provider.shutdown()


def test_otel_service_name_and_a_console_exporter_are_honoured() -> None:
    environ = {"OTEL_TRACES_EXPORTER": "console", "OTEL_SERVICE_NAME": "aln-pilot"}
    provider = tracing.provider_from_environment("llwybr", environ)
    assert provider is not None
    try:
        assert provider.resource.attributes["service.name"] == "aln-pilot"
        [processor] = provider._active_span_processor._span_processors
        assert isinstance(processor, BatchSpanProcessor)
        assert isinstance(processor._batch_processor._exporter, ConsoleSpanExporter)
    finally:
        provider.shutdown()
