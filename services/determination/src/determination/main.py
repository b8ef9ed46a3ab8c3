"""``create_app(settings)``: the one place where the determination service's adapters are wired."""

from fastapi import FastAPI

from determination.api import ERROR_STATUSES, router
from determination.application import DeterminationService
from determination.documents import document_cases, documents
from determination.projections import PROJECTION, learner_cases
from determination.publisher import translator
from determination.settings import Settings
from llwybr.bus import InProcessBus
from llwybr.service import ServiceSpec, build_service

SPEC = ServiceSpec(
    name="determination",
    title="Llwybr determination service (internal)",
    application=DeterminationService,
    translator=translator,
    routers=[router],
    error_statuses=ERROR_STATUSES,
    projections=[PROJECTION],
    tables=[documents, document_cases],
    learner_index=learner_cases,
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    return build_service(settings or Settings(), SPEC, bus)
