"""The gateway's way to each service: one pooled httpx client per service.

Stack mode: HTTP to the service's own process. Embedded mode: the same client, with the
service's ASGI app in this process as its transport, so routes run one code path.
"""

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

import httpx
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor, RequestInfo

from gateway.registry import NAMES, SERVICES, create_app
from gateway.settings import Settings
from llwybr.bus import InProcessBus
from llwybr.serve import KEEP_ALIVE_SECONDS

#: How long the gateway keeps an idle connection to a service for reuse: well inside the
#: services' keep-alive (``llwybr.serve``), so the gateway never sends a request on a
#: connection the service is closing (with both at 5 s, a POST now and then was dropped).
KEEPALIVE_EXPIRY_SECONDS = KEEP_ALIVE_SECONDS / 3


def instrument_client(client: httpx.AsyncClient) -> None:
    """Client spans for ``client``'s requests, which carry the W3C trace context to the
    service (``llwybr.tracing``); the query string is left out of the span (it may name a
    learner)."""

    async def without_query(span: trace.Span, request: RequestInfo) -> None:
        if span.is_recording():
            url = str(httpx.URL(str(request.url)).copy_with(query=None))
            span.set_attribute("http.url", url)
            span.set_attribute("url.full", url)

    HTTPXClientInstrumentor.instrument_client(client, request_hook=without_query)


@dataclass
class ServiceClients:
    clients: dict[str, httpx.AsyncClient]

    def __getitem__(self, service: str) -> httpx.AsyncClient:
        return self.clients[service]


def embedded_apps(settings: Settings) -> dict[str, FastAPI]:
    """Every service, in this process, sharing one in-process bus and the var/ directory.

    Embedded mode is the one place where the gateway runs the services' code (each service's
    ``main.create_app``, found through its descriptor)."""
    bus = InProcessBus.in_directory(settings.runtime.var_dir)  # durable: var/bus.sqlite
    return {s.name: create_app(s, settings.runtime, bus) for s in SERVICES}


@contextlib.asynccontextmanager
async def connect(
    settings: Settings, apps: Mapping[str, FastAPI] | None
) -> AsyncIterator[ServiceClients]:
    """Clients for every service; in embedded mode, also runs each service's lifespan."""
    timeout = httpx.Timeout(settings.service_timeout_seconds, connect=2.0)
    limits = httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY_SECONDS)
    async with contextlib.AsyncExitStack() as stack:
        clients = {}
        for service in NAMES:
            if apps is not None:
                app = apps[service]
                await stack.enter_async_context(app.router.lifespan_context(app))
                transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=app)
                base_url = f"http://{service}"
            else:
                transport = httpx.AsyncHTTPTransport(retries=0, limits=limits)
                base_url = settings.service_url(service)
            client = httpx.AsyncClient(transport=transport, base_url=base_url, timeout=timeout)
            instrument_client(client)
            clients[service] = await stack.enter_async_context(client)
        yield ServiceClients(clients)
