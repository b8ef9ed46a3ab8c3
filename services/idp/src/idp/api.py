"""The IDP service's HTTP API (internal: the gateway is the public entry).

Drafts are edited section by section; issuing freezes a numbered version (fetched exactly,
also as a bilingual PDF); later changes are revisions. Updates take ``If-Match``; errors are
problem+json from one table.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from idp import access
from idp.application import IdpService
from idp.domain import (
    AlnDescription,
    AlpElement,
    ClosureReason,
    Idp,
    IdpError,
    IdpIncompleteError,
    IdpInvalidTransitionError,
    IdpVersionFrozenError,
    InvalidPlanContentError,
    LacDetails,
    LaExtras,
    Maintainer,
    MaintainerKind,
    OnePageProfile,
    ProviderKind,
    ReviewOutcome,
    ReviewRequester,
    RevisionReason,
    Section1,
    Section3,
    TransferReason,
    UnknownAlpElementError,
    UnknownVersionError,
)
from idp.projections import alp_by_provider, list_plans, welsh_medium_sufficiency
from idp.rendering import render_idp
from idp.views import document_of
from llwybr.edge import ORGANISATION, IfMatch, Organisation, expected_version, principal_of
from llwybr.principal import Principal
from llwybr.problems import COMMON_RESPONSES, PROBLEM_JSON, Problem, ProblemError

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    IdpIncompleteError: (422, "idp-incomplete"),
    InvalidPlanContentError: (422, "invalid-plan-content"),
    IdpVersionFrozenError: (409, "version-frozen"),
    IdpInvalidTransitionError: (409, "invalid-transition"),
    UnknownAlpElementError: (404, "unknown-element"),
    UnknownVersionError: (404, "unknown-version"),
    IdpError: (422, "idp"),
}

Text = Annotated[str, Field(max_length=20_000)]
_problem = {"model": Problem, "content": {PROBLEM_JSON: {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    400: {**_problem, "description": "A malformed header (If-Match) or body"},
    403: {**_problem, "description": "Only the maintaining body may do this"},
    404: {**_problem, "description": "No such plan, version or element"},
    409: {**_problem, "description": "The plan's state does not allow it"},
    412: {**_problem, "description": "If-Match names a version that is no longer current"},
}
router = APIRouter(prefix="/v1/idps", tags=["idps"], responses=RESPONSES)
IdpId = Annotated[UUID, Path(description="The plan's id (one per learner)")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MaintainerIn(Model):
    kind: MaintainerKind
    organisation: Organisation


class OpenIn(Model):
    learner_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
    maintainer: MaintainerIn
    opened_on: date
    looked_after: bool = False


class Section1In(Model):
    learner_name: Annotated[str, Field(min_length=1, max_length=200)]
    date_of_birth: date
    home_language: Annotated[str, Field(min_length=2, max_length=40)]
    consent_and_capacity: Text


class OnePageProfileIn(Model):
    what_people_like_and_admire: Text
    what_is_important: Text
    how_best_to_support: Text


class AlnDescriptionIn(Model):
    description: Text
    impact_on_learning: Text
    reasons_where_disputed: Text | None = None


class AlpElementIn(Model):
    element_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,32}$")]
    intended_outcome: Text = ""
    provision: Text = ""
    delivered_by: Text = ""
    frequency: Text = Field(default="", examples=["3 sessions a week"])
    duration: Text = Field(default="", examples=["30 minutes each, for 2 terms"])
    in_welsh: bool | None = None
    provider_kind: ProviderKind
    provider_organisation: Organisation
    start_on: date | None = None
    review_or_end_on: date | None = None
    rationale: Text = ""


class WelshDecisionIn(Model):
    decision: Annotated[str, Field(min_length=1, max_length=5000)]


class LaExtrasIn(Model):
    named_place: Text | None = None
    board_and_lodging: bool = False
    transport: Text | None = None


class Section3In(Model):
    information_used: Text
    review_and_transition: Text


class LacDetailsIn(Model):
    independent_reviewing_officer: Annotated[str, Field(min_length=1, max_length=200)]
    looking_after_authority: Annotated[str, Field(min_length=1, max_length=200)]
    personal_education_plan_reference: Annotated[str, Field(min_length=1, max_length=200)]


class IssueIn(Model):
    issued_on: date
    issued_by: Organisation


class ReviseIn(IssueIn):
    reason: RevisionReason


class ReviewRequestIn(Model):
    requested_by_kind: ReviewRequester
    organisation_or_person: Annotated[str, Field(min_length=1, max_length=200)]
    requested_on: date
    reason: Text


class DeclineIn(Model):
    declined_on: date
    reasons: Annotated[str, Field(min_length=1, max_length=5000)]


class ReviewIn(Model):
    held_on: date
    outcome: ReviewOutcome


class NhsAlpIn(Model):
    element: AlpElementIn
    nhs_answer_reference: Annotated[str, Field(min_length=1, max_length=200)]
    added_on: date


class TransferIn(Model):
    to: MaintainerIn
    reason: TransferReason
    transferred_on: date


class CeaseProposalIn(Model):
    proposed_on: date
    reasons: Annotated[str, Field(min_length=1, max_length=5000)]


class CessationIn(Model):
    decided_on: date
    reasons: Annotated[str, Field(min_length=1, max_length=5000)]


class ClosureIn(Model):
    closed_on: date
    reason: ClosureReason


class DeliveryIn(Model):
    element_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,32}$")]
    on: date
    delivered: bool
    sessions: Annotated[int | None, Field(ge=0, le=100)] = None
    minutes: Annotated[int | None, Field(ge=0, le=1440)] = None
    missed_reason: Text | None = None
    recorded_by: Organisation


class Accepted(BaseModel):
    id: UUID
    version: int


class PlanOut(BaseModel):
    id: UUID
    version: int
    learner_id: str
    status: str
    maintainer: dict[str, Any]
    looked_after: bool
    current_plan_version: int
    deadlines: dict[str, Any]
    draft: dict[str, Any]
    problems_before_issue: dict[str, str]
    revision_due: list[str]
    revision_directions: list[dict[str, Any]]
    review_requests: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    transfers: list[dict[str, Any]]
    cease: dict[str, Any] | None
    closure: dict[str, Any] | None
    deliveries: dict[str, list[dict[str, Any]]]


# -- helpers ---------------------------------------------------------------------------------


def service(request: Request) -> IdpService:
    app: IdpService = request.app.state.application
    return app


def readable(request: Request, idp_id: UUID) -> Idp:
    plan = service(request).plan(idp_id)
    access.require_read(principal_of(request), plan)
    return plan


def as_maintainer(
    request: Request,
    response: Response,
    idp_id: UUID,
    run: Callable[[], int],
    *,
    drafting: bool = False,
) -> Accepted:
    """The maintaining body runs a service-layer command; answer with the new ETag."""
    plan = readable(request, idp_id)
    access.require_maintainer(principal_of(request), plan, drafting=drafting)
    version = run()
    response.headers["ETag"] = f'"{version}"'
    return Accepted(id=idp_id, version=version)


def change(
    request: Request,
    response: Response,
    idp_id: UUID,
    if_match: str | None,
    command: Any,
    *,
    maintainer_only: bool = True,
    drafting: bool = False,
) -> Accepted:
    """Check who may act, run the command with If-Match, answer with the new ETag."""
    plan = readable(request, idp_id)
    if maintainer_only:
        access.require_maintainer(principal_of(request), plan, drafting=drafting)
    version = service(request).change_plan(idp_id, expected_version(if_match), command)
    response.headers["ETag"] = f'"{version}"'
    return Accepted(id=idp_id, version=version)


def edit_draft(
    request: Request, response: Response, idp_id: UUID, if_match: str | None, command: Any
) -> Accepted:
    """A change to the draft: by the maintainer, or by an LA that directed a revision."""
    return change(request, response, idp_id, if_match, command, drafting=True)


# -- plans -----------------------------------------------------------------------------------


@router.post("", status_code=201, summary="Open a plan on an LA's direction")
def open_plan(body: OpenIn, request: Request, response: Response) -> Accepted:
    principal = principal_of(request)
    if principal.kind != "la":
        raise ProblemError(403, "Forbidden", "only a local authority directs a plan to be opened")
    plan_id, version = service(request).open_on_direction(
        learner_id=body.learner_id,
        maintainer=Maintainer.from_dict(body.maintainer.model_dump()),
        opened_on=body.opened_on,
        looked_after=body.looked_after,
    )
    response.headers["Location"] = f"/v1/idps/{plan_id}"
    response.headers["ETag"] = f'"{version}"'
    return Accepted(id=plan_id, version=version)


class PlanPage(BaseModel):
    items: list[dict[str, Any]]
    next_after: str | None = Field(description="Pass as `after` for the next page")


class PlanChanges(BaseModel):
    items: list[dict[str, Any]]
    cursor: int = Field(description="Pass as `after` next time; unchanged when nothing changed")


def _scope(principal: Principal) -> tuple[str | None, str | None]:
    """(organisation, establishment prefix): a maintainer lists its plans; an LA its own and
    its schools' and FEIs'; an auditor all."""
    organisation = None if principal.kind in {"auditor", "la"} else principal.organisation
    return organisation, principal.org_id if principal.kind == "la" else None


@router.get("", summary="List plans (by maintaining body, status, review due), by page")
def find_plans(
    request: Request,
    learner_id: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[str | None, Query(max_length=32)] = None,
    review_due_before: date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[str | None, Query(max_length=36)] = None,
) -> PlanPage:
    with request.app.state.engine.connect() as conn:
        organisation, prefix = _scope(principal_of(request))
        items = list_plans(
            conn,
            organisation=organisation,
            establishment_prefix=prefix,
            learner_id=learner_id,
            status=status,
            review_due_before=review_due_before,
            limit=limit,
            after=after,
        )
    return PlanPage(items=items, next_after=items[-1]["idp_id"] if len(items) == limit else None)


@router.get("-changes", summary="Plans changed since a cursor (for MIS that poll)")
def plan_changes(
    request: Request,
    after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> PlanChanges:
    with request.app.state.engine.connect() as conn:
        organisation, prefix = _scope(principal_of(request))
        items = list_plans(
            conn,
            organisation=organisation,
            establishment_prefix=prefix,
            learner_id=None,
            status=None,
            review_due_before=None,
            limit=limit,
            changed_after=after,
        )
    return PlanChanges(items=items, cursor=items[-1]["changed_at_position"] if items else after)


@router.get("-alp", summary="ALP in force provided by one organisation (e.g. a health board)")
def provided_alp(
    request: Request, provider: Annotated[str, Query(pattern=ORGANISATION)]
) -> list[dict[str, Any]]:
    principal = principal_of(request)
    if principal.organisation != provider and principal.kind != "auditor":
        raise ProblemError(403, "Forbidden", "an organisation sees the ALP it provides")
    with request.app.state.engine.connect() as conn:
        return alp_by_provider(conn, provider)


@router.get(
    "-welsh-medium/{local_authority}",
    summary="Welsh-medium ALP required and delivered across an LA's plans",
)
def welsh_medium(
    request: Request, local_authority: Annotated[str, Path(pattern=r"^\d{3}$")]
) -> dict[str, Any]:
    principal = principal_of(request)
    if principal.org_id != local_authority or principal.kind not in {"la", "auditor"}:
        raise ProblemError(403, "Forbidden", "an LA's figures are its own and its auditors'")
    with request.app.state.engine.connect() as conn:
        return welsh_medium_sufficiency(conn, local_authority)


@router.get("/{idp_id}", summary="A plan: its draft, deadlines, reviews and history")
def get_plan(idp_id: IdpId, request: Request, response: Response) -> PlanOut:
    plan = readable(request, idp_id)
    response.headers["ETag"] = f'"{plan.version}"'
    return PlanOut(
        id=plan.id,
        version=plan.version,
        learner_id=plan.learner_id,
        status=str(plan.status),
        maintainer=plan.maintainer,
        looked_after=plan.looked_after,
        current_plan_version=plan.current_version,
        deadlines=plan.deadlines,
        draft=plan.draft,
        problems_before_issue=plan.problems_before_issue(),
        revision_due=list(plan.revision_due),
        revision_directions=plan.revision_directions,
        review_requests=plan.review_requests,
        reviews=plan.reviews,
        transfers=plan.transfers,
        cease=plan.cease,
        closure=plan.closure,
        deliveries=plan.deliveries,
    )


@router.get("/{idp_id}/versions/{number}", summary="An issued version, exactly as issued")
def get_version(
    idp_id: IdpId, number: Annotated[int, Path(ge=1)], request: Request
) -> dict[str, Any]:
    return readable(request, idp_id).issued_version(number)


@router.get(
    "/{idp_id}/versions/{number}/pdf",
    summary="An issued version as a bilingual PDF on the standard form",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def get_version_pdf(
    idp_id: IdpId, number: Annotated[int, Path(ge=1)], request: Request
) -> Response:
    plan = readable(request, idp_id)
    version = plan.issued_version(number)
    issued = datetime.combine(date.fromisoformat(str(version["issued_on"])), datetime.min.time())
    pdf = render_idp(document_of(plan, version), created_at=issued.replace(tzinfo=UTC))
    filename = f"idp-{idp_id}-v{number}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# -- the draft, section by section -------------------------------------------------------------


@router.put("/{idp_id}/draft/section-1", summary="Section 1: the learner and the plan")
def set_section_1(
    idp_id: IdpId, body: Section1In, request: Request, response: Response, if_match: IfMatch = None
) -> Accepted:
    value = Section1.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.set_section_1(value))


@router.put("/{idp_id}/draft/one-page-profile", summary="1C: the one-page profile")
def set_profile(
    idp_id: IdpId, body: OnePageProfileIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = OnePageProfile.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.set_one_page_profile(value))


@router.put("/{idp_id}/draft/aln-description", summary="2A: the description of ALN")
def set_aln(
    idp_id: IdpId, body: AlnDescriptionIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = AlnDescription.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.set_aln_description(value))


@router.put("/{idp_id}/draft/welsh-language-decision", summary="Whether ALP is in Welsh")
def set_welsh(
    idp_id: IdpId, body: WelshDecisionIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    return edit_draft(
        request, response, idp_id, if_match,
        lambda p: p.set_welsh_language_decision(body.decision),
    )  # fmt: skip


@router.put("/{idp_id}/draft/la-extras", summary="LA plans: named place, lodging, transport")
def set_la_extras(
    idp_id: IdpId, body: LaExtrasIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = LaExtras.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.set_la_extras(value))


@router.put("/{idp_id}/draft/section-3", summary="Section 3: information used, transition")
def set_section_3(
    idp_id: IdpId, body: Section3In, request: Request, response: Response, if_match: IfMatch = None
) -> Accepted:
    value = Section3.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.set_section_3(value))


@router.put("/{idp_id}/draft/lac-details", summary="Looked-after child: IRO, LA, PEP")
def set_lac(
    idp_id: IdpId, body: LacDetailsIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = LacDetails.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.set_lac_details(value))


@router.post("/{idp_id}/draft/alp-elements", summary="2B: add an element of ALP")
def add_element(
    idp_id: IdpId, body: AlpElementIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = AlpElement.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.add_alp_element(value))


@router.put("/{idp_id}/draft/alp-elements/{element_id}", summary="2B: amend an element")
def amend_element(
    idp_id: IdpId, element_id: str, body: AlpElementIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    if body.element_id != element_id:
        raise ProblemError(422, "Unprocessable Entity", "the body names another element")
    value = AlpElement.from_dict(body.model_dump())
    return edit_draft(request, response, idp_id, if_match, lambda p: p.amend_alp_element(value))


@router.delete("/{idp_id}/draft/alp-elements/{element_id}", summary="2B: remove an element")
def remove_element(
    idp_id: IdpId, element_id: str, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    return edit_draft(
        request, response, idp_id, if_match, lambda p: p.remove_alp_element(element_id)
    )


# -- lifecycle -------------------------------------------------------------------------------


def _issuer(principal: Principal, issued_by: str) -> None:
    if issued_by != principal.organisation:
        raise ProblemError(403, "Forbidden", f"the caller acts for {principal.organisation}")


@router.post("/{idp_id}/issue", summary="Issue version 1 (the review clock starts)")
def issue(
    idp_id: IdpId, body: IssueIn, request: Request, response: Response, if_match: IfMatch = None
) -> Accepted:
    _issuer(principal_of(request), body.issued_by)
    return as_maintainer(
        request, response, idp_id,
        lambda: service(request).issue(
            idp_id, issued_on=body.issued_on, issued_by=body.issued_by,
            expected_version=expected_version(if_match),
        ),
    )  # fmt: skip


@router.post("/{idp_id}/revisions", summary="Issue the draft as the next version")
def revise(
    idp_id: IdpId, body: ReviseIn, request: Request, response: Response, if_match: IfMatch = None
) -> Accepted:
    principal = principal_of(request)
    _issuer(principal, body.issued_by)
    plan = readable(request, idp_id)
    if principal.organisation != plan.maintainer["organisation"] and (
        body.reason is not RevisionReason.RECONSIDERATION
    ):
        raise ProblemError(
            403, "Forbidden", "an LA revises a school's plan only on its reconsideration (s.27)"
        )
    return as_maintainer(
        request, response, idp_id,
        lambda: service(request).revise(
            idp_id, issued_on=body.issued_on, issued_by=body.issued_by, reason=body.reason,
            expected_version=expected_version(if_match),
        ),
        drafting=True,
    )  # fmt: skip


@router.post("/{idp_id}/review-requests", summary="A family or an NHS body asks for a review")
def request_review(
    idp_id: IdpId, body: ReviewRequestIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    principal = principal_of(request)
    if body.requested_by_kind == ReviewRequester.NHS_BODY and (
        body.organisation_or_person != principal.organisation
    ):
        raise ProblemError(403, "Forbidden", "an NHS body asks for a review in its own name")
    return change(
        request, response, idp_id, if_match,
        lambda p: p.request_review(**body.model_dump()),
        maintainer_only=body.requested_by_kind != ReviewRequester.NHS_BODY,
    )  # fmt: skip


@router.post("/{idp_id}/review-requests/decline", summary="Decline a family's request")
def decline_review(
    idp_id: IdpId, body: DeclineIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    return change(
        request, response, idp_id, if_match, lambda p: p.decline_review(**body.model_dump())
    )


@router.post("/{idp_id}/reviews", summary="Hold a review: revised, or not (clock reset)")
def hold_review(
    idp_id: IdpId, body: ReviewIn, request: Request, response: Response, if_match: IfMatch = None
) -> Accepted:
    return as_maintainer(
        request, response, idp_id,
        lambda: service(request).hold_review(
            idp_id,
            held_on=body.held_on,
            outcome=body.outcome,
            expected_version=expected_version(if_match),
        ),
    )  # fmt: skip


@router.post("/{idp_id}/nhs-alp", summary="Add ALP to be secured by an NHS body")
def add_nhs_alp(
    idp_id: IdpId, body: NhsAlpIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    element = AlpElement.from_dict(body.element.model_dump())
    return change(
        request, response, idp_id, if_match,
        lambda p: p.add_nhs_alp(
            element, nhs_answer_reference=body.nhs_answer_reference, added_on=body.added_on
        ),
    )  # fmt: skip


@router.post("/{idp_id}/transfers", summary="Transfer responsibility to another body")
def transfer(
    idp_id: IdpId, body: TransferIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    return as_maintainer(
        request, response, idp_id,
        lambda: service(request).transfer(
            idp_id, to=Maintainer.from_dict(body.to.model_dump()), reason=body.reason,
            transferred_on=body.transferred_on, expected_version=expected_version(if_match),
        ),
    )  # fmt: skip


@router.post("/{idp_id}/cease-proposals", summary="Propose to cease the plan")
def propose_cease(
    idp_id: IdpId, body: CeaseProposalIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    return change(
        request, response, idp_id, if_match, lambda p: p.propose_cease(**body.model_dump())
    )


@router.post("/{idp_id}/cessation", summary="Decide to cease (a school's: 4 weeks to challenge)")
def decide_cease(
    idp_id: IdpId, body: CessationIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    return as_maintainer(
        request, response, idp_id,
        lambda: service(request).decide_cease(
            idp_id, decided_on=body.decided_on, reasons=body.reasons,
            expected_version=expected_version(if_match),
        ),
    )  # fmt: skip


@router.post("/{idp_id}/closure", summary="Close the plan (left, consent withdrawn, age 25)")
def close(
    idp_id: IdpId, body: ClosureIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    return change(
        request, response, idp_id, if_match,
        lambda p: p.close(closed_on=body.closed_on, reason=body.reason),
    )  # fmt: skip


@router.post("/{idp_id}/deliveries", summary="Record provision delivered (or missed, and why)")
def record_delivery(
    idp_id: IdpId, body: DeliveryIn, request: Request, response: Response,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    principal = principal_of(request)
    if body.recorded_by != principal.organisation:
        raise ProblemError(403, "Forbidden", f"the caller acts for {principal.organisation}")
    return change(
        request, response, idp_id, if_match,
        lambda p: p.record_delivery(**body.model_dump()), maintainer_only=False,
    )  # fmt: skip
