"""OpenTelemetry tracing: one trace per command, from the gateway through each service and
across the bus (Kafka in stack mode, the in-process bus in embedded mode).

- HTTP: the gateway's and every service's FastAPI app make server spans
  (``llwybr.http_tracing``); the gateway's clients of the services make client spans and send the
  W3C ``traceparent`` header (``instrument_client``).
- Events: the event store records the trace an event was stored in with the event
  (``trace_metadata``, beside the correlation id). The outbox relay publishes it in a
  ``publish`` span, child of that trace, whose context the CloudEvent carries as the
  distributed-tracing extension (``traceparent``, ``tracestate``: ``publishing``); a consumer
  applies it in a ``process`` span, child of that (``TracedEffect``), so what the effect
  stores is in the same trace again.

Nothing is exported unless the standard variables ask for it (``configure``):
``OTEL_TRACES_EXPORTER`` (``otlp``, ``console`` or ``none``) or an OTLP endpoint
(``OTEL_EXPORTER_OTLP_ENDPOINT``, ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``; OTLP over HTTP).
The SDK reads the rest itself (``OTEL_SERVICE_NAME``, ``OTEL_RESOURCE_ATTRIBUTES``,
``OTEL_TRACES_SAMPLER``, ``OTEL_BSP_*``, ``OTEL_EXPORTER_OTLP_HEADERS``, ...). Unconfigured,
the API's no-op tracer still passes an incoming trace context on, at no cost.

Spans carry no personal data: no learner id (the CloudEvent subject), no query string.
"""

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from contracts.envelope import Envelope

log = logging.getLogger(__name__)

TRACER = "llwybr"
_propagator = TraceContextTextMapPropagator()


def configure(service: str) -> TracerProvider | None:
    """Install the process's tracer provider if the ``OTEL_*`` variables ask for export
    (``provider_from_environment``). Returns it, to shut down when the process stops (which
    sends the spans still waiting), or None if nothing is exported."""
    provider = provider_from_environment(service)
    if provider is not None:
        trace.set_tracer_provider(provider)
        name = provider.resource.attributes[SERVICE_NAME]
        log.info("tracing: exporting spans as %s", name)
    return provider


