"""Rebuilding every projection from 1,000,000 stored events, against a raw read of the rows.

The events are made once and kept in the database ``llwybr_bench_rebuild`` (PostgreSQL of
``make test``) for later runs: a few learners go through the real service layer (a concern,
the graduated response, an evidence request, a decision and its notice; for learners with ALN
the IDP the decision opens, through the IDP service's own consumer code, and its description
of ALN); their stored rows are the templates, copied with new ids (learner, determination,
plan) and a freshly computed integrity chain, and written with COPY. A changed template (the
domain changed) or another size makes the data again.

Then, for every service store: a raw psycopg read of the rows (server-side cursor), the
library's read with our mapper's decoding (no projection), and ``ProjectionRunner.rebuild`` of
each projection. Events per second each.

Run: ``make bench`` or ``python -m bench.rebuild [--events N]`` (also
``BENCH_REBUILD_EVENTS``; a quick run: ``--events 100000``). Writes
``bench/results/rebuild.json``.
"""

import argparse
import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg import sql

from bench.layers import ALNCO, amend, decide, raise_concern, record_evidence
from bench.report import table, write
from contracts.envelope import Envelope
from determination.application import DeterminationService
from determination.domain import Determination, NoticeType, Recipient
from determination.main import SPEC as DETERMINATION
from determination.publisher import translator
from disputes.main import SPEC as DISPUTES
from idp.application import IdpService
from idp.domain import Idp
from idp.main import SPEC as IDP
from llwybr.db import create_engine, create_tables
from llwybr.eventstore import INTEGRITY_KEY, ChainedApplication
from llwybr.integrity import GENESIS
from llwybr.projections import ProjectionRunner
from llwybr.service import ServiceSpec
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import base_runtime, postgres_conninfo

DATABASE = "llwybr_bench_rebuild"
#: Bump when the way the data is made changes.
FORMAT = 2
SPECS = (DETERMINATION, IDP, DISPUTES)
NOTICES = {
    True: {"decision_and_reasons": "Cerys has ALN; an IDP will be prepared"},
    False: {"decision_and_reasons": "No ALN: progress with universal provision is good",
            "contact_details": "ALNCo, Ysgol Example",
            "information_and_advice": "Wrexham ALN information service",
            "disagreement_resolution": "Wrexham disagreement resolution",
            "independent_advocacy": "Independent advocacy service",
            "right_to_ask_la_to_reconsider": "Ask Wrexham County Borough Council to reconsider"},
}  # fmt: skip


@dataclass(frozen=True)
class Template:
    """One stored event with placeholders for the ids a copy changes."""

    store: str  # "determination" or "idp"
    learner: int  # which template learner (0 has ALN, 1 has not)
    version: int
    topic: str
    stored: str  # the stored JSON without its integrity entry and closing brace
    canonical: str  # the canonical JSON of the state that the hash covers


LEARNER, CASE, PLAN = "@@LEARNER@@", "@@CASE@@", "@@PLAN@@"
CASE_HEX, PLAN_HEX = "@@CASEHEX@@", "@@PLANHEX@@"  # a UUID inside an event's state
NAMESPACE = uuid.UUID("6b1f4f8e-4c55-4d3c-9a7a-1d0e8c5b2f10")


def settings_of(runtime: RuntimeSettings, spec: ServiceSpec, schema: str) -> ServiceSettings:
    return ServiceSettings(service=spec.name, runtime=runtime, postgres_schema=schema)


def make_templates(runtime: RuntimeSettings) -> list[Template]:
    """Two learners (ALN and not) through the real service layer, in scratch schemas."""
    suffix = uuid.uuid4().hex[:6]
    det_settings = settings_of(runtime, DETERMINATION, f"tpl_det_{suffix}")
    idp_settings = settings_of(runtime, IDP, f"tpl_idp_{suffix}")
    for s in (det_settings, idp_settings):
        create_engine(s).dispose()
    determinations = DeterminationService(det_settings.eventsourcing_env())
    plans = IdpService(idp_settings.eventsourcing_env())
    templates: list[Template] = []
    try:
        for learner in (0, 1):
            has_aln = learner == 0
            case_id, learner_id = raise_concern(determinations, f"template-{suffix}-{learner}")
            record_evidence(determinations, case_id)
            determinations.request_evidence(
                ALNCO, case_id, request_id="declo-1", from_organisation="lhb:7A1",
                description="Paediatric reports", requested_on=date(2026, 3, 3),
            )  # fmt: skip
            decide(determinations, case_id, has_aln)
            determinations.issue_notice(
                ALNCO, case_id, notice_type=NoticeType("has_aln" if has_aln else "no_aln"),
                recipients=[Recipient("parent")], content=NOTICES[has_aln],
                issued_on=date(2026, 3, 20), issued_by="school:6652001",
            )  # fmt: skip
            ids = {learner_id: LEARNER, str(case_id): CASE, case_id.hex: CASE_HEX}
            if not has_aln:
                templates += _templates(determinations, "determination", learner, case_id, ids)
                continue
            decided = next(
                e for e in determinations.recorded_events(case_id)
                if isinstance(e.event, Determination.Decided)
            )  # fmt: skip
            publication = translator(determinations)(decided)
            assert publication is not None
            envelope = Envelope.wrap(
                publication.event, learner_id=publication.learner_id,
                aggregate_id=decided.originator_id, aggregate_version=decided.originator_version,
                time=decided.timestamp, integrity_hash=decided.integrity_hash,
            )  # fmt: skip
            opened = plans.on_public_event(envelope)  # what the IDP service's consumer does
            plans.save(*opened)
            # The IDP service assigns plan ids: the plan is the one it opened for the learner.
            plan_id = next(a.id for a in opened if isinstance(a, Idp))
            ids |= {str(plan_id): PLAN, plan_id.hex: PLAN_HEX}
            templates += _templates(determinations, "determination", learner, case_id, ids)
            amend(plans, plan_id)
            templates += _templates(plans, "idp", learner, plan_id, ids)
    finally:
        determinations.close()
        plans.close()
        with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
            for s in (det_settings, idp_settings):
                drop = sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(s.schema_name))
                conn.execute(drop)
    return templates


