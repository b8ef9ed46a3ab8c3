"""``create_app(settings)``: the one place where the disputes service's adapters are wired."""

from typing import cast

from fastapi import FastAPI

from contracts.topics import DETERMINATION, IDP, NOTIFICATIONS
from disputes.api import ERROR_STATUSES, ROUTERS
from disputes.application import DisputesService
from disputes.consumers import adopted_facts
from disputes.decisions import decisions, issued_versions, learn
from disputes.domain.dates import IN_FORCE
from disputes.projections import PROJECTION, RELATIONS, learner_cases
from disputes.publisher import translator
from disputes.settings import Settings
from llwybr.bus import InProcessBus
from llwybr.consumer import ApplicationEffect, TableEffect
from llwybr.service import ConsumerSpec, ServiceSpec, build_service

#: Who decided what, and when its notice was given: requests and appeals are checked against it.
DECISIONS = ConsumerSpec(
    name="decisions",
    topics=[DETERMINATION.name, IDP.name],
    effect=lambda _settings, engine, _app: TableEffect(engine, "disputes.decisions", learn),
)
#: The rule table corrections the determination service announces, and the learner registry's
#: facts it publishes, kept in this store (the name is the consumer's position: keep it).
RULES = ConsumerSpec(
    name="rules",
    topics=[DETERMINATION.name],
    effect=lambda _settings, _engine, app: ApplicationEffect(
        app, "disputes.rules", adopted_facts(cast(DisputesService, app))
    ),
)

#: The notices given to the family (and those reported undeliverable), as the notifications
#: service published them: each appeal window runs from the day its notice was given (ADR 0017).
NOTICES = ConsumerSpec(
    name="notices",
    topics=[NOTIFICATIONS.name],
    effect=lambda _settings, _engine, app: ApplicationEffect(
        app, "disputes.notices", adopted_facts(cast(DisputesService, app))
    ),
)

SPEC = ServiceSpec(
    name="disputes",
    title="Llwybr disputes service (internal)",
    application=DisputesService,
    translator=translator,
    routers=ROUTERS,
    error_statuses=ERROR_STATUSES,
    projections=[PROJECTION, RELATIONS],
    in_force=IN_FORCE,
    learner_index=learner_cases,
    tables=[decisions, issued_versions],
    consumers=[DECISIONS, RULES, NOTICES],
    personal_data=True,  # reasons and summaries sealed with the learners' keys (ADR 0023)
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    return build_service(settings or Settings(), SPEC, bus)
