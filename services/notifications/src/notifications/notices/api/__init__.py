"""The notices API (reached through the gateway): one module per resource, the models in
``schemas``. ``router`` carries them all; ``ERROR_STATUSES`` maps their domain errors."""

from fastapi import APIRouter

from notifications.notices.api import contacts, notices, opinions, reminders, reports

router = APIRouter()
for _resource in (contacts, notices, reminders, reports, opinions):
    router.include_router(_resource.router)

ERROR_STATUSES = opinions.ERROR_STATUSES

__all__ = ["ERROR_STATUSES", "router"]
