"""The cost of the sealed contacts on the notifications' read path (issue 23, ADR 0023).

Reading a learner's contacts (``contacts.learner_contacts``: their name and two parents' names
and emails, five seals opened) on SQLite, with no vault (as before #23), with the vault and its
key cache, and with no cache (the wrapped key read and unwrapped on each read). Figures only.

Run: ``python -m bench.personal_contacts [--learners 300]``; writes
``bench/results/personal_contacts.json``.
"""

import argparse
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.personal_data import summary, timed
from bench.report import table, write
from llwybr.personal_data import bound
from llwybr.personal_data.kek import KeyRing
from llwybr.personal_data.vault import Vault
from notifications.notices.contacts import learner_contacts, set_learner_contacts
from notifications.tables import metadata

PARENTS = [
    {"role": "parent", "name": "Siân Jones", "email": "sian@example.org"},
    {"role": "parent", "name": "Tom Jones", "email": "tom@example.org"},
]


def run(directory: Path, learners: int, sealed: bool) -> dict[str, Any]:
    engine = sa.create_engine(f"sqlite:///{directory / ('sealed' if sealed else 'plain')}.db")
    metadata.create_all(engine)
    vault = None
    if sealed:
        ring = KeyRing.from_file(directory / "kek.json", create=True)
        vault = Vault(sa.create_engine(f"sqlite:///{directory / 'keys.db'}"), ring)
        vault.migrate()
        bound.bind(engine, vault)
    ids = [f"learner-{n}" for n in range(learners)]
    with engine.begin() as conn:
        for learner_id in ids:
            set_learner_contacts(conn, learner_id, "Cerys", PARENTS, "bench", None)

    def read(n: int) -> None:
        with engine.connect() as conn:
            assert learner_contacts(conn, ids[n]) is not None

    results = {"read_contacts" + ("_cached" if sealed else ""): summary(timed(learners, read))}
    if vault is not None:
        vault.cache_seconds = 0
        results["read_contacts_uncached"] = summary(timed(learners, read))
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=300)
    args = parser.parse_args()
    results: dict[str, Any] = {"learners": args.learners}
    with tempfile.TemporaryDirectory() as tmp:
        for sealed in (False, True):
            results.update(run(Path(tmp), args.learners, sealed))
    rows = [[step, f["p50_ms"], f["p95_ms"], f["mean_ms"]] for step, f in results.items()
            if isinstance(f, dict)]  # fmt: skip
    print(table(["sqlite step", "p50 ms", "p95 ms", "mean ms"], rows))
    print(f"written to {write('personal_contacts', results)}")


if __name__ == "__main__":
    main()