def provider_from_environment(
    service: str, environ: Mapping[str, str] = os.environ
) -> TracerProvider | None:
    """A tracer provider exporting as the standard variables say, or None if they say
    nothing (or ``none``, or ``OTEL_SDK_DISABLED=true``): then nothing is exported.
    ``service`` is the service name unless ``OTEL_SERVICE_NAME`` gives one."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return None
    names = environ.get("OTEL_TRACES_EXPORTER")
    endpoint = environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or environ.get(
        "OTEL_EXPORTER_OTLP_ENDPOINT"
    )
    if names is None:
        names = "otlp" if endpoint else "none"
    exporters = [e for e in (_exporter(n.strip(), environ) for n in names.split(",")) if e]
    if not exporters:
        return None
    resource = Resource.create({SERVICE_NAME: environ.get("OTEL_SERVICE_NAME") or service})
    provider = TracerProvider(resource=resource)
    for exporter in exporters:
        provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


def _exporter(name: str, environ: Mapping[str, str]) -> SpanExporter | None:
    if name == "otlp":
        if environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf") != "http/protobuf":
            log.warning("tracing: only OTLP over HTTP (http/protobuf) is installed; using it")
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        base = environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        endpoint = environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or (
            f"{base.rstrip('/')}/v1/traces" if base else None
        )
        return OTLPSpanExporter(endpoint=endpoint)
    if name == "console":
        return ConsoleSpanExporter()
    if name not in ("", "none"):
        log.warning("tracing: unknown OTEL_TRACES_EXPORTER %r ignored", name)
    return None


def tracer() -> trace.Tracer:
    return trace.get_tracer(TRACER)


def trace_metadata() -> dict[str, str]:
    """The current trace context (``traceparent`` and, if any, ``tracestate``), for an event
    stored now; empty outside any trace."""
    carrier: dict[str, str] = {}
    _propagator.inject(carrier)
    return carrier


def context_of(carrier: Mapping[str, Any]) -> Context:
    """The trace context ``carrier`` (an event's metadata or envelope) names."""
    return _propagator.extract({k: str(v) for k, v in carrier.items() if v is not None})


def _envelope_carrier(envelope: Envelope) -> dict[str, str]:
    carrier = {"traceparent": envelope.traceparent, "tracestate": envelope.tracestate}
    return {k: v for k, v in carrier.items() if v}


def _attributes(envelope: Envelope, system: str, operation: str) -> dict[str, str | int]:
    return {
        "messaging.system": system,
        "messaging.operation.type": operation,
        "messaging.destination.name": envelope.topic,
        "messaging.message.id": envelope.id,
        "cloudevents.event_id": envelope.id,
        "cloudevents.event_type": envelope.type,
        "cloudevents.event_source": envelope.source,
        "llwybr.aggregate.version": envelope.aggregate_version,
    }


@contextlib.contextmanager
def publishing(envelopes: Sequence[Envelope], system: str) -> Iterator[list[Envelope]]:
    """A ``publish`` span for each envelope whose event was stored in a trace (child of it),
    open until the block ends (the bus has acknowledged them); yields the envelopes, those
    carrying their span's context, to be sent instead. An event stored outside any trace (a
    scheduler's, say) goes as it is, with no span: it starts no trace of its own."""
    spans: list[trace.Span | None] = [
        tracer().start_span(
            f"publish {e.topic}",
            context=context_of(_envelope_carrier(e)),
            kind=SpanKind.PRODUCER,
            attributes=_attributes(e, system, "send"),
        )
        if e.traceparent
        else None
        for e in envelopes
    ]
    opened = [s for s in spans if s is not None]
    try:
        sent = []
        for envelope, span in zip(envelopes, spans, strict=True):
            carrier: dict[str, str] = {}
            if span is not None:
                _propagator.inject(carrier, context=trace.set_span_in_context(span))
            sent.append(
                replace(
                    envelope,
                    traceparent=carrier.get("traceparent", envelope.traceparent),
                    tracestate=carrier.get("tracestate", envelope.tracestate),
                )
                if carrier
                else envelope
            )
        yield sent
    except BaseException as error:
        for span in opened:
            span.record_exception(error)
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        raise
    finally:
        for span in opened:
            span.end()


class Effect(Protocol):
    """``llwybr.consumer.Effect`` (named here to keep this module below the consumer)."""

    def apply(self, envelope: Envelope) -> bool: ...


class TracedEffect:
    """A consumer's effect applied in a ``process`` span, child of the span that published
    the event: what the effect stores joins the command's trace. ``system`` is the bus it
    came by (``kafka`` or ``llwybr-bus``, the in-process bus)."""

    def __init__(self, consumer: str, effect: Effect, system: str = "llwybr-bus") -> None:
        self._consumer, self._effect, self._system = consumer, effect, system

    def apply(self, envelope: Envelope) -> bool:
        return self._traced(envelope, "process", self._effect.apply)

    def replay(self, envelope: Envelope) -> bool:
        """A dead letter applied again (the effect's own ``replay`` if it has one)."""
        replay = getattr(self._effect, "replay", self._effect.apply)
        return self._traced(envelope, "replay", replay)

    def _traced(self, envelope: Envelope, operation: str, apply: Any) -> bool:
        attributes = _attributes(envelope, self._system, operation)
        attributes["messaging.consumer.group.name"] = self._consumer
        with tracer().start_as_current_span(
            f"{operation} {envelope.topic}",
            context=context_of(_envelope_carrier(envelope)),
            kind=SpanKind.CONSUMER,
            attributes=attributes,
        ) as span:
            applied: bool = apply(envelope)
            span.set_attribute("llwybr.effect.applied", applied)
            return applied