def _templates(
    app: ChainedApplication, store: str, learner: int, aggregate_id: uuid.UUID,
    ids: dict[str, str],
) -> list[Template]:  # fmt: skip
    found = []
    for stored in app.recorder.select_events(aggregate_id):
        state = json.loads(bytes(stored.state))
        del state[INTEGRITY_KEY]
        plain = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
        canonical = json.dumps(state, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        for real, placeholder in ids.items():
            plain = plain.replace(real, placeholder)
            canonical = canonical.replace(real, placeholder)
        found.append(Template(store, learner, stored.originator_version, stored.topic,
                              plain[:-1], canonical))  # fmt: skip
    return found


def ids_of(pair: int, learner: int) -> dict[str, str]:
    """The ids of one copy of a template learner (the same whichever store asks)."""
    learner_id = f"r{pair}-{learner}"
    case_id, plan_id = (
        uuid.uuid5(NAMESPACE, learner_id),
        uuid.uuid5(NAMESPACE, f"plan:{learner_id}"),
    )
    return {LEARNER: learner_id, CASE: str(case_id), PLAN: str(plan_id),
            CASE_HEX: case_id.hex, PLAN_HEX: plan_id.hex}  # fmt: skip


def copies(templates: list[Template], store: str, pairs: int) -> Iterator[tuple[Any, ...]]:
    """Rows (originator id, version, topic, state) of ``pairs`` copies of a store's templates,
    each aggregate's events in order and chained."""
    mine = [t for t in templates if t.store == store]
    originator_key = CASE if store == "determination" else PLAN
    for pair in range(pairs):
        ids = [ids_of(pair, 0), ids_of(pair, 1)]
        previous = GENESIS
        for t in mine:
            values = ids[t.learner]
            if t.version == 1:
                previous = GENESIS
            plain, canonical = t.stored, t.canonical
            for placeholder, value in values.items():
                plain = plain.replace(placeholder, value)
                canonical = canonical.replace(placeholder, value)
            originator = values[originator_key]
            # The canonical form chain_hash() hashes, written out (keys in sorted order).
            content = (
                f'{{"originator_id":"{originator}","originator_version":{t.version},'
                f'"previous_hash":"{previous}","state":{canonical},"topic":"{t.topic}"}}'
            )
            own = hashlib.sha256(content.encode()).hexdigest()
            state = f'{plain},"{INTEGRITY_KEY}":{{"previous_hash":"{previous}","hash":"{own}"}}}}'
            previous = own
            yield uuid.UUID(originator), t.version, t.topic, state.encode()


# -- the cached data ----------------------------------------------------------------------------


def fingerprint(templates: list[Template], pairs: int) -> str:
    parts = [
        f"{FORMAT}",
        f"{pairs}",
        *(f"{t.store}{t.version}{t.topic}{t.canonical}" for t in templates),
    ]
    # Dates, ids and times vary between template runs; the shapes of the events do not.
    return hashlib.sha256("|".join(_shape(p) for p in parts).encode()).hexdigest()[:16]


def _shape(text: str) -> str:
    return "".join("9" if c.isdigit() else c for c in text)


def ensure_data(base: RuntimeSettings, events: int) -> tuple[RuntimeSettings, int, float | None]:
    """The database holding ``events`` events (made now, or kept from an earlier run);
    returns its runtime settings, the exact count and the seconds spent making it (None if
    kept)."""
    templates = make_templates(base)
    per_pair = len(templates)
    pairs = max(1, round(events / per_pair))
    wanted = fingerprint(templates, pairs)
    runtime = base.model_copy(update={"postgres_dbname": DATABASE})
    admin = postgres_conninfo(base, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
        ).fetchone()
    if exists:
        with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
            found = conn.execute(
                "SELECT fingerprint FROM bench_dataset WHERE fingerprint = %s", (wanted,)
            ).fetchone() if _has_table(conn) else None  # fmt: skip
        if found:
            return runtime, pairs * per_pair, None
    started = time.monotonic()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    for spec, app_class in ((DETERMINATION, DeterminationService), (IDP, IdpService)):
        settings = settings_of(runtime, spec, spec.name)
        create_engine(settings).dispose()
        app_class(settings.eventsourcing_env()).close()  # its tables
        table_name = sql.Identifier(spec.name, f"{spec.name}_events")
        with psycopg.connect(postgres_conninfo(runtime)) as conn, conn.cursor() as cursor:
            copy = sql.SQL(
                "COPY {} (originator_id, originator_version, topic, state) FROM STDIN"
            ).format(table_name)  # fmt: skip
            with cursor.copy(copy) as writer:
                for row in copies(templates, spec.name, pairs):
                    writer.write_row(row)
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_dataset (fingerprint text, events bigint)")
        conn.execute("INSERT INTO bench_dataset VALUES (%s, %s)", (wanted, pairs * per_pair))
        conn.execute("VACUUM ANALYZE")
    return runtime, pairs * per_pair, time.monotonic() - started


def _has_table(conn: psycopg.Connection[Any]) -> bool:
    return conn.execute("SELECT to_regclass('public.bench_dataset')").fetchone() != (None,)


# -- the measurements ---------------------------------------------------------------------------


def raw_read(runtime: RuntimeSettings, store: str) -> int:
    """Every row of a store's events, in notification order, with a server-side cursor."""
    rows = 0
    with psycopg.connect(postgres_conninfo(runtime)) as conn, conn.cursor(name="raw") as cursor:
        cursor.itersize = 10_000
        cursor.execute(sql.SQL(
            "SELECT notification_id, originator_id, originator_version, topic, state "
            "FROM {} ORDER BY notification_id"
        ).format(sql.Identifier(store, f"{store}_events")))  # fmt: skip
        for row in cursor:
            rows += len(row[4]) > 0
    return rows


def decoded_read(app: ChainedApplication, section: int = 500) -> int:
    """Every notification through the library's read and our mapper (no projection)."""
    count, after = 0, 0
    mapper = app.chained_mapper
    while batch := app.select_notifications(after, section):
        for notification in batch:
            mapper.to_recorded_event(notification)
        count += len(batch)
        after = batch[-1].id
    return count


def timed(work: Any) -> tuple[Any, float, float]:
    """What ``work`` returns, its wall clock and this process's CPU seconds (on a loaded
    machine the wall clock moved 3x between runs; the CPU held still)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = int(os.environ.get("BENCH_REBUILD_EVENTS", "1000000"))
    parser.add_argument("--events", type=int, default=default)
    args = parser.parse_args()
    runtime, events, made = ensure_data(base_runtime(), args.events)
    print(
        f"{events} stored events "
        + (f"made in {made:.0f} s" if made else "(kept from an earlier run)"),
        flush=True,
    )
    results: dict[str, Any] = {"events": events, "made_s": made, "rows": []}
    for spec in SPECS:
        settings = settings_of(runtime, spec, spec.name)
        engine = create_engine(settings)
        create_tables(engine)
        for projection in spec.projections:
            for t in projection.tables:
                t.create(engine, checkfirst=True)
        app = spec.application(settings.eventsourcing_env())
        try:
            measures = []
            if spec.name != DISPUTES.name:
                measures.append(("raw psycopg read", lambda s=spec.name: raw_read(runtime, s)))
                measures.append(("library read + decode", lambda a=app: decoded_read(a)))
            for projection in spec.projections:
                runner = ProjectionRunner(projection, app, engine)
                measures.append((f"rebuild {projection.name}", runner.rebuild))
            for what, work in measures:
                count, seconds, cpu = timed(work)
                row = {"store": spec.name, "what": what, "events": count,
                       "seconds": round(seconds, 2), "cpu_s": round(cpu, 2),
                       "events_per_s": round(count / seconds) if seconds else None}  # fmt: skip
                results["rows"].append(row)
                print(f"  {spec.name}: {what}: {count} events in {seconds:.1f} s", flush=True)
        finally:
            app.close()
            engine.dispose()
    raw = {r["store"]: r["events_per_s"] for r in results["rows"] if r["what"].startswith("raw")}
    rows = []
    for r in results["rows"]:
        slower = raw.get(r["store"], 0) / r["events_per_s"] if r["events_per_s"] else None
        rows.append([r["store"], r["what"], r["events"], r["seconds"], r["cpu_s"],
                     r["events_per_s"], round(slower, 1) if slower else "-"])  # fmt: skip
    print(table(["store", "what", "events", "s", "cpu s", "events/s", "x slower than raw"], rows))
    write("rebuild", results)


if __name__ == "__main__":
    main()
