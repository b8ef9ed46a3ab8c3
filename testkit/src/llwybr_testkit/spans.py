"""Spans recorded in memory, for tests of tracing (the SDK stands in for the collector)."""

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.util._once import Once


@contextmanager
def recorded_spans() -> Iterator[InMemorySpanExporter]:
    """Every span this process finishes meanwhile. The SDK's provider is installed for the
    block and removed after it, as OpenTelemetry's own test utilities do (the API sets a
    provider once per process): the tests that follow run untraced, as production does
    without ``OTEL_*`` variables, and store no trace context in their events."""
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        raise RuntimeError("a tracer provider is already installed")
    provider = TracerProvider()
    trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    try:
        yield exporter
    finally:
        provider.shutdown()
        trace._TRACER_PROVIDER_SET_ONCE = Once()  # no public way back
        trace._TRACER_PROVIDER = None


def in_trace(exporter: InMemorySpanExporter, trace_id: int) -> list[ReadableSpan]:
    """The finished spans of one trace."""
    return [
        s
        for s in exporter.get_finished_spans()
        if s.context is not None and s.context.trace_id == trace_id
    ]
