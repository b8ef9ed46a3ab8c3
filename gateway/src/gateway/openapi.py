"""One OpenAPI document for the whole public surface: the gateway's own routes plus each
service's ``/v1`` routes (taken from the in-process apps, or fetched at start-up in stack mode).
"""

import logging
from collections.abc import Mapping
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from gateway.services import ServiceClients
from gateway.settings import SERVICES

log = logging.getLogger(__name__)


async def fetch_service_documents(clients: ServiceClients) -> dict[str, dict[str, Any]]:
    documents = {}
    for service in SERVICES:
        try:
            response = await clients[service].get("/openapi.json", timeout=5.0)
            documents[service] = response.json()
        except (httpx.HTTPError, ValueError) as error:
            log.warning("no OpenAPI document from %s: %s", service, error)
    return documents


def merge(base: dict[str, Any], services: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Add every service's public (``/v1``) paths and their schemas to ``base``."""
    schemas = base.setdefault("components", {}).setdefault("schemas", {})
    for document in services.values():
        for path, item in document.get("paths", {}).items():
            if path.startswith("/v1/"):
                base["paths"][path] = item
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            schemas.setdefault(name, schema)
    return base


def install_merged_openapi(app: FastAPI, apps: Mapping[str, FastAPI] | None) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            base = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                license_info=app.license_info,
            )
            if apps is not None:
                services = {name: a.openapi() for name, a in apps.items()}
            else:
                services = getattr(app.state, "service_documents", {})
            app.openapi_schema = merge(base, services)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
