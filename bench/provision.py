"""The provision monitor's full scan at scale (issue 24): every plan in force judged against
its schedule, as the worker ``idp.provision`` does once a day.

Plans (default 30,000, each with 3 scheduled elements and a term of weekly delivery records,
about 50 events) are made once through the IDP domain and stored in the IDP service's store on
``make test``'s PostgreSQL, in the database ``llwybr_bench_provision`` (kept for later runs of
the same size; drop it to free the space). The read model the monitor lists plans from
(``idp_plans``) is written directly: what is measured is the scan, not the projection.

Then ``idp.monitor.judge_all`` on a day in the spring: a first round (which records the
shortfalls it finds: a third of the plans are delivered at 2/3 of their schedule), a full
scan with nothing to change (the first round of each day), and the next round that day,
incremental (only plans whose version moved are judged again). Plans per second and
milliseconds per plan, and where the time goes (loading a plan, finding its calendar,
judging).

Run: ``python -m bench.provision [--plans N]`` (``BENCH_PROVISION_PLANS``; a quick run:
``--plans 3000``). Writes ``bench/results/provision.json``.
"""

import argparse
import os
import time
from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import psycopg
import sqlalchemy as sa
from psycopg import sql

from bench.report import table, write
from contracts.determination import CalendarPublished, Term
from idp import monitor
from idp.application import IdpService
from idp.application.base import Calendars
from idp.domain import (
    AlnDescription,
    AlpElement,
    AlpSchedule,
    Idp,
    Maintainer,
    MaintainerKind,
    OnePageProfile,
    OpeningReason,
    Period,
    ProviderKind,
    Section1,
    Section3,
)
from idp.domain.provision import ShortfallPolicy
from idp.main import SPEC as IDP
from idp.projections import plans
from llwybr.clock import DEFAULT_RULES, RuleId, TermCalendar, compute_deadline
from llwybr.clock import Term as LlwybrTerm
from llwybr.service import prepare_storage
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import base_runtime, postgres_conninfo

DATABASE = "llwybr_bench_provision"
#: Bump when the way the plans are made changes.
FORMAT = 2
SCHOOL = "school:6652001"
ISSUED_ON = date(2026, 9, 7)
JUDGED_ON = date(2027, 2, 12)
CALENDAR = CalendarPublished(
    calendar_id=SCHOOL, calendar_name="Ysgol Example 2026/27", calendar_version=1,
    terms=[Term(name="Autumn 1", start=date(2026, 9, 7), end=date(2026, 10, 23)),
           Term(name="Autumn 2", start=date(2026, 11, 2), end=date(2026, 12, 18)),
           Term(name="Spring 1", start=date(2027, 1, 5), end=date(2027, 2, 12))],
    closures=[],
)  # fmt: skip
SCHOOL_DAYS = TermCalendar(
    SCHOOL, CALENDAR.calendar_name, 1,
    tuple(LlwybrTerm(t.start, t.end, t.name) for t in CALENDAR.terms),
)  # fmt: skip
ELEMENT = AlpElement(
    element_id="e1",
    intended_outcome="Reads a short text aloud with 90% accuracy by July",
    provision="Structured phonics programme, one to one",
    delivered_by="Teaching assistant trained in the programme",
    frequency="",
    duration="",
    in_welsh=True,
    provider_kind=ProviderKind.SCHOOL,
    provider_organisation=SCHOOL,
    start_on=ISSUED_ON,
    review_or_end_on=date(2027, 7, 16),
    rationale="Decoding is the main barrier found in the assessments",
    schedule=AlpSchedule(sessions=3, minutes_each=30, per=Period.WEEK),
)
ELEMENTS = [replace(ELEMENT, element_id=f"e{n}") for n in (1, 2, 3)]


def plan(n: int) -> Idp:
    """Plan ``n``, issued with 3 scheduled elements, and one record a week of each element's
    sessions from issue to the judged day: in full, or (every third plan) 2 of the 3."""
    idp = Idp.open(
        learner_id=f"bench-learner-{n}", maintainer=Maintainer(MaintainerKind.SCHOOL, SCHOOL),
        opened_on=date(2026, 6, 1), determination_id=None,
        preparation_deadline=compute_deadline(DEFAULT_RULES, RuleId.D1, date(2026, 5, 1)),
        looked_after=False, reason=OpeningReason.ALN_DECISION,
    )  # fmt: skip
    idp.set_section_1(Section1("Cerys Jones", date(2017, 5, 2), "Welsh", "Child: not needed"))
    idp.set_one_page_profile(OnePageProfile("Kind, funny", "My dog, Mam", "Quiet space"))
    idp.set_aln_description(AlnDescription("Dyslexia", "Slow reading in all subjects", None))
    for element in ELEMENTS:
        idp.add_alp_element(element)
    idp.set_welsh_language_decision("ALP in Welsh: the learner's home and school language")
    idp.set_section_3(Section3("Educational psychologist report", "Transition at Year 6"))
    review_by = compute_deadline(DEFAULT_RULES, idp.review_rule, ISSUED_ON)
    idp.issue(issued_on=ISSUED_ON, review_by=review_by, issued_by="ALNCo")
    sessions = 2 if n % 3 == 0 else 3
    monday = ISSUED_ON
    while monday <= JUDGED_ON:
        if not SCHOOL_DAYS.is_school_day(monday):  # no record in the holidays
            monday += timedelta(days=7)
            continue
        for element in ELEMENTS:
            idp.record_delivery(
                element_id=element.element_id, on=monday, delivered=True, sessions=sessions,
                minutes=30 * sessions, missed_reason=None, recorded_by=SCHOOL,
            )  # fmt: skip
        monday += timedelta(days=7)
    return idp


