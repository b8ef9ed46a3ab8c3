"""Server spans for the gateway's and each service's FastAPI app (see ``llwybr.tracing``)."""

from typing import Any

from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

#: Paths never traced: probes and scrapes, every few seconds, would drown the commands.
UNTRACED_PATHS = "/healthz,/readyz,/metrics"


def _server_request(span: trace.Span, scope: dict[str, Any]) -> None:
    """Drop the query string from a server span (it may name a learner)."""
    if span.is_recording():
        path = scope.get("path", "")
        span.set_attribute("http.target", path)
        span.set_attribute("url.path", path)
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        span.set_attribute("http.url", f"{scope.get('scheme', 'http')}://{host}{path}")
        if "url.query" in (getattr(span, "attributes", None) or {}):  # the stable conventions'
            span.set_attribute("url.query", "")


def instrument_app(app: FastAPI, service: str) -> None:
    """Server spans for every request to ``app`` but probes and scrapes, with the service's
    name (``llwybr.service``: in embedded mode one process holds them all)."""

    def hook(span: trace.Span, scope: dict[str, Any]) -> None:
        _server_request(span, scope)
        if span.is_recording():
            span.set_attribute("llwybr.service", service)

    FastAPIInstrumentor.instrument_app(
        app,
        server_request_hook=hook,
        excluded_urls=UNTRACED_PATHS,
        exclude_spans=["receive", "send"],
    )
