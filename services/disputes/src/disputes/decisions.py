"""Decisions other services made that can be challenged here, learned from their public events.

The determination service's "decided" and "notice issued" events (whether ALN and, for a
young person outside a maintained school or FEI, an LA's "IDP not necessary") and the IDP
service's "opened", "issued", "review held", "transferred" and "ceased" events tell this
service which body decided what, and when the notice was given; every version "issued" names
is kept, so that compliance with an order to revise the plan cites one that exists. A
reconsideration request is checked against those facts, and an appeal's window runs from the
notice date learned, not from the appellant's word (``disputes.domain.learned``).

Each CloudEvent is parsed into its typed contract and dispatched on the contract's class.
"""

import uuid
from collections.abc import Mapping
from functools import singledispatch
from typing import Any

import sqlalchemy as sa

from contracts import determination as det
from contracts import idp
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, UnknownEventTypeError, parse
from disputes.domain import DecidingBodyKind
from disputes.domain.learned import (
    Decision,
    IssuedVersion,
    IssuedVersions,
    KnownDecision,
    LearnedDecisions,
)

metadata = sa.MetaData()

decisions = sa.Table(
    "challengeable_decisions",
    metadata,
    sa.Column("subject_id", sa.String(36), primary_key=True),
    # a ``Decision``: aln (a determination), idp_unnecessary, idp_issued, idp_review (not
    # revised), idp_ceased, and idp_maintainer (who maintains the plan now)
    sa.Column("decision", sa.String(16), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False),
    sa.Column("deciding_kind", sa.String(32), nullable=True),
    sa.Column("deciding_organisation", sa.String(64), nullable=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("notice_given_on", sa.Date, nullable=True),
    sa.Column("reconsideration_window_until", sa.Date, nullable=True),
)

#: Every plan version the IDP service issued: a Tribunal order to revise the plan is complied
#: with only by one of these (``disputes.domain.learned.check_version_issued``).
issued_versions = sa.Table(
    "learned_idp_versions",
    metadata,
    sa.Column("idp_id", sa.String(36), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False),
    sa.Column("issued_on", sa.Date, nullable=False),
    sa.Column("issued_by", sa.String(64), nullable=False),
    sa.Column("revision_reason", sa.String(32), nullable=True),
)

#: The kind of body an organisation id names (its prefix).
_KINDS = {
    "school": DecidingBodyKind.SCHOOL,
    "fei": DecidingBodyKind.FEI,
    "la": DecidingBodyKind.LOCAL_AUTHORITY,
}
#: The determination notices that give a decision that can be challenged.
_DECISION_NOTICES = frozenset({"has_aln", "no_aln", "idp_not_necessary"})


def learn(conn: sa.Connection, envelope: Envelope) -> None:
    """The tracked consumer's effect (in the same transaction as its dedup record)."""
    try:
        event = parse(envelope.type, envelope.data)
    except UnknownEventTypeError:
        return  # a type newer than this service: nothing it could learn from
    _learn(event, conn)


@singledispatch
def _learn(event: IntegrationEvent, conn: sa.Connection) -> None:
    """Events that say nothing about a decision that can be challenged here."""


@_learn.register
def _(event: det.Decided, conn: sa.Connection) -> None:
    values = {
        "learner_id": event.learner_id,
        "deciding_kind": event.deciding_body,
        "deciding_organisation": event.decided_by,
        "decided_on": event.decided_on,
    }
    _upsert(conn, event.determination_id, Decision.ALN, values)
    # The "IDP not necessary" decision is made with the decision that the young person has ALN.
    if not event.idp_necessary:
        _upsert(conn, event.determination_id, Decision.NOT_NECESSARY, values)


@_learn.register
def _(event: det.NoticeIssued, conn: sa.Connection) -> None:
    if event.notice_type not in _DECISION_NOTICES:
        return
    values = {"learner_id": event.learner_id, "notice_given_on": event.issued_on}
    _upsert(conn, event.determination_id, Decision.ALN, values)
    if event.notice_type == "idp_not_necessary":  # it gives both decisions
        _upsert(conn, event.determination_id, Decision.NOT_NECESSARY, values)


@_learn.register
def _(event: idp.IdpOpened, conn: sa.Connection) -> None:
    _maintained_by(conn, event, event.maintaining_organisation)


@_learn.register
def _(event: idp.ResponsibilityTransferred, conn: sa.Connection) -> None:
    _maintained_by(conn, event, event.to_organisation)


# The IDP service's events date the decision (the plan issued, the review meeting, the decision
# to cease), not the notice: the day a notice of them was given is the notifications service's
# fact, learned as ``FamilyNotices`` (ADR 0017); none is taken from these dates. The window to
# ask for a reconsideration of a cease (D11) is the IDP service's: ``ceased`` publishes it from
# the decision, ``notice-given-recorded`` from the cease notice; the latest is kept.


@_learn.register
def _(event: idp.IdpIssued, conn: sa.Connection) -> None:
    on = event.issued_on
    _upsert(conn, event.idp_id, Decision.ISSUED, {
        "learner_id": event.learner_id, "deciding_organisation": event.issued_by,
        "deciding_kind": _kind_of(event.issued_by), "decided_on": on,
    })  # fmt: skip
    key = (issued_versions.c.idp_id == str(event.idp_id)) & (
        issued_versions.c.version == event.plan_version
    )
    if conn.execute(sa.select(issued_versions.c.idp_id).where(key)).first() is None:
        conn.execute(issued_versions.insert().values(
            idp_id=str(event.idp_id), version=event.plan_version, learner_id=event.learner_id,
            issued_on=on, issued_by=event.issued_by, revision_reason=event.revision_reason,
        ))  # fmt: skip


@_learn.register
def _(event: idp.ReviewHeld, conn: sa.Connection) -> None:
    if event.outcome != "not_revised":
        return
    on = event.held_on
    _upsert(conn, event.idp_id, Decision.REVIEWED, {
        "learner_id": event.learner_id, **_maintainer(conn, event.idp_id), "decided_on": on,
    })  # fmt: skip


@_learn.register
def _(event: idp.Ceased, conn: sa.Connection) -> None:
    window = event.reconsideration_window_until
    body = _maintainer(conn, event.idp_id)
    if window is not None:  # only a school's decision opens the 4 weeks to the LA
        body["deciding_kind"] = DecidingBodyKind.SCHOOL
    on = event.decided_on
    _upsert(conn, event.idp_id, Decision.CEASED, {
        "learner_id": event.learner_id, **body, "decided_on": on,
        "reconsideration_window_until": window,
    })  # fmt: skip


#: The IDP's notices its D11 runs from (the later of the two cease notices, s.31(8), (9)).
_CEASE_NOTICES = frozenset({"cease_proposed", "idp_ceased"})


@_learn.register
def _(event: idp.NoticeGivenRecorded, conn: sa.Connection) -> None:
    """The IDP service's D11 after a cease notice was given or bounced: read here, never
    recounted (ADR 0017), with the day the notice told the family if later. The given day
    kept is the latest the IDP recorded: its window covers the notices up to it."""
    window = event.reconsideration_window_until
    if event.notice_kind not in _CEASE_NOTICES or window is None:
        return  # None: the IDP's window is unchanged
    if event.quoted_until is not None:
        window = max(window, event.quoted_until)
    before = known(conn, str(event.idp_id), Decision.CEASED)
    if before is None:
        return  # D11 follows a decision to cease, learned first (``ceased``)
    covered = before.notice_given_on
    if event.given_on is not None:
        covered = max(covered or event.given_on, event.given_on)
    _upsert(conn, event.idp_id, Decision.CEASED, {
        "learner_id": event.learner_id, "notice_given_on": covered,
        "reconsideration_window_until": window,
    })  # fmt: skip


def _maintained_by(conn: sa.Connection, event: idp.IdpEvent, organisation: str) -> None:
    _upsert(conn, event.idp_id, Decision.MAINTAINER, {
        "learner_id": event.learner_id, "deciding_organisation": organisation,
        "deciding_kind": _kind_of(organisation),
    })  # fmt: skip


def _kind_of(organisation: str) -> str | None:
    return _KINDS.get(organisation.partition(":")[0])


def _maintainer(conn: sa.Connection, plan: uuid.UUID) -> dict[str, Any]:
    """The body that maintains the plan, as last learned (it made the plan's decisions)."""
    maintainer = known(conn, str(plan), Decision.MAINTAINER)
    if maintainer is None:
        return {"deciding_kind": None, "deciding_organisation": None}
    return {
        "deciding_kind": maintainer.deciding_kind,
        "deciding_organisation": maintainer.deciding_organisation,
    }


def _upsert(
    conn: sa.Connection, subject: uuid.UUID, decision: Decision, values: Mapping[str, Any]
) -> None:
    subject_id = str(subject)
    row = (decisions.c.subject_id == subject_id) & (decisions.c.decision == decision)
    if conn.execute(sa.select(decisions.c.subject_id).where(row)).first() is None:
        conn.execute(decisions.insert().values(subject_id=subject_id, decision=decision, **values))
    else:
        conn.execute(decisions.update().where(row).values(**values))


def known(conn: sa.Connection, subject_id: str, decision: Decision) -> KnownDecision | None:
    """What was learned of ``subject_id``'s ``decision``, if anything."""
    row = conn.execute(
        sa.select(decisions).where(
            decisions.c.subject_id == subject_id, decisions.c.decision == decision
        )
    ).first()
    return KnownDecision(**row._mapping) if row else None


def learned_versions(engine: sa.Engine) -> IssuedVersions:
    """The lookup a compliance with an order to revise the plan is checked against."""

    def lookup(idp_id: str, version: int) -> IssuedVersion | None:
        with engine.connect() as conn:
            row = conn.execute(
                sa.select(issued_versions).where(
                    issued_versions.c.idp_id == idp_id, issued_versions.c.version == version
                )
            ).first()
        return IssuedVersion(**row._mapping) if row else None

    return lookup


def learned_decisions(engine: sa.Engine) -> LearnedDecisions:
    """The lookup the application checks requests and appeals against."""

    def lookup(subject_id: uuid.UUID, decision: Decision) -> KnownDecision | None:
        with engine.connect() as conn:
            return known(conn, str(subject_id), decision)

    return lookup
