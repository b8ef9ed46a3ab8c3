"""The automatic shred (issue 23, ADR 0028): of the learners an LA is responsible for, erase
those whose personal data has fallen due on a day and is not on legal hold.

Each erasure goes through the manual erasure's own path (``erase_personal_data``: the same
``PersonalDataErased`` event, the same key destruction, the same publication), made by the
system acting for the LA. The verdicts are the retention report's (``determination.retention``
and the pure policy), judged on the day of the run rather than at a month's end. A learner
erased is no longer held (``retention.holding``), so a second run erases nothing more; a legal
hold that arrives between the report and the erasure is refused by the record itself.

In stack mode each erasure's access-audit row (ADR 0025) is committed with its event, naming
the system (``SYSTEM_CLIENT``) as the client acting for the LA.
"""

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import sqlalchemy as sa

from determination import retention
from determination.domain.errors import LegalHoldError
from determination.domain.registry import LearnerRecord
from llwybr import access, access_record
from llwybr.access_record import AccessRow
from llwybr.personal_data.retention import judge
from llwybr.principal import Principal

#: The client named in the access audit for an erasure the schedule made.
SYSTEM_CLIENT = "system:retention"


@dataclass(frozen=True)
class Shredded:
    """One learner in a run's account."""

    learner_id: str
    schedule: str
    due_on: date | None
    legal_holds: tuple[str, ...] = ()


@dataclass
class ShredRun:
    """What a run did (or, dry, would do)."""

    local_authority: str
    on: date
    dry_run: bool
    erased: list[Shredded] = field(default_factory=list)
    held: list[Shredded] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        def lines(items: list[Shredded]) -> list[dict[str, object]]:
            return [
                {"learner_id": s.learner_id, "schedule": s.schedule,
                 "due_on": s.due_on.isoformat() if s.due_on else None,
                 "legal_holds": list(s.legal_holds)}
                for s in items
            ]  # fmt: skip

        return {
            "local_authority": f"la:{self.local_authority}", "on": self.on.isoformat(),
            "dry_run": self.dry_run, "erased": lines(self.erased), "held": lines(self.held),
        }  # fmt: skip


class Eraser(Protocol):
    """What the run needs of the service: its records and the manual erasure."""

    def learner_record(self, learner_id: str) -> LearnerRecord | None: ...

    def erase_personal_data(
        self, principal: Principal, learner_id: str, *, erased_on: date, schedule: str,
        recorded_by: str,
    ) -> object: ...  # fmt: skip


def system_principal(local_authority: str) -> Principal:
    """The system acting for the LA (the controller): the only one the erasure admits."""
    return Principal(SYSTEM_CLIENT, f"la:{local_authority}", frozenset())


def run(
    engine: sa.Engine, service: Eraser, local_authority: str, on: date, *,
    dry_run: bool = False, audit_schema: str | None = None,
    only: Collection[str] | None = None, ahead: Callable[[str], None] | None = None,
) -> ShredRun:  # fmt: skip
    """Erase the LA's learners due on ``on`` and not held; ``dry_run`` erases nothing.
    ``audit_schema``: the gateway's schema, where each erasure's access-audit row goes with
    its event (stack mode; None: no row, embedded mode's SQLite files cannot hold it).
    ``only``: the learners to consider (None: all of the LA's), for a run on a few.
    ``ahead``: told each learner about to be erased (embedded mode: the access-audit row
    written ahead, as the gateway writes it for a manual erasure)."""
    with engine.connect() as conn:
        holdings = retention.gather(conn, local_authority, service.learner_record)
    if only is not None:
        holdings = [h for h in holdings if h.learner_id in only]
    done = ShredRun(local_authority, on, dry_run)
    principal = system_principal(local_authority)
    for holding in holdings:
        verdict = judge(holding, on)
        line = Shredded(holding.learner_id, verdict.schedule, verdict.due_on, verdict.holds)
        if verdict.status == "held":
            done.held.append(line)
            continue
        if verdict.status != "due":
            continue
        if not dry_run:
            if ahead is not None:
                ahead(holding.learner_id)
            try:
                row = _row(holding.learner_id, principal, audit_schema)
                # The jurisdiction noted, so the LA's auditors see the row (ADR 0025).
                with access.noting_jurisdiction(), access_record.recording(row, {}):
                    service.erase_personal_data(
                        principal, holding.learner_id, erased_on=on,
                        schedule=verdict.schedule, recorded_by=principal.organisation,
                    )  # fmt: skip
            except LegalHoldError:  # an appeal lodged since the report: the record refused
                record = service.learner_record(holding.learner_id)
                holds = tuple(sorted(record.legal_holds)) if record else ()
                done.held.append(Shredded(line.learner_id, line.schedule, line.due_on, holds))
                continue
        done.erased.append(line)
    return done


def _row(learner_id: str, principal: Principal, schema: str | None) -> AccessRow | None:
    if schema is None:
        return None
    path = f"/v1/learners/{learner_id}/erasure"
    return AccessRow(
        request_id=f"retention-{uuid.uuid4()}", client_id=principal.subject,
        organisation=principal.organisation, method="POST", path=path,
        resource_id=learner_id, schema=schema,
    )  # fmt: skip
