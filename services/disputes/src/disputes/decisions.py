"""Decisions other services made that can be challenged here, learned from their public events.

The determination service's "decided" and "notice issued" events (whether ALN and, for a
young person outside a maintained school or FEI, an LA's "IDP not necessary") and the IDP
service's
"opened", "issued", "review held", "transferred" and "ceased" events tell this service which
body decided what, and when the notice was given. A reconsideration request is checked against
those facts, and an appeal's window runs from the notice date learned, not from the appellant's
word (``reconcile``).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from contracts.envelope import Envelope
from disputes.domain import AppealMatter, FactsDifferError, ReconsiderationKind

metadata = sa.MetaData()

decisions = sa.Table(
    "challengeable_decisions",
    metadata,
    sa.Column("subject_id", sa.String(36), primary_key=True),
    # aln (a determination), idp_unnecessary (an LA's "IDP not necessary" in a determination),
    # idp_issued, idp_review (not revised), idp_ceased, and idp_maintainer (who maintains the
    # plan now: the body whose plan it is)
    sa.Column("decision", sa.String(16), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False),
    sa.Column("deciding_kind", sa.String(32), nullable=True),
    sa.Column("deciding_organisation", sa.String(64), nullable=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("notice_given_on", sa.Date, nullable=True),
    sa.Column("reconsideration_window_until", sa.Date, nullable=True),
)

ALN, ISSUED, REVIEWED, CEASED_PLAN, MAINTAINER = (
    "aln", "idp_issued", "idp_review", "idp_ceased", "idp_maintainer",
)  # fmt: skip
NOT_NECESSARY = "idp_unnecessary"

DECIDED = "wales.aln.determination.decided.v1"
NOTICE = "wales.aln.determination.notice-issued.v1"
OPENED = "wales.aln.idp.opened.v1"
ISSUED_EVENT = "wales.aln.idp.issued.v1"
REVIEW_HELD = "wales.aln.idp.review-held.v1"
TRANSFERRED = "wales.aln.idp.responsibility-transferred.v1"
CEASED = "wales.aln.idp.ceased.v1"

#: The decision a reconsideration challenges (R2 and R3: the school's plan itself).
RECONSIDERED: dict[ReconsiderationKind, str] = {
    ReconsiderationKind.R1: ALN,
    ReconsiderationKind.R2: MAINTAINER,
    ReconsiderationKind.R3: MAINTAINER,
    ReconsiderationKind.R4: CEASED_PLAN,
}
#: The decision an appeal on each matter is against, when another service made it (an LA's
#: reconsiderations are this service's own).
APPEALED: dict[AppealMatter, str] = {
    AppealMatter.WHETHER_ALN: ALN,
    AppealMatter.ALN_DESCRIPTION: ISSUED,
    AppealMatter.ALP: ISSUED,
    AppealMatter.ALP_IN_WELSH: ISSUED,
    AppealMatter.NAMED_SCHOOL: ISSUED,
    AppealMatter.IDP_NOT_NECESSARY: NOT_NECESSARY,
    AppealMatter.DECISION_NOT_TO_REVISE: REVIEWED,
    AppealMatter.DECISION_TO_CEASE: CEASED_PLAN,
}
_KINDS = {"school": "school", "fei": "fei", "la": "local_authority"}


@dataclass(frozen=True)
class KnownDecision:
    """What this service learned about one decision."""

    subject_id: str
    decision: str
    learner_id: str
    deciding_kind: str | None
    deciding_organisation: str | None
    decided_on: date | None
    notice_given_on: date | None
    reconsideration_window_until: date | None


def _kind_of(organisation: str) -> str | None:
    return _KINDS.get(organisation.partition(":")[0])


def _upsert(conn: sa.Connection, subject_id: str, decision: str, values: dict[str, Any]) -> None:
    row = (decisions.c.subject_id == subject_id) & (decisions.c.decision == decision)
    if conn.execute(sa.select(decisions.c.subject_id).where(row)).first() is None:
        conn.execute(decisions.insert().values(subject_id=subject_id, decision=decision, **values))
    else:
        conn.execute(decisions.update().where(row).values(**values))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def learn(conn: sa.Connection, envelope: Envelope) -> None:
    """The tracked consumer's effect (in the same transaction as its dedup record)."""
    data, kind = envelope.data, envelope.type
    if kind in {DECIDED, NOTICE}:
        _learn_determination(conn, kind, data)
        return
    if "idp_id" not in data:
        return
    plan, ids = data["idp_id"], {"learner_id": data["learner_id"]}
    if kind in {OPENED, TRANSFERRED}:
        organisation = data.get("maintaining_organisation") or data["to_organisation"]
        _upsert(conn, plan, MAINTAINER, {**ids, "deciding_organisation": organisation,
                                         "deciding_kind": _kind_of(organisation)})  # fmt: skip
    elif kind == ISSUED_EVENT:
        on = _day(data["issued_on"])  # the plan is the notice
        _upsert(conn, plan, ISSUED, {**ids, "deciding_organisation": data["issued_by"],
                                     "deciding_kind": _kind_of(data["issued_by"]),
                                     "decided_on": on, "notice_given_on": on})  # fmt: skip
    elif kind == REVIEW_HELD and data["outcome"] == "not_revised":
        maintainer = known(conn, plan, MAINTAINER)
        on = _day(data["held_on"])
        _upsert(conn, plan, REVIEWED, {**ids, **_body_of(maintainer), "decided_on": on,
                                       "notice_given_on": on})  # fmt: skip
    elif kind == CEASED:
        window = _day(data["reconsideration_window_until"])
        body = _body_of(known(conn, plan, MAINTAINER))
        if window is not None:  # only a school's decision opens the 4 weeks to the LA
            body["deciding_kind"] = "school"
        on = _day(data["decided_on"])
        _upsert(conn, plan, CEASED_PLAN, {**ids, **body, "decided_on": on,
                                          "notice_given_on": on,
                                          "reconsideration_window_until": window})  # fmt: skip


