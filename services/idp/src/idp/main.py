"""``create_app(settings)``: the one place where the IDP service's adapters are wired."""

import sqlalchemy as sa
from fastapi import FastAPI

from contracts.topics import DETERMINATION, DISPUTES, NOTIFICATIONS
from idp import monitor
from idp.api import ERROR_STATUSES, router
from idp.application import IdpService
from idp.domain.dates import IN_FORCE
from idp.projections import PROJECTION, learner_plans
from idp.publisher import translator
from idp.reach import PROJECTION as REACH
from idp.settings import Settings
from llwybr.bus import InProcessBus
from llwybr.consumer import ApplicationEffect
from llwybr.eventstore import ChainedApplication
from llwybr.service import ConsumerSpec, ServiceSpec, WorkerSpec, build_service
from llwybr.settings import ServiceSettings


def _determinations(
    _settings: ServiceSettings, _engine: sa.Engine, app: ChainedApplication
) -> ApplicationEffect:
    assert isinstance(app, IdpService)
    return ApplicationEffect(app, "idp.determinations", app.on_public_event)


DETERMINATIONS = ConsumerSpec(
    name="determinations",
    topics=[DETERMINATION.name, DISPUTES.name, NOTIFICATIONS.name],
    # A decision that a learner has ALN opens their plan, once, whatever is redelivered; an
    # LA's reconsideration can open, take over or reinstate it; a corrected rule table is
    # followed from then on; the learner registry's facts are followed for access checks; a
    # notice about a plan given (or bounced) moves the windows that run from it
    # (idp.consumers).
    effect=_determinations,
)

SPEC = ServiceSpec(
    name="idp",
    title="Llwybr IDP service (internal)",
    application=IdpService,
    translator=translator,
    routers=[router],
    error_statuses=ERROR_STATUSES,
    consumers=[DETERMINATIONS],
    # Provision judged against its schedule every day (issue 24).
    workers=[WorkerSpec("idp.provision", monitor.run)],
    projections=[PROJECTION, REACH],
    in_force=IN_FORCE,
    learner_index=learner_plans,
    personal_data=True,  # the plan's content sealed with the learner's key (ADR 0023)
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    return build_service(settings or Settings(), SPEC, bus)
