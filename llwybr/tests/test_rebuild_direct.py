"""A rebuild's direct writes (``llwybr.rebuild.DirectWrites``) leave the same rows as
SQLAlchemy's execution of the same statements, and leave to SQLAlchemy what they cannot do."""

from datetime import date
from typing import Any

import sqlalchemy as sa

from llwybr.rebuild import DirectWrites, scratch_engine

metadata = sa.MetaData()
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("case_id", sa.String(36), primary_key=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("has_aln", sa.Boolean, nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False, default="school"),
)
INSERT = cases.insert()
UPDATE = cases.update().where(cases.c.case_id == sa.bindparam("key"))
DROP = cases.delete().where(cases.c.case_id == sa.bindparam("key"))


def _writes(conn: Any) -> None:
    conn.execute(INSERT, [{"case_id": f"c{n}", "version": 1, "kind": "la"} for n in range(3)])
    conn.execute(INSERT, {"case_id": "c9", "version": 1})  # the column's default: SQLAlchemy's
    conn.execute(UPDATE, {"key": "c1", "decided_on": date(2026, 3, 20), "has_aln": True})
    conn.execute(UPDATE, {"key": "c2", "version": 2, "has_aln": False})
    conn.execute(DROP, {"key": "c0"})
    conn.execute(cases.update().where(cases.c.case_id == "c2").values(version=3))


def _rows(conn: sa.Connection) -> list[Any]:
    return [tuple(r) for r in conn.execute(sa.select(cases).order_by(cases.c.case_id))]


def test_direct_writes_leave_the_rows_sqlalchemy_would() -> None:
    plain, direct = scratch_engine([cases]), scratch_engine([cases])
    with plain.begin() as conn:
        _writes(conn)
        expected = _rows(conn)
    with direct.begin() as conn:
        writes = DirectWrites(conn)
        _writes(writes)
        found = _rows(conn)
    assert found == expected
    assert ("c1", date(2026, 3, 20), True, 1, "la") in found
    assert ("c9", None, None, 1, "school") in found
    taken = {plan[0] for plan in writes._plans.values() if plan is not None}
    assert taken == {INSERT, UPDATE, DROP}  # the default's insert went through SQLAlchemy
    assert None in writes._plans.values()
