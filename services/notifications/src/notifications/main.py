"""``create_app(settings)``: the one place where the notifications service's adapters are wired."""

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI

from contracts.topics import DETERMINATION, DISPUTES, IDP
from llwybr.bus import InProcessBus
from llwybr.consumer import TableEffect
from llwybr.personal_data.fields import LearnerErasedError
from llwybr.service import ConsumerSpec, ServiceSpec, WorkerSpec, build_service
from llwybr.settings import ServiceSettings
from notifications.application import NotificationsService
from notifications.descriptor import DESCRIPTOR
from notifications.domain import NotificationsError
from notifications.figures import FIGURES
from notifications.notices import listener, reminders, sender
from notifications.notices.access import HistoryRelations
from notifications.notices.api import ERROR_STATUSES as NOTICE_ERROR_STATUSES
from notifications.notices.api import router as notices_router
from notifications.notices.evidence import NoticeRecord
from notifications.notices.intake import handler
from notifications.publisher import RegistryUpns, translator
from notifications.settings import Settings
from notifications.tables import notices
from notifications.webhooks import service as webhooks


def learner_notices(conn: sa.Connection, learner_id: str) -> Sequence[str]:
    """The auditors' learner index: the notices whose proof is in the event store."""
    query = sa.select(notices.c.notice_id).where(
        notices.c.learner_id == learner_id, notices.c.evidence_recorded.is_not(None)
    )
    return list(conn.execute(query.order_by(notices.c.created_at)).scalars())


def notices_effect(settings: ServiceSettings, engine: sa.Engine, _app: object) -> TableEffect:
    assert isinstance(settings, Settings)
    effect = handler(
        settings.reminder_lead_school_days, settings.notices_not_before, settings.outbox
    )
    return TableEffect(engine, "notifications.notices", effect)


#: Every service's public events become notices and watched deadlines, once each.
NOTICES = ConsumerSpec("notices", [DETERMINATION.name, IDP.name, DISPUTES.name], notices_effect)


SPEC = ServiceSpec(
    name="notifications",
    title="Llwybr notifications service (internal)",
    application=NotificationsService,
    translator=translator,
    routers=[notices_router, webhooks.ROUTER],
    error_statuses={
        NotificationsError: (422, "notifications"),
        **NOTICE_ERROR_STATUSES,
        **webhooks.ERROR_STATUSES,
        LearnerErasedError: (422, "personal-data-erased"),
    },
    migrations=Path(__file__).parent / "migrations",
    consumers=[NOTICES, webhooks.CONSUMER],
    workers=[
        WorkerSpec("notices.sender", sender.run),
        WorkerSpec("notices.reminders", reminders.run),
        webhooks.WORKER,
        webhooks.RETENTION,
    ],
    learner_index=learner_notices,
    history_relations=lambda engine, _application: HistoryRelations(engine),
    upns=lambda engine, _application: RegistryUpns(engine),
    large_bodies=DESCRIPTOR.large_bodies,
    figures=FIGURES,
    personal_data=True,  # the contacts are sealed with the learners' keys (ADR 0023)
    # a notice is in force from the day it is given; its record and escalations when recorded
    in_force={
        NoticeRecord.NoticeGiven: "given_on",
        NoticeRecord.NoticeCreated: None,
        NoticeRecord.NoticeEscalated: None,
        NoticeRecord.NoticeBounced: None,
        NoticeRecord.NoticeNotGiven: None,  # when the bounce was acted on
    },
)


def create_app(settings: Settings | None = None, bus: InProcessBus | None = None) -> FastAPI:
    """The service's ASGI app; ``bus`` is the shared in-process bus in embedded mode."""
    settings = settings or Settings()
    workers = [*SPEC.workers]
    if settings.bounces.listen_port is not None:
        workers.append(WorkerSpec("notices.bounces", listener.run))
    return build_service(settings, dataclasses.replace(SPEC, workers=workers), bus)