def settings_of(runtime: RuntimeSettings) -> ServiceSettings:
    return ServiceSettings(service=IDP.name, runtime=runtime, postgres_schema=IDP.name)


def ensure_data(base: RuntimeSettings, count: int) -> tuple[RuntimeSettings, float | None]:
    """The database holding ``count`` plans (made now, or kept from an earlier run); its
    runtime settings and the seconds spent making it (None if kept)."""
    runtime = base.model_copy(update={"postgres_dbname": DATABASE})
    wanted = f"{FORMAT}:{count}"
    admin = postgres_conninfo(base, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
        if exists.fetchone():
            with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as bench:
                found = bench.execute(
                    "SELECT 1 FROM pg_tables WHERE tablename = 'bench_dataset'"
                ).fetchone() and bench.execute(
                    "SELECT 1 FROM bench_dataset WHERE fingerprint = %s", (wanted,)
                ).fetchone()  # fmt: skip
            if found:
                return runtime, None
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    started = time.monotonic()
    engine, application = prepare_storage(settings_of(runtime), IDP)
    assert isinstance(application, IdpService)
    try:
        application.save(*application.adopt_calendar(CALENDAR))
        rows = []
        for n in range(count):
            idp = plan(n)
            application.save(idp)
            rows.append({
                "idp_id": str(idp.id), "learner_id": idp.learner_id, "organisation": SCHOOL,
                "maintainer_kind": "school", "status": "active", "plan_version": 1,
                "opened_on": date(2026, 6, 1), "issued_on": ISSUED_ON, "version": idp.version,
                "changed_at_position": n + 1,
            })  # fmt: skip
            if len(rows) == 1000 or n == count - 1:
                with engine.begin() as conn:
                    conn.execute(sa.insert(plans), rows)
                rows = []
                print(f"  {n + 1} plans made", flush=True)
    finally:
        application.close()
        engine.dispose()
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_dataset (fingerprint text)")
        conn.execute("INSERT INTO bench_dataset VALUES (%s)", (wanted,))
        conn.execute("VACUUM ANALYZE")
    return runtime, time.monotonic() - started


def parts(application: IdpService, ids: list[UUID], policy: ShortfallPolicy) -> dict[str, float]:
    """Seconds per plan spent loading it, finding its calendar, and judging it (a sample)."""
    spent = {"load": 0.0, "calendar": 0.0, "judge": 0.0}
    calendars: Calendars = {}  # as the monitor keeps them over a round
    for idp_id in ids:
        started = time.perf_counter()
        idp = application.get_as(idp_id, Idp)
        loaded = time.perf_counter()
        calendar = application.plan_calendar(idp, calendars)
        found = time.perf_counter()
        idp.judge_provision(idp.provision(calendar, as_of=JUDGED_ON, policy=policy), JUDGED_ON)
        spent["load"] += loaded - started
        spent["calendar"] += found - loaded
        spent["judge"] += time.perf_counter() - found
    return {k: v / len(ids) for k, v in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = int(os.environ.get("BENCH_PROVISION_PLANS", "30000"))
    parser.add_argument("--plans", type=int, default=default)
    args = parser.parse_args()
    runtime, made = ensure_data(base_runtime(), args.plans)
    print(f"{args.plans} plans " + (f"made in {made:.0f} s" if made else "(kept)"), flush=True)
    engine, application = prepare_storage(settings_of(runtime), IDP)
    assert isinstance(application, IdpService)
    policy = ShortfallPolicy()
    results: dict[str, Any] = {"plans": args.plans, "elements": 3 * args.plans, "made_s": made}
    rows = []
    try:
        with engine.connect() as conn:
            ids = [UUID(r.idp_id) for r in conn.execute(sa.select(plans.c.idp_id))]
        breakdown = parts(application, ids[:500], policy)
        judged: monitor.Judged = {}  # what the worker keeps between its rounds
        for round_name, kept in (
            ("first round (records shortfalls: new data only)", None),
            ("full scan, no change", judged),
            ("next round that day (incremental)", judged),
        ):
            started = time.perf_counter()
            changed = monitor.judge_all(engine, application, JUDGED_ON, policy, kept)
            seconds = time.perf_counter() - started
            per_plan = round(seconds / len(ids) * 1000, 2)
            rows.append([round_name, len(ids), len(changed), round(seconds, 1),
                         round(len(ids) / seconds), per_plan])  # fmt: skip
    finally:
        application.close()
        engine.dispose()
    results["rounds"] = [dict(zip(("round", "plans", "changed", "s", "plans_per_s", "ms_per_plan"),
                                  r, strict=True)) for r in rows]  # fmt: skip
    results["ms_per_plan_parts"] = {k: round(v * 1000, 3) for k, v in breakdown.items()}
    print(table(["round", "plans", "changed", "s", "plans/s", "ms/plan"], rows))
    print("per plan (ms, a sample of 500): " + ", ".join(
        f"{k} {v}" for k, v in results["ms_per_plan_parts"].items()))  # fmt: skip
    write("provision", results)


if __name__ == "__main__":
    main()
