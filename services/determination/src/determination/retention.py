"""An LA's retention report (issue 23): what falls due for erasure in a month, per learner it
is responsible for, with the schedule, the date the schedule counts from and any legal hold.

The verdict is the pure policy's (``llwybr.personal_data.retention``); this module only
gathers its facts, each from its owner: the kind of record and the closure from this service's
cases (the read model), the date of birth and the legal holds from the registry's record (the
holds as the disputes service published them). An ALN file counts from the date of birth but
is never due while its case is open; the IDP's own closure is the IDP service's fact, not read
here yet, so a learner with ALN is reported "open" [not done].
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from determination.domain.registry import LearnerRecord
from determination.projections.model import OPEN_STATUSES, cases, learner_relations
from llwybr.access import Relationship
from llwybr.personal_data.retention import (
    DEFAULT_SCHEDULES,
    Anchor,
    Holding,
    RecordKind,
    monthly_report,
    schedule_for,
)


@dataclass(frozen=True)
class Due:
    """One learner's line in the report."""

    learner_id: str
    record_kind: str
    schedule: str
    basis: str  # "birth" or "closure": what the schedule counts from
    basis_date: date | None
    due_on: date | None
    status: str  # due / held (a legal hold stops it)
    legal_holds: tuple[str, ...]


def responsible_cases(conn: sa.Connection, local_authority: str) -> dict[str, list[Any]]:
    """The cases of the learners the LA is responsible for (their retention is its duty),
    by learner."""
    learners = sa.select(learner_relations.c.learner_id).where(
        learner_relations.c.organisation == f"la:{local_authority}",
        learner_relations.c.relationship == Relationship.RESPONSIBLE_LA.value,
    )
    rows = conn.execute(
        sa.select(cases.c.learner_id, cases.c.status, cases.c.has_aln, cases.c.decided_on,
                  cases.c.decision_cancelled_on, cases.c.came_to_attention_on)
        .where(cases.c.learner_id.in_(learners))
    ).all()  # fmt: skip
    found: dict[str, list[Any]] = {}
    for row in rows:
        found.setdefault(row.learner_id, []).append(row)
    return found


def holding(record: LearnerRecord, learner_cases: Sequence[Any]) -> Holding | None:
    """What is held about the learner, as the facts say; None once erased (nothing held)."""
    if record.erasure is not None or record.date_of_birth is None:
        return None
    aln = any(c.has_aln for c in learner_cases)
    open_case = any(c.status in OPEN_STATUSES for c in learner_cases)
    closures = [c.decided_on or c.decision_cancelled_on or c.came_to_attention_on
                for c in learner_cases]  # fmt: skip
    closed_on = None if open_case or aln or not closures else max(closures)
    return Holding(
        learner_id=record.learner_id,
        kind=RecordKind.ALN_FILE if aln else RecordKind.NO_ALN,
        born_on=record.date_of_birth,
        closed_on=closed_on,
        legal_holds=tuple(sorted(record.legal_holds)),
    )


def report(holdings: Sequence[Holding], year: int, month: int) -> tuple[list[Due], list[Due]]:
    """(due, held) by the month's end: the policy's verdicts with the facts they rest on."""
    verdicts = monthly_report(list(holdings), year, month)
    by_id = {h.learner_id: h for h in holdings}

    def line(verdict: Any) -> Due:
        held = by_id[verdict.learner_id]
        schedule = schedule_for(held.kind, DEFAULT_SCHEDULES)
        birth = schedule.anchor is Anchor.BIRTH
        return Due(
            learner_id=verdict.learner_id, record_kind=held.kind.value,
            schedule=verdict.schedule, basis=schedule.anchor.value,
            basis_date=held.born_on if birth else held.closed_on, due_on=verdict.due_on,
            status=verdict.status, legal_holds=verdict.holds,
        )  # fmt: skip

    return [line(v) for v in verdicts.due], [line(v) for v in verdicts.held]


def gather(
    conn: sa.Connection, local_authority: str, record_of: Callable[[str], LearnerRecord | None]
) -> list[Holding]:
    """The holdings of the LA's learners (each record read once)."""
    found = []
    for learner_id, learner_cases in sorted(responsible_cases(conn, local_authority).items()):
        record = record_of(learner_id)
        held = holding(record, learner_cases) if record is not None else None
        if held is not None:
            found.append(held)
    return found