def _learn_determination(conn: sa.Connection, kind: str, data: dict[str, Any]) -> None:
    # The "IDP not necessary" decision is made with the decision that the young person has
    # ALN, and its notice gives both; events from before it existed lack the field.
    if kind == NOTICE and data["notice_type"] not in {"has_aln", "no_aln", "idp_not_necessary"}:
        return
    values: dict[str, Any] = {"learner_id": data["learner_id"]}
    if kind == DECIDED:
        values.update(deciding_kind=data["deciding_body"],
                      deciding_organisation=data["decided_by"],
                      decided_on=_day(data["decided_on"]))  # fmt: skip
        not_necessary = not data.get("idp_necessary", True)
    else:
        values["notice_given_on"] = _day(data["issued_on"])
        not_necessary = data["notice_type"] == "idp_not_necessary"
    _upsert(conn, data["determination_id"], ALN, values)
    if not_necessary:
        _upsert(conn, data["determination_id"], NOT_NECESSARY, values)


def _body_of(maintainer: KnownDecision | None) -> dict[str, Any]:
    if maintainer is None:
        return {"deciding_kind": None, "deciding_organisation": None}
    return {
        "deciding_kind": maintainer.deciding_kind,
        "deciding_organisation": maintainer.deciding_organisation,
    }


def known(conn: sa.Connection, subject_id: str, decision: str) -> KnownDecision | None:
    """What was learned of ``subject_id``'s ``decision``, if anything."""
    row = conn.execute(
        sa.select(decisions).where(
            decisions.c.subject_id == subject_id, decisions.c.decision == decision
        )
    ).first()
    return KnownDecision(**row._mapping) if row else None


def reconcile_notice(stated: date | None, learned: KnownDecision | None) -> date | None:
    """The notice date an appeal's window runs from: the one learned from the body that gave
    the notice; a different date stated by the appellant is refused, not believed."""
    if learned is None or learned.notice_given_on is None:
        return stated
    if stated is not None and stated != learned.notice_given_on:
        raise FactsDifferError(
            f"the notice of that decision was given on {learned.notice_given_on}, not on {stated}"
        )
    return learned.notice_given_on
