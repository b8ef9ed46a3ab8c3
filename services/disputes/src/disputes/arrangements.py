"""The LA's arrangements through the API: disagreement resolution cases and independent
advocacy (Act ss.68-69).

The LA opens and concludes its cases and records advocacy; a party's organisation (a school,
an FEI, an NHS body) and auditors may read a case; others get 404.
"""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import Field, model_validator

from disputes.api import (
    RESPONSES,
    Accepted,
    Model,
    Text,
    done,
    service,
)
from disputes.decisions import APPEALED, known, reconcile_notice
from disputes.domain import (
    Advocacy,
    AdvocacyFor,
    AppealMatter,
    CaseParticipant,
    DisagreementOutcome,
    DisagreementResolution,
    PartyRole,
)
from llwybr.edge import IfMatch, expected_version, principal_of
from llwybr.history import state_of
from llwybr.principal import Principal
from llwybr.problems import ProblemError

router = APIRouter(prefix="/v1", tags=["disputes"], responses=RESPONSES)
Name = Annotated[str, Field(min_length=1, max_length=200)]


class ParticipantIn(Model):
    name: Name
    role: PartyRole
    organisation: Name | None = Field(default=None, description="e.g. school:6652001")


class IndependentIn(Model):
    name: Name
    organisation: Name | None = Field(default=None, description="The service they work for")


class DisagreementIn(Model):
    learner_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
    opened_on: date
    arrangements: Text = Field(description="The LA's arrangements this case runs under")
    facilitator: IndependentIn
    parties: list[ParticipantIn] = Field(min_length=2, max_length=20)
    reconsideration_id: UUID | None = Field(
        default=None, description="The LA reconsideration disagreed about (its window extends)"
    )
    subject_id: UUID | None = Field(
        default=None, description="Another body's decision disagreed about (determination, IDP)"
    )
    matter: AppealMatter | None = Field(
        default=None, description="With subject_id: what about it (finds its notice)"
    )
    notice_given_on: date | None = Field(
        default=None, description="With subject_id, when its notice is not known here"
    )

    @model_validator(mode="after")
    def _one_subject(self) -> "DisagreementIn":
        if self.reconsideration_id is not None and self.subject_id is not None:
            raise ValueError("give reconsideration_id or subject_id, not both")
        if self.subject_id is None and (self.matter or self.notice_given_on):
            raise ValueError("matter and notice_given_on go with subject_id")
        return self


class ConclusionIn(Model):
    concluded_on: date
    outcome: DisagreementOutcome
    summary: Text


class AdvocacyIn(Model):
    learner_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
    for_person: AdvocacyFor
    requested_by: Name
    requested_on: date
    related_case_id: UUID | None = Field(
        default=None, description="A reconsideration, appeal or disagreement resolution case"
    )


class ProvisionIn(Model):
    advocate: IndependentIn
    provided_on: date


class EndIn(Model):
    ended_on: date
    reason: Text


def _require_la(principal: Principal) -> None:
    if principal.kind != "la":
        raise ProblemError(403, "Forbidden", "the LA makes these arrangements")


def _readable(principal: Principal, local_authority: str, organisations: set[str]) -> bool:
    auditor_of = principal.kind == "auditor" and local_authority.endswith(principal.org_id)
    return principal.organisation in {local_authority, *organisations} or auditor_of


def _case(request: Request, case_id: UUID) -> DisagreementResolution:
    case = service(request).get_as(case_id, DisagreementResolution)
    parties = {p.organisation for p in case.parties if p.organisation}
    if not _readable(principal_of(request), case.local_authority, parties):
        raise ProblemError(404, "Not Found", f"no case {case_id}", kind="not-found")
    return case


def _advocacy(request: Request, advocacy_id: UUID) -> Advocacy:
    advocacy = service(request).get_as(advocacy_id, Advocacy)
    if not _readable(principal_of(request), advocacy.local_authority, set()):
        raise ProblemError(404, "Not Found", f"no advocacy {advocacy_id}", kind="not-found")
    return advocacy


