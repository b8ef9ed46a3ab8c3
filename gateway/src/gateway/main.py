"""``create_app(settings)``: the public API and, in embedded mode, every service behind it."""

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Sequence
from typing import Any

import anyio
import httpx
import sqlalchemy as sa
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi_offline import FastAPIOffline
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import SecretStr

from gateway import audit_api, audit_bundle, routing, store, subject_access
from gateway.answers import Liveness, ReadinessReport, ServicesReadiness
from gateway.audit_log import AccessLog
from gateway.authz import SCOPES
from gateway.console import install_console
from gateway.openapi import fetch_service_documents, install_merged_openapi
from gateway.ratelimit import RateLimiter
from gateway.registry import NAMES, SERVICES, large_bodies
from gateway.security import build_security
from gateway.services import ServiceClients, connect, embedded_apps
from gateway.settings import Settings
from gateway.tokens import oauth_router
from gateway.tokens.router import jwks_router, published_keys
from llwybr.body_limit import BodyLimit, route_limits
from llwybr.db import create_engine, ping, schema_lock
from llwybr.http_tracing import instrument_app
from llwybr.metrics import Metrics, exposition
from llwybr.problems import install_problem_handlers
from llwybr.query_check import refuse_unknown_query
from llwybr.request_context import install_request_context
from llwybr.service import Readiness
from llwybr.settings import ServiceSettings

DESCRIPTION = """\
Llwybr is an event-sourced backend for the Welsh Additional Learning Needs (ALN) system:
determinations, Individual Development Plans (IDPs), reconsiderations and appeals, with a
case history that can be replayed and proven untouched.

Errors are RFC 9457 problem details (`application/problem+json`).

A POST may carry `Idempotency-Key` (up to 255 characters; 400 if longer). A repeat with the
same key and body gets the first answer again, marked `Idempotent-Replayed: true`; the same
key with another body gives 422, and while the first request still runs 409 (type
`https://llwybr.wales/problems/idempotency`). An answer marked `Cache-Control: no-store`
carries a secret shown once (a webhook subscription's signing secret) and is not kept: a
repeat of that request is not run again and gives 409 of type
`https://llwybr.wales/problems/secret-not-replayed`, with `original_status`, the resource's
`Location` (also as `location`) when the first answer had one, and `secret_rotation`, where a
new secret is issued. After a 5xx answer, repeat with the same key: a command that took
effect is answered as the first time (from the service's record of the key), one that did not
runs once. While the first request runs, the 409 carries `Retry-After`.

A change whose access-audit row cannot be written first is not run: 503 of type
`https://llwybr.wales/problems/audit-unavailable` with `Retry-After`.
"""


_HEALTHY = {"status": "ok", "service": "gateway"}


def with_internal_secret(settings: Settings) -> Settings:
    """Embedded mode makes the secret the in-process services check; stack mode is given one."""
    if settings.runtime.internal_secret is not None:
        return settings
    if settings.runtime.mode == "stack":
        raise RuntimeError("LLWYBR_INTERNAL_SECRET must be set in stack mode")
    runtime = settings.runtime.model_copy(
        update={"internal_secret": SecretStr(secrets.token_urlsafe(32))}
    )
    return settings.model_copy(update={"runtime": runtime})


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = with_internal_secret(settings or Settings())
    assert settings.runtime.internal_secret is not None
    metrics = Metrics("gateway")
    embedded = settings.runtime.mode == "embedded"
    apps = embedded_apps(settings) if embedded else None
    http = httpx.AsyncClient(timeout=httpx.Timeout(5.0))  # for an external issuer's JWKS
    security = build_security(settings, http)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = ServiceSettings(
            service="gateway", runtime=settings.runtime, postgres_schema=settings.postgres_schema
        )
        engine = await anyio.to_thread.run_sync(_prepare_storage, own)
        app.state.engine = engine
        app.state.access_log = access_log = AccessLog(engine)
        try:
            async with http, connect(settings, apps) as clients:
                app.state.services = clients
                if apps is None:
                    app.state.service_documents = await fetch_service_documents(clients)
                yield
        finally:
            await access_log.close()
            await anyio.to_thread.run_sync(engine.dispose)

    # /docs and /redoc with Swagger UI's and ReDoc's assets served by the gateway itself: an
    # LA's network is often locked down, and a CDN unreachable.
    # The assets under /docs/, which an ingress routing /docs (deploy/k8s) then serves too.
    app = FastAPIOffline(
        static_url="/docs/assets",
        title="Llwybr public API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        license_info={"name": "Open source"},
    )
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.security = security
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    app.state.internal_secret = settings.runtime.internal_secret.get_secret_value().encode()
    install_problem_handlers(app)
    # Inside the request context: a body found too large as it is read is then a 413 the
    # routes' own handlers answer (the context would wrap the error in an ExceptionGroup).
    app.add_middleware(BodyLimit, limit_of=route_limits(large_bodies(SERVICES)))
    install_request_context(app, metrics)
    instrument_app(app, "gateway")
    # Embedded mode: one /metrics for the whole system, the gateway's and every service's.
    services = [a.state.metrics for a in apps.values()] if apps is not None else []
    # Every route but the forwarding one (the services refuse what theirs do not take).
    checked = [Depends(refuse_unknown_query)]
    app.include_router(operational_router([metrics, *services]), dependencies=checked)
    app.state.manifests = security.manifests  # signs each bundle's manifest
    if security.issuer is not None and security.key is not None:
        app.include_router(
            oauth_router(
                security.issuer, security.key, manifests=security.manifests, scopes=list(SCOPES)
            ),
            dependencies=checked,
        )
    else:  # an external issuer publishes its token keys; the gateway its manifest keys
        app.include_router(
            jwks_router(published_keys(None, security.manifests)), dependencies=checked
        )
    app.include_router(audit_api.router, dependencies=checked)
    app.include_router(audit_bundle.router, dependencies=checked)
    app.include_router(subject_access.router, dependencies=checked)
    # The console's pages before the forwarding routes (which take every /v1 path, not these).
    install_console(app, settings, app.state.internal_secret)
    app.include_router(routing.router)
    install_merged_openapi(app, apps)
    return app


