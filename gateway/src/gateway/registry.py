"""The services behind the gateway: one entry each, their descriptors.

A new service is one line in ``SERVICES`` plus its manifests (see "Adding a service" in
docs/architecture.md). Everything the platform keeps per service reads this: the gateway's
routing (which service owns each /v1 resource), its scopes (``gateway.authz``) and the OpenAPI
document's security, embedded mode's in-process apps, the gateway's service URLs
(``GATEWAY_<SERVICE>_URL``), stack mode's processes, ports, settings prefixes and consumer
groups, the audit API's service names and ``llwybr-audit``.

The order is the services' order everywhere (start-up, readiness reports, the audit timeline's
walk over the services, the OpenAPI schemas' first definer).
"""

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from determination.descriptor import DESCRIPTOR as DETERMINATION
from disputes.descriptor import DESCRIPTOR as DISPUTES
from idp.descriptor import DESCRIPTOR as IDP
from llwybr.registry import RegistryError, Scope, ServiceDescriptor
from llwybr.settings import RuntimeSettings
from notifications.descriptor import DESCRIPTOR as NOTIFICATIONS

if TYPE_CHECKING:  # the services' runtime is imported only to run one
    from fastapi import FastAPI

    from llwybr.bus import InProcessBus
    from llwybr.service import ServiceSpec

SERVICES: tuple[ServiceDescriptor, ...] = (DETERMINATION, IDP, DISPUTES, NOTIFICATIONS)

#: The services' names, in order.
NAMES: tuple[str, ...] = tuple(s.name for s in SERVICES)
#: A regular expression matching exactly one service name (the audit API's parameters).
NAME_PATTERN = f"^({'|'.join(NAMES)})$"


def resource_owners(services: tuple[ServiceDescriptor, ...]) -> dict[str, str]:
    """Each /v1 resource (first path segment) and the one service that owns it."""
    owners: dict[str, str] = {}
    for service in services:
        for resource in service.resources:
            if owners.setdefault(resource, service.name) != service.name:
                raise RegistryError(
                    f"/v1/{resource} is claimed by {owners[resource]} and {service.name}"
                )
    return owners


def large_bodies(services: tuple[ServiceDescriptor, ...]) -> dict[tuple[str, str], int]:
    """The routes whose body may exceed the JSON limit, with their own, of every service."""
    return {route: limit for s in services for route, limit in s.large_bodies.items()}


def defined_scopes(services: tuple[ServiceDescriptor, ...]) -> dict[str, Scope]:
    """Every scope the services define; a scope belongs to one service."""
    scopes: dict[str, Scope] = {}
    owner: dict[str, str] = {}
    for service in services:
        for name, scope in service.scopes.items():
            if owner.setdefault(name, service.name) != service.name:
                raise RegistryError(f"scope {name} is defined by {owner[name]} and {service.name}")
            scopes[name] = scope
    return scopes


#: The first path segment under /v1 and the service that owns it.
RESOURCES: Mapping[str, str] = resource_owners(SERVICES)
#: Every scope a service defines.
SCOPES: Mapping[str, Scope] = defined_scopes(SERVICES)
#: Every service route, (method, path template) -> scope.
ROUTES: Mapping[tuple[str, str], str] = {
    route: scope for service in SERVICES for route, scope in service.routes.items()
}


def service(name: str) -> ServiceDescriptor:
    """The service called ``name``; KeyError if there is none."""
    for descriptor in SERVICES:
        if descriptor.name == name:
            return descriptor
    raise KeyError(name)


def spec(descriptor: ServiceDescriptor) -> "ServiceSpec":
    """The service's ``ServiceSpec`` (``<name>.main.SPEC``; imports the service's code)."""
    from llwybr.service import ServiceSpec

    found = getattr(importlib.import_module(f"{descriptor.name}.main"), "SPEC", None)
    if not isinstance(found, ServiceSpec) or found.name != descriptor.name:
        raise RegistryError(f"{descriptor.name}.main.SPEC is not the {descriptor.name} service's")
    return found


def create_app(
    descriptor: ServiceDescriptor, runtime: RuntimeSettings, bus: "InProcessBus | None" = None
) -> "FastAPI":
    """The service's ASGI app on ``runtime`` (``<name>.main.create_app``; imports the
    service's code); ``bus`` is embedded mode's shared in-process bus."""
    module = importlib.import_module(f"{descriptor.name}.main")
    app: FastAPI = module.create_app(descriptor.service_settings(runtime), bus)
    return app
