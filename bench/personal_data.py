"""The cost of sealing learners' personal fields (issue 23, ADR 0023), in-process.

Measured on the determination service layer, with and without the vault, on SQLite (files of
its own) and PostgreSQL (a database of its own on ``make test``'s server):

- the command path: raising a concern about a new learner (their data key made, wrapped and
  stored; names and date of birth sealed in two events), per command;
- reading the learner (the seals opened) with the key cached, and with no cache (the wrapped
  key read and unwrapped on each read: another process just after a shred);
- replay: loading the learner's record and the case again (every seal opened);
- one field sealed and opened alone (AES-256-GCM), in microseconds.

Run: ``python -m bench.personal_data [--concerns 300] [--no-postgres]``. Writes
``bench/results/personal_data.json``. Figures only: nothing is asserted.
"""

import argparse
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from bench.report import ms, percentile, table, write
from determination.application import Concern, DeterminationService
from determination.domain import Circumstances, Learner, Setting
from llwybr.db import create_engine
from llwybr.personal_data.cipher import new_data_key, open_sealed, seal
from llwybr.personal_data.kek import KeyRing
from llwybr.personal_data.vault import Vault
from llwybr.principal import Principal
from llwybr.settings import RuntimeSettings, ServiceSettings
from llwybr_testkit import base_runtime, create_database, drop_database

SCHOOL = Principal("alnco", "school:6652001", frozenset())
LA = Principal("officer", "la:665", frozenset())


def concern(n: int) -> Concern:
    learner = Learner(
        learner_id="", given_name=f"Cerys{n}", family_name="Jones",
        date_of_birth=date(2017, 5, 2), setting=Setting.MAINTAINED_SCHOOL,
        setting_id="6652001", local_authority="665",
    )  # fmt: skip
    circumstances = Circumstances(raised_with="school:6652001")
    return Concern(learner, circumstances, "school:6652001", date(2026, 3, 2), f"b-{n}")


def timed(calls: int, step: Callable[[int], Any]) -> list[float]:
    times = []
    for n in range(calls):
        started = time.perf_counter()
        step(n)
        times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> dict[str, float]:
    return {"p50_ms": ms(percentile(times, 50)), "p95_ms": ms(percentile(times, 95)),
            "mean_ms": ms(sum(times) / len(times))}  # fmt: skip


@contextmanager
def store(kind: str, directory: Path, name: str) -> Iterator[ServiceSettings]:
    if kind == "sqlite":
        runtime = RuntimeSettings(mode="embedded", var_dir=directory / name)
        yield ServiceSettings(service="determination", runtime=runtime)
        return
    base = base_runtime()
    dbname = create_database(base, prefix="llwybr_bench_pd")
    runtime = base.model_copy(update={"postgres_dbname": dbname, "mode": "stack"})
    try:
        yield ServiceSettings(service="determination", runtime=runtime)
    finally:
        drop_database(base, dbname)


def run(kind: str, sealed: bool, concerns: int, directory: Path) -> dict[str, Any]:
    name = f"{kind}-{'sealed' if sealed else 'plain'}"
    with store(kind, directory, name) as settings:
        create_engine(settings).dispose()
        app = DeterminationService(settings.eventsourcing_env())
        vault = None
        if sealed:
            ring = KeyRing.from_file(directory / "kek.json", create=True)
            vault_settings = ServiceSettings(
                service="personal_data", runtime=settings.runtime, postgres_schema="personal_data"
            )
            vault = Vault(create_engine(vault_settings), ring)
            vault.migrate()
            app.use_vault(vault)
        try:
            learners: list[str] = []
            cases: list[UUID] = []

            def raise_one(n: int) -> None:
                raised = app.raise_concern(SCHOOL, concern(n))
                learners.append(raised.learner_id)
                cases.append(raised.determination_id)

            results = {"raise_concern": summary(timed(concerns, raise_one))}
            results["read_learner_cached"] = summary(
                timed(concerns, lambda n: app.learner(LA, learners[n]))
            )
            if vault is not None:
                vault.cache_seconds = 0
            results["read_learner_uncached"] = summary(
                timed(concerns, lambda n: app.learner(LA, learners[n]))
            )
            results["replay_case"] = summary(
                timed(concerns, lambda n: app.repository.get(cases[n]))
            )
        finally:
            app.close()
    return results


def field_micro(iterations: int) -> dict[str, float]:
    key, value = new_data_key(), b'"Cerys"'
    started = time.perf_counter()
    tokens = [seal(key, value, "l-1/given_name") for _ in range(iterations)]
    sealed = time.perf_counter() - started
    started = time.perf_counter()
    for token in tokens:
        open_sealed(key, token, "l-1/given_name")
    opened = time.perf_counter() - started
    return {"seal_us": round(sealed / iterations * 1e6, 2),
            "open_us": round(opened / iterations * 1e6, 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concerns", type=int, default=300)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgres"]
    results: dict[str, Any] = {"field": field_micro(20_000), "concerns": args.concerns}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            for sealed in (False, True):
                figures = run(kind, sealed, args.concerns, Path(tmp))
                results[f"{kind}-{'sealed' if sealed else 'plain'}"] = figures
                for step, f in figures.items():
                    label = f"{kind} {'sealed' if sealed else 'plain'} {step}"
                    rows.append([label, f["p50_ms"], f["p95_ms"], f["mean_ms"]])
    print(table(["step", "p50 ms", "p95 ms", "mean ms"], rows))
    field = results["field"]
    print(f"one field: seal {field['seal_us']} us, open {field['open_us']} us")
    print(f"written to {write('personal_data', results)}")


if __name__ == "__main__":
    main()
