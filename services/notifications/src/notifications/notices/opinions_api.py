"""The public API of a health body's s.64 opinion: record it (the parent is told), bring it to
the LA's attention (after the parent, once), read it back."""

from datetime import date, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field, field_validator, model_validator

from llwybr.edge import principal_of
from llwybr.problems import ProblemError
from notifications.notices import access, opinions
from notifications.notices.api import RESPONSES, Model, Name, NoticeOut
from notifications.notices.planning.health import (
    DiscussionDateError,
    LocalAuthorityAlreadyToldError,
    NotAHealthBodyError,
    Officer,
    Opinion,
    ParentNotYetInformedError,
    require_health_body,
)
from notifications.notices.transport import valid_address

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    NotAHealthBodyError: (403, "not-a-health-body"),
    ParentNotYetInformedError: (409, "parent-not-yet-informed"),
    LocalAuthorityAlreadyToldError: (409, "local-authority-already-told"),
    DiscussionDateError: (422, "invalid-date"),
}

router = APIRouter(tags=["notices"], responses=RESPONSES)

BASE = "/v1/notices/health-body-opinions"
OpinionId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]


class OfficerModel(Model):
    """The officer of the health body the parent may discuss the opinion with."""

    name: Name
    email: Annotated[str | None, Field(max_length=320)] = None
    phone: Annotated[str | None, Field(min_length=3, max_length=40)] = None

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str | None) -> str | None:
        if value is not None and not valid_address(value):
            raise ValueError(f"{value!r} is not an email address")
        return value

    @model_validator(mode="after")
    def _reachable(self) -> "OfficerModel":
        if self.email is None and self.phone is None:
            raise ValueError("give the officer's email address or telephone number, or both")
        return self


class HealthBodyOpinionIn(Model):
    learner_id: Annotated[
        str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    ] = Field(description="The child; their parents come from the contacts registry")
    local_authority: Annotated[
        str, Field(pattern=r"^la:[A-Za-z0-9_.-]{1,40}$", examples=["la:665"])
    ] = Field(description="The LA responsible for the child, to be told after the parent")
    formed_on: date = Field(description="The day the body formed its opinion")
    officer: OfficerModel


class LocalAuthorityNoticeIn(Model):
    discussed_on: date | None = Field(
        default=None, description="The day the parent discussed the opinion with the officer"
    )


class HealthBodyOpinionOut(BaseModel):
    opinion_id: str
    learner_id: str
    health_body: str
    local_authority: str
    formed_on: date
    officer: OfficerModel
    recorded_at: datetime
    recorded_by: str
    parent_informed_on: date | None = Field(
        description="The day a parent's notice was given (set when the LA is told)"
    )
    discussed_on: date | None
    local_authority_told_at: datetime | None
    notices: list[NoticeOut] = Field(
        description="The parents' notices (an escalated one waits for a contact), then the LA's"
    )


def _engine(request: Request) -> sa.Engine:
    engine: sa.Engine = request.app.state.engine
    return engine


def _today(request: Request) -> date:
    today: date = request.app.state.settings.today_in_wales()
    return today


def _not_after_today(request: Request, day: date | None, what: str) -> None:
    if day is not None and day > _today(request):
        raise ProblemError(
            422, "Unprocessable Content", f"{what} ({day}) is in the future", kind="invalid-date"
        )


def _view(conn: sa.Connection, row: Any) -> HealthBodyOpinionOut:
    officer = OfficerModel.model_construct(
        name=row.officer_name, email=row.officer_email, phone=row.officer_phone
    )
    data = dict(row._mapping)
    return HealthBodyOpinionOut(
        **data,
        officer=officer,
        notices=[NoticeOut.of(n) for n in opinions.notices_of(conn, row.opinion_id)],
    )


@router.post(
    BASE,
    status_code=201,
    summary="Record a health body's opinion that an under-five probably has ALN; tell the parent",
)
def record_opinion(body: HealthBodyOpinionIn, request: Request) -> HealthBodyOpinionOut:
    """ALN Act s.64, first step: the child's parent (each registered parent) is told of the
    body's opinion, that the body will bring it to the LA's attention, and whom to discuss it
    with. Only an NHS body (local health board or NHS trust) may. With no parent registered,
    the opinion is still recorded and the parent's notice is escalated until a parent's contact
    is registered (``PUT /v1/contacts/learners/{learner_id}``)."""
    principal = principal_of(request)
    require_health_body(principal.organisation)
    _not_after_today(request, body.formed_on, "the opinion's date")
    officer = body.officer
    opinion = Opinion(
        opinions.new_id(),
        body.learner_id,
        principal.organisation,
        body.local_authority,
        body.formed_on,
        Officer(officer.name, officer.email, officer.phone),
    )
    with _engine(request).begin() as conn:
        opinions.record(conn, opinion, principal.actor)
        row = opinions.find(conn, opinion.opinion_id)
        return _view(conn, row)


@router.post(
    f"{BASE}/{{opinion_id}}/local-authority",
    status_code=201,
    summary="Bring the opinion to the LA's attention (after the parent has been told; once)",
)
def bring_to_local_authority(
    opinion_id: OpinionId, request: Request, body: LocalAuthorityNoticeIn | None = None
) -> HealthBodyOpinionOut:
    """ALN Act s.64, last step: a notice to the responsible LA stating the opinion and the day
    the parent was told. Refused (409) until a parent's notice has been given, and after the
    LA has been told."""
    principal = principal_of(request)
    discussed_on = body.discussed_on if body else None
    _not_after_today(request, discussed_on, "the discussion's date")
    with _engine(request).begin() as conn:
        row = opinions.find(conn, opinion_id)
        access.require_opinion(principal, row)
        assert row is not None
        if principal.organisation != row.health_body:
            raise ProblemError(
                403,
                "Forbidden",
                f"only {row.health_body}, which formed the opinion, brings it to the LA",
                kind="not-responsible",
            )
        opinions.bring_to_local_authority(conn, opinion_id, discussed_on, principal.actor)
        return _view(conn, opinions.find(conn, opinion_id))


@router.get(f"{BASE}/{{opinion_id}}", summary="A health body's opinion and its notices")
def get_opinion(opinion_id: OpinionId, request: Request) -> HealthBodyOpinionOut:
    with _engine(request).connect() as conn:
        row = opinions.find(conn, opinion_id)
        access.require_opinion(principal_of(request), row)
        return _view(conn, row)
