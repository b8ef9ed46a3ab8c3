"""``create_app(settings)``: the one place where the notifications service's adapters are wired."""

from pathlib import Path

from fastapi import FastAPI

from llwybr.bus import InProcessBus
from llwybr.service import ServiceSpec, build_service
from notifications.application import NotificationsService
from notifications.domain import NotificationsError
from notifications.publisher import translator
from notifications.settings import Settings
from notifications.webhooks import service as webhooks

SPEC = ServiceSpec(
    name="notifications",
    title="Llwybr notifications service (internal)",
    application=NotificationsService,
    translator=translator,
    routers=[webhooks.ROUTER],
    error_statuses={NotificationsError: (422, "notifications"), **webhooks.ERROR_STATUSES},
    migrations=Path(__file__).parent / "migrations",
    consumers=[webhooks.CONSUMER],
    workers=[webhooks.WORKER],
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    return build_service(settings or Settings(), SPEC, bus)
