"""``/v1/notices``: notices given, pending or escalated, with their proof; sending one again;
one the issuing body gave itself."""

from typing import Annotated, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Query

from llwybr.access import WRITE_REFUSALS, Capability
from llwybr.edge import CallerDep, Line
from llwybr.problem_types import raises
from llwybr.problems import ProblemError
from notifications.dependencies import EngineDep
from notifications.notices import access, contacts, personal, sender, store
from notifications.notices.api.schemas import (
    RESPONSES,
    GivenOutsideIn,
    NoticeDelivery,
    NoticeDetail,
    NoticeId,
    NoticeOut,
    NoticePage,
    NoticeReport,
    NoticeStatus,
)
from notifications.notices.model import NoticeKind
from notifications.notices.windows import OutsideChannel, given_outside_on
from notifications.tables import (
    REPORT_COLUMNS,
    notice_bounces,
    notice_deliveries,
    notices,
)

_NOT_ESCALATED = "The notice is not escalated (or changed meanwhile)."

router = APIRouter(tags=["notices"], responses=RESPONSES)


@router.get(
    "/v1/notices", summary="Notices given, pending or escalated, by page", openapi_extra=raises()
)
def list_notices(
    principal: CallerDep,
    engine: EngineDep,
    learner_id: Annotated[Line | None, Query(max_length=64)] = None,
    status: NoticeStatus | None = None,
    kind: NoticeKind | None = None,
    report: Annotated[
        Literal["permanent", "transient", "delivered", "unparsed"] | None,
        Query(description="Only notices with a delivery report (bounce) of this kind"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[Line | None, Query(max_length=36)] = None,
) -> NoticePage:
    """``status=escalated`` lists the notices that could not be delivered and
    ``status=bounced`` those that bounced after they were sent: both wait for a person to act
    (correct a contact, give the notice another way). ``report=unparsed`` lists notices whose
    bounce address received a message that is not a delivery report, for a person to read."""
    query = (
        sa.select(notices)
        .where(access.visible_notices(principal))
        .order_by(notices.c.notice_id)
        .limit(limit)
    )
    for column, value in (
        (notices.c.learner_id, learner_id),
        (notices.c.status, status),
        (notices.c.kind, kind.value if kind else None),
    ):
        if value is not None:
            query = query.where(column == value)
    if report is not None:
        reported = sa.select(notice_bounces.c.notice_id).where(notice_bounces.c.bounce == report)
        query = query.where(notices.c.notice_id.in_(reported))
    if after is not None:
        query = query.where(notices.c.notice_id > after)
    with engine.connect() as conn:
        items = [NoticeOut.of(row) for row in conn.execute(query)]
    return NoticePage(items=items, next_after=items[-1].notice_id if len(items) == limit else None)


@router.get(
    "/v1/notices/{notice_id}",
    summary="One notice with its proof and delivery attempts",
    openapi_extra=raises(),
)
def get_notice(notice_id: NoticeId, principal: CallerDep, engine: EngineDep) -> NoticeDetail:
    """One notice as it was given or is being given: its kind, recipient, status (`pending`,
    `given`, `escalated`, ...), the facts it states, its content as sent (HTML and text),
    each delivery attempt and any delivery reports (bounces). The proof a body shows when a
    notice's date is disputed. Whoever may read the learner's notices may read it; anyone
    else gets the one 404."""
    with engine.connect() as conn:
        row = store.notice(conn, notice_id)
        access.require_notice(conn, principal, Capability.READ_NOTICES, row)
        assert row is not None
        attempts = conn.execute(
            sa.select(notice_deliveries)
            .where(notice_deliveries.c.notice_id == notice_id)
            .order_by(notice_deliveries.c.attempt)
        ).all()
        reports = conn.execute(
            sa.select(*REPORT_COLUMNS)
            .where(notice_bounces.c.notice_id == notice_id)
            .order_by(notice_bounces.c.id)
        ).all()
        facts = personal.opened(conn, row.facts)  # the reasons it quotes, to its readers
    summary = NoticeOut.of(row).model_dump()
    return NoticeDetail(
        **summary,
        facts=facts,
        content_html=row.content_html,
        content_text=row.content_text,
        deliveries=[NoticeDelivery.model_validate(dict(a._mapping)) for a in attempts],
        reports=[NoticeReport.model_validate(dict(r._mapping)) for r in reports],
    )


@router.post(
    "/v1/notices/{notice_id}/redelivery",
    status_code=201,
    summary="Send an escalated notice again, to the recipient's current contact",
    openapi_extra=raises(
        refusals=WRITE_REFUSALS,
        problems={
            409: {
                "not-escalated": _NOT_ESCALATED,
                "no-contact": "No contact of the party is known to send it to.",
            }
        },
    ),
)
def redeliver(notice_id: NoticeId, principal: CallerDep, engine: EngineDep) -> NoticePage:
    """Sends an escalated or bounced notice again, to the recipient's contact as it is now (set it
    first with `PUT /v1/contacts/learners/{learner_id}`). Only a body that may write the
    learner's contacts may; a notice that is not escalated or bounced is refused (409
    `not-escalated`), and so is one whose recipient still has no contact (409 `no-contact`),
    keeping nothing. The answer lists the new notices created."""
    with engine.begin() as conn:
        row = store.notice(conn, notice_id, lock=True)  # the one read: checked, then sent again
        # sent again to the learner's current contact: by those who may set it
        access.require_notice(conn, principal, Capability.WRITE_CONTACTS, row)
        assert row is not None
        if row.status not in store.UNDELIVERED:
            raise ProblemError(
                409,
                "Conflict",
                f"the notice is {row.status}: only an escalated or bounced notice is sent again",
                kind="not-escalated",
            )
        created = contacts.redeliver(conn, row)
        rows = [r for r in (store.notice(conn, c) for c in created) if r is not None]
        if not any(r.status == store.PENDING for r in rows):
            # still nobody to send it to: refused, and nothing is kept (no new escalation,
            # no second "not delivered" to the issuer)
            raise ProblemError(
                409,
                "Conflict",
                "the recipient has no contact to send it to: set it first",
                kind="no-contact",
            )
    return NoticePage(items=[NoticeOut.of(r) for r in rows], next_after=None)


@router.post(
    "/v1/notices/{notice_id}/given-outside",
    summary="Record that the issuing body gave an escalated notice itself, by hand or post",
    openapi_extra=raises(
        refusals={
            **WRITE_REFUSALS,
            "not-the-issuer": "Only the body that gave the notice records it.",
        },
        problems={409: {"not-escalated": _NOT_ESCALATED}},
    ),
)
def given_outside(
    notice_id: NoticeId, body: GivenOutsideIn, principal: CallerDep, engine: EngineDep
) -> NoticeOut:
    """The day it counts as given is decided here (by hand: that day; by post: the second
    working day after posting) and published in ``notice-given`` like any other, with the
    window it opens from that day (ADR 0017). Only a body that may write the learner's
    contacts may record it, and only for an escalated notice never given (else 409)."""
    with engine.connect() as conn:
        row = store.notice(conn, notice_id)
        access.require_notice(conn, principal, Capability.WRITE_CONTACTS, row)
    assert row is not None
    if principal.organisation != row.issuer:
        raise ProblemError(
            403, "Forbidden", f"only {row.issuer} gave this notice", kind="not-the-issuer"
        )
    if row.status != store.ESCALATED or row.given_on is not None:
        raise ProblemError(
            409,
            "Conflict",
            f"the notice is {row.status}: only an escalated notice never given is recorded so",
            kind="not-escalated",
        )
    given_on = given_outside_on(OutsideChannel(body.channel), body.on)
    given = sender.give_outside(engine, dict(row._mapping), body.channel, given_on)
    if given is None:
        raise ProblemError(409, "Conflict", "the notice changed meanwhile", kind="not-escalated")
    return NoticeOut.of(given)
