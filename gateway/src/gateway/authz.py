"""Scopes per capability: which scope each public route needs (the gateway's own routes here,
each service's in its descriptor, read through ``gateway.registry``; tested against the OpenAPI
document so a new route without a rule fails the tests).

Organisation scoping (which cases an organisation may see) is enforced by each service, which
knows the cases; the gateway checks the capability.
"""

import re
from dataclasses import dataclass

from gateway import registry
from llwybr.registry import RegistryError, Scope

#: The gateway's own routes (the audit API) and the scope each needs.
GATEWAY_ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/v1/access-audit"): "audit:read",
    ("GET", "/v1/audit/learners/{learner_id}/timeline"): "audit:read",
    ("GET", "/v1/audit/{service}/aggregates/{aggregate_id}"): "audit:read",
    ("GET", "/v1/audit/verify"): "audit:read",
    ("GET", "/v1/audit/learners/{learner_id}/bundle"): "audit:read",
    # Under the registry's resource: the gateway's router is before the forwarding routes.
    ("GET", "/v1/learners/{learner_id}/subject-access"): "determinations:read",
}
#: The scopes the gateway's own routes need.
GATEWAY_SCOPES: dict[str, Scope] = {
    "audit:read": Scope("Read the access audit log", frozenset({"auditor", "system"})),
}

#: The gateway's resources; a route under a service's resource (subject access, which gathers
#: every service's records) is the gateway's by its exact template.
_OWN_RESOURCES = {
    template.split("/")[2]
    for _, template in GATEWAY_ROUTES
    if not template.endswith("/subject-access")
}
if (
    _OWN_RESOURCES & set(registry.RESOURCES)
    or set(GATEWAY_ROUTES) & set(registry.ROUTES)
    or set(GATEWAY_SCOPES) & set(registry.SCOPES)
):
    raise RegistryError("a service claims the gateway's own routes or scopes")

#: The kinds of organisation the gateway's clients act for (``la`` in ``la:665``).
CLIENT_KINDS = ("school", "fei", "la", "lhb", "nhs", "tribunal", "auditor", "system")
#: Every scope: the gateway's and those the services define (``gateway.registry``).
SCOPES: dict[str, Scope] = {**GATEWAY_SCOPES, **registry.SCOPES}
#: (method, path template) -> scope, for every public route. Path templates are the OpenAPI ones.
ROUTE_SCOPES: dict[tuple[str, str], str] = {**GATEWAY_ROUTES, **registry.ROUTES}
#: The scopes each kind of organisation's clients are normally given (from each scope's kinds).
ROLE_SCOPES: dict[str, frozenset[str]] = {
    kind: frozenset(name for name, scope in SCOPES.items() if kind in scope.kinds)
    for kind in CLIENT_KINDS
}


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    scope: str
    pattern: re.Pattern[str]


def _compile(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[a-z0-9_]+\\\}", "[^/]+", re.escape(template)) + "$")


ROUTES = [Route(m, t, s, _compile(t)) for (m, t), s in ROUTE_SCOPES.items()]


def required_scope(method: str, path: str) -> str | None:
    """The scope a request needs; None when no public route matches (404)."""
    for route in ROUTES:
        if route.method == method and route.pattern.match(path):
            return route.scope
    return None
