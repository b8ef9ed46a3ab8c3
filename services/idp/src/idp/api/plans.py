"""Plans: opened on an LA's direction, listed (by page, or changed since a cursor), read, and
their issued versions exactly as issued (also as a bilingual PDF)."""

from datetime import UTC, date, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Path, Query, Response

from idp.api.answers import IssuedVersion
from idp.api.common import (
    MAINTAIN_REFUSALS,
    EngineDep,
    IdpId,
    ServiceDep,
    resource_router,
)
from idp.api.schemas import OpenIn, PlanChanges, PlanOut, PlanPage
from idp.domain import Maintainer
from idp.domain.errors import (
    IdpAlreadyOpenError,
    InvalidPlanContentError,
    UnknownVersionError,
)
from idp.projections import list_plans
from idp.rendering import render_idp
from llwybr.access import WRITE_REFUSALS, Capability, audience
from llwybr.edge import BIGINT_MAX, Accepted, CallerDep, Line, created, today_in_wales
from llwybr.principal import Principal
from llwybr.problem_types import raises

router = resource_router()


@router.post(
    "",
    status_code=201,
    summary="Open a plan on an LA's direction",
    description="Only the learner's responsible LA or the LA looking after them directs a plan "
    "(an LA that may not see the learner gets the one 404), to a school or FEI the learner is "
    "enrolled at (else 403 `not-enrolled`). One plan per learner: 409 if they have one.",
    openapi_extra=raises(
        IdpAlreadyOpenError,
        InvalidPlanContentError,
        refusals={
            **WRITE_REFUSALS,
            **MAINTAIN_REFUSALS,
            "not-an-authority": "Only a local authority directs a plan to be opened (s.14).",
        },
    ),
)
def open_plan(body: OpenIn, response: Response, caller: CallerDep, service: ServiceDep) -> Accepted:
    plan_id, version = service.open_on_direction(
        caller,
        learner_id=body.learner_id,
        maintainer=Maintainer.from_dict(body.maintainer.model_dump()),
        opened_on=body.opened_on,
        looked_after=body.looked_after,
    )
    return created(response, f"/v1/idps/{plan_id}", plan_id, version)


@router.get(
    "",
    summary="List plans (by maintaining body, status, review due), by page",
    openapi_extra=raises(),
)
def find_plans(
    caller: CallerDep,
    engine: EngineDep,
    learner_id: Annotated[Line | None, Query(max_length=64)] = None,
    status: Annotated[Line | None, Query(max_length=32)] = None,
    review_due_before: date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[Line | None, Query(max_length=36)] = None,
) -> PlanPage:
    """The plans the caller may read (those it maintains, its learners', an auditor's
    jurisdiction), optionally one learner's (`learner_id`), by `status` or with a review due
    before a day (`review_due_before`). Each item is a plan's summary: its learner, its
    maintaining body (`organisation`, `maintainer_kind`), `status` and dates (opened,
    preparation due, issued, review due); read one plan whole with `GET /v1/idps/{idp_id}`."""
    items = _in_scope(
        engine,
        caller,
        learner_id=learner_id,
        status=status,
        review_due_before=review_due_before,
        limit=limit,
        after=after,
    )
    return PlanPage(items=items, next_after=items[-1]["idp_id"] if len(items) == limit else None)


@router.get(
    "-changes", summary="Plans changed since a cursor (for MIS that poll)", openapi_extra=raises()
)
def plan_changes(
    caller: CallerDep,
    engine: EngineDep,
    response: Response,
    after: Annotated[int, Query(ge=0, le=BIGINT_MAX)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> PlanChanges:
    """Each plan the caller may read that changed after the cursor `after`, oldest change
    first, at its latest state. Keep the answer's `next_after` and send it as `after` next
    time; an empty page keeps it. (`cursor`, the same value, is deprecated.)"""
    items = _in_scope(
        engine,
        caller,
        learner_id=None,
        status=None,
        review_due_before=None,
        limit=limit,
        changed_after=after,
    )
    return PlanChanges.after(items, after, response)


def _in_scope(engine: sa.Engine, caller: Principal, **filters: Any) -> list[dict[str, Any]]:
    """The plans the caller may read (``llwybr.access.audience``) that pass ``filters``."""
    with engine.connect() as conn:
        return list_plans(conn, audience=audience(caller, Capability.READ), **filters)


@router.get(
    "/{idp_id}",
    summary="A plan: its draft, deadlines, reviews and history",
    description="Each deadline has `provisional` (computed without the setting's term calendar: "
    "the date will change when the calendar is published) and `state` (`open`, `met`, `missed`, "
    "`cancelled`), `overdue` and `days_left`, judged as `/v1/reminders` judges it. The maintaining "
    "body, the providers of its ALP, the learner's LAs and settings, and the auditors of the "
    "jurisdiction may read it; anyone else gets the one 404.",
    openapi_extra=raises(),
)
def get_plan(idp_id: IdpId, response: Response, caller: CallerDep, service: ServiceDep) -> PlanOut:
    """The plan as it stands: who maintains it, its draft, its issued versions, its review
    and other statutory deadlines, and its history. Its `version` is the `ETag`."""
    plan = service.plan(caller, idp_id, today_in_wales())
    response.headers["ETag"] = f'"{plan.version}"'
    return PlanOut.model_validate(plan, from_attributes=True)


@router.get(
    "/{idp_id}/versions/{number}",
    summary="An issued version, exactly as issued",
    response_model=IssuedVersion,
    response_model_exclude_unset=True,
    openapi_extra=raises(UnknownVersionError),
)
def get_version(
    idp_id: IdpId,
    number: Annotated[int, Path(ge=1, le=BIGINT_MAX)],
    caller: CallerDep,
    service: ServiceDep,
) -> dict[str, Any]:
    """Version `number` of the plan as it was issued, never changed by later drafts: the
    record of what the family was given. Whoever may read the plan may read its versions; a
    version not issued (yet) is a 404."""
    return service.issued_version(caller, idp_id, number)


@router.get(
    "/{idp_id}/versions/{number}/pdf",
    summary="An issued version as a bilingual PDF on the standard form",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
    openapi_extra=raises(UnknownVersionError),
)
def get_version_pdf(
    idp_id: IdpId,
    number: Annotated[int, Path(ge=1, le=BIGINT_MAX)],
    caller: CallerDep,
    service: ServiceDep,
) -> Response:
    """The issued version on the standard IDP form, Welsh and English, as a PDF to give or
    send to the family. Whoever may read the plan may read it; a version not issued is a
    404."""
    document = service.version_document(caller, idp_id, number)
    issued = datetime.combine(date.fromisoformat(document.issued_on), datetime.min.time())
    pdf = render_idp(document, created_at=issued.replace(tzinfo=UTC))
    filename = f"idp-{idp_id}-v{number}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
