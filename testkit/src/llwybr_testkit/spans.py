"""Spans recorded in memory, for tests of tracing (the SDK stands in for the collector)."""

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


@contextmanager
def recorded_spans() -> Iterator[InMemorySpanExporter]:
    """Every span this process finishes meanwhile. The SDK's provider is installed once per
    process (OpenTelemetry refuses a second one) and stays; the exporter is shut down at the
    end, after which it keeps nothing."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    try:
        yield exporter
    finally:
        exporter.shutdown()


def in_trace(exporter: InMemorySpanExporter, trace_id: int) -> list[ReadableSpan]:
    """The finished spans of one trace."""
    return [
        s
        for s in exporter.get_finished_spans()
        if s.context is not None and s.context.trace_id == trace_id
    ]
