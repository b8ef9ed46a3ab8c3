"""``create_app(settings)``: the one place where the determination service's adapters are wired."""

from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI

from contracts.topics import DISPUTES, IDP, NOTIFICATIONS
from determination.api import ERROR_STATUSES, router
from determination.application import DeterminationService
from determination.descriptor import DESCRIPTOR
from determination.documents import document_cases, documents, sealed_documents
from determination.domain.dates import IN_FORCE
from determination.projections import PROJECTION, learner_cases
from determination.publisher import translator
from determination.settings import Settings
from llwybr.bus import InProcessBus
from llwybr.consumer import ApplicationEffect
from llwybr.eventstore import ChainedApplication
from llwybr.service import ConsumerSpec, ServiceSpec, build_service
from llwybr.settings import ServiceSettings


def reconsiderations(
    _settings: ServiceSettings, _engine: sa.Engine, app: ChainedApplication
) -> ApplicationEffect:
    """An LA's R1 outcome supersedes the school's decision, once, whatever is redelivered."""
    assert isinstance(app, DeterminationService)
    return ApplicationEffect(app, "determination.reconsiderations", app.on_public_event)


RECONSIDERATIONS = ConsumerSpec(
    name="reconsiderations", topics=[DISPUTES.name], effect=reconsiderations
)


def given(
    _settings: ServiceSettings, _engine: sa.Engine, app: ChainedApplication
) -> ApplicationEffect:
    """The day a decision was given to the family (its notice, or the IDP): its clocks end."""
    assert isinstance(app, DeterminationService)
    return ApplicationEffect(app, "determination.given", app.on_public_event)


GIVEN = ConsumerSpec(name="given", topics=[NOTIFICATIONS.name, IDP.name], effect=given)

SPEC = ServiceSpec(
    name="determination",
    title="Llwybr determination service (internal)",
    application=DeterminationService,
    personal_data=True,
    translator=translator,
    routers=[router],
    error_statuses=ERROR_STATUSES,
    projections=[PROJECTION],
    # the read model's tables change shape (ADR 0009): revisions before checkfirst creation
    migrations=Path(__file__).parent / "migrations",
    tables=[documents, sealed_documents, document_cases],
    in_force=IN_FORCE,
    learner_index=learner_cases,
    consumers=[RECONSIDERATIONS, GIVEN],
    large_bodies=DESCRIPTOR.large_bodies,
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    return build_service(settings or Settings(), SPEC, bus)
