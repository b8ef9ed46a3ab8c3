"""A service as the platform knows it, without importing the service's code.

Each service declares one ``ServiceDescriptor`` in ``<service>/descriptor.py``: its name, its
settings class (their ``env_prefix`` and default port), the public routes the gateway forwards
to it with the scope each needs, and the scopes it defines (what each allows, and which kinds
of organisation are normally given it). The gateway's registry (``gateway.registry``) lists the
descriptors, and the gateway's routing, scopes and OpenAPI security, embedded mode, stack mode,
the audit API and ``llwybr-audit`` all read them.

The module stays light (no FastAPI, database or Kafka imports; an import-linter contract keeps
it so) so the auditors' command line and the gateway's routing can read it cheaply; the
service's code (``<service>.main``, with its ``SPEC`` and ``create_app(settings, bus)``) is
imported only when something runs the service (``gateway.registry.spec``, ``.create_app``).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from llwybr.principal import KINDS
from llwybr.settings import RuntimeSettings, ServiceSettings

METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
#: A public path template: under /v1, literal segments and ``{parameters}``.
_TEMPLATE = re.compile(r"^/v1(/([a-z0-9-]+|\{[a-z0-9_]+\}))+$")
_SCOPE = re.compile(r"^[a-z-]+:[a-z-]+$")


class RegistryError(ValueError):
    """A descriptor, or the registry of descriptors, contradicts itself."""


@dataclass(frozen=True)
class Scope:
    """An OAuth scope: what it allows (shown in the OpenAPI document) and the kinds of
    organisation whose clients are normally given it (the development clients get these)."""

    description: str
    kinds: frozenset[str]


@dataclass(frozen=True)
class ServiceDescriptor:
    """A service: what the gateway forwards to it and how the platform runs it."""

    name: str
    #: Its settings class: ``env_prefix`` (``IDP_``) and default ``port`` come from it.
    settings: type[ServiceSettings]
    #: The scopes its routes need, defined here: each scope belongs to one service.
    scopes: Mapping[str, Scope]
    #: Every public route, (method, OpenAPI path template under /v1) -> the scope it needs.
    routes: Mapping[tuple[str, str], str]
    #: Routes whose body may exceed the JSON limit (``llwybr.body_limit``), with their own.
    large_bodies: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        problems = []
        for method, template in self.large_bodies:
            if (method, template) not in self.routes:
                problems.append(f"{method} {template} has a body limit but is not a route")
        if self.settings.model_fields["service"].default != self.name:
            problems.append(f"its settings are for {self.settings.model_fields['service'].default}")
        for (method, template), scope in self.routes.items():
            if method not in METHODS or not _TEMPLATE.match(template):
                problems.append(f"{method} {template} is not a public route")
            if scope not in self.scopes:
                problems.append(f"{method} {template} needs {scope}, which it does not define")
        for name, defined in self.scopes.items():
            if not _SCOPE.match(name):
                problems.append(f"{name} is not a scope name")
            if name not in self.routes.values():
                problems.append(f"no route needs {name}")
            if not defined.kinds <= KINDS:
                problems.append(f"{name} names unknown kinds {sorted(defined.kinds - KINDS)}")
        if problems:
            raise RegistryError(f"service {self.name}: " + "; ".join(problems))

    @property
    def env_prefix(self) -> str:
        """The prefix of its settings' environment variables (``IDP_``)."""
        prefix: str = self.settings.model_config.get("env_prefix", "")
        return prefix

    @property
    def port(self) -> int:
        """The port it listens on by default (stack mode)."""
        port: int = self.settings.model_fields["port"].default
        return port

    @property
    def resources(self) -> tuple[str, ...]:
        """The first path segments under /v1 it owns (``idps``, ``idps-alp``, ...)."""
        return tuple(dict.fromkeys(template.split("/")[2] for _, template in self.routes))

    def service_settings(self, runtime: RuntimeSettings | None = None) -> ServiceSettings:
        """Its settings, from the environment; with ``runtime``, sharing that runtime."""
        return self.settings() if runtime is None else self.settings(runtime=runtime)
