"""Decisions other services made that can be challenged here, learned from their public events.

The determination service's "decided" and "notice issued" events and the IDP service's
"ceased" events tell this service which body decided what and when the notice was given, so a
reconsideration request can be checked against the facts rather than the requester's word.
"""

from datetime import date
from typing import Any

import sqlalchemy as sa

from contracts.envelope import Envelope

metadata = sa.MetaData()

known_decisions = sa.Table(
    "known_decisions",
    metadata,
    sa.Column("subject_id", sa.String(36), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False),
    sa.Column("source", sa.String(16), nullable=False),  # determination / idp
    sa.Column("deciding_kind", sa.String(32), nullable=True),
    sa.Column("deciding_organisation", sa.String(64), nullable=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("notice_given_on", sa.Date, nullable=True),
    sa.Column("reconsideration_window_until", sa.Date, nullable=True),
)

DECIDED = "wales.aln.determination.decided.v1"
NOTICE = "wales.aln.determination.notice-issued.v1"
CEASED = "wales.aln.idp.ceased.v1"


def _upsert(conn: sa.Connection, subject_id: str, values: dict[str, Any]) -> None:
    row = known_decisions.c.subject_id == subject_id
    if conn.execute(sa.select(known_decisions.c.subject_id).where(row)).first() is None:
        conn.execute(known_decisions.insert().values(subject_id=subject_id, **values))
    else:
        conn.execute(known_decisions.update().where(row).values(**values))


def learn(conn: sa.Connection, envelope: Envelope) -> None:
    """The tracked consumer's effect (in the same transaction as its dedup record)."""
    data = envelope.data
    if envelope.type == DECIDED:
        _upsert(conn, data["determination_id"], {
            "learner_id": data["learner_id"], "source": "determination",
            "deciding_kind": data["deciding_body"], "deciding_organisation": data["decided_by"],
            "decided_on": date.fromisoformat(data["decided_on"]),
        })  # fmt: skip
    elif envelope.type == NOTICE and data["notice_type"] in {"has_aln", "no_aln"}:
        _upsert(conn, data["determination_id"], {
            "learner_id": data["learner_id"], "source": "determination",
            "notice_given_on": date.fromisoformat(data["issued_on"]),
        })  # fmt: skip
    elif envelope.type == CEASED:
        window = data["reconsideration_window_until"]
        _upsert(conn, data["idp_id"], {
            "learner_id": data["learner_id"], "source": "idp",
            "deciding_kind": "school" if window else None,
            "decided_on": date.fromisoformat(data["decided_on"]),
            "reconsideration_window_until": date.fromisoformat(window) if window else None,
        })  # fmt: skip


def known(conn: sa.Connection, subject_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        sa.select(known_decisions).where(known_decisions.c.subject_id == subject_id)
    ).first()
    return dict(row._mapping) if row else None
