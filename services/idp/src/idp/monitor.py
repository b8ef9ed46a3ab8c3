"""The provision monitor (issue 24): once a day, every plan in force has its provision judged
against its schedule (``IdpService.judge_provision``); a shortfall found or ended is an event
of the plan, published on ``aln.idp.v1`` for the notifications service to remind the provider
and the maintainer and alert the LA.

Each judgement is idempotent (an element already short in the same way records nothing), so
replicas running it at once, or a restart mid-round, record each change once: a replica that
loses the race to save a plan skips it until the next round.

Incremental: a plan's judgement changes only with the day or the plan (a record, a revision:
its version in the read model), so a worker judges each plan once a day, and again that day
only once its version has moved (``Judged``); a plan with no calendar known is judged every
round, so the first calendar published counts at once, a corrected one from the next day.
bench/provision.py: the full scan is the cost of the first round of a day; later rounds cost
a read of the plans' versions.
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


#: Plan id -> the day and the plan version last judged (by this worker).
Judged = dict[str, tuple[date, int]]


def judge_all(
    engine: sa.Engine,
    service: IdpService,
    on: date,
    policy: ShortfallPolicy,
    judged: Judged | None = None,
) -> dict[str, list[str]]:
    """Judge every plan in force on ``on``: plan id -> the elements whose shortfall changed.
    With ``judged`` (kept between rounds), a plan already judged on ``on`` at the version it
    has now is not judged again."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(plans.c.idp_id, plans.c.version).where(
            plans.c.status.in_(IN_FORCE))).all()  # fmt: skip
    changed: dict[str, list[str]] = {}
    calendars: Calendars = {}  # read once a round: a calendar published meanwhile counts next
    for idp_id, version in rows:
        if judged is not None and judged.get(idp_id) == (on, version):
            continue
        try:
            elements, on_calendar = service.judge_provision(
                UUID(idp_id), on=on, policy=policy, calendars=calendars
            )
        except IntegrityError:
            continue  # another replica judged the plan first: the next round sees it
        if judged is not None and on_calendar:
            # a change recorded now moves its version: judged once more. A plan with no
            # calendar yet is judged every round, so its first calendar counts at once.
            judged[idp_id] = (on, version)
        if elements:
            changed[idp_id] = elements
    return changed


async def run(settings: Any, engine: sa.Engine, application: Any) -> None:
    """The worker loop (a ``WorkerSpec``)."""
    assert isinstance(settings, Settings)
    assert isinstance(application, IdpService)
    judged: Judged = {}
    while True:
        today = today_in_wales()
        for idp_id in [k for k, (day, _) in judged.items() if day != today]:
            del judged[idp_id]  # yesterday's: every plan is judged again today
        changed = await run_blocking(
            judge_all, engine, application, today, settings.shortfall_policy(), judged
        )
        if changed:
            log.info("provision shortfalls changed in %d plans", len(changed))
        await asyncio.sleep(settings.shortfall_poll_seconds)
