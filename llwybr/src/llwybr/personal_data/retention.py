"""Retention schedules and legal hold: when a learner's personal data falls due for erasure,
and what stops it (issue 23). Pure: the facts come in, a verdict comes out; the erasure itself
is the registry's command (``POST /v1/learners/{id}/erasure``), which names the schedule.

The defaults are our reading of the guidance LAs follow for SEN/ALN files, marked [U]:
the IRMS Records Management Toolkit (the schedule most LAs in England and Wales adopt) keeps
an SEN/ALN file until the learner's date of birth + 25 years, and a record of a case that
ends without ALN, or of an appeal, from its closure. Each LA may replace any row.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RecordKind(StrEnum):
    ALN_FILE = "aln_file"  # a learner found to have ALN: decisions, IDPs, reviews
    NO_ALN = "no_aln"  # a determination that ended without ALN (or withdrawn)
    TRIBUNAL_APPEAL = "tribunal_appeal"  # an appeal's own record


class Anchor(StrEnum):
    BIRTH = "birth"  # from the learner's date of birth
    CLOSURE = "closure"  # from the day the case closed


@dataclass(frozen=True)
class Schedule:
    id: str
    kind: RecordKind
    anchor: Anchor
    years: int
    source: str


DEFAULT_SCHEDULES: tuple[Schedule, ...] = (
    Schedule("aln-file-25", RecordKind.ALN_FILE, Anchor.BIRTH, 25, "IRMS toolkit, SEN files [U]"),
    Schedule("no-aln-6", RecordKind.NO_ALN, Anchor.CLOSURE, 6, "limitation period [U]"),
    Schedule("appeal-6", RecordKind.TRIBUNAL_APPEAL, Anchor.CLOSURE, 6, "limitation period [U]"),
)


@dataclass(frozen=True)
class Holding:
    """What is held about one learner, as the facts say (the longest-lived kind decides)."""

    learner_id: str
    kind: RecordKind
    born_on: date
    closed_on: date | None  # None while the case is open: nothing falls due
    legal_holds: tuple[str, ...] = ()  # e.g. "appeal:<id>": an open Tribunal case or complaint


@dataclass(frozen=True)
class Verdict:
    learner_id: str
    schedule: str
    due_on: date | None  # None: not yet known (the case is open)
    status: str  # "due", "held" (due, but a legal hold stops it), "not-due", "open"
    holds: tuple[str, ...] = ()


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none: the day after 28 February
        return date(day.year + years, 3, 1)


def schedule_for(kind: RecordKind, schedules: tuple[Schedule, ...]) -> Schedule:
    return next(s for s in schedules if s.kind is kind)


def judge(
    holding: Holding, on: date, schedules: tuple[Schedule, ...] = DEFAULT_SCHEDULES
) -> Verdict:
    """Whether the learner's personal data is due for erasure on ``on``."""
    schedule = schedule_for(holding.kind, schedules)
    anchor = holding.born_on if schedule.anchor is Anchor.BIRTH else holding.closed_on
    if holding.closed_on is None or anchor is None:
        # An open case is never erased, whatever the learner's age.
        return Verdict(holding.learner_id, schedule.id, None, "open")
    due = max(add_years(anchor, schedule.years), holding.closed_on)
    if due > on:
        return Verdict(holding.learner_id, schedule.id, due, "not-due")
    if holding.legal_holds:
        return Verdict(holding.learner_id, schedule.id, due, "held", holding.legal_holds)
    return Verdict(holding.learner_id, schedule.id, due, "due")


@dataclass(frozen=True)
class MonthlyReport:
    """What falls due in a month (to erase), what is overdue but held, for the LA to act on."""

    year: int
    month: int
    due: tuple[Verdict, ...]
    held: tuple[Verdict, ...]


def monthly_report(
    holdings: list[Holding], year: int, month: int,
    schedules: tuple[Schedule, ...] = DEFAULT_SCHEDULES,
) -> MonthlyReport:  # fmt: skip
    """Everything due by the month's last day: to erase (no hold) or held."""
    next_month = date(year + month // 12, month % 12 + 1, 1)
    month_end = date.fromordinal(next_month.toordinal() - 1)
    verdicts = [judge(h, month_end, schedules) for h in holdings]
    return MonthlyReport(
        year,
        month,
        tuple(v for v in verdicts if v.status == "due"),
        tuple(v for v in verdicts if v.status == "held"),
    )