def _prepare_storage(own: ServiceSettings) -> sa.Engine:
    """The gateway's schema and tables, made if missing, one replica at a time."""
    with schema_lock(own):
        engine = create_engine(own)
        store.create_tables(engine)
    return engine


def operational_router(metrics: Sequence[Metrics]) -> APIRouter:
    """``/healthz``, ``/readyz``, ``/readyz/services`` and ``/metrics``: the gateway's own
    figures, then those of the services running in this process (embedded mode)."""
    router = APIRouter(tags=["operations"])

    @router.get(
        "/healthz",
        summary="Liveness: the gateway is serving",
        response_model=Liveness,
    )
    async def healthz() -> dict[str, str]:
        """Answers 200 while the process serves requests, whatever its database and the
        services do: a failing liveness probe restarts the process, which would not help. Use
        `/readyz` to know whether it can serve the API."""
        return dict(_HEALTHY)

    @router.get(
        "/readyz",
        summary="Readiness: the gateway can serve (its own database answers)",
        description=(
            "Not the services' readiness: a service that is down makes its own routes answer "
            "503, and taking the gateway out of service for it would stop the others too. "
            "`/readyz/services` reports every service."
        ),
        response_model=ReadinessReport,
        responses={
            503: {"model": ReadinessReport, "description": "The gateway's database is failing"}
        },
    )
    async def readyz(request: Request) -> JSONResponse:
        engine = request.app.state.engine
        readiness = Readiness()
        readiness.started = True  # routes answer only once the lifespan has started
        readiness.checks["database"] = lambda: asyncio.to_thread(ping, engine)
        checks = await readiness.report()
        ready = all(v == "ok" for v in checks.values())
        body = {"status": "ready" if ready else "not ready", "checks": checks}
        return JSONResponse(body, status_code=200 if ready else 503)

    @router.get(
        "/readyz/services",
        summary="Every service's readiness, as the gateway reaches it",
        response_model=ServicesReadiness,
        responses={
            503: {
                "model": ServicesReadiness,
                "description": "A service is not ready or not reachable",
            }
        },
    )
    async def services_readiness(request: Request) -> JSONResponse:
        """Each service's own `/readyz` report, by name (`unreachable` with the error when it
        does not answer): 200 when every one is ready. For people and dashboards; not a
        probe, since one service down must not take the gateway out of service."""
        clients: ServiceClients = request.app.state.services
        reports = await asyncio.gather(*(_service_readiness(clients[s]) for s in NAMES))
        services = dict(zip(NAMES, reports, strict=True))
        ready = all(r.get("status") == "ready" for r in services.values())
        body = {"status": "ready" if ready else "not ready", "services": services}
        return JSONResponse(body, status_code=200 if ready else 503)

    # Embedded mode: with every service's figures too (the summary is the public document's).
    @router.get("/metrics", summary="Prometheus metrics of the gateway", response_class=Response)
    async def prometheus() -> Response:
        """Prometheus text format: requests, consumer lag, outbox backlog, dead letters,
        escalated notices, missed deadlines, integrity failures (labelled by `service`). For
        the operator's Prometheus to scrape; it needs no token, so expose it only inside."""
        text = await asyncio.to_thread(exposition, metrics)  # reads the services' databases
        return Response(text, media_type=CONTENT_TYPE_LATEST)

    return router


async def _service_readiness(client: httpx.AsyncClient) -> dict[str, Any]:
    try:
        response = await client.get("/readyz", timeout=5.0)
        report: dict[str, Any] = response.json()
        return report
    except (httpx.HTTPError, ValueError) as error:
        return {"status": "unreachable", "error": f"{type(error).__name__}: {error}"}
