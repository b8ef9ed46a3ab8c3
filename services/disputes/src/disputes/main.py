"""``create_app(settings)``: the one place where the disputes service's adapters are wired."""

from fastapi import FastAPI

from contracts.topics import DETERMINATION, IDP
from disputes import arrangements
from disputes.api import ERROR_STATUSES, router
from disputes.application import DisputesService
from disputes.decisions import decisions, learn
from disputes.domain.dates import IN_FORCE
from disputes.projections import PROJECTION, learner_cases
from disputes.publisher import translator
from disputes.settings import Settings
from llwybr.bus import InProcessBus
from llwybr.consumer import TableEffect
from llwybr.service import ConsumerSpec, ServiceSpec, build_service

SPEC = ServiceSpec(
    name="disputes",
    title="Llwybr disputes service (internal)",
    application=DisputesService,
    translator=translator,
    routers=[router, arrangements.router],
    error_statuses=ERROR_STATUSES,
    projections=[PROJECTION],
    in_force=IN_FORCE,
    learner_index=learner_cases,
    tables=[decisions],
    consumers=[
        ConsumerSpec(
            name="decisions",
            topics=[DETERMINATION.name, IDP.name],
            effect=lambda _settings, engine, _app: TableEffect(engine, "disputes.decisions", learn),
        )
    ],
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    return build_service(settings or Settings(), SPEC, bus)
