"""``create_app(settings)``: the one place where the idp service's adapters are wired."""

from fastapi import FastAPI

from idp.application import IdpService
from idp.domain import IdpError
from idp.publisher import translator
from idp.settings import Settings
from llwybr.bus import InProcessBus
from llwybr.service import ServiceSpec, build_service

SPEC = ServiceSpec(
    name="idp",
    title="Llwybr idp service (internal)",
    application=IdpService,
    translator=translator,
    error_statuses={IdpError: (422, "idp")},
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    return build_service(settings or Settings(), SPEC, bus)
