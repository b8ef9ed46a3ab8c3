"""Organisation scoping of notices, contacts and reminders.

A body sees the notices and contacts of the learners the events connect it with (it decided,
maintains a plan, was referred to, is the LA responsible, ...), and the notices it gave or
received; an auditor reads those of its jurisdiction and writes nothing. A notice or learner a
caller may not see is reported as not found: existence itself is personal data.
"""

from typing import Any

import sqlalchemy as sa

from llwybr.principal import Principal
from llwybr.problems import ProblemError
from notifications.notices import store
from notifications.tables import notice_learner_organisations, notice_learners, notices

WHOLE_OF_WALES = "wales"


def _auditor_sees(principal: Principal, local_authority: str | None) -> bool:
    return principal.org_id == WHOLE_OF_WALES or local_authority == f"la:{principal.org_id}"


def may_read_learner(conn: sa.Connection, principal: Principal, learner_id: str) -> bool:
    if principal.kind == "auditor":
        return _auditor_sees(principal, store.learner(conn, learner_id)[1])
    return principal.organisation in store.linked(conn, learner_id)


def require_learner(conn: sa.Connection, principal: Principal, learner_id: str) -> None:
    if not may_read_learner(conn, principal, learner_id):
        raise ProblemError(
            404,
            "Not Found",
            f"no learner {learner_id} known to this organisation's notices",
            kind="not-found",
        )


def require_writer(principal: Principal) -> None:
    if principal.kind == "auditor":
        raise ProblemError(403, "Forbidden", "auditors read; they do not write", kind="read-only")


def require_notice(conn: sa.Connection, principal: Principal, notice: Any) -> None:
    """The caller gave or received the notice, or may read the learner's notices."""
    if (
        notice is not None
        and principal.kind != "auditor"
        and principal.organisation
        in (
            notice.issuer,
            notice.recipient_organisation,
        )
    ):
        return
    if notice is None or not may_read_learner(conn, principal, notice.learner_id):
        raise ProblemError(404, "Not Found", "no such notice", kind="not-found")


def visible_notices(principal: Principal) -> sa.ColumnElement[bool]:
    """The notices a caller may list (for a query joined with ``notice_learners``)."""
    if principal.kind == "auditor":
        if principal.org_id == WHOLE_OF_WALES:
            return sa.true()
        return notice_learners.c.local_authority == f"la:{principal.org_id}"
    org = principal.organisation
    linked = sa.select(notice_learner_organisations.c.learner_id).where(
        notice_learner_organisations.c.organisation == org
    )
    return sa.or_(
        notices.c.issuer == org,
        notices.c.recipient_organisation == org,
        notices.c.learner_id.in_(linked),
    )


def may_set_organisation_contact(principal: Principal, organisation: str) -> bool:
    """An organisation sets its own; an LA its schools' and FEIs' (their establishment numbers
    begin with its number); the system administrator any."""
    if principal.kind == "system":
        return True
    if principal.organisation == organisation:
        return principal.kind != "auditor"
    kind, _, ident = organisation.partition(":")
    return (
        principal.kind == "la" and kind in {"school", "fei"} and ident.startswith(principal.org_id)
    )


def require_opinion(principal: Principal, opinion: Any) -> None:
    """A health body's opinion is read by the body that formed it, by the LA once it has been
    brought to its attention (never before the parent has been told), and by auditors."""
    visible = opinion is not None and (
        principal.organisation == opinion.health_body
        or (
            principal.organisation == opinion.local_authority
            and opinion.local_authority_told_at is not None
        )
        or (principal.kind == "auditor" and _auditor_sees(principal, opinion.local_authority))
    )
    if not visible:
        raise ProblemError(404, "Not Found", "no such health body opinion", kind="not-found")
