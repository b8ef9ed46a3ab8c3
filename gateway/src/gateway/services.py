"""The gateway's way to each service: one pooled httpx client per service.

Stack mode: HTTP to the service's own process. Embedded mode: the same client, with the
service's ASGI app in this process as its transport, so routes run one code path.
"""

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

import httpx
from fastapi import FastAPI

from gateway.settings import SERVICES, Settings
from llwybr.bus import InProcessBus


@dataclass
class ServiceClients:
    clients: dict[str, httpx.AsyncClient]

    def __getitem__(self, service: str) -> httpx.AsyncClient:
        return self.clients[service]


def embedded_apps(settings: Settings) -> dict[str, FastAPI]:
    """Every service, in this process, sharing one in-process bus and the var/ directory."""
    # Embedded mode is the one place where the gateway knows the services' code.
    from determination.main import create_app as determination_app
    from determination.settings import Settings as DeterminationSettings
    from disputes.main import create_app as disputes_app
    from disputes.settings import Settings as DisputesSettings
    from idp.main import create_app as idp_app
    from idp.settings import Settings as IdpSettings
    from notifications.main import create_app as notifications_app
    from notifications.settings import Settings as NotificationsSettings

    bus = InProcessBus.in_directory(settings.runtime.var_dir)  # durable: var/bus.sqlite
    runtime = settings.runtime
    return {
        "determination": determination_app(DeterminationSettings(runtime=runtime), bus),
        "idp": idp_app(IdpSettings(runtime=runtime), bus),
        "disputes": disputes_app(DisputesSettings(runtime=runtime), bus),
        "notifications": notifications_app(NotificationsSettings(runtime=runtime), bus),
    }


@contextlib.asynccontextmanager
async def connect(
    settings: Settings, apps: Mapping[str, FastAPI] | None
) -> AsyncIterator[ServiceClients]:
    """Clients for every service; in embedded mode, also runs each service's lifespan."""
    timeout = httpx.Timeout(settings.service_timeout_seconds, connect=2.0)
    async with contextlib.AsyncExitStack() as stack:
        clients = {}
        for service in SERVICES:
            if apps is not None:
                app = apps[service]
                await stack.enter_async_context(app.router.lifespan_context(app))
                transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=app)
                base_url = f"http://{service}"
            else:
                transport = httpx.AsyncHTTPTransport(retries=0)
                base_url = settings.service_url(service)
            clients[service] = await stack.enter_async_context(
                httpx.AsyncClient(transport=transport, base_url=base_url, timeout=timeout)
            )
        yield ServiceClients(clients)
