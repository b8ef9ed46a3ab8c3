"""Figures across plans, from the read models: the ALP in force one organisation provides, and
the Welsh-medium ALP an LA's plans require and receive."""

from typing import Annotated, Any

from fastapi import Query, Request, Response

from idp import access
from idp.api.answers import ProvidedAlpRow, ShortfallRow
from idp.api.common import EngineDep, ServiceDep, resource_router
from idp.api.schemas import WelshMediumSufficiency
from idp.projections import alp_by_provider, open_shortfalls, welsh_medium_sufficiency
from idp.settings import Settings
from llwybr.access import Capability, audience
from llwybr.edge import ORGANISATION, ActDate, CallerDep, today_in_wales
from llwybr.organisation_ids import LocalAuthorityPath, answer_la, la_number
from llwybr.problem_types import raises

router = resource_router()


@router.get(
    "-alp",
    summary="ALP in force provided by one organisation (e.g. a health board)",
    response_model=list[ProvidedAlpRow],
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def provided_alp(
    provider: Annotated[str, Query(pattern=ORGANISATION)],
    request: Request,
    caller: CallerDep,
    engine: EngineDep,
    service: ServiceDep,
    as_of: Annotated[ActDate | None, Query(description="Default: today in Wales")] = None,
) -> list[dict[str, Any]]:
    """Only from the plans the caller may read (an auditor: those of its jurisdiction). Each
    row's ``to_date`` is the element planned against delivered on ``as_of``, as
    ``GET /v1/idps/{id}/provision`` shows it: expected sessions and minutes, delivered, the
    gap, the window's share, ``measurable`` (false: no schedule, nothing due) and
    ``provisional`` (no calendar known: counted on working days, not judged)."""
    with engine.connect() as conn:
        rows = alp_by_provider(conn, provider, audience(caller, Capability.READ))
    settings: Settings = request.app.state.settings
    figures = service.provision_to_date(
        (r["idp_id"] for r in rows),
        as_of=as_of or today_in_wales(),
        policy=settings.shortfall_policy(),
    )
    return [{**r, "to_date": figures.get((r["idp_id"], r["element_id"]))} for r in rows]


@router.get(
    "-shortfalls",
    summary="Open shortfalls of provision (for whoever must act)",
    response_model=list[ShortfallRow],
    response_model_exclude_unset=True,
    openapi_extra=raises(),
)
def shortfalls(
    caller: CallerDep,
    engine: EngineDep,
    provider: Annotated[str | None, Query(pattern=ORGANISATION)] = None,
) -> list[dict[str, Any]]:
    """Elements of ALP in force found short of their schedule and not yet delivered as
    planned again (issue 24), in the plans the caller may read: the maintainer's, the
    providers', the learner's LAs' and their auditors'. Each row names the element, the plan,
    the provider and the shortfall found, so the body that must act sees it; ``provider``
    narrows the list to one provider's elements."""
    with engine.connect() as conn:
        return open_shortfalls(conn, audience(caller, Capability.READ), provider)


@router.get(
    "-welsh-medium/{local_authority}",
    summary="Welsh-medium ALP required and delivered across an LA's plans",
    openapi_extra=raises(
        refusals={"not-the-authority": "An LA's figures are its own and its auditors'."}
    ),
)
def welsh_medium(
    local_authority: LocalAuthorityPath, response: Response, caller: CallerDep, engine: EngineDep
) -> WelshMediumSufficiency:
    """For an LA's planning of sufficient Welsh-medium ALP: across the plans of the learners
    it is responsible for, how many elements of ALP must be provided in Welsh, and how much
    of that was delivered in Welsh. Only the LA itself, or an auditor of its jurisdiction,
    may read its figures; another body is refused."""
    la = answer_la(local_authority, response)
    access.require_authority_figures(caller, la_number(la))
    with engine.connect() as conn:
        figures = welsh_medium_sufficiency(conn, la_number(la))
    return WelshMediumSufficiency.model_validate(figures | {"local_authority": la})
