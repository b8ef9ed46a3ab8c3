"""The provision monitor (issue 24): once a day, every plan in force has its provision judged
against its schedule (``IdpService.judge_provision``); a shortfall found or ended is an event
of the plan, published on ``aln.idp.v1`` for the notifications service to remind the provider
and the maintainer and alert the LA.

Each judgement is idempotent (an element already short in the same way records nothing), so
replicas running it at once, or a restart mid-round, record each change once: a replica that
loses the race to save a plan skips it until the next round.
"""

import asyncio
import logging
from datetime import date
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.persistence import IntegrityError

from idp.application import IdpService
from idp.application.base import Calendars
from idp.domain.provision import ShortfallPolicy
from idp.projections import IN_FORCE, plans
from idp.settings import Settings
from llwybr.blocking import run_blocking
from llwybr.edge import today_in_wales

log = logging.getLogger(__name__)


def judge_all(
    engine: sa.Engine, service: IdpService, on: date, policy: ShortfallPolicy
) -> dict[str, list[str]]:
    """Judge every plan in force on ``on``: plan id -> the elements whose shortfall changed."""
    with engine.connect() as conn:
        ids = [r.idp_id for r in conn.execute(sa.select(plans.c.idp_id).where(
            plans.c.status.in_(IN_FORCE)))]  # fmt: skip
    changed: dict[str, list[str]] = {}
    calendars: Calendars = {}  # read once a round: a calendar published meanwhile counts next
    for idp_id in ids:
        try:
            elements = service.judge_provision(
                UUID(idp_id), on=on, policy=policy, calendars=calendars
            )
        except IntegrityError:
            continue  # another replica judged the plan first: the next round sees it
        if elements:
            changed[idp_id] = elements
    return changed


async def run(settings: Any, engine: sa.Engine, application: Any) -> None:
    """The worker loop (a ``WorkerSpec``)."""
    assert isinstance(settings, Settings)
    assert isinstance(application, IdpService)
    while True:
        changed = await run_blocking(
            judge_all, engine, application, today_in_wales(), settings.shortfall_policy()
        )
        if changed:
            log.info("provision shortfalls changed in %d plans", len(changed))
        await asyncio.sleep(settings.shortfall_poll_seconds)