def _as_la(request: Request, local_authority: str) -> None:
    if principal_of(request).organisation != local_authority:
        raise ProblemError(403, "Forbidden", f"{local_authority} keeps this record")


@router.post(
    "/disagreement-resolutions",
    status_code=201,
    summary="Open a disagreement resolution case (in an appeal window: 8 more weeks to appeal)",
)
def open_case(body: DisagreementIn, request: Request, response: Response) -> Accepted:
    principal = principal_of(request)
    _require_la(principal)
    notice = body.notice_given_on
    if body.subject_id is not None and body.matter in APPEALED:
        with request.app.state.engine.connect() as conn:
            learned = known(conn, str(body.subject_id), APPEALED[body.matter])
        notice = reconcile_notice(notice, learned)
    case_id, version = service(request).open_disagreement_resolution(
        reconsideration_id=body.reconsideration_id, subject_id=body.subject_id,
        notice_given_on=notice, learner_id=body.learner_id,
        local_authority=principal.organisation, opened_on=body.opened_on,
        arrangements=body.arrangements,
        facilitator=CaseParticipant(body.facilitator.name, None, body.facilitator.organisation),
        parties=[CaseParticipant(p.name, p.role, p.organisation) for p in body.parties],
    )  # fmt: skip
    response.headers["Location"] = f"/v1/disagreement-resolutions/{case_id}"
    return done(response, case_id, version)


@router.get("/disagreement-resolutions/{case_id}", summary="A disagreement resolution case")
def get_case(case_id: UUID, request: Request, response: Response) -> dict[str, Any]:
    case = _case(request, case_id)
    response.headers["ETag"] = f'"{case.version}"'
    return state_of(case)


@router.post("/disagreement-resolutions/{case_id}/conclusion", summary="The case's outcome")
def conclude(case_id: UUID, body: ConclusionIn, request: Request, response: Response,
             if_match: IfMatch = None) -> Accepted:  # fmt: skip
    _as_la(request, _case(request, case_id).local_authority)
    version = service(request).act(
        case_id, DisagreementResolution, expected_version(if_match),
        lambda c: c.conclude(**body.model_dump()),
    )  # fmt: skip
    return done(response, case_id, version)


@router.post("/advocacy", status_code=201, summary="Independent advocacy requested of the LA")
def request_advocacy(body: AdvocacyIn, request: Request, response: Response) -> Accepted:
    principal = principal_of(request)
    _require_la(principal)
    advocacy = Advocacy.request(local_authority=principal.organisation, **body.model_dump())
    service(request).save(advocacy)
    response.headers["Location"] = f"/v1/advocacy/{advocacy.id}"
    return done(response, advocacy.id, int(advocacy.version))


@router.get("/advocacy/{advocacy_id}", summary="An advocacy request and its provision")
def get_advocacy(advocacy_id: UUID, request: Request, response: Response) -> dict[str, Any]:
    advocacy = _advocacy(request, advocacy_id)
    response.headers["ETag"] = f'"{advocacy.version}"'
    return state_of(advocacy)


@router.post("/advocacy/{advocacy_id}/provision", summary="An independent advocate acts")
def provide(advocacy_id: UUID, body: ProvisionIn, request: Request, response: Response,
            if_match: IfMatch = None) -> Accepted:  # fmt: skip
    _as_la(request, _advocacy(request, advocacy_id).local_authority)
    advocate = CaseParticipant(body.advocate.name, None, body.advocate.organisation)
    version = service(request).act(
        advocacy_id, Advocacy, expected_version(if_match),
        lambda a: a.provide(advocate=advocate, provided_on=body.provided_on),
    )  # fmt: skip
    return done(response, advocacy_id, version)


@router.post("/advocacy/{advocacy_id}/end", summary="The advocacy ends")
def end(advocacy_id: UUID, body: EndIn, request: Request, response: Response,
        if_match: IfMatch = None) -> Accepted:  # fmt: skip
    _as_la(request, _advocacy(request, advocacy_id).local_authority)
    version = service(request).act(
        advocacy_id, Advocacy, expected_version(if_match), lambda a: a.end(**body.model_dump())
    )
    return done(response, advocacy_id, version)
