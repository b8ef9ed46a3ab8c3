"""``/v1/notices/health-body-opinions``: record a health body's s.64 opinion (the parent is
told), bring it to the LA's attention (after the parent, once), read it back."""

from datetime import date
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter

from llwybr import command_keys
from llwybr.edge import CallerDep
from llwybr.problems import ProblemError
from notifications.dependencies import EngineDep, SettingsDep
from notifications.notices import access, opinions
from notifications.notices.api.schemas import (
    RESPONSES,
    HealthBodyOpinionIn,
    HealthBodyOpinionOut,
    LocalAuthorityNoticeIn,
    NoticeOut,
    OfficerModel,
    OpinionId,
)
from notifications.notices.planning.health import (
    DiscussionDateError,
    LocalAuthorityAlreadyToldError,
    NotAHealthBodyError,
    Officer,
    Opinion,
    ParentNotYetInformedError,
    require_health_body,
)
from notifications.settings import Settings

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    NotAHealthBodyError: (403, "not-a-health-body"),
    ParentNotYetInformedError: (409, "parent-not-yet-informed"),
    LocalAuthorityAlreadyToldError: (409, "local-authority-already-told"),
    DiscussionDateError: (422, "invalid-date"),
}

router = APIRouter(tags=["notices"], responses=RESPONSES)

BASE = "/v1/notices/health-body-opinions"


def _not_after_today(settings: Settings, day: date | None, what: str) -> None:
    if day is not None and day > settings.today_in_wales():
        raise ProblemError(
            422, "Unprocessable Content", f"{what} ({day}) is in the future", kind="invalid-date"
        )


def _view(conn: sa.Connection, row: Any) -> HealthBodyOpinionOut:
    officer = OfficerModel.model_construct(
        name=row.officer_name, email=row.officer_email, phone=row.officer_phone
    )
    return HealthBodyOpinionOut(
        **row._mapping,
        officer=officer,
        notices=[NoticeOut.of(n) for n in opinions.notices_of(conn, row.opinion_id)],
    )


@router.post(
    BASE,
    status_code=201,
    summary="Record a health body's opinion that an under-five probably has ALN; tell the parent",
)
def record_opinion(
    body: HealthBodyOpinionIn, principal: CallerDep, engine: EngineDep, settings: SettingsDep
) -> HealthBodyOpinionOut:
    """ALN Act s.64, first step: the child's parent (each registered parent) is told of the
    body's opinion, that the body will bring it to the LA's attention, and whom to discuss it
    with. Only an NHS body (local health board or NHS trust) may. With no parent registered,
    the opinion is still recorded and the parent's notice is escalated until a parent's contact
    is registered (``PUT /v1/contacts/learners/{learner_id}``)."""
    require_health_body(principal.organisation)
    _not_after_today(settings, body.formed_on, "the opinion's date")
    officer = body.officer
    opinion = Opinion(
        opinions.new_id(),
        body.learner_id,
        principal.organisation,
        body.local_authority,
        body.formed_on,
        Officer(officer.name, officer.email, officer.phone),
    )
    with engine.begin() as conn:
        opinions.record(conn, opinion, principal.actor)
        command_keys.record(conn, opinion.opinion_id, f"{BASE}/{opinion.opinion_id}")  # once
        row = opinions.find(conn, opinion.opinion_id)
        return _view(conn, row)


@router.post(
    f"{BASE}/{{opinion_id}}/local-authority",
    status_code=201,
    summary="Bring the opinion to the LA's attention (after the parent has been told; once)",
)
def bring_to_local_authority(
    opinion_id: OpinionId,
    principal: CallerDep,
    engine: EngineDep,
    settings: SettingsDep,
    body: LocalAuthorityNoticeIn | None = None,
) -> HealthBodyOpinionOut:
    """ALN Act s.64, last step: a notice to the responsible LA stating the opinion and the day
    the parent was told. Refused (409) until a parent's notice has been given, and after the
    LA has been told."""
    discussed_on = body.discussed_on if body else None
    _not_after_today(settings, discussed_on, "the discussion's date")
    with engine.begin() as conn:
        # the one read, locked: of two requests at once, one tells the LA
        row = opinions.find(conn, opinion_id, lock=True)
        access.require_opinion(principal, row)
        assert row is not None
        if principal.organisation != row.health_body:
            raise ProblemError(
                403,
                "Forbidden",
                f"only {row.health_body}, which formed the opinion, brings it to the LA",
                kind="not-responsible",
            )
        opinions.bring_to_local_authority(conn, row, discussed_on, principal.actor)
        return _view(conn, opinions.find(conn, opinion_id))


@router.get(f"{BASE}/{{opinion_id}}", summary="A health body's opinion and its notices")
def get_opinion(
    opinion_id: OpinionId, principal: CallerDep, engine: EngineDep
) -> HealthBodyOpinionOut:
    with engine.connect() as conn:
        row = opinions.find(conn, opinion_id)
        access.require_opinion(principal, row)
        return _view(conn, row)
